/**
 * Intuit OAuth 2.0: registered clients, the consent page, single-use codes, the token endpoint
 * (authorization_code and refresh_token with HTTP Basic or client_secret_post), rotation, revoke, bearer checks.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "./clock";
import type { Behaviour } from "./config";
import { IdTokenSigner, ISSUER } from "./idtoken";
import type { JsonObject } from "./json";

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export const DEFAULT_CLIENT: ClientRegistration = {
  clientId: "revrec-dev",
  clientSecret: "revrec-dev-secret",
  redirectUris: [
    "https://localhost:3000/auth/qbo/callback",
    "https://127.0.0.1:3000/auth/qbo/callback",
  ],
};

interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  realmId: string;
  expiresAt: number;
  used: boolean;
}

interface Grant {
  id: string;
  clientId: string;
  realmId: string;
  scope: string;
  revoked: boolean;
  hardExpiresAt: number;
}

interface AccessRecord {
  token: string;
  grant: string;
  expiresAt: number;
}

interface RefreshRecord {
  token: string;
  grant: string;
  createdAt: number;
  expiresAt: number;
  supersededAt?: number;
  successor?: string;
}

export interface OAuthSnapshot {
  grants: Grant[];
  access: AccessRecord[];
  refresh: RefreshRecord[];
}

export type TokenResult = { status: number; body: JsonObject };

export type BearerCheck =
  { ok: true; realmId: string; clientId: string; scope: string } | { ok: false; detail: string };

function tokenError(status: number, error: string, description: string): TokenResult {
  return { status, body: { error, error_description: description } };
}

function rand(n: number): string {
  return randomBytes(n).toString("base64url");
}

function alnum(n: number): string {
  const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(n);
  let s = "";
  for (const b of bytes) s += chars.charAt(b % chars.length);
  return s;
}

export function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (!m?.[1]) return undefined;
  const text = Buffer.from(m[1], "base64").toString("utf8");
  const i = text.indexOf(":");
  if (i < 0) return undefined;
  const decode = (x: string): string => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x;
    }
  };
  return { id: decode(text.slice(0, i)), secret: decode(text.slice(i + 1)) };
}

export class OAuthServer {
  private readonly clients = new Map<string, ClientRegistration>();
  private readonly codes = new Map<string, CodeRecord>();
  /** Calls to the token endpoint with grant_type=refresh_token (tests count them). */
  private refreshCalls = 0;
  /** The same per company (realm) whose refresh token was presented, and how many of those were refused. */
  private readonly realmRefreshes = new Map<string, { calls: number; invalidGrants: number }>();
  private grants = new Map<string, Grant>();
  private access = new Map<string, AccessRecord>();
  private refresh = new Map<string, RefreshRecord>();
  readonly idTokens = new IdTokenSigner();

  constructor(
    clients: ClientRegistration[],
    private readonly clock: Clock,
    private readonly behaviour: Behaviour
  ) {
    for (const c of clients) this.clients.set(c.clientId, c);
  }

  client(id: string): ClientRegistration | undefined {
    return this.clients.get(id);
  }

  /** Checks an authorize request; returns an error text for a page, or undefined when it may proceed. */
  checkAuthorize(q: URLSearchParams): string | undefined {
    const client = this.clients.get(q.get("client_id") ?? "");
    if (!client) return "The client_id is not registered with this sandbox.";
    if (!client.redirectUris.includes(q.get("redirect_uri") ?? "")) {
      return "The redirect_uri does not match any redirect URI registered for this app.";
    }
    return undefined;
  }

  /** Issues a single-use code for an approved request, for the company (realm) the user chose. */
  issueCode(clientId: string, redirectUri: string, scope: string, realmId: string): string {
    const code = `AB11${Math.floor(this.clock.now() / 1000)}${alnum(40)}`;
    this.codes.set(code, {
      code,
      clientId,
      redirectUri,
      scope,
      realmId,
      expiresAt: this.clock.now() + this.behaviour.codeSeconds * 1000,
      used: false,
    });
    return code;
  }

  private authenticateClient(
    authorization: string | undefined,
    form: URLSearchParams
  ): ClientRegistration | undefined {
    const basic = parseBasic(authorization);
    const id = basic?.id ?? form.get("client_id") ?? "";
    const secret = basic?.secret ?? form.get("client_secret") ?? "";
    const c = this.clients.get(id);
    return c && c.clientSecret === secret ? c : undefined;
  }

  token(
    authorization: string | undefined,
    form: URLSearchParams,
    includeHardExpiry: boolean
  ): TokenResult {
    const client = this.authenticateClient(authorization, form);
    if (!client)
      return tokenError(
        this.behaviour.invalidClientStatus,
        "invalid_client",
        "Client authentication failed"
      );
    const grantType = form.get("grant_type");
    const now = this.clock.now();
    if (grantType === "authorization_code") {
      const code = form.get("code");
      if (!code) return tokenError(400, "invalid_request", "code is required");
      const rec = this.codes.get(code);
      if (!rec || rec.used || rec.expiresAt <= now || rec.clientId !== client.clientId) {
        if (rec) rec.used = true;
        return tokenError(400, "invalid_grant", "Token invalid");
      }
      if (form.get("redirect_uri") !== rec.redirectUri) {
        return tokenError(
          400,
          "invalid_grant",
          "redirect_uri does not match the authorization request"
        );
      }
      rec.used = true;
      const grant: Grant = {
        id: rand(12),
        clientId: client.clientId,
        realmId: rec.realmId,
        scope: rec.scope,
        revoked: false,
        hardExpiresAt: now + this.behaviour.refreshTokenHardSeconds * 1000,
      };
      this.grants.set(grant.id, grant);
      const rt = this.newRefresh(grant, now);
      const body = this.tokenBody(grant, rt, now, includeHardExpiry);
      if (rec.scope.split(/\s+/).includes("openid")) {
        const iat = Math.floor(now / 1000);
        body["id_token"] = this.idTokens.sign({
          sub: `sandbox-user-${rec.realmId}`,
          aud: [client.clientId],
          realmid: rec.realmId,
          auth_time: iat,
          iss: ISSUER,
          exp: iat + 3600,
          iat,
        });
      }
      return { status: 200, body };
    }
    if (grantType === "refresh_token") {
      this.refreshCalls++;
      const token = form.get("refresh_token");
      if (!token) return tokenError(400, "invalid_request", "refresh_token is required");
      let rec = this.refresh.get(token);
      const grant = rec ? this.grants.get(rec.grant) : undefined;
      const tally = grant === undefined ? undefined : this.realmTally(grant.realmId);
      if (tally) tally.calls++;
      const refused = (description: string): TokenResult => {
        if (tally) tally.invalidGrants++;
        return tokenError(400, "invalid_grant", description);
      };
      if (!rec || !grant || grant.revoked || grant.clientId !== client.clientId) {
        return refused("Token invalid");
      }
      if (rec.expiresAt <= now || grant.hardExpiresAt <= now) return refused("Token expired");
      if (rec.supersededAt !== undefined) {
        if (now >= rec.supersededAt + this.behaviour.refreshGraceSeconds * 1000 || !rec.successor) {
          return refused("Token invalid");
        }
        rec = this.refresh.get(rec.successor) ?? rec;
      }
      if (now - rec.createdAt >= this.behaviour.rotationWindowSeconds * 1000) {
        const next = this.newRefresh(grant, now);
        rec.supersededAt = now;
        rec.successor = next.token;
        rec = next;
      }
      return { status: 200, body: this.tokenBody(grant, rec, now, includeHardExpiry) };
    }
    return tokenError(
      400,
      "unsupported_grant_type",
      `grant_type ${grantType ?? ""} is not supported`
    );
  }

  private newRefresh(grant: Grant, now: number): RefreshRecord {
    const rec: RefreshRecord = {
      token: `AB11${Math.floor(now / 1000) + this.behaviour.refreshTokenSeconds}${alnum(32)}`,
      grant: grant.id,
      createdAt: now,
      expiresAt: now + this.behaviour.refreshTokenSeconds * 1000,
    };
    this.refresh.set(rec.token, rec);
    return rec;
  }

  private tokenBody(
    grant: Grant,
    rt: RefreshRecord,
    now: number,
    includeHardExpiry: boolean
  ): JsonObject {
    const access: AccessRecord = {
      token: `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${rand(24)}.${rand(300)}.${rand(16)}`,
      grant: grant.id,
      expiresAt: now + this.behaviour.accessTokenSeconds * 1000,
    };
    this.access.set(access.token, access);
    const body: JsonObject = {
      token_type: "bearer",
      access_token: access.token,
      expires_in: this.behaviour.accessTokenSeconds,
      refresh_token: rt.token,
      x_refresh_token_expires_in: Math.max(0, Math.floor((rt.expiresAt - now) / 1000)),
    };
    if (includeHardExpiry)
      body["x_refresh_token_hard_expires_in"] = Math.floor((grant.hardExpiresAt - now) / 1000);
    return body;
  }

  /** Revokes the whole connection the token (access or refresh) belongs to. */
  revoke(
    authorization: string | undefined,
    token: string | undefined,
    form: URLSearchParams
  ): TokenResult {
    const client = this.authenticateClient(authorization, form);
    if (!client)
      return tokenError(
        this.behaviour.invalidClientStatus,
        "invalid_client",
        "Client authentication failed"
      );
    if (!token) return tokenError(400, "invalid_request", "token is required");
    const grantId = this.access.get(token)?.grant ?? this.refresh.get(token)?.grant;
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (grant && grant.clientId === client.clientId) grant.revoked = true;
    return { status: 200, body: {} };
  }

  /**
   * The realms a client holds a live connection to, or a code not yet exchanged for one: auto-approval picks the
   * first company outside them, so consecutive sign-ins connect consecutive companies.
   */
  claimedRealms(clientId: string): Set<string> {
    const now = this.clock.now();
    const out = new Set<string>();
    for (const g of this.grants.values())
      if (g.clientId === clientId && !g.revoked && g.hardExpiresAt > now) out.add(g.realmId);
    for (const c of this.codes.values())
      if (c.clientId === clientId && !c.used && c.expiresAt > now) out.add(c.realmId);
    return out;
  }

  checkBearer(authorization: string | undefined): BearerCheck {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!m?.[1]) return { ok: false, detail: "Authorization header missing or not a bearer token" };
    const token = m[1];
    if (token.length < 20 || token.length > 4096)
      return { ok: false, detail: "Malformed bearer token: too short or too long" };
    const rec = this.access.get(token);
    const grant = rec ? this.grants.get(rec.grant) : undefined;
    if (!rec || !grant) return { ok: false, detail: `Token invalid: ${token.slice(0, 24)}...` };
    if (grant.revoked) return { ok: false, detail: `Token revoked: ${token.slice(0, 24)}...` };
    if (rec.expiresAt <= this.clock.now())
      return { ok: false, detail: `Token expired: ${token.slice(0, 24)}...` };
    return { ok: true, realmId: grant.realmId, clientId: grant.clientId, scope: grant.scope };
  }

  /**
   * Test hook: every access token (and with `refresh`, every refresh token) expires now; with `realmId`, only
   * that company's.
   */
  expireAll(refresh: boolean, realmId?: string): number {
    const now = this.clock.now();
    const inRealm = (grant: string): boolean =>
      realmId === undefined || this.grants.get(grant)?.realmId === realmId;
    let n = 0;
    for (const a of this.access.values()) {
      if (a.expiresAt > now && inRealm(a.grant)) {
        a.expiresAt = now;
        n++;
      }
    }
    if (refresh)
      for (const r of this.refresh.values())
        if (inRealm(r.grant)) r.expiresAt = Math.min(r.expiresAt, now);
    return n;
  }

  private realmTally(realmId: string): { calls: number; invalidGrants: number } {
    let t = this.realmRefreshes.get(realmId);
    if (t === undefined) {
      t = { calls: 0, invalidGrants: 0 };
      this.realmRefreshes.set(realmId, t);
    }
    return t;
  }

  counts(): JsonObject {
    return {
      grants: this.grants.size,
      activeGrants: [...this.grants.values()].filter((g) => !g.revoked).length,
      accessTokens: this.access.size,
      refreshTokens: this.refresh.size,
      refreshCalls: this.refreshCalls,
    };
  }

  /** One company's connections and refreshes (calls with its refresh tokens, and those refused invalid_grant). */
  realmCounts(realmId: string): JsonObject {
    const grants = [...this.grants.values()].filter((g) => g.realmId === realmId);
    const tally = this.realmRefreshes.get(realmId) ?? { calls: 0, invalidGrants: 0 };
    return {
      grants: grants.length,
      activeGrants: grants.filter((g) => !g.revoked).length,
      refreshCalls: tally.calls,
      invalidGrants: tally.invalidGrants,
    };
  }

  snapshot(): OAuthSnapshot {
    return {
      grants: [...this.grants.values()],
      access: [...this.access.values()],
      refresh: [...this.refresh.values()],
    };
  }

  restore(s: OAuthSnapshot): void {
    this.grants = new Map(s.grants.map((g) => [g.id, g]));
    this.access = new Map(s.access.map((a) => [a.token, a]));
    this.refresh = new Map(s.refresh.map((r) => [r.token, r]));
  }
}
