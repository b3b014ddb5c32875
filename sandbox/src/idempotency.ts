/** `requestid` on writes: a repeat returns the stored original response and performs nothing. */
import type { Behaviour } from "./config";

export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
  fingerprint: string;
  at: number;
}

export class RequestIds {
  private map = new Map<string, StoredResponse>();

  constructor(private readonly behaviour: Behaviour) {}

  private key(realmId: string, requestId: string): string {
    return `${realmId}:${requestId}`;
  }

  find(realmId: string, requestId: string, now: number): StoredResponse | undefined {
    const k = this.key(realmId, requestId);
    const r = this.map.get(k);
    if (!r) return undefined;
    const ttl = this.behaviour.requestIdTtlSeconds;
    if (ttl !== null && now - r.at > ttl * 1000) {
      this.map.delete(k);
      return undefined;
    }
    return r;
  }

  store(realmId: string, requestId: string, r: StoredResponse): void {
    this.map.set(this.key(realmId, requestId), r);
  }

  get size(): number {
    return this.map.size;
  }

  entries(): [string, StoredResponse][] {
    return [...this.map.entries()];
  }

  restore(entries: [string, StoredResponse][]): void {
    this.map = new Map(entries);
  }
}
