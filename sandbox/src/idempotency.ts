/** `requestid` on writes: a repeat returns the stored original response and performs nothing. */
import type { Behaviour } from "./config";
import { Faults, type QboError } from "./errors";
import { getArr, getStr, isObj, parseJson } from "./json";

/** Reference §4: a requestid is at most 50 characters; §2.5: on a batch at most 36, and each bId at most 10. */
export const REQUEST_ID_MAX = 50;
export const BATCH_REQUEST_ID_MAX = 36;
export const BATCH_BID_MAX = 10;

/** Fault 2130 for a requestid (and, on a batch, a bId) longer than QBO allows; `batchBody` only for /batch. */
export function requestIdFault(requestId: string, batchBody?: string): QboError | undefined {
  const max = batchBody === undefined ? REQUEST_ID_MAX : BATCH_REQUEST_ID_MAX;
  if (requestId.length === 0 || requestId.length > max) {
    const where = batchBody === undefined ? "" : " on a batch request";
    return Faults.requestIdFormat(`requestid must be 1 to ${max} characters${where}`);
  }
  if (batchBody === undefined) return undefined;
  const json = parseJson(batchBody);
  for (const item of (isObj(json) ? getArr(json, "BatchItemRequest") : undefined) ?? []) {
    const bId = isObj(item) ? getStr(item, "bId") : undefined;
    if (bId !== undefined && bId.length > BATCH_BID_MAX) {
      return Faults.requestIdFormat(
        `bId ${bId} is longer than ${BATCH_BID_MAX} characters, the most a batch with a requestid allows`,
        "bId"
      );
    }
  }
  return undefined;
}

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
