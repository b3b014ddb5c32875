/**
 * Step 5, confirm: after a create, look the DocNumber up. Another backend (one not sharing this data dir, so not
 * this lock) may have posted the same period at the same moment: every RevRec entry under the number besides the one
 * answered is a duplicate, and the answer says so. An answer naming an entry QuickBooks no longer has is a replay of
 * a requestid whose entry was deleted since.
 */
import { QboError } from "../errors";
import type { QboClient } from "../qbo/client";
import { findEntries, idOf, ours } from "./entries";
import type { Obj } from "./json";

export type Confirmation =
  | { kind: "confirmed"; duplicates: Obj[] }
  | { kind: "gone" }
  /** the look-up failed: the entry was made, but whether it has a twin is not known */
  | { kind: "unchecked" };

/** RevRec's entries among `seen` other than `entry`. */
export function twins(entry: Obj, seen: readonly Obj[]): Obj[] {
  return seen.filter((e) => ours(e) && idOf(e) !== idOf(entry));
}

export async function confirm(
  client: Pick<QboClient, "call">,
  docNumber: string,
  entry: Obj,
  seen: Obj[] | undefined
): Promise<Confirmation> {
  let now: Obj[];
  try {
    now = seen ?? (await findEntries(client, docNumber));
  } catch (e) {
    if (e instanceof QboError) return { kind: "unchecked" };
    throw e;
  }
  if (!now.some((e) => idOf(e) === idOf(entry))) return { kind: "gone" };
  return { kind: "confirmed", duplicates: twins(entry, now) };
}
