/**
 * Sync jobs: full (COUNT(*) per entity, then pages of 1000) or incremental (one CDC call since the cursor; a full
 * query when the cursor is older than CDC's 30-day limit or CDC's answer may be truncated). Progress is pages done
 * over pages total; a job can be cancelled between pages; results are kept for 15 minutes.
 */
import { randomBytes } from "node:crypto";

import type {
  ApiErrorBody,
  SyncDocument,
  SyncJob,
  SyncMode,
  SyncPhase,
  SyncProgress,
  SyncResult,
  SyncState,
} from "../../api/types";
import { ApiError, QboError, invalidRequest, notFound, toApiError } from "../errors";
import { countOf, entityRows, type JsonObject, type QboClient } from "../qbo/client";
import { transformDocument } from "./transform";

interface Job {
  jobId: string;
  companyKey: string;
  mode: SyncMode;
  state: SyncState;
  phase: SyncPhase;
  progress: SyncProgress;
  startedAt: number;
  finishedAt?: number;
  error?: ApiErrorBody;
  result?: SyncResult;
  abort: AbortController;
  /** QBO calls made by this job, by kind (for the benchmark) */
  calls: { query: number; cdc: number };
}

const PAGE = 1000;
const KEEP_MS = 15 * 60 * 1000;
/** CDC looks back at most 30 days; stay an hour clear of the edge. */
const CDC_LIMIT_MS = 30 * 24 * 3600 * 1000 - 3600 * 1000;
const ENTITIES = [
  { entity: "Invoice", kind: "invoice" as const, phase: "invoices" as const },
  { entity: "CreditMemo", kind: "creditMemo" as const, phase: "creditMemos" as const },
];

interface Cursor {
  v: 1;
  realm: string;
  since: string;
}

export function encodeCursor(realm: string, since: string): string {
  return Buffer.from(JSON.stringify({ v: 1, realm, since } satisfies Cursor)).toString("base64url");
}

export function decodeCursor(s: string, realm: string): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    c = undefined;
  }
  const o = (typeof c === "object" && c !== null ? c : {}) as Record<string, unknown>;
  if (
    o["v"] !== 1 ||
    typeof o["since"] !== "string" ||
    Number.isNaN(Date.parse(o["since"])) ||
    typeof o["realm"] !== "string"
  ) {
    throw invalidRequest([
      { path: "cursor", message: "is not a cursor returned by a previous sync" },
    ]);
  }
  if (o["realm"] !== realm)
    throw invalidRequest([{ path: "cursor", message: "belongs to another company" }]);
  return { v: 1, realm, since: o["since"] };
}

class Cancelled extends Error {}

export class SyncJobs {
  private readonly jobs = new Map<string, Job>();

  /** Start a job; 409 when one is already running for the company. */
  start(
    companyKey: string,
    client: QboClient,
    homeCurrency: string,
    mode: SyncMode,
    cursor?: string
  ): Job {
    for (const j of this.jobs.values()) {
      if (j.companyKey === companyKey && j.state === "running") {
        throw new ApiError(409, {
          code: "sync_in_progress",
          message: "A sync for this company is already running.",
          action: "Wait for it to finish (its progress is shown), or cancel it first.",
          jobId: j.jobId,
        });
      }
    }
    const parsed = mode === "incremental" ? decodeCursor(cursor ?? "", client.realmId) : undefined;
    const job: Job = {
      jobId: `sj_${randomBytes(12).toString("base64url")}`,
      companyKey,
      mode,
      state: "running",
      phase: mode === "full" ? "counting" : "changes",
      progress: {
        pagesDone: 0,
        pagesTotal: mode === "full" ? 0 : 1,
        counts: { invoices: 0, creditMemos: 0, deleted: 0, skipped: 0 },
      },
      startedAt: Date.now(),
      abort: new AbortController(),
      calls: { query: 0, cdc: 0 },
    };
    this.jobs.set(job.jobId, job);
    this.prune();
    void this.run(job, client, homeCurrency, parsed);
    return job;
  }

