/**
 * Sync jobs: the pane's (POST /api/sync), a webhook's and the periodic sweep's, all through the queue in the database
 * (queue.ts) so that any instance runs them and any instance answers the pane's poll. Each instance runs up to
 * `workers` jobs at a time, renews their leases while they run, and looks for work when it queues some, when one of
 * its jobs ends, and every `pollMs` (work queued by other instances, jobs whose instance died).
 */
import { randomBytes } from "node:crypto";

import type { ApiErrorBody, SyncJob, SyncMode, SyncResult } from "../../wire";
import { ApiError } from "../../wire";
import { QboError, notFound, toApiError } from "../errors";
import type { QboClient } from "../qbo/client";
import { decodeCursor } from "./cursor";
import { JobQueue, type JobOrigin, type JobRow, type QueueCounts } from "./queue";
import { Cancelled, SyncRun, type RunState } from "./run";

export interface JobsTuning {
  /** How long a running job's instance may go silent before another takes the job over. */
  leaseMs: number;
  /** How often an idle instance looks for queued work and expired leases. */
  pollMs: number;
  /** Jobs one instance runs at once. */
  workers: number;
}

/** What a job needs to read a company: its client and home currency (throws an ApiError when it cannot). */
export type ResolveCompany = (
  companyKey: string
) => Promise<{ client: QboClient; homeCurrency: string }>;

export interface JobLog {
  warn(obj: object, msg?: string): void;
}

function failure(e: unknown): ApiErrorBody {
  if (e instanceof ApiError) return e.body;
  if (e instanceof QboError) return toApiError(e).body;
  return {
    code: "internal",
    message: "The sync failed unexpectedly.",
    action: "Try again; if it keeps failing, report it.",
  };
}

