/**
 * The sync job queue in the database (migration 002), shared by every instance: jobs are claimed with
 * `FOR UPDATE SKIP LOCKED`, one running job per company (a partial unique index), under a lease the running instance
 * renews; a job whose lease ran out (its instance died) goes back to the queue and is taken by the next claim.
 */
import { randomBytes } from "node:crypto";

import type { ApiErrorBody, SyncMode, SyncPhase, SyncProgress, SyncResult } from "../../wire";
import type { Db, Queryable } from "../db";
import { initialProgress } from "./run";

export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";
/** Who asked: the pane, a webhook notification, or the periodic CDC sweep. */
export type JobOrigin = "pane" | "webhook" | "sweep";

export type JobRow = {
  id: string;
  company_key: string;
  mode: SyncMode;
  cursor: string | null;
  origin: JobOrigin;
  state: JobState;
  phase: SyncPhase;
  progress: SyncProgress;
  error: ApiErrorBody | null;
  result: SyncResult | null;
  owner: string | null;
  lease_until: number | null;
  attempts: number;
  created_at: number;
  started_at: number;
  finished_at: number | null;
};

export interface QueueCounts {
  queued: number;
  running: number;
}

/** Finished jobs (and their results) are kept this long for the pane to fetch. */
export const KEEP_MS = 15 * 60 * 1000;

const NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/** A PostgreSQL unique violation (two instances claiming two jobs of one company at once). */
function uniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "23505";
}

export class JobQueue {
  constructor(private readonly db: Db) {}