  private async run(
    job: Job,
    client: QboClient,
    homeCurrency: string,
    cursor: Cursor | undefined
  ): Promise<void> {
    try {
      const result =
        cursor === undefined
          ? await this.full(job, client, homeCurrency)
          : await this.incremental(job, client, homeCurrency, cursor);
      if (job.state !== "running") return;
      job.result = result;
      job.state = "done";
      job.phase = "done";
    } catch (e) {
      if (job.state !== "running") return;
      if (e instanceof Cancelled) return;
      job.state = "failed";
      job.error =
        e instanceof ApiError
          ? e.body
          : e instanceof QboError
            ? toApiError(e).body
            : {
                code: "internal",
                message: "The sync failed unexpectedly.",
                action: "Try again; if it keeps failing, report it.",
              };
    } finally {
      job.finishedAt = Date.now();
    }
  }

  private check(job: Job): void {
    if (job.abort.signal.aborted || job.state !== "running") throw new Cancelled();
  }

  private async query(job: Job, client: QboClient, sql: string): Promise<JsonObject> {
    this.check(job);
    job.calls.query++;
    const res = await client.query(sql, job.abort.signal);
    this.check(job);
    return res;
  }

  private async full(
    job: Job,
    client: QboClient,
    homeCurrency: string,
    fellBack = false
  ): Promise<SyncResult> {
    job.phase = "counting";
    let since = "";
    const counts: number[] = [];
    for (const e of ENTITIES) {
      const res = await this.query(job, client, `SELECT COUNT(*) FROM ${e.entity}`);
      if (since === "" && typeof res["time"] === "string") since = res["time"];
      counts.push(countOf(res));
    }
    if (since === "") since = new Date().toISOString();
    job.progress.pagesTotal =
      (fellBack ? 1 : 0) + counts.reduce((a, n) => a + Math.ceil(n / PAGE), 0);
    if (fellBack) job.progress.pagesDone = 1;
    const out: Record<"invoice" | "creditMemo", SyncDocument[]> = { invoice: [], creditMemo: [] };
    for (const [i, e] of ENTITIES.entries()) {
      job.phase = e.phase;
      const pages = Math.ceil((counts[i] ?? 0) / PAGE);
      const seen = new Set<string>();
      for (let p = 0; p < pages; p++) {
        const res = await this.query(
          job,
          client,
          `SELECT * FROM ${e.entity} ORDERBY Id STARTPOSITION ${p * PAGE + 1} MAXRESULTS ${PAGE}`
        );
        const rows = entityRows(res, e.entity);
        for (const row of rows) {
          const t = transformDocument(row, e.kind, homeCurrency);
          if (!t.ok) {
            job.progress.counts.skipped++;
            continue;
          }
          if (seen.has(t.doc.qboId)) continue;
          seen.add(t.doc.qboId);
          out[e.kind].push(t.doc);
          job.progress.counts[e.kind === "invoice" ? "invoices" : "creditMemos"]++;
        }
        job.progress.pagesDone++;
        if (rows.length < PAGE) {
          // Fewer documents than counted (some were deleted meanwhile): the remaining pages are empty.
          job.progress.pagesTotal -= pages - p - 1;
          break;
        }
      }
    }
    return {
      mode: job.mode,
      replace: true,
      fellBackToFull: fellBack,
      cursor: encodeCursor(client.realmId, since),
      syncedAt: new Date().toISOString(),
      homeCurrency,
      invoices: out.invoice,
      creditMemos: out.creditMemo,
      deleted: { invoices: [], creditMemos: [] },
    };
  }

