/**
 * No secret and no token in anything the browser loads: build the add-in's bundles (production) with a
 * recognisable client secret and encryption key in the environment, and search every emitted file for them and
 * for anything of the OAuth client's machinery.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

describe("browser bundles", () => {
  let out: string;
  const secret = `qbo-secret-${randomBytes(12).toString("hex")}`;
  const key = randomBytes(32).toString("base64");

  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "revrec-bundle-"));
  });
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it("contain no client secret, no token and no OAuth client code", () => {
    expect(existsSync(path.join(root, "webpack.config.js"))).toBe(true);
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [root] });
    const build = spawnSync(process.execPath, [cli, "--mode", "production", "--output-path", out], {
      cwd: root,
      env: {
        ...process.env,
        QBO_CLIENT_ID: "bundle-test-client",
        QBO_CLIENT_SECRET: secret,
        REVREC_ENCRYPTION_KEY: key,
      },
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(build.status).toBe(0);
    const emitted = files(out).filter((f) => /\.(js|html|json|map|txt)$/.test(f));
    expect(emitted.some((f) => f.endsWith(".js"))).toBe(true);
    const forbidden = [
      secret,
      key,
      "revrec-dev-secret", // the local sandbox's development client secret
      "client_secret",
      "refresh_token",
      "x_refresh_token_expires_in",
      "oauth.platform.intuit.com/oauth2/v1/tokens",
      "Intuit-OAuthClient-JS", // intuit-oauth's user agent: the library itself
    ];
    const found: string[] = [];
    for (const f of emitted) {
      const text = readFileSync(f, "utf8");
      for (const s of forbidden) if (text.includes(s)) found.push(`${path.relative(out, f)}: ${s}`);
      // Session tokens exist only at run time, handed over by the sign-in page.
      if (/\brrs_[A-Za-z0-9_-]{43}\b/.test(text))
        found.push(`${path.relative(out, f)}: a session token`);
    }
    expect(found).toEqual([]);
  }, 180_000);
});
