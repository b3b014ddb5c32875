/**
 * The QuickBooks Accounting API client for one company: JSON in and out, `minorversion=75`, the bearer token from
 * the token manager (refreshed once and retried on a 401), client-side rate limits (10/s, 500/min per company),
 * and retries with exponential backoff and full jitter on 429, 5xx, timeouts and dropped connections — never on a
 * validation fault. Writes that are not safe to repeat blindly ask for `retry: "rejected"`: only answers that prove
 * the request was not carried out (429, 401) are retried; the caller handles the ambiguous ones.
 */
import type { QboClientTuning } from "../config";
import { QboError } from "../errors";
import { errorFromResponse, faultFromJson } from "./faults";
import { send } from "./http";
import type { CallLimiter } from "./limits";

export type JsonObject = { [key: string]: unknown };

export interface AccessTokens {
  /** A valid access token (refreshing first when it has expired). */
  get(): Promise<string>;
  /** The token `used` was refused with 401: get a fresh one (one refresh at a time; shared by concurrent callers). */
  renew(used: string): Promise<string>;
}

export interface CallStats {
  calls: number;
  byKind: Record<string, number>;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0) {
      resolve();
      return;
    }
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true }
    );
  });
}

/** Full jitter: a random wait in [0, min(cap, base * 2^attempt)]. */
export function backoffMs(tuning: QboClientTuning, attempt: number): number {
  const ceiling = Math.min(tuning.maxBackoffMs, tuning.backoffBaseMs * 2 ** attempt);
  return Math.round(Math.random() * ceiling);
}

/** After a 429: Retry-After when given, else Intuit's 60 s, plus up to 10% jitter. */
export function throttleWaitMs(tuning: QboClientTuning, retryAfter: string | undefined): number {
  const s = retryAfter === undefined ? NaN : Number(retryAfter);
  const base = Number.isFinite(s) && s >= 0 ? s * 1000 : tuning.throttleWaitMs;
  return Math.round(base * (1 + Math.random() * 0.1));
}

export interface CallOptions {
  method: "GET" | "POST";
  /** Path under /v3/company/{realmId}/, e.g. "query" or "journalentry". */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** "all" (default): retry every transient failure. "rejected": retry only 429/401 (requests not carried out). */
  retry?: "all" | "rejected";
  kind?: string;
  signal?: AbortSignal;
  contentType?: string;
}

export interface QboClientOptions {
  apiBase: string;
  realmId: string;
  tokens: AccessTokens;
  tuning: QboClientTuning;
  limiter: CallLimiter;
  stats?: CallStats;
  insecureTls?: boolean;
}

export class QboClient {
  readonly stats: CallStats;

  constructor(private readonly o: QboClientOptions) {
    this.stats = o.stats ?? { calls: 0, byKind: {} };
  }

  get realmId(): string {
    return this.o.realmId;
  }

  /** One call with the retry policy described above. */
  async call(opts: CallOptions): Promise<JsonObject> {
    const tuning = this.o.tuning;
    let token = await this.o.tokens.get();
    let renewed = false;
    let lastError: QboError | undefined;
    for (let attempt = 0; attempt < tuning.maxAttempts; attempt++) {
      if (opts.signal?.aborted === true)
        throw new QboError({ kind: "network", status: 0, code: "ABORTED", message: "Cancelled" });
      try {
        return await this.once(opts, token);
      } catch (e) {
        if (!(e instanceof QboError)) throw e;
        lastError = e;
        if (e.kind === "auth" && !renewed) {
          renewed = true;
          token = await this.o.tokens.renew(token);
          attempt--; // a refresh is not a failed attempt
          continue;
        }
        const retryable = opts.retry === "rejected" ? e.kind === "throttle" : e.transient;
        if (!retryable || attempt + 1 >= tuning.maxAttempts) throw e;
        const wait =
          e.kind === "throttle"
            ? throttleWaitMs(tuning, retryAfterOf(e))
            : backoffMs(tuning, attempt);
        await sleep(wait, opts.signal);
      }
    }
    throw (
      lastError ??
      new QboError({
        kind: "protocol",
        status: 0,
        code: "NO_ATTEMPT",
        message: "No attempt was made",
      })
    );
  }

