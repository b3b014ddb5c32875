import { monthsBetween, nextMonth, previousMonth } from "../../core";
import type { ApiClient } from "../api/client";
import type { Postings } from "../../wire";
import { closeRange, entryFromPostings } from "../logic/coverage";
import type { CloseRange, CoveringEntry } from "../logic/coverage";

/** Months asked at once: QuickBooks allows a company 10 requests a second, and the pane is not its only client. */
const BATCH = 6;

export interface Coverage {
  range: CloseRange;
  /** What QuickBooks holds for the period itself. */
  postings: Postings;
  /** What QuickBooks holds, by each month it was asked about. */
  found: Map<string, Postings>;
}

/**
 * What the period's entry covers. QuickBooks is asked about the period itself, about the months between the
 * latest logged entry before it and it (entries the log missed), about the logged entries that bear on it (one
 * deleted in QuickBooks no longer counts), and, when the log has nothing after the period, about the months
 * after it up to now (a later catch-up entry may have covered it). With no log at all that reads the whole
 * history back from QuickBooks, through the range written on each entry's lines.
 */
export async function askCoverage(
  client: ApiClient,
  period: string,
  logged: readonly CoveringEntry[],
  first: string | undefined,
  thisMonth: string
): Promise<Coverage> {
  const months = new Set<string>([period]);
  const before = logged
    .filter((e) => e.period < period)
    .sort((a, b) => b.period.localeCompare(a.period))[0];
  if (before) months.add(before.period);
  const start = before ? nextMonth(before.period) : first !== undefined ? first : period;
  if (start < period) for (const m of monthsBetween(start, previousMonth(period))) months.add(m);
  const later = logged.filter((e) => e.period > period);
  for (const e of later) if (e.from <= period) months.add(e.period);
  if (later.length === 0 && thisMonth > period)
    for (const m of monthsBetween(nextMonth(period), thisMonth)) months.add(m);
  const found = new Map<string, Postings>();
  const list = [...months];
  for (let i = 0; i < list.length; i += BATCH) {
    const batch = await Promise.all(list.slice(i, i + BATCH).map((m) => client.postings(m)));
    for (const p of batch) found.set(p.period, p);
  }
  // QuickBooks' answer wins for every month it was asked about.
  const entries: CoveringEntry[] = logged.filter((e) => !found.has(e.period));
  for (const [m, p] of found) {
    const e = entryFromPostings(m, p.postings, logged);
    if (e) entries.push(e);
  }
  const postings = found.get(period) ?? { period, nextAdjustment: 0, postings: [] };
  return { range: closeRange(period, entries, first), postings, found };
}
