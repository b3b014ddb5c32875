import { monthsBetween, parseMonth } from "../../core";
import type { Cents, Schedule } from "../../core";

export interface WaterfallRow {
  contract: string;
  customer: string;
  /** Revenue recognized in each month of the range. */
  months: Cents[];
  total: Cents;
}

/** The revenue waterfall as the report sheet and the Reports tab show it: one row per contract, and totals. */
export interface Waterfall {
  months: string[];
  /** Contracts with revenue in at least one of the months, in the schedule's order. */
  rows: WaterfallRow[];
  /** Each month's total over the rows. */
  totals: Cents[];
  total: Cents;
  /** Contracts left out because they recognize nothing in these months. */
  notShown: number;
}

function month(p: string): number {
  const m = parseMonth(p);
  if (m === undefined) throw new Error(`Not a period: ${p}`);
  return m;
}

/** Revenue by contract and month over from..to, all-zero contracts left out (and counted). */
export function buildWaterfall(
  schedule: Schedule | undefined,
  from: string,
  to: string
): Waterfall {
  const months = monthsBetween(from, to);
  const indexes = months.map(month);
  const rows: WaterfallRow[] = [];
  let notShown = 0;
  for (const c of schedule?.contracts ?? []) {
    const figures = indexes.map((m) => c.revenue(m, m));
    if (figures.every((x) => x === 0)) {
      notShown += 1;
      continue;
    }
    rows.push({
      contract: c.id,
      customer: c.customer,
      months: figures,
      total: figures.reduce((s, x) => s + x, 0),
    });
  }
  const totals = months.map((_, i) => rows.reduce((s, r) => s + (r.months[i] ?? 0), 0));
  return { months, rows, totals, total: totals.reduce((s, x) => s + x, 0), notShown };
}

/** "3 contracts with no revenue in these months are not shown."; empty when none were left out. */
export function notShownText(n: number): string {
  if (n === 0) return "";
  return n === 1
    ? "1 contract with no revenue in these months is not shown."
    : `${n} contracts with no revenue in these months are not shown.`;
}

/** One stack of the waterfall's chart: a contract, or the rest added together. */
export interface WaterfallSeries {
  legend: string;
  months: Cents[];
}

/**
 * The waterfall's chart series: the `top` contracts with the most revenue in the range, then the others added
 * up as one, so that a 350 px pane shows a legend it can fit.
 */
export function waterfallSeries(w: Waterfall, top: number): WaterfallSeries[] {
  const ranked = [...w.rows].sort((a, b) => b.total - a.total);
  const shown = ranked.slice(0, top);
  const rest = ranked.slice(top);
  const series = shown.map((r) => ({ legend: r.contract, months: r.months }));
  if (rest.length === 0) return series;
  return [
    ...series,
    {
      legend: `${rest.length} other contract${rest.length === 1 ? "" : "s"}`,
      months: w.months.map((_, i) => rest.reduce((s, r) => s + (r.months[i] ?? 0), 0)),
    },
  ];
}