  private async once(opts: CallOptions, token: string): Promise<JsonObject> {
    const release = await this.o.limiter.take();
    try {
      return await this.sent(opts, token);
    } finally {
      release();
    }
  }

  private async sent(opts: CallOptions, token: string): Promise<JsonObject> {
    const url = new URL(
      `${this.o.apiBase}/v3/company/${encodeURIComponent(this.o.realmId)}/${opts.path}`
    );
    url.searchParams.set("minorversion", String(this.o.tuning.minorVersion));
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      "User-Agent": "RevRec-for-Excel/0.1",
    };
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers["Content-Type"] = opts.contentType ?? "application/json";
      body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    }
    this.stats.calls++;
    const kind = opts.kind ?? opts.path.split("/")[0] ?? "call";
    this.stats.byKind[kind] = (this.stats.byKind[kind] ?? 0) + 1;
    const req = {
      method: opts.method,
      url: url.toString(),
      headers,
      timeoutMs: this.o.tuning.timeoutMs,
    };
    const answer = await send(
      body === undefined
        ? { ...req, insecureTls: this.o.insecureTls === true }
        : { ...req, body, insecureTls: this.o.insecureTls === true }
    );
    const tidHeader = answer.headers["intuit_tid"] ?? answer.headers["intuit-tid"];
    const tid = Array.isArray(tidHeader) ? tidHeader[0] : tidHeader;
    let json: unknown;
    try {
      json = answer.text === "" ? undefined : JSON.parse(answer.text);
    } catch {
      json = undefined;
    }
    if (answer.status >= 200 && answer.status < 300) {
      if (faultFromJson(json) !== undefined)
        throw errorFromResponse(
          answer.status === 200 ? 400 : answer.status,
          answer.text,
          json,
          tid
        );
      if (typeof json !== "object" || json === null || Array.isArray(json)) {
        throw new QboError({
          kind: "protocol",
          status: answer.status,
          code: "NOT_JSON",
          message: "QuickBooks answered something that is not JSON",
          detail: answer.text.slice(0, 200),
          intuitTid: tid,
        });
      }
      return json as JsonObject;
    }
    const err = errorFromResponse(answer.status, answer.text, json, tid);
    const ra = answer.headers["retry-after"];
    if (typeof ra === "string") retryAfter.set(err, ra);
    throw err;
  }

  /** GET …/query?query=… */
  query(sql: string, signal?: AbortSignal): Promise<JsonObject> {
    const opts: CallOptions = {
      method: "GET",
      path: "query",
      query: { query: sql },
      kind: "query",
    };
    if (signal !== undefined) opts.signal = signal;
    return this.call(opts);
  }

  /** All rows of a query, paged 1000 at a time. */
  async queryAll(entity: string, where = ""): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    for (let start = 1; ; start += 1000) {
      const res = await this.query(
        `SELECT * FROM ${entity}${where ? ` WHERE ${where}` : ""} STARTPOSITION ${start} MAXRESULTS 1000`
      );
      const rows = entityRows(res, entity);
      out.push(...rows);
      if (rows.length < 1000) return out;
    }
  }
}

const retryAfter = new WeakMap<QboError, string>();
function retryAfterOf(e: QboError): string | undefined {
  return retryAfter.get(e);
}

/** The rows of `entity` in a QueryResponse (absent when there are none). */
export function entityRows(res: JsonObject, entity: string): JsonObject[] {
  const qr = res["QueryResponse"];
  if (typeof qr !== "object" || qr === null) return [];
  const rows = (qr as JsonObject)[entity];
  return Array.isArray(rows)
    ? rows.filter((r): r is JsonObject => typeof r === "object" && r !== null && !Array.isArray(r))
    : [];
}

export function countOf(res: JsonObject): number {
  const qr = res["QueryResponse"];
  if (typeof qr !== "object" || qr === null) return 0;
  const n = (qr as JsonObject)["totalCount"];
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Quote a value for the query language: 'it''s' style is not supported by QBO; backslash-escape the quote. */
export function q(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
