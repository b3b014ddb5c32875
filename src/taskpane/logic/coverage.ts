/**
 * Which months a period's entry covers. An entry for period P covers every month no earlier RevRec entry
 * covered: from the month after the latest period already posted (or, on a first close, from the book's first
 * month of activity) to P. It is dated the last day of P and numbered RR-P. The range is kept in the
 * RevRecPostings log (From..Period) and in each posted line's description, so it can be read back from
 * QuickBooks when the log is missing.
 */
import { formatMonth } from "../../core";
import { nextMonth } from "../../core";
import type { Schedule } from "../../core";
import type { Posting } from "../../wire";
import type { TableData } from "../../workbook";

/** An original entry already posted: it covers from..period. */
export interface CoveringEntry {
  docNumber: string;
  period: string;
  from: string;
  /** Where the range was read: the RevRecPostings log or the entry's line descriptions in QuickBooks. */
  source: "log" | "quickbooks";
}

/** What the entry for a period covers, and why. */
export type CloseRange =
  | {
      kind: "open";
      from: string;
      to: string;
      /** The latest entry before the period, when there is one. */
      after?: CoveringEntry;
    }
  | { kind: "posted"; from: string; to: string; entry: CoveringEntry }
  | { kind: "covered"; from: string; to: string; entry: CoveringEntry };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The text of a range, as the pane, the memo and the line descriptions write it. */
export function rangeText(from: string, to: string): string {
  return from === to ? to : `${from} to ${to}`;
}

/** The description written on every line of an entry (read back by rangeOfPosting). */
export function lineDescription(from: string, to: string, adjustment = 0): string {
  return `Revenue recognition ${rangeText(from, to)}${adjustment > 0 ? ` (adjustment ${adjustment})` : ""}`;
}

/** The first month with any activity in the book (a first close starts there), or undefined for an empty book. */
export function firstActivity(schedule: Schedule): string | undefined {
  let first: number | undefined;
  for (const c of schedule.contracts) if (first === undefined || c.first < first) first = c.first;
  return first === undefined ? undefined : formatMonth(first);
}

/** The range an entry posted for `period` covers, from its lines' descriptions; undefined when they do not say. */
export function rangeOfPosting(posting: Posting, period: string): string | undefined {
  for (const l of posting.lines) {
    const m = /(\d{4}-\d{2}) to (\d{4}-\d{2})/.exec(l.description ?? "");
    if (m && m[2] === period && MONTH.test(m[1] ?? "") && (m[1] ?? "") <= period) return m[1];
  }
  return undefined;
}

function cellText(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

/** The original entries in the RevRecPostings log, each with the months it covers. */
export function loggedEntries(table: TableData | undefined): CoveringEntry[] {
  if (!table) return [];
  const col = (name: string) =>
    table.header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const [period, from, doc, kind] = ["Period", "From", "DocNumber", "Kind"].map(col) as [
    number,
    number,
    number,
    number,
  ];
  const out: CoveringEntry[] = [];
  for (const row of table.rows) {
    // Adjustments and the opening true-up cover no months of their own.
    if (kind >= 0 && ["adjustment", "opening"].includes(cellText(row[kind]).toLowerCase()))
      continue;
    const raw = cellText(row[period]);
    const range = /^(\d{4}-\d{2})\s*\.\.\s*(\d{4}-\d{2})$/.exec(raw);
    const to = range ? (range[2] ?? "") : raw;
    if (!MONTH.test(to)) continue;
    const f = from >= 0 ? cellText(row[from]) : "";
    const start = MONTH.test(f) && f <= to ? f : range && (range[1] ?? "") <= to ? range[1] : to;
    out.push({
      docNumber: cellText(row[doc]) || `RR-${to}`,
      period: to,
      from: start ?? to,
      source: "log",
    });
  }
  return out;
}

/** An entry read from QuickBooks: its range from the descriptions, else from the log, else the period alone. */
export function entryFromPostings(
  period: string,
  postings: readonly Posting[],
  logged: readonly CoveringEntry[]
): CoveringEntry | undefined {
  const original = postings.find((p) => p.adjustment === 0) ?? postings[0];
  if (!original) return undefined;
  const fromQbo = rangeOfPosting(original, period);
  if (fromQbo)
    return { docNumber: original.docNumber, period, from: fromQbo, source: "quickbooks" };
  const log = logged.find((e) => e.period === period);
  if (log) return { ...log, docNumber: original.docNumber };
  return { docNumber: original.docNumber, period, from: period, source: "quickbooks" };
}

/**
 * The range of the entry for `period`, given the entries already posted (the log's and those found in
 * QuickBooks; for the same period QuickBooks wins) and the book's first month of activity.
 */
export function closeRange(
  period: string,
  entries: readonly CoveringEntry[],
  first: string | undefined
): CloseRange {
  const byPeriod = new Map<string, CoveringEntry>();
  for (const e of entries) {
    const had = byPeriod.get(e.period);
    if (!had || (had.source === "log" && e.source === "quickbooks")) byPeriod.set(e.period, e);
  }
  const all = [...byPeriod.values()];
  const own = byPeriod.get(period);
  if (own) return { kind: "posted", from: own.from, to: period, entry: own };
  const covering = all
    .filter((e) => e.period > period && e.from <= period)
    .sort((a, b) => a.period.localeCompare(b.period))[0];
  if (covering)
    return { kind: "covered", from: covering.from, to: covering.period, entry: covering };
  const before = all
    .filter((e) => e.period < period)
    .sort((a, b) => b.period.localeCompare(a.period))[0];
  if (before) return { kind: "open", from: nextMonth(before.period), to: period, after: before };
  const from = first !== undefined && first < period ? first : period;
  return { kind: "open", from, to: period };
}

/** The sentence the Close tab shows above a catch-up entry (empty for an entry of its period alone). */
export function catchUpText(range: CloseRange): string {
  if (range.kind !== "open" || range.from === range.to) return "";
  const why = range.after
    ? `the latest RevRec entry, ${range.after.docNumber}, covers through ${range.after.period}`
    : "no earlier RevRec entry was posted";
  return `Catch-up entry for ${rangeText(range.from, range.to)}: ${why}. It recognizes every month of the range at once and is dated the last day of ${range.to}.`;
}
