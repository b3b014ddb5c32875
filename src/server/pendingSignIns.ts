/**
 * Sign-ins in progress: the OAuth `state`s issued by /auth/qbo/start, each tied to the browser that asked for it (the
 * `revrec_auth` cookie's binding). Each browser holds a few at most, its own oldest giving way to its newest, so no
 * caller can crowd out, cancel or use another's sign-in.
 */
import { randomBytes } from "node:crypto";

export interface PendingLimits {
  /** Sign-ins one browser may have open at once (several dialogs, retries). */
  perCaller: number;
  /** Browsers with a sign-in open at once; beyond it new browsers wait (memory bound against scripted floods). */
  callers: number;
  /** A state is good for this long. */
  ttlMs: number;
}

export const PENDING_LIMITS: PendingLimits = {
  perCaller: 5,
  callers: 10_000,
  ttlMs: 10 * 60 * 1000,
};

interface Pending {
  state: string;
  createdAt: number;
}

export class PendingSignIns {
  /** binding → its states, oldest first */
  private readonly byCaller = new Map<string, Pending[]>();

  constructor(
    private readonly limits: PendingLimits = PENDING_LIMITS,
    private readonly now: () => number = Date.now
  ) {}

  /** A new state for the browser `binding`, or undefined when too many other browsers are signing in. */
  issue(binding: string): string | undefined {
    const now = this.now();
    this.forgetExpired(now);
    const mine = this.byCaller.get(binding) ?? [];
    if (mine.length === 0 && this.byCaller.size >= this.limits.callers) return undefined;
    const state = randomBytes(24).toString("base64url");
    mine.push({ state, createdAt: now });
    if (mine.length > this.limits.perCaller) mine.splice(0, mine.length - this.limits.perCaller);
    this.byCaller.set(binding, mine);
    return state;
  }

  /** True once for a state this browser was issued and that has not expired; the state is then used up. */
  take(state: string, binding: string | undefined): boolean {
    if (binding === undefined) return false;
    const mine = this.byCaller.get(binding);
    const i = mine?.findIndex((p) => p.state === state) ?? -1;
    if (mine === undefined || i < 0) return false;
    const [p] = mine.splice(i, 1);
    if (mine.length === 0) this.byCaller.delete(binding);
    return p !== undefined && this.now() - p.createdAt <= this.limits.ttlMs;
  }

  private forgetExpired(now: number): void {
    for (const [binding, states] of this.byCaller) {
      const live = states.filter((p) => now - p.createdAt <= this.limits.ttlMs);
      if (live.length === 0) this.byCaller.delete(binding);
      else if (live.length !== states.length) this.byCaller.set(binding, live);
    }
  }
}