export class SyncJobs {
  private readonly listeners = new Set<(jobId: string) => void>();
  private readonly running = new Map<string, AbortController>();
  private readonly executions = new Set<Promise<void>>();
  private readonly owner = `i_${randomBytes(9).toString("base64url")}`;
  private claiming: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly queue: JobQueue,
    private readonly resolve: ResolveCompany,
    private readonly tuning: JobsTuning,
    private readonly log: JobLog
  ) {}

  /** Hear each job's progress (a page read), start and end, by job id, as this instance sees them. */
  onUpdate(listener: (jobId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private updated(jobId: string): void {
    for (const l of this.listeners) l(jobId);
  }

  /** Begin taking work (after the server is listening). */
  begin(): void {
    this.timer = setInterval(() => this.kick(), this.tuning.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** The pane's sync; 409 while another of the company's pane syncs waits or runs, 400 for a bad cursor. */
  async start(
    company: { key: string; realmId: string },
    mode: SyncMode,
    cursor?: string
  ): Promise<JobRow> {
    if (mode === "incremental") decodeCursor(cursor ?? "", company.realmId);
    const r = await this.queue.enqueue({
      companyKey: company.key,
      mode,
      cursor: mode === "incremental" ? cursor : undefined,
      origin: "pane",
    });
    if (r.conflict !== undefined) {
      throw new ApiError(409, {
        code: "sync_in_progress",
        message: "A sync for this company is already running.",
        action: "Wait for it to finish (its progress is shown), or cancel it first.",
        jobId: r.conflict.id,
      });
    }
    return this.queued(r.added);
  }

  /** An incremental sync from the company's last cursor (a full one when it has none), for a webhook or the sweep. */
  async background(companyKey: string, origin: Exclude<JobOrigin, "pane">): Promise<JobRow> {
    const r = await this.queue.enqueue({
      companyKey,
      mode: "incremental",
      cursor: undefined,
      origin,
    });
    return r.coalesced ?? this.queued(r.added);
  }

  private queued(row: JobRow | undefined): JobRow {
    if (row === undefined) throw new Error("the job was not queued");
    this.updated(row.id);
    this.kick();
    return row;
  }

  async get(jobId: string, companyKey: string): Promise<JobRow> {
    const j = await this.queue.get(jobId);
    if (j === undefined || j.company_key !== companyKey) throw notFound("That sync job");
    return j;
  }

  async cancel(jobId: string, companyKey: string): Promise<JobRow> {
    await this.get(jobId, companyKey);
    const j = await this.queue.cancel(jobId);
    if (j === undefined) throw notFound("That sync job");
    this.running.get(jobId)?.abort();
    this.updated(jobId);
    return j;
  }

  counts(): Promise<QueueCounts> {
    return this.queue.counts();
  }

  /**
   * Stop taking work and stop this instance's jobs (server shutdown), once they have let go of the database; their
   * leases run out for another instance to run them again.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    for (const a of this.running.values()) a.abort();
    await this.claiming;
    await Promise.all([...this.executions]);
  }

  /** Look for work now (one look at a time; a call during a look makes another after it). */
  kick(): void {
    if (this.stopped) return;
    if (this.claiming !== undefined) {
      this.again = true;
      return;
    }
    this.claiming = this.claimAll()
      .catch((e: unknown) => this.log.warn({ err: e }, "looking for sync jobs failed"))
      .finally(() => {
        this.claiming = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async claimAll(): Promise<void> {
    await this.queue.prune();
    while (!this.stopped && this.running.size < this.tuning.workers) {
      const row = await this.queue.claim(this.owner, this.tuning.leaseMs);
      if (row === undefined) return;
      const abort = new AbortController();
      this.running.set(row.id, abort);
      this.updated(row.id);
      const done = this.execute(row, abort)
        .catch((e: unknown) =>
          this.log.warn({ err: e, jobId: row.id }, "a sync job's end was not recorded")
        )
        .finally(() => {
          this.running.delete(row.id);
          this.executions.delete(done);
          this.updated(row.id);
          this.kick();
        });
      this.executions.add(done);
    }
  }

  private async execute(row: JobRow, abort: AbortController): Promise<void> {
    let beat: Promise<void> = Promise.resolve();
    const state: RunState = {
      mode: row.mode,
      phase: row.phase,
      progress: row.progress,
      abort,
      calls: { query: 0, cdc: 0 },
      // Progress goes to the database before listeners hear of it, so a poll after the word sees it.
      updated: () => {
        beat = beat.then(() => this.beat(row.id, state));
      },
    };
    const lease = setInterval(() => state.updated(), Math.max(1, this.tuning.leaseMs / 3));
    try {
      const { client, homeCurrency } = await this.resolve(row.company_key);
      // A background sync starts from the company's last cursor; without one it reads everything.
      const cursor =
        row.mode === "full"
          ? undefined
          : (row.cursor ?? (await this.queue.cursor(row.company_key)));
      const result: SyncResult = await new SyncRun(state, client, homeCurrency).run(
        cursor === undefined ? undefined : decodeCursor(cursor, client.realmId)
      );
      clearInterval(lease);
      await beat;
      if (!abort.signal.aborted)
        await this.queue.finish(row.id, this.owner, {
          state: "done",
          result,
          progress: state.progress,
        });
    } catch (e) {
      clearInterval(lease);
      await beat;
      if (e instanceof Cancelled || abort.signal.aborted) return;
      await this.queue.finish(row.id, this.owner, { state: "failed", error: failure(e) });
    }
  }

  private async beat(jobId: string, state: RunState): Promise<void> {
    try {
      const mine = await this.queue.heartbeat(
        jobId,
        this.owner,
        this.tuning.leaseMs,
        state.phase,
        state.progress
      );
      if (!mine) state.abort.abort();
    } catch (e) {
      this.log.warn({ err: e, jobId }, "renewing a sync job's lease failed");
    }
    this.updated(jobId);
  }

  /** What GET /api/sync/{jobId} answers: a job still waiting to start is running from the pane's point of view. */
  static view(j: JobRow): SyncJob {
    const v: SyncJob = {
      jobId: j.id,
      mode: j.mode,
      state: j.state === "queued" ? "running" : j.state,
      phase: j.phase,
      progress: j.progress,
      startedAt: new Date(j.started_at).toISOString(),
    };
    if (j.finished_at !== null) v.finishedAt = new Date(j.finished_at).toISOString();
    if (j.error !== null) v.error = j.error;
    return v;
  }
}
