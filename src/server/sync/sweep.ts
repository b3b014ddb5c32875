/**
 * The periodic CDC sweep: every `intervalMs` one instance queues an incremental sync for every connected company, so a
 * change whose webhook never came (Intuit does not resend a notification it could not deliver, and an app without
 * webhooks gets none) is read within one interval. Every instance's timer ticks; only the instance whose claim on the
 * `sync_sweeps` row succeeds sweeps (the claim moves `last_at` forward, and only once the interval has all but
 * passed), so N instances make one job per company, not N. A company already waiting for a sync gets no second one
 * (the queue coalesces background jobs).
 */
import type { Db } from "../db";
import type { JobLog, SyncJobs } from "./jobs";

/** Calls `tick` every `ms` until the returned stop is called; tests pass one they fire by hand. */
export type SweepTimer = (tick: () => Promise<void>, ms: number) => () => void;

export const intervalTimer: SweepTimer = (tick, ms) => {
  const t = setInterval(() => void tick(), ms);
  t.unref();
  return () => clearInterval(t);
};

/**
 * A claim succeeds once this share of the interval has passed since the last: the instances' timers are not in step,
 * so an instance whose tick comes a moment early still sweeps on time, and one a moment after the sweeper does not.
 */
const CLAIM_AFTER = 0.9;

export class CdcSweep {
  private stopTimer: (() => void) | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly companies: () => Promise<string[]>,
    private readonly jobs: SyncJobs,
    /** 0: no sweep */
    private readonly intervalMs: number,
    /** The instance's clock (epoch ms); each claim compares it with the last sweep's. */
    private readonly now: () => number,
    private readonly log: JobLog,
    private readonly timer: SweepTimer = intervalTimer
  ) {}

  begin(): void {
    if (this.intervalMs === 0 || this.stopTimer !== undefined) return;
    this.stopTimer = this.timer(() => this.tickLogged(), this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = undefined;
    await this.ticking;
  }

  private tickLogged(): Promise<void> {
    const t = this.tick()
      .then(() => undefined)
      .catch((e: unknown) => this.log.warn({ err: e }, "the CDC sweep failed"));
    this.ticking = t;
    return t;
  }

  /**
   * Sweep if it is this instance's turn: the number of companies a sync was queued (or was already waiting) for, or
   * undefined when another instance swept less than an interval ago.
   */
  async tick(): Promise<number | undefined> {
    if (!(await this.claim())) return undefined;
    const keys = await this.companies();
    for (const key of keys) await this.jobs.background(key, "sweep");
    return keys.length;
  }

  /** Take this interval's sweep: true for exactly one of the instances asking within an interval. */
  private async claim(): Promise<boolean> {
    const now = Math.round(this.now());
    const rows = await this.db.query(
      `INSERT INTO sync_sweeps (name, last_at) VALUES ('cdc', $1)
       ON CONFLICT (name) DO UPDATE SET last_at = EXCLUDED.last_at
       WHERE sync_sweeps.last_at <= EXCLUDED.last_at - $2
       RETURNING last_at`,
      [now, Math.round(this.intervalMs * CLAIM_AFTER)]
    );
    return rows.length > 0;
  }
}
