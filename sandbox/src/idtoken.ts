/** OpenID Connect: an RS256 id_token for the `openid` scope, verifiable against the sandbox's JWKS. */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { JsonObject } from "./json";

export const ISSUER = "https://oauth.platform.intuit.com/op/v1";

export class IdTokenSigner {
  private keys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
  private readonly kid = "sandbox-rs256-1";

  /** The key pair is made on first use (it costs tens of milliseconds). */
  private pair(): { privateKey: KeyObject; publicKey: KeyObject } {
    this.keys ??= generateKeyPairSync("rsa", { modulusLength: 2048 });
    return this.keys;
  }

  jwks(): JsonObject {
    const jwk = this.pair().publicKey.export({ format: "jwk" });
    return {
      keys: [
        { kty: "RSA", kid: this.kid, use: "sig", alg: "RS256", n: jwk.n ?? "", e: jwk.e ?? "" },
      ],
    };
  }

  sign(claims: JsonObject): string {
    const enc = (o: JsonObject): string => Buffer.from(JSON.stringify(o)).toString("base64url");
    const input = `${enc({ kid: this.kid, alg: "RS256" })}.${enc(claims)}`;
    const sig = sign("RSA-SHA256", Buffer.from(input), this.pair().privateKey).toString(
      "base64url"
    );
    return `${input}.${sig}`;
  }
}
