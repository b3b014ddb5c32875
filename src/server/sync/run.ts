/**
 * One sync's reading of QuickBooks: full (COUNT(*) per entity, then pages of 1000, then one CDC call for what changed
 * meanwhile) or incremental (one CDC call since the cursor; a full read when the cursor is older than CDC's 30-day
 * limit or CDC's answer may be truncated). Progress is pages done over pages total; a run stops between calls once
 * its abort signal fires (cancelled, or its lease was lost).
 */
import type {
  LeftOutDocument,
  SyncDocument,
  SyncMode,
  SyncPhase,
  SyncProgress,
  SyncResult,
} from "../../wire";
import { ApiError } from "../../wire";
import { QboError } from "../errors";
import { countOf, entityRows, type JsonObject, type QboClient } from "../qbo/client";
import { withLeftOut } from "./leftOut";
import { transformDocument } from "./transform";
import { cdcQueryResponses, wholeSecond, type Changes } from "./cdc";
import { encodeCursor, type Cursor } from "./cursor";
import {
  ENTITIES,
  newReads,
  perList,
  readCounts,
  type Entity,
  type Kind,
  type ListName,
} from "./documents";

/** What a run reports as it goes; `updated` is called after each page. */
export interface RunState {
  mode: SyncMode;
  phase: SyncPhase;
  progress: SyncProgress;
  abort: AbortController;
  /** QBO calls made by this run, by kind (for the benchmark) */
  calls: { query: number; cdc: number };
  updated(): void;
}

const PAGE = 1000;
/** Reads of one entity (or restarts of a full sync) before giving up on a company that keeps changing. */
const MAX_PASSES = 3;
/** CDC looks back at most 30 days; stay an hour clear of the edge. */
const CDC_LIMIT_MS = 30 * 24 * 3600 * 1000 - 3600 * 1000;

export class Cancelled extends Error {}

function unsettled(): ApiError {
  return new ApiError(503, {
    code: "sync_unsettled",
    message:
      "Invoices or credit memos kept being deleted or changed in QuickBooks while the sync read them, so it could not get a complete copy.",
    action: "Run the sync again in a few minutes.",
  });
}

export function initialProgress(mode: SyncMode): { phase: SyncPhase; progress: SyncProgress } {
  return {
    phase: mode === "full" ? "counting" : "changes",
    progress: {
      pagesDone: 0,
      pagesTotal: mode === "full" ? 0 : 1,
      counts: { ...perList(() => 0), deleted: 0, skipped: 0 },
    },
  };
}

export class SyncRun {
  constructor(
    private readonly job: RunState,
    private readonly client: QboClient,
    private readonly homeCurrency: string
  ) {}

  /** A full read, or an incremental one from `cursor`. */
  run(cursor: Cursor | undefined): Promise<SyncResult> {
    return cursor === undefined ? this.full() : this.incremental(cursor);
  }

  private check(): void {
    if (this.job.abort.signal.aborted) throw new Cancelled();
  }

  private async query(sql: string): Promise<JsonObject> {
    this.check();
    this.job.calls.query++;
    const res = await this.client.query(sql, this.job.abort.signal);
    this.check();
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
  async full(fellBack = false, restarts = 0): Promise<SyncResult> {
    const { job, client, homeCurrency } = this;
    job.phase = "counting";
    let since = "";
    const counts: number[] = [];
    for (const e of ENTITIES) {
      const res = await this.query(`SELECT COUNT(*) FROM ${e.entity}`);
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
        seen.set(e.kind, await this.readPages(e, pages, read, tally));
      job.phase = "changes";
      const ch = await this.changes(since);
      if (ch.truncated) {
        // More changes than CDC can answer in one go: start again from the count.
        if (restarts + 1 >= MAX_PASSES) throw unsettled();
        return this.full(fellBack, restarts + 1);
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
    e: Entity,
    pages: number,
    read: ReturnType<typeof newReads>,
    tally: () => void
  ): Promise<Set<string>> {
    const { job, homeCurrency } = this;
    job.phase = e.list;
    const seen = new Set<string>();
    for (let p = 0; p < pages; p++) {
      const res = await this.query(
        `SELECT * FROM ${e.entity} ORDERBY Id STARTPOSITION ${p * PAGE + 1} MAXRESULTS ${PAGE}`
      );
      const rows = entityRows(res, e.entity);
      for (const row of rows) seen.add(read[e.kind].keep(row, e.kind, homeCurrency));
      job.progress.pagesDone++;
      tally();
      job.updated();
      if (rows.length < PAGE) {
        // Fewer documents than counted (some were deleted meanwhile): the remaining pages are empty.
        job.progress.pagesTotal -= pages - p - 1;
        break;
      }
    }
    return seen;
  }

  /** One CDC call for every entity since `since`. */
  private async changes(since: string): Promise<Changes> {
    const { job, client } = this;
    this.check();
    job.calls.cdc++;
    const res = await client.call({
      method: "GET",
      path: "cdc",
      query: { entities: ENTITIES.map((e) => e.entity).join(","), changedSince: since },
      kind: "cdc",
      signal: job.abort.signal,
    });
    this.check();
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

  async incremental(cursor: Cursor): Promise<SyncResult> {
    const { job, client, homeCurrency } = this;
    if (Date.now() - Date.parse(cursor.since) > CDC_LIMIT_MS) return this.full(true);
    job.phase = "changes";
    let ch: Changes;
    try {
      ch = await this.changes(cursor.since);
    } catch (e) {
      // "Operation cdc with changedSince date … which is older than fixed days is not supported."
      if (
        e instanceof QboError &&
        e.kind === "validation" &&
        /older than|changedSince/i.test(`${e.message} ${e.detail}`)
      ) {
        return this.full(true);
      }
      throw e;
    }
    job.progress.pagesDone = 1;
    // A possibly truncated answer cannot be trusted: read everything instead.
    if (ch.truncated) return this.full(true);
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
}