  private async incremental(
    job: Job,
    client: QboClient,
    homeCurrency: string,
    cursor: Cursor
  ): Promise<SyncResult> {
    if (Date.now() - Date.parse(cursor.since) > CDC_LIMIT_MS)
      return this.full(job, client, homeCurrency, true);
    job.phase = "changes";
    this.check(job);
    job.calls.cdc++;
    let res: JsonObject;
    try {
      res = await client.call({
        method: "GET",
        path: "cdc",
        query: { entities: "Invoice,CreditMemo", changedSince: cursor.since },
        kind: "cdc",
        signal: job.abort.signal,
      });
    } catch (e) {
      // "Operation cdc with changedSince date … which is older than fixed days is not supported."
      if (
        e instanceof QboError &&
        e.kind === "validation" &&
        /older than|changedSince/i.test(`${e.message} ${e.detail}`)
      ) {
        return this.full(job, client, homeCurrency, true);
      }
      throw e;
    }
    this.check(job);
    job.progress.pagesDone = 1;
    const out: Record<"invoice" | "creditMemo", SyncDocument[]> = { invoice: [], creditMemo: [] };
    const deleted: Record<"invoice" | "creditMemo", string[]> = { invoice: [], creditMemo: [] };
    let objects = 0;
    const perEntity: number[] = [];
    for (const qr of cdcQueryResponses(res)) {
      for (const [i, e] of ENTITIES.entries()) {
        const rows = qr[e.entity];
        if (!Array.isArray(rows)) continue;
        for (const r of rows) {
          if (typeof r !== "object" || r === null) continue;
          const row = r as JsonObject;
          objects++;
          perEntity[i] = (perEntity[i] ?? 0) + 1;
          if (typeof row["status"] === "string" && row["status"].toLowerCase() === "deleted") {
            deleted[e.kind].push(String(row["Id"]));
            job.progress.counts.deleted++;
            continue;
          }
          const t = transformDocument(row, e.kind, homeCurrency);
          if (!t.ok) {
            job.progress.counts.skipped++;
            continue;
          }
          out[e.kind].push(t.doc);
          job.progress.counts[e.kind === "invoice" ? "invoices" : "creditMemos"]++;
        }
      }
    }
    // CDC answers at most 1000 objects and cannot page: a full answer may be truncated, so read everything instead.
    if (objects >= PAGE || perEntity.some((n) => n >= PAGE)) {
      job.progress.counts = { invoices: 0, creditMemos: 0, deleted: 0, skipped: 0 };
      return this.full(job, client, homeCurrency, true);
    }
    const since = typeof res["time"] === "string" ? res["time"] : new Date().toISOString();
    return {
      mode: "incremental",
      replace: false,
      fellBackToFull: false,
      cursor: encodeCursor(client.realmId, since),
      syncedAt: new Date().toISOString(),
      homeCurrency,
      invoices: out.invoice,
      creditMemos: out.creditMemo,
      deleted: { invoices: deleted.invoice, creditMemos: deleted.creditMemo },
    };
  }

  get(jobId: string, companyKey: string): Job {
    const j = this.jobs.get(jobId);
    if (j === undefined || j.companyKey !== companyKey) throw notFound("That sync job");
    return j;
  }

  cancel(jobId: string, companyKey: string): Job {
    const j = this.get(jobId, companyKey);
    if (j.state === "running") {
      j.state = "cancelled";
      j.finishedAt = Date.now();
      j.abort.abort();
    }
    return j;
  }

  /** Cancel everything (server shutdown). */
  cancelAll(): void {
    for (const j of this.jobs.values()) if (j.state === "running") j.abort.abort();
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs)
      if (j.finishedAt !== undefined && now - j.finishedAt > KEEP_MS) this.jobs.delete(id);
  }

  /** What GET /api/sync/{jobId} answers. */
  static view(j: Job): SyncJob {
    const v: SyncJob = {
      jobId: j.jobId,
      mode: j.mode,
      state: j.state,
      phase: j.phase,
      progress: j.progress,
      startedAt: new Date(j.startedAt).toISOString(),
    };
    if (j.finishedAt !== undefined) v.finishedAt = new Date(j.finishedAt).toISOString();
    if (j.error !== undefined) v.error = j.error;
    return v;
  }
}

function cdcQueryResponses(res: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const cdc = res["CDCResponse"];
  if (!Array.isArray(cdc)) return out;
  for (const c of cdc) {
    if (typeof c !== "object" || c === null) continue;
    const qrs = (c as JsonObject)["QueryResponse"];
    if (!Array.isArray(qrs)) continue;
    for (const q of qrs) if (typeof q === "object" && q !== null) out.push(q as JsonObject);
  }
  return out;
}
