/**
 * The one typed module around intuit-oauth (4.2.5).
 *
 * intuit-oauth keeps its endpoints in static (process-global) properties, changed only by `setAuthorizeURLs`.
 * Several backends may share a process (tests run several against several sandboxes), so every call here sets the
 * endpoints of *its* configuration immediately before calling the library. The library reads the static endpoint
 * synchronously when it builds the request (inside the promise executor), so no other call can interleave between
 * setting and reading. Its own retries on token calls are switched off: retrying a refresh blindly can trip over
 * refresh-token rotation, so the caller decides.
 */
import OAuthClient from "intuit-oauth";

import { QboError } from "../errors";

export interface OAuthEndpoints {
  authorize: string;
  token: string;
  revoke: string;
  userInfo: string;
}

export const INTUIT_ENDPOINTS: OAuthEndpoints = {
  authorize: "https://appcenter.intuit.com/connect/oauth2",
  token: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  revoke: "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
  userInfo: "https://accounts.platform.intuit.com/v1/openid_connect/userinfo",
};

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** intuit-oauth's notion; the local sandbox counts as "sandbox". */
  environment: "sandbox" | "production";
  endpoints: OAuthEndpoints;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** seconds */
  expiresIn: number;
  refreshExpiresIn: number;
  realmId: string;
  /** epoch ms when the answer arrived */
  obtainedAt: number;
  intuitTid: string | undefined;
}

/** A token endpoint refusal ("invalid_grant" etc.), or a failure to reach it. */
export class OAuthFailure extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly intuitTid: string | undefined,
    /** true when the token endpoint answered with an OAuth error (as opposed to a network or server failure) */
    readonly refused: boolean
  ) {
    super(`${error}${description ? `: ${description}` : ""}`);
    Object.setPrototypeOf(this, OAuthFailure.prototype);
    this.name = "OAuthFailure";
  }
}

function client(
  s: OAuthSettings,
  token?: { access_token: string; refresh_token: string }
): OAuthClient {
  const c = new OAuthClient({
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    environment: s.environment,
    redirectUri: s.redirectUri,
    logging: false,
  });
  if (token !== undefined) c.setToken({ ...token, createdAt: Date.now() });
  return c;
}

/** Point the library's global endpoints at `s` and switch its retries off. Call synchronously before each call. */
function aim(c: OAuthClient, s: OAuthSettings): void {
  c.setAuthorizeURLs({
    authorizeEndpoint: s.endpoints.authorize,
    tokenEndpoint: s.endpoints.token,
    revokeEndpoint: s.endpoints.revoke,
    userInfoEndpoint: s.endpoints.userInfo,
  });
  OAuthClient.retryConfig.maxRetries = 0;
}

function num(v: unknown, fallback: number): number {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : fallback;
}

function readToken(json: unknown, realmId: string, intuitTid: string | undefined): TokenSet {
  const o = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  const access = o["access_token"];
  const refresh = o["refresh_token"];
  if (
    typeof access !== "string" ||
    access === "" ||
    typeof refresh !== "string" ||
    refresh === ""
  ) {
    throw new OAuthFailure(
      "invalid_response",
      "The token endpoint answered without tokens.",
      intuitTid,
      false
    );
  }
  return {
    accessToken: access,
    refreshToken: refresh,
    expiresIn: num(o["expires_in"], 3600),
    refreshExpiresIn: num(o["x_refresh_token_expires_in"], 8640000),
    realmId,
    obtainedAt: Date.now(),
    intuitTid,
  };
}

function failure(e: unknown): OAuthFailure {
  if (e instanceof OAuthFailure) return e;
  const o = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
  const auth = o["authResponse"];
  let status = 0;
  if (typeof auth === "object" && auth !== null) {
    const r = (auth as { response?: { status?: unknown } }).response;
    if (r !== undefined && typeof r.status === "number") status = r.status;
  }
  const error =
    typeof o["error"] === "string"
      ? o["error"]
      : e instanceof Error
        ? e.message
        : "token_request_failed";
  const description = typeof o["error_description"] === "string" ? o["error_description"] : "";
  const tid =
    typeof o["intuit_tid"] === "string" && o["intuit_tid"] !== "" ? o["intuit_tid"] : undefined;
  const refused =
    (status >= 400 && status < 500) ||
    /^(invalid_grant|invalid_client|invalid_request|unauthorized_client|unsupported_grant_type)$/.test(
      error
    );
  return new OAuthFailure(error, description, tid, refused);
}

/** The consent page URL. */
export function authorizeUrl(s: OAuthSettings, state: string): string {
  const c = client(s);
  aim(c, s);
  return c.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state });
}

/** Exchange the code in the callback URL (the whole URL or its query string). */
export async function exchangeCode(
  s: OAuthSettings,
  callbackUrl: string,
  realmId: string
): Promise<TokenSet> {
  const c = client(s);
  try {
    aim(c, s);
    const res = await c.createToken(callbackUrl);
    return readToken(res.json, realmId, res.intuit_tid || undefined);
  } catch (e) {
    throw failure(e);
  }
}

/** Refresh with an explicit refresh token (the library's local expiry check is skipped on purpose). */
export async function refreshTokens(
  s: OAuthSettings,
  refreshToken: string,
  realmId: string
): Promise<TokenSet> {
  const c = client(s);
  try {
    aim(c, s);
    const res = await c.refreshUsingToken(refreshToken);
    return readToken(res.json, realmId, res.intuit_tid || undefined);
  } catch (e) {
    throw failure(e);
  }
}

/** Revoke (disconnect): revoking the refresh token revokes the grant. */
export async function revokeToken(s: OAuthSettings, refreshToken: string): Promise<void> {
  const c = client(s);
  try {
    aim(c, s);
    await c.revoke({ refresh_token: refreshToken });
  } catch (e) {
    throw failure(e);
  }
}

/** A token refusal as a QBO-style error, for logging alongside API errors. */
export function asQboError(f: OAuthFailure): QboError {
  return new QboError({
    kind: f.refused ? "auth" : "network",
    status: f.refused ? 400 : 0,
    code: f.error,
    message: f.error,
    detail: f.description,
    intuitTid: f.intuitTid,
  });
}