  /**
   * Add a job. A pane job is refused (`conflict` holds the job in the way) while another pane job of the company waits
   * or runs; a background job is not added while any job of the company is still waiting to start (that one will see
   * the same changes), and `coalesced` holds that job.
   */
  enqueue(job: {
    companyKey: string;
    mode: SyncMode;
    cursor: string | undefined;
    origin: JobOrigin;
  }): Promise<{ added?: JobRow; conflict?: JobRow; coalesced?: JobRow }> {
    return this.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`sync|${job.companyKey}`]);
      const waiting = await tx.query<JobRow>(
        "SELECT * FROM sync_jobs WHERE company_key = $1 AND state IN ('queued', 'running') ORDER BY created_at",
        [job.companyKey]
      );
      if (job.origin === "pane") {
        const conflict = waiting.find((j) => j.origin === "pane");
        if (conflict !== undefined) return { conflict };
      } else {
        const coalesced = waiting.find((j) => j.state === "queued");
        if (coalesced !== undefined) return { coalesced };
      }
      const { phase, progress } = initialProgress(job.mode);
      const [added] = await tx.query<JobRow>(
        `INSERT INTO sync_jobs (id, company_key, mode, cursor, origin, state, phase, progress, created_at, started_at)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, ${NOW}, ${NOW}) RETURNING *`,
        [
          `sj_${randomBytes(12).toString("base64url")}`,
          job.companyKey,
          job.mode,
          job.cursor ?? null,
          job.origin,
          phase,
          JSON.stringify(progress),
        ]
      );
      return added === undefined ? {} : { added };
    });
  }

  /** Put jobs whose lease ran out back in the queue, from the start. */
  private async requeueExpired(): Promise<void> {
    const { phase, progress } = initialProgress("full");
    await this.db.query(
      `UPDATE sync_jobs SET state = 'queued', owner = NULL, lease_until = NULL,
         phase = CASE WHEN mode = 'full' THEN $1 ELSE 'changes' END,
         progress = CASE WHEN mode = 'full' THEN $2::jsonb ELSE jsonb_set($2::jsonb, '{pagesTotal}', '1') END
       WHERE state = 'running' AND lease_until < ${NOW}`,
      [phase, JSON.stringify(progress)]
    );
  }

  /** Take the oldest waiting job of a company with nothing running, for `owner`, under a lease of `leaseMs`. */
  async claim(owner: string, leaseMs: number): Promise<JobRow | undefined> {
    await this.requeueExpired();
    for (;;) {
      try {
        const [row] = await this.db.query<JobRow>(
          `UPDATE sync_jobs SET state = 'running', owner = $1, lease_until = ${NOW} + $2,
             attempts = attempts + 1
           WHERE id = (
             SELECT j.id FROM sync_jobs j
             WHERE j.state = 'queued'
               AND NOT EXISTS (SELECT 1 FROM sync_jobs r WHERE r.company_key = j.company_key AND r.state = 'running')
             ORDER BY j.created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING *`,
          [owner, leaseMs]
        );
        return row;
      } catch (e) {
        // Another instance started a job of the same company in the same instant: look again.
        if (!uniqueViolation(e)) throw e;
      }
    }
  }

  /** Renew the lease and store the progress; false when the job is no longer this owner's (cancelled, taken over). */
  async heartbeat(
    id: string,
    owner: string,
    leaseMs: number,
    phase: SyncPhase,
    progress: SyncProgress
  ): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE sync_jobs SET lease_until = ${NOW} + $3, phase = $4, progress = $5
       WHERE id = $1 AND owner = $2 AND state = 'running' RETURNING id`,
      [id, owner, leaseMs, phase, JSON.stringify(progress)]
    );
    return rows.length > 0;
  }

  /** Record a job's end (only while it is still this owner's); a done job's cursor becomes its company's. */
  finish(
    id: string,
    owner: string,
    end:
      | { state: "done"; result: SyncResult; progress: SyncProgress }
      | { state: "failed"; error: ApiErrorBody }
  ): Promise<JobRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<JobRow>(
        `UPDATE sync_jobs SET state = $3, phase = CASE WHEN $3 = 'done' THEN 'done' ELSE phase END,
           result = $4, error = $5, progress = COALESCE($6::jsonb, progress), finished_at = ${NOW},
           owner = NULL, lease_until = NULL
         WHERE id = $1 AND owner = $2 AND state = 'running' RETURNING *`,
        [
          id,
          owner,
          end.state,
          end.state === "done" ? JSON.stringify(end.result) : null,
          end.state === "failed" ? JSON.stringify(end.error) : null,
          end.state === "done" ? JSON.stringify(end.progress) : null,
        ]
      );
      if (row !== undefined && end.state === "done")
        await saveCursor(tx, row.company_key, end.result.cursor);
      return row;
    });
  }

  async get(id: string): Promise<JobRow | undefined> {
    const [row] = await this.db.query<JobRow>("SELECT * FROM sync_jobs WHERE id = $1", [id]);
    return row;
  }

  /** Cancel a job that has not ended; the job as it is now. */
  async cancel(id: string): Promise<JobRow | undefined> {
    const [row] = await this.db.query<JobRow>(
      `UPDATE sync_jobs SET state = 'cancelled', finished_at = ${NOW}, owner = NULL, lease_until = NULL
       WHERE id = $1 AND state IN ('queued', 'running') RETURNING *`,
      [id]
    );
    return row ?? this.get(id);
  }

  /** The cursor of the company's last finished sync. */
  async cursor(companyKey: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ cursor: string }>(
      "SELECT cursor FROM sync_cursors WHERE company_key = $1",
      [companyKey]
    );
    return row?.cursor;
  }

  async counts(): Promise<QueueCounts> {
    const rows = await this.db.query<{ state: string; n: number }>(
      "SELECT state, count(*)::int AS n FROM sync_jobs WHERE state IN ('queued', 'running') GROUP BY state"
    );
    const n = (s: string): number => rows.find((r) => r.state === s)?.n ?? 0;
    return { queued: n("queued"), running: n("running") };
  }

  /** Forget jobs that ended more than KEEP_MS ago. */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM sync_jobs WHERE finished_at < ${NOW} - $1`, [KEEP_MS]);
  }
}

async function saveCursor(tx: Queryable, companyKey: string, cursor: string): Promise<void> {
  await tx.query(
    `INSERT INTO sync_cursors (company_key, cursor, updated_at) VALUES ($1, $2, ${NOW})
     ON CONFLICT (company_key) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at`,
    [companyKey, cursor]
  );
}
