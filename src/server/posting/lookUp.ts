/**
 * Step 3, look up: is the entry already in QuickBooks? An entry found under the DocNumber must be RevRec's and carry
 * these lines; otherwise the matching 409.
 */
import type { PostingContext } from "./context";
import { findEntries, idOf, ours, pick, sameLines } from "./entries";
import type { Obj } from "./json";
import { docNumberTaken, postingExists } from "./refusals";
import type { PreparedEntry } from "./resolve";

export interface Found {
  entry: Obj;
  /** every entry QuickBooks had under the DocNumber when it was looked up */
  seen: Obj[];
}

/** The entry the posting is answered with, of those `seen` under its DocNumber; undefined when there is none. */
export function accept(ctx: PostingContext, entry: PreparedEntry, seen: Obj[]): Found | undefined {
  const first = pick(seen);
  if (first === undefined) return undefined;
  if (!ours(first)) throw docNumberTaken(ctx, entry.docNumber, idOf(first));
  if (!sameLines(first, entry.lines))
    throw postingExists(ctx, entry.period, entry.adjustment, entry.docNumber, idOf(first));
  return { entry: first, seen };
}

export async function lookUp(
  ctx: PostingContext,
  entry: PreparedEntry
): Promise<Found | undefined> {
  return accept(ctx, entry, await findEntries(ctx.client, entry.docNumber));
}
