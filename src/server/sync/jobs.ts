/**
 * Sync jobs: full (COUNT(*) per entity, then pages of 1000, then one CDC call for what changed meanwhile) or
 * incremental (one CDC call since the cursor; a full query when the cursor is older than CDC's 30-day limit or CDC's
 * answer may be truncated). Progress is pages done over pages total; a job can be cancelled between pages; results
 * are kept for 15 minutes.
 */
import { randomBytes } from "node:crypto";

import type {
  ApiErrorBody,
  LeftOutDocument,
  SyncDocument,
  SyncJob,
  SyncMode,
  SyncPhase,
  SyncProgress,
  SyncResult,
  SyncState,
} from "../../wire";
import { ApiError } from "../../wire";
import { QboError, notFound, toApiError } from "../errors";
import { countOf, entityRows, type JsonObject, type QboClient } from "../qbo/client";
import { withLeftOut } from "./leftOut";
import { transformDocument } from "./transform";
import { cdcQueryResponses, wholeSecond, type Changes } from "./cdc";
import { decodeCursor, encodeCursor, type Cursor } from "./cursor";
import {
  ENTITIES,
  newReads,
  perList,
  readCounts,
  type Entity,
  type Kind,
  type ListName,
} from "./documents";

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
/** Reads of one entity (or restarts of a full sync) before giving up on a company that keeps changing. */
const MAX_PASSES = 3;
const KEEP_MS = 15 * 60 * 1000;
/** CDC looks back at most 30 days; stay an hour clear of the edge. */
const CDC_LIMIT_MS = 30 * 24 * 3600 * 1000 - 3600 * 1000;

class Cancelled extends Error {}

function unsettled(): ApiError {
  return new ApiError(503, {
    code: "sync_unsettled",
    message:
      "Invoices or credit memos kept being deleted or changed in QuickBooks while the sync read them, so it could not get a complete copy.",
    action: "Run the sync again in a few minutes.",
  });
}

