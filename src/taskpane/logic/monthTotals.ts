import { monthsBetween, nextMonth, parseMonth, previousMonth } from "../../core";
import type { Cents, Schedule } from "../../core";

/** All contracts' figures for one month, as the schedule report and the Close tab's charts show them. */
export interface MonthTotals {
  month: string;
  recognized: Cents;
  billed: Cents;
  /** Balances at the month's end. */
  deferred: Cents;
  contractAsset: Cents;
  cumulative: Cents;
}

export function monthTotals(schedule: Schedule | undefined, period: string): MonthTotals {
  const m = parseMonth(period);
  if (m === undefined) throw new Error(`Not a period: ${period}`);
  const out: MonthTotals = {
    month: period,
    recognized: 0,
    billed: 0,
    deferred: 0,
    contractAsset: 0,
    cumulative: 0,
  };
  for (const c of schedule?.contracts ?? []) {
    out.recognized += c.revenue(m, m);
    out.billed += c.billed(m, m);
    out.deferred += c.deferred(m);
    out.contractAsset += c.unbilled(m);
    out.cumulative += c.cumulative(m);
  }
  return out;
}

/** The months from `before` months ahead of `period` to `after` months past it, with their totals. */
export function totalsAround(
  schedule: Schedule | undefined,
  period: string,
  before: number,
  after: number
): MonthTotals[] {
  let from = period;
  for (let i = 0; i < before; i++) from = previousMonth(from);
  let to = period;
  for (let i = 0; i < after; i++) to = nextMonth(to);
  return monthsBetween(from, to).map((m) => monthTotals(schedule, m));
}
