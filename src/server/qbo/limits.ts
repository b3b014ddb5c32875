/**
 * Intuit's limits per company: 10 requests a second per realm and app, 500 a minute, 10 at once. Each window is
 * widened by a margin: QuickBooks counts arrivals, not our starts, so a request that spent longer in flight lands in
 * the same second as one sent a second after it, and the 429 that follows costs Intuit's 60 s wait.
 *
 * `RateLimiter` holds the starts in this process; `RealmLimiter` holds them in the database, so that every instance
 * serving the company counts the same calls (a row lock per realm orders the instances' takes).
 */
import { randomBytes } from "node:crypto";

import type { Db } from "../db";
import { sleep } from "./client";

/** Says that a call has ended (for the limit on calls at once). */
export type Release = () => void;

export interface CallLimiter {
  /** Resolves when a call may start. */
  take(): Promise<Release>;
}

export interface Limits {
  perSecond: number;
  perMinute: number;
  /** calls at once */
  concurrent: number;
  marginMs: number;
}

/** How long to wait before another call may start, given the starts (ascending) of the last minute. */
export function windowWaitMs(starts: readonly number[], now: number, l: Limits): number {
  const second = 1000 + l.marginMs;
  const minute = 60000 + l.marginMs;
  const inMinute = starts.filter((t) => t > now - minute);
  const inSecond = inMinute.filter((t) => t > now - second);
  let waitMs = 0;
  if (inSecond.length >= l.perSecond) waitMs = (inSecond[0] ?? now) + second - now;
  if (inMinute.length >= l.perMinute)
    waitMs = Math.max(waitMs, (inMinute[0] ?? now) + minute - now);
  return waitMs;
}

/** The limits of one process: starts in memory, one take at a time. */
export class RateLimiter implements CallLimiter {
  private starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly limits: Limits;

  constructor(perSecond: number, perMinute: number, marginMs = 250) {
    this.limits = { perSecond, perMinute, concurrent: Infinity, marginMs };
  }

  take(): Promise<Release> {
    const next = this.chain.then(() => this.wait());
    this.chain = next.catch(() => undefined);
    return next.then(() => () => undefined);
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.starts = this.starts.filter((t) => t > now - 60000 - this.limits.marginMs);
      const waitMs = windowWaitMs(this.starts, now, this.limits);
      if (waitMs <= 0) {
        this.starts.push(now);
        return;
      }
      await sleep(waitMs);
    }
  }
}

/** Until a slot among the calls at once frees (no event crosses instances, so this is a poll). */
const AT_ONCE_POLL_MS = 50;
const NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/** The limits of one realm across every instance on the database, on the database's clock. */
export class RealmLimiter implements CallLimiter {
  constructor(
    private readonly db: Db,
    private readonly realmId: string,
    private readonly limits: Limits,
    /** the longest a call can take (its timeout): past it, a call whose instance died no longer counts as running */
    private readonly callMs: number
  ) {}

  async take(): Promise<Release> {
    for (;;) {
      const r = await this.db.transaction(async (tx) => {
        await tx.query("INSERT INTO qbo_realms (realm_id) VALUES ($1) ON CONFLICT DO NOTHING", [
          this.realmId,
        ]);
        await tx.query("SELECT realm_id FROM qbo_realms WHERE realm_id = $1 FOR UPDATE", [
          this.realmId,
        ]);
        const [clock] = await tx.query<{ now: number }>(`SELECT ${NOW} AS now`);
        const now = clock?.now ?? Date.now();
        const minute = 60000 + this.limits.marginMs;
        const calls = await tx.query<{ started_at: number; running_until: number | null }>(
          `SELECT started_at, running_until FROM qbo_calls
           WHERE realm_id = $1 AND (started_at > $2 OR running_until > $3) ORDER BY started_at`,
          [this.realmId, now - minute, now]
        );
        let wait = windowWaitMs(
          calls.map((c) => c.started_at),
          now,
          this.limits
        );
        const atOnce = calls.filter((c) => c.running_until !== null && c.running_until > now);
        if (wait <= 0 && atOnce.length >= this.limits.concurrent) wait = AT_ONCE_POLL_MS;
        if (wait > 0) return { wait };
        const id = randomBytes(9).toString("base64url");
        await tx.query(
          "INSERT INTO qbo_calls (realm_id, id, started_at, running_until) VALUES ($1, $2, $3, $4)",
          [this.realmId, id, now, now + this.callMs]
        );
        await tx.query(
          `DELETE FROM qbo_calls WHERE realm_id = $1 AND started_at <= $2
             AND (running_until IS NULL OR running_until <= $3)`,
          [this.realmId, now - minute, now]
        );
        return { id };
      });
      if (r.id !== undefined) {
        const id = r.id;
        return () => {
          // Not awaited: the call is over either way, and a row left running expires at running_until.
          void this.db
            .query("UPDATE qbo_calls SET running_until = NULL WHERE realm_id = $1 AND id = $2", [
              this.realmId,
              id,
            ])
            .catch(() => undefined);
        };
      }
      await sleep(r.wait ?? AT_ONCE_POLL_MS);
    }
  }
}
