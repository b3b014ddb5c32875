/**
 * Connected companies and the task pane's sessions.
 *
 * - Access tokens are refreshed only when needed (expired, or refused with 401), one refresh at a time per company
 *   across every instance on the database: the refresh reads and rotates the tokens holding the company row's lock
 *   (`SELECT … FOR UPDATE`), and a refresh that finds the token already renewed by another uses that one. In this
 *   process concurrent callers share the same promise. The rotated refresh token is stored (committed) before the
 *   new access token is used.
 * - A session token (`rrs_…`) is a random bearer secret bound to one company; only its SHA-256 is stored.
 */
import { createHash, randomBytes } from "node:crypto";

import type { QboClientTuning } from "./config";
import { reconnectRequired, unauthorized } from "./errors";
import type { AccessTokens } from "./qbo/client";
import {
  OAuthFailure,
  asQboError,
  refreshTokens,
  revokeToken,
  withTokenRetries,
  type OAuthSettings,
  type TokenSet,
} from "./qbo/oauth";
import type { CompanyRecord, Store } from "./store";

const SESSION_RE = /^rrs_[A-Za-z0-9_-]{43}$/;
/** Refresh this long before the access token's stated expiry. */
const EXPIRY_MARGIN_MS = 60_000;
const TOUCH_EVERY_MS = 3600_000;

/** The stored access token is good for a while yet. */
function fresh(c: CompanyRecord): boolean {
  return c.accessExpiresAt - EXPIRY_MARGIN_MS > Date.now();
}

