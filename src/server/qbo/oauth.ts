/**
 * The one typed module around intuit-oauth (4.2.5).
 *
 * intuit-oauth keeps its endpoints in static (process-global) properties, changed only by `setAuthorizeURLs`.
 * Several backends may share a process (tests run several against several sandboxes), so every call here sets the
 * endpoints of *its* configuration immediately before calling the library. The library reads the static endpoint
 * synchronously when it builds the request (inside the promise executor), so no other call can interleave between
 * setting and reading. Its own retries on token calls are switched off: retrying a refresh blindly can trip over
 * refresh-token rotation, so the caller decides, with `withTokenRetries`, which repeats only calls the endpoint did
 * not judge (429, 408, 5xx, no answer). Only a real OAuth error (`invalid_grant`, `invalid_client`, …) counts as a
 * refusal that needs the user to sign in again.
 */
import OAuthClient from "intuit-oauth";

import type { QboClientTuning } from "../config";
import { QboError } from "../errors";
import { backoffMs, sleep } from "./client";

/** Attempts per token call when the endpoint is throttled or unavailable. */
const TOKEN_ATTEMPTS = 3;

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

/**
 * What went wrong at the token endpoint:
 * - `refused`: an OAuth error (`invalid_grant`, `invalid_client`, …): the grant or the app's keys are not accepted;
 * - `throttled`: 429, the request was not carried out;
 * - `unavailable`: 408, 5xx, an unexpected answer or no answer at all;
 * - `malformed`: a 200 without tokens (not worth repeating).
 */
export type OAuthFailureKind = "refused" | "throttled" | "unavailable" | "malformed";

/** The OAuth error codes of RFC 6749 §5.2 (and §4.1.2.1): the only answers that mean "sign in again". */
const OAUTH_ERRORS = new Set([
  "invalid_grant",
  "invalid_client",
  "invalid_request",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "access_denied",
]);

/** A token endpoint refusal ("invalid_grant" etc.), or a failure to reach it. */
export class OAuthFailure extends Error {
  /** true when the token endpoint answered with an OAuth error (as opposed to throttling, a network or server failure) */
  readonly refused: boolean;

  constructor(
    readonly error: string,
    readonly description: string,
    readonly intuitTid: string | undefined,
    readonly kind: OAuthFailureKind,
    /** the token endpoint's HTTP status; 0 when there was no answer */
    readonly status = 0
  ) {
    super(`${error}${description ? `: ${description}` : ""}`);
    Object.setPrototypeOf(this, OAuthFailure.prototype);
    this.name = "OAuthFailure";
    this.refused = kind === "refused";
  }

  /** The same request may work a moment later. */
  get retryable(): boolean {
    return this.kind === "throttled" || this.kind === "unavailable";
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
      "malformed",
      200
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
  // intuit-oauth puts the OAuth error code in `error` when the body had one, else the status text, the whole body
  // (an XML throttle fault, an HTML error page) or the network error's message.
  const said =
    typeof o["error"] === "string"
      ? o["error"]
      : e instanceof Error
        ? e.message
        : "token_request_failed";
  const tid =
    typeof o["intuit_tid"] === "string" && o["intuit_tid"] !== "" ? o["intuit_tid"] : undefined;
  // Throttling and server trouble first: whatever their body says, the request was not judged.
  const kind: OAuthFailureKind =
    status === 429
      ? "throttled"
      : status === 408 || status >= 500 || !OAUTH_ERRORS.has(said)
        ? "unavailable"
        : "refused";
  if (kind === "refused") {
    const description = typeof o["error_description"] === "string" ? o["error_description"] : "";
    return new OAuthFailure(said, description, tid, kind, status);
  }
  const error = status === 0 ? "token_request_failed" : `http_${status}`;
  return new OAuthFailure(error, said.slice(0, 200), tid, kind, status);
}

/**
 * Repeat a token call that failed without being judged (429, 408, 5xx, no answer) a few times, with exponential
 * backoff and full jitter. An OAuth refusal is never repeated.
 */
export async function withTokenRetries<T>(
  call: () => Promise<T>,
  tuning: QboClientTuning,
  attempts = TOKEN_ATTEMPTS
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof OAuthFailure) || !e.retryable || attempt + 1 >= attempts) throw e;
      await sleep(backoffMs(tuning, attempt + 1));
    }
  }
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

/**
 * A token endpoint failure that is not a refusal, as the QBO error the task pane is told about: throttled (429, wait)
 * or unavailable (503, try again later).
 */
export function asQboError(f: OAuthFailure): QboError {
  return new QboError({
    kind: f.kind === "throttled" ? "throttle" : f.status >= 500 ? "server" : "network",
    status: f.status,
    code: f.error,
    message:
      f.kind === "throttled"
        ? "The QuickBooks token service is throttling requests"
        : "The QuickBooks token service could not be reached",
    detail: f.description,
    intuitTid: f.intuitTid,
  });
}
