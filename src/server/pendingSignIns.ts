/**
 * Sign-ins in progress: the OAuth `state`s issued by /auth/qbo/start, each tied to the browser that asked for it (the
 * `revrec_auth` cookie's binding). Each browser holds a few at most, its own oldest giving way to its newest, so no
 * caller can crowd out, cancel or use another's sign-in. Kept in the database: the callback may reach another
 * instance than the start did.
 */
import { randomBytes } from "node:crypto";

import type { Db } from "./db";

export interface PendingLimits {
  /** Sign-ins one browser may have open at once (several dialogs, retries). */
  perCaller: number;
  /** Browsers with a sign-in open at once; beyond it new browsers wait (a bound against scripted floods). */
  callers: number;
  /** A state is good for this long. */
  ttlMs: number;
}

export const PENDING_LIMITS: PendingLimits = {
  perCaller: 5,
  callers: 10_000,
  ttlMs: 10 * 60 * 1000,
};

export class PendingSignIns {
  constructor(
    private readonly db: Db,
    private readonly limits: PendingLimits = PENDING_LIMITS,
    private readonly now: () => number = Date.now
  ) {}

  /** A new state for the browser `binding`, or undefined when too many other browsers are signing in. */
  issue(binding: string): Promise<string | undefined> {
    const now = this.now();
    return this.db.transaction(async (tx) => {
      await tx.query("DELETE FROM pending_sign_ins WHERE created_at < $1", [
        now - this.limits.ttlMs,
      ]);
      const [mine] = await tx.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pending_sign_ins WHERE binding = $1",
        [binding]
      );
      if (mine?.n === 0) {
        const [callers] = await tx.query<{ n: number }>(
          "SELECT count(DISTINCT binding)::int AS n FROM pending_sign_ins"
        );
        if ((callers?.n ?? 0) >= this.limits.callers) return undefined;
      }
      const state = randomBytes(24).toString("base64url");
      await tx.query(
        "INSERT INTO pending_sign_ins (state, binding, created_at) VALUES ($1, $2, $3)",
        [state, binding, now]
      );
      await tx.query(
        `DELETE FROM pending_sign_ins WHERE binding = $1 AND seq NOT IN
           (SELECT seq FROM pending_sign_ins WHERE binding = $1 ORDER BY seq DESC LIMIT $2)`,
        [binding, this.limits.perCaller]
      );
      return state;
    });
  }

  /** True once for a state this browser was issued and that has not expired; the state is then used up. */
  async take(state: string, binding: string | undefined): Promise<boolean> {
    if (binding === undefined) return false;
    const [row] = await this.db.query<{ created_at: number }>(
      "DELETE FROM pending_sign_ins WHERE state = $1 AND binding = $2 RETURNING created_at",
      [state, binding]
    );
    return row !== undefined && this.now() - row.created_at <= this.limits.ttlMs;
  }
}