export function hashSession(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export class Connections {
  private readonly refreshing = new Map<string, Promise<string>>();
  /** Number of refresh calls made to the token endpoint (for tests and the benchmark). */
  refreshCount = 0;

  constructor(
    private readonly store: Store,
    private readonly oauth: OAuthSettings,
    readonly environment: string,
    private readonly sessionIdleMs: number,
    private readonly log: Logger,
    /** backoff for retrying a throttled or unavailable token endpoint */
    private readonly tuning: QboClientTuning
  ) {}

  companyKey(realmId: string): string {
    return `${this.environment}:${realmId}`;
  }

  company(key: string): Promise<CompanyRecord | undefined> {
    return this.store.companies.get(key);
  }

  /** Store a newly authorized company's tokens (replacing older ones for the same company) and open a session. */
  async connect(
    tokens: TokenSet,
    companyName: string
  ): Promise<{ sessionToken: string; expiresAt: number; key: string }> {
    const key = this.companyKey(tokens.realmId);
    const now = Date.now();
    const previous = await this.store.companies.get(key);
    await this.store.companies.put({
      key,
      environment: this.environment,
      realmId: tokens.realmId,
      companyName,
      accessToken: tokens.accessToken,
      accessExpiresAt: tokens.obtainedAt + tokens.expiresIn * 1000,
      refreshToken: tokens.refreshToken,
      refreshExpiresAt: tokens.obtainedAt + tokens.refreshExpiresIn * 1000,
      connectedAt: previous?.connectedAt ?? now,
      updatedAt: now,
    });
    const sessionToken = `rrs_${randomBytes(32).toString("base64url")}`;
    await this.store.sessions.put(hashSession(sessionToken), {
      companyKey: key,
      createdAt: now,
      lastUsedAt: now,
    });
    return { sessionToken, expiresAt: now + this.sessionIdleMs, key };
  }

  async setCompanyName(key: string, name: string): Promise<void> {
    await this.store.companies.setName(key, name, Date.now());
  }

  /** The company of a bearer session token, or 401. */
  async authenticate(authorization: string | undefined): Promise<CompanyRecord> {
    if (authorization === undefined || authorization === "")
      throw unauthorized("This request has no session token.");
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (m === null || !SESSION_RE.test(m[1] ?? ""))
      throw unauthorized("The session token is malformed.");
    const hash = hashSession(m[1] ?? "");
    const s = await this.store.sessions.get(hash);
    const now = Date.now();
    if (s === undefined)
      throw unauthorized(
        "The session token is not known (it was never issued, or the company was disconnected)."
      );
    if (now - s.lastUsedAt > this.sessionIdleMs) {
      await this.store.sessions.remove(hash);
      throw unauthorized("The session has expired.");
    }
    const c = await this.store.companies.get(s.companyKey);
    if (c === undefined) throw reconnectRequired();
    if (now - s.lastUsedAt > TOUCH_EVERY_MS)
      await this.store.sessions.put(hash, { ...s, lastUsedAt: now });
    return c;
  }

  /** The AccessTokens of one company, for the QBO client. */
  tokens(key: string): AccessTokens {
    return {
      get: async () => {
        const c = await this.store.companies.get(key);
        if (c === undefined) throw reconnectRequired();
        if (fresh(c)) return c.accessToken;
        return this.refresh(key, c.accessToken);
      },
      renew: (used: string) => this.refresh(key, used),
    };
  }

  /**
   * A new access token in place of `used` (expired, or refused with 401). Callers in this process arriving meanwhile
   * share the same promise; across instances, the row lock makes them take turns.
   */
  refresh(key: string, used: string): Promise<string> {
    const running = this.refreshing.get(key);
    if (running !== undefined) return running;
    const p = this.store.companies
      .locked(key, (c, save) => this.refreshLocked(c, used, save))
      .finally(() => this.refreshing.delete(key));
    this.refreshing.set(key, p);
    return p;
  }

  /**
   * One refresh, repeated with backoff while the token endpoint is throttled or unavailable. Only an OAuth refusal
   * (`invalid_grant`, …) asks the user to reconnect; throttling or an outage that outlasts the retries is reported
   * as such (429 / 503), and the connection stays.
   */
  private async refreshLocked(
    c: CompanyRecord | undefined,
    used: string,
    save: (c: CompanyRecord) => Promise<void>
  ): Promise<string> {
    if (c === undefined) throw reconnectRequired();
    // Another instance (or an earlier caller here) refreshed since `used` was handed out: use theirs.
    if (c.accessToken !== used && fresh(c)) return c.accessToken;
    // Past its (rolling) expiry the refresh token cannot work: do not even ask.
    if (c.refreshExpiresAt <= Date.now()) throw reconnectRequired();
    let t: TokenSet;
    try {
      t = await withTokenRetries(() => {
        this.refreshCount++;
        return refreshTokens(this.oauth, c.refreshToken, c.realmId);
      }, this.tuning);
    } catch (e) {
      if (!(e instanceof OAuthFailure)) throw e;
      if (e.refused) {
        this.log.warn(
          { realmId: c.realmId, error: e.error, intuitTid: e.intuitTid },
          "refresh refused; the company must reconnect"
        );
        throw reconnectRequired(e.intuitTid);
      }
      this.log.warn(
        { realmId: c.realmId, error: e.error, status: e.status, intuitTid: e.intuitTid },
        "token endpoint throttled or unavailable; the refresh will be tried again on the next call"
      );
      throw asQboError(e);
    }
    // Persist the (possibly rotated) refresh token before anything uses the new access token.
    await save({
      ...c,
      accessToken: t.accessToken,
      accessExpiresAt: t.obtainedAt + t.expiresIn * 1000,
      refreshToken: t.refreshToken,
      refreshExpiresAt: t.obtainedAt + t.refreshExpiresIn * 1000,
      updatedAt: Date.now(),
    });
    if (t.refreshToken !== c.refreshToken)
      this.log.info({ realmId: c.realmId }, "refresh token rotated and stored");
    return t.accessToken;
  }

  /** Revoke at Intuit, forget the tokens and every session of the company. */
  async disconnect(key: string): Promise<{ revoked: boolean }> {
    const c = await this.store.companies.get(key);
    if (c === undefined) return { revoked: false };
    let revoked = false;
    try {
      await revokeToken(this.oauth, c.refreshToken);
      revoked = true;
    } catch (e) {
      this.log.warn(
        { realmId: c.realmId, error: e instanceof Error ? e.message : String(e) },
        "revoke failed; forgetting the tokens anyway"
      );
    }
    await this.store.companies.remove(key);
    return { revoked };
  }
}
