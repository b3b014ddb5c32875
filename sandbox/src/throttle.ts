/**
 * Intuit's documented limits: 10 requests/s per realm+app, 500/min per realm, 10 requests at once per realm+app
 * (reference §5.4: the 2016 blog's "10 concurrent requests" and today's "10 per second", both enforced), and batch
 * requests at 40/min per realm+app and 120/min per realm. Every refusal is the same 429 ThrottleExceeded (code 3001),
 * the only throttle fault Intuit documents.
 */
import type { Behaviour } from "./config";

/** Says that an admitted request has been answered (for the limit on requests at once). */
export type Done = () => void;

export class Throttle {
  private readonly hits = new Map<string, number[]>();
  /** requests admitted and not yet answered, per realm+app */
  private readonly running = new Map<string, number>();
  enabled: boolean;
  /** requests refused with 429 by these limits (not by injected faults), per realm */
  private readonly refusedBy = new Map<string, number>();
  /** the most requests of one realm+app ever running at once */
  peak = 0;

  constructor(private readonly behaviour: Behaviour) {
    this.enabled = behaviour.throttle;
  }

  private over(key: string, windowMs: number, limit: number, now: number): boolean {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs && t <= now);
    this.hits.set(key, list);
    return list.length >= limit;
  }

  private record(keys: string[], now: number): void {
    for (const k of keys) this.hits.get(k)?.push(now);
  }

  /** Requests of all realms running now. */
  get inFlight(): number {
    let n = 0;
    for (const v of this.running.values()) n += v;
    return n;
  }

  /**
   * Admits the request (records it, counts it as running until `done` is called) or refuses it (undefined: answer
   * 429). Requests are counted as running while throttling is off too, so the peak says what a client did.
   */
  admit(realmId: string, clientId: string, batch: boolean, now: number): Done | undefined {
    const b = this.behaviour;
    const app = `${realmId}:${clientId}`;
    const running = this.running.get(app) ?? 0;
    if (this.enabled) {
      const keys = [`s:${app}`, `m:${realmId}`];
      let over =
        running >= b.concurrent ||
        this.over(keys[0] ?? "", 1000, b.perSecond, now) ||
        this.over(keys[1] ?? "", 60_000, b.perMinute, now);
      if (!over && batch) {
        keys.push(`b:${app}`, `B:${realmId}`);
        over =
          this.over(`b:${app}`, 60_000, b.batchPerMinute, now) ||
          this.over(`B:${realmId}`, 60_000, b.batchPerMinuteRealm, now);
      }
      if (over) {
        this.refusedBy.set(realmId, (this.refusedBy.get(realmId) ?? 0) + 1);
        return undefined;
      }
      this.record(keys, now);
    }
    this.running.set(app, running + 1);
    this.peak = Math.max(this.peak, running + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const n = (this.running.get(app) ?? 1) - 1;
      if (n <= 0) this.running.delete(app);
      else this.running.set(app, n);
    };
  }

  /** 429s these limits answered: one realm's, or every realm's */
  refused(realmId?: string): number {
    if (realmId !== undefined) return this.refusedBy.get(realmId) ?? 0;
    let all = 0;
    for (const n of this.refusedBy.values()) all += n;
    return all;
  }

  reset(): void {
    this.hits.clear();
    this.refusedBy.clear();
    this.peak = 0;
  }
}
