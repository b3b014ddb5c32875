// Reading QuickBooks' change data capture (CDC) answers.
import type { JsonObject } from "../qbo/client";

/** What a CDC call said, per entity in ENTITIES order. */
export interface Changes {
  /** QuickBooks' `time` of the answer: everything up to it is included */
  time: string;
  changed: JsonObject[][];
  deleted: string[][];
  truncated: boolean;
}

/**
 * A high-water mark from QuickBooks' `time` ("…T17:08:54.144-08:00"), cut to the whole second. MetaData
 * LastUpdatedTime has whole seconds only: a change at 54.5 s is stamped 54 s, and a mark of 54.144 s would miss it
 * for good. The next sync may bring again what changed in that second; documents are upserted, so that is harmless.
 */
export function wholeSecond(time: string): string {
  return time.replace(/(T\d{2}:\d{2}:\d{2})\.\d+/, "$1");
}

export function cdcQueryResponses(res: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const cdc = res["CDCResponse"];
  if (!Array.isArray(cdc)) return out;
  for (const c of cdc) {
    if (typeof c !== "object" || c === null) continue;
    const qrs = (c as JsonObject)["QueryResponse"];
    if (!Array.isArray(qrs)) continue;
    for (const q of qrs) if (typeof q === "object" && q !== null) out.push(q as JsonObject);
  }
  return out;
}
