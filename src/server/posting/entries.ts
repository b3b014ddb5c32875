/**
 * RevRec's journal entries as QuickBooks holds them: which are RevRec's (the marker in the private note), which
 * backend made one (its run id there too), and whether an entry carries the lines being posted.
 */
import { parseAmount } from "../../core";
import { entityRows, q, type QboClient } from "../qbo/client";
import { obj, s, type Obj } from "./json";

/** In the PrivateNote of every entry RevRec posts; an entry without it was made by someone else. */
export const MARKER = "src=revrec-excel";

export function ours(entry: Obj): boolean {
  return s(entry["PrivateNote"]).includes(MARKER);
}

/** Of the entries with a DocNumber, RevRec's own if there is one. */
export function pick(entries: readonly Obj[]): Obj | undefined {
  return entries.find(ours) ?? entries[0];
}

export function idOf(entry: Obj): string {
  return s(entry["Id"]);
}

const RUN_RE = /\| run=([0-9a-f]{12})(?= \||$)/;

/** The run id written by the backend that created the entry (the first one: a memo comes after it). */
export function runOf(entry: Obj): string | undefined {
  return RUN_RE.exec(s(entry["PrivateNote"]))?.[1];
}

/** The parts of a line that make two entries the same: account, side, amount, class, customer. */
export interface LineIdentity {
  accountId: string;
  posting: string;
  cents: number;
  classId?: string | undefined;
  customerId?: string | undefined;
}

export function lineKey(l: LineIdentity): string {
  return [l.accountId, l.posting.toLowerCase(), l.cents, l.classId ?? "", l.customerId ?? ""].join(
    "|"
  );
}

function entryKeys(entry: Obj): string[] {
  const lines = Array.isArray(entry["Line"]) ? entry["Line"] : [];
  const keys: string[] = [];
  for (const raw of lines) {
    const l = obj(raw);
    const d = obj(l?.["JournalEntryLineDetail"]);
    if (l === undefined || d === undefined) continue;
    keys.push(
      lineKey({
        accountId: s(obj(d["AccountRef"])?.["value"]),
        posting: s(d["PostingType"]),
        cents: parseAmount(l["Amount"]) ?? 0,
        classId: s(obj(d["ClassRef"])?.["value"]) || undefined,
        customerId: s(obj(obj(d["Entity"])?.["EntityRef"])?.["value"]) || undefined,
      })
    );
  }
  return keys.sort();
}

export function sameLines(entry: Obj, lines: readonly LineIdentity[]): boolean {
  const a = entryKeys(entry);
  const b = lines.map(lineKey).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Every journal entry in QuickBooks with this DocNumber. */
export async function findEntries(
  client: Pick<QboClient, "call">,
  docNumber: string
): Promise<Obj[]> {
  const res = await client.call({
    method: "GET",
    path: "query",
    query: { query: `SELECT * FROM JournalEntry WHERE DocNumber = ${q(docNumber)}` },
    kind: "query",
  });
  return entityRows(res, "JournalEntry").filter((e) => s(e["DocNumber"]) === docNumber);
}
