/**
 * Intuit's documented limits: 10 requests/s per realm+app, 500/min per realm, and batch requests at 40/min per
 * realm+app and 120/min per realm.
 */
import type { Behaviour } from "./config";

export class Throttle {
  private readonly hits = new Map<string, number[]>();
  enabled: boolean;

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

  /** Records the request and says whether it is over a limit (then it is not recorded). */
  admit(realmId: string, clientId: string, batch: boolean, now: number): boolean {
    if (!this.enabled) return true;
    const b = this.behaviour;
    const keys = [`s:${realmId}:${clientId}`, `m:${realmId}`];
    if (
      this.over(keys[0] ?? "", 1000, b.perSecond, now) ||
      this.over(keys[1] ?? "", 60_000, b.perMinute, now)
    )
      return false;
    if (batch) {
      keys.push(`b:${realmId}:${clientId}`, `B:${realmId}`);
      if (this.over(`b:${realmId}:${clientId}`, 60_000, b.batchPerMinute, now)) return false;
      if (this.over(`B:${realmId}`, 60_000, b.batchPerMinuteRealm, now)) return false;
    }
    this.record(keys, now);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }
}