export class SyncJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(jobId: string) => void>();

  /** Hear each job's progress (a page read) and end, by job id. Returns the unsubscribe. */
  onUpdate(listener: (jobId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private updated(job: Job): void {
    for (const l of this.listeners) l(job.jobId);
  }

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
        counts: { ...perList(() => 0), deleted: 0, skipped: 0 },
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
      this.updated(job);
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

  /**
   * Full sync. Pages go by position (`ORDERBY Id STARTPOSITION`, the only paging the reference documents), which is
   * exact while nothing is deleted: new documents get higher Ids and land after the last page, updates and voids
   * keep their place. A deletion of a document already read moves every later one up a position, and the first
   * document of the next page would be skipped. So every pass ends with one CDC call from the pass's start: it
   * brings what changed meanwhile (new, updated, voided: merged; deleted: removed), and when a deleted document is
   * one this pass had read, the entity is read again and the reads are merged, until a pass sees no such deletion.
   */
  private async full(
    job: Job,
    client: QboClient,
    homeCurrency: string,
    fellBack = false,
    restarts = 0
  ): Promise<SyncResult> {
    job.phase = "counting";
    let since = "";
    const counts: number[] = [];
    for (const e of ENTITIES) {
      const res = await this.query(job, client, `SELECT COUNT(*) FROM ${e.entity}`);
      if (since === "" && typeof res["time"] === "string") since = wholeSecond(res["time"]);
      counts.push(countOf(res));
    }
    if (since === "") since = wholeSecond(new Date().toISOString());
    job.progress.pagesDone = fellBack ? 1 : 0;
    job.progress.pagesTotal =
      job.progress.pagesDone + counts.reduce((a, n) => a + Math.ceil(n / PAGE), 0);
    const read = newReads();
    const tally = (): void => {
      job.progress.counts = readCounts(read);
    };
    let pending = ENTITIES.map((e, i) => ({ e, pages: Math.ceil((counts[i] ?? 0) / PAGE) }));
    for (let pass = 1; ; pass++) {
      const seen = new Map<Kind, Set<string>>();
      for (const { e, pages } of pending)
        seen.set(e.kind, await this.readPages(job, client, homeCurrency, e, pages, read, tally));
      job.phase = "changes";
      const ch = await this.changes(job, client, since);
      if (ch.truncated) {
        // More changes than CDC can answer in one go: start again from the count.
        if (restarts + 1 >= MAX_PASSES) throw unsettled();
        return this.full(job, client, homeCurrency, fellBack, restarts + 1);
      }
      for (const [i, e] of ENTITIES.entries()) {
        for (const row of ch.changed[i] ?? []) read[e.kind].keep(row, e.kind, homeCurrency);
        for (const id of ch.deleted[i] ?? []) read[e.kind].drop(id);
      }
      tally();
      since = ch.time;
      const again = pending.filter(({ e }) => {
        const ids = seen.get(e.kind);
        return (ch.deleted[ENTITIES.indexOf(e)] ?? []).some((id) => ids?.has(id) === true);
      });
      if (again.length === 0) break;
      if (pass >= MAX_PASSES) throw unsettled();
      pending = again.map(({ e }) => ({
        e,
        pages: Math.ceil(read[e.kind].size / PAGE),
      }));
      job.progress.pagesTotal += pending.reduce((a, x) => a + x.pages, 0);
    }
    const result: SyncResult = {
      mode: job.mode,
      replace: true,
      fellBackToFull: fellBack,
      cursor: encodeCursor(client.realmId, since),
      syncedAt: new Date().toISOString(),
      homeCurrency,
      ...perList((e) => read[e.kind].list()),
      deleted: perList(() => []),
    };
    return withLeftOut(
      result,
      ENTITIES.flatMap((e) => [...read[e.kind].leftOut.values()])
    );
  }

  /** Read an entity's pages (at most `pages`), merging into `read`; the Ids read. */
  private async readPages(
    job: Job,
    client: QboClient,
    homeCurrency: string,
    e: Entity,
    pages: number,
    read: ReturnType<typeof newReads>,
    tally: () => void
  ): Promise<Set<string>> {
    job.phase = e.list;
    const seen = new Set<string>();
    for (let p = 0; p < pages; p++) {
      const res = await this.query(
        job,
        client,
        `SELECT * FROM ${e.entity} ORDERBY Id STARTPOSITION ${p * PAGE + 1} MAXRESULTS ${PAGE}`
      );
      const rows = entityRows(res, e.entity);
      for (const row of rows) seen.add(read[e.kind].keep(row, e.kind, homeCurrency));
      job.progress.pagesDone++;
      tally();
      this.updated(job);
      if (rows.length < PAGE) {
        // Fewer documents than counted (some were deleted meanwhile): the remaining pages are empty.
        job.progress.pagesTotal -= pages - p - 1;
        break;
      }
    }
    return seen;
  }

  /** One CDC call for every entity since `since`. */
  private async changes(job: Job, client: QboClient, since: string): Promise<Changes> {
    this.check(job);
    job.calls.cdc++;
    const res = await client.call({
      method: "GET",
      path: "cdc",
      query: { entities: ENTITIES.map((e) => e.entity).join(","), changedSince: since },
      kind: "cdc",
      signal: job.abort.signal,
    });
    this.check(job);
    const changed: JsonObject[][] = ENTITIES.map(() => []);
    const deleted: string[][] = ENTITIES.map(() => []);
    let objects = 0;
    for (const qr of cdcQueryResponses(res)) {
      for (const [i, e] of ENTITIES.entries()) {
        const rows = qr[e.entity];
        if (!Array.isArray(rows)) continue;
        for (const r of rows) {
          if (typeof r !== "object" || r === null) continue;
          const row = r as JsonObject;
          objects++;
          if (typeof row["status"] === "string" && row["status"].toLowerCase() === "deleted")
            deleted[i]?.push(String(row["Id"]));
          else changed[i]?.push(row);
        }
      }
    }
    return {
      time: wholeSecond(typeof res["time"] === "string" ? res["time"] : new Date().toISOString()),
      changed,
      deleted,
      // CDC answers at most 1000 objects and cannot page: an answer that size may have been cut.
      truncated: objects >= PAGE,
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
    let ch: Changes;
    try {
      ch = await this.changes(job, client, cursor.since);
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
    job.progress.pagesDone = 1;
    // A possibly truncated answer cannot be trusted: read everything instead.
    if (ch.truncated) return this.full(job, client, homeCurrency, true);
    const out: Record<ListName, SyncDocument[]> = perList(() => []);
    const deleted: Record<ListName, string[]> = perList(() => []);
    const leftOut: LeftOutDocument[] = [];
    for (const [i, e] of ENTITIES.entries()) {
      for (const row of ch.changed[i] ?? []) {
        const t = transformDocument(row, e.kind, homeCurrency);
        if (!t.ok && t.reason === "foreignCurrency") {
          leftOut.push(t.leftOut);
          continue;
        }
        if (!t.ok) {
          job.progress.counts.skipped++;
          continue;
        }
        out[e.list].push(t.doc);
        job.progress.counts[e.list]++;
      }
      deleted[e.list].push(...(ch.deleted[i] ?? []));
      job.progress.counts.deleted += ch.deleted[i]?.length ?? 0;
    }
    const result: SyncResult = {
      mode: "incremental",
      replace: false,
      fellBackToFull: false,
      cursor: encodeCursor(client.realmId, ch.time),
      syncedAt: new Date().toISOString(),
      homeCurrency,
      ...out,
      deleted,
    };
    return withLeftOut(result, leftOut);
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
      this.updated(j);
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
