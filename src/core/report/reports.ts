// The JSON objects printed by `revrec schedule` and `revrec journal` (docs/book.md, "Command line").
import { formatDay, formatMonth, type Month } from "../calendar";
import type { Journal } from "../journal/types";
import { formatAmount, type Cents } from "../money";
import type { Schedule } from "../schedule/types";
import type { JournalReport, JournalReportLine, PeriodTotals, ScheduleReport } from "./types";

export function scheduleReport(s: Schedule, from: Month, to: Month): ScheduleReport {
  const months: Month[] = [];
  for (let m = from; m <= to; m++) months.push(m);
  const byPeriod = (value: (m: Month) => Cents): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const m of months) out[formatMonth(m)] = formatAmount(value(m));
    return out;
  };
  return {
    periods: months.map(formatMonth),
    obligations: s.contracts.flatMap((c) =>
      c.obligations.map((o) => ({
        contract: c.id,
        obligation: o.id,
        allocated: formatAmount(o.allocated),
        revenue: byPeriod((m) => o.revenue(m, m)),
      }))
    ),
    contracts: s.contracts.map((c) => ({
      contract: c.id,
      revenue: byPeriod((m) => c.revenue(m, m)),
      billed: byPeriod((m) => c.billed(m, m)),
      deferred: byPeriod((m) => c.deferred(m)),
      unbilled: byPeriod((m) => c.unbilled(m)),
      refund: byPeriod((m) => c.refund(m)),
    })),
  };
}

/** Totals over all contracts, one row per period (the `revrec schedule --format summary` lines). */
export function scheduleTotals(s: Schedule, from: Month, to: Month): PeriodTotals[] {
  const rows: PeriodTotals[] = [];
  for (let m = from; m <= to; m++) {
    let revenue = 0;
    let billed = 0;
    let deferred = 0;
    let unbilled = 0;
    let refund = 0;
    for (const c of s.contracts) {
      revenue += c.revenue(m, m);
      billed += c.billed(m, m);
      deferred += c.deferred(m);
      unbilled += c.unbilled(m);
      refund += c.refund(m);
    }
    rows.push({
      period: formatMonth(m),
      revenue: formatAmount(revenue),
      billed: formatAmount(billed),
      deferred: formatAmount(deferred),
      unbilled: formatAmount(unbilled),
      refund: formatAmount(refund),
    });
  }
  return rows;
}

export function journalReport(j: Journal): JournalReport {
  const period =
    j.from === j.to ? formatMonth(j.to) : `${formatMonth(j.from)}..${formatMonth(j.to)}`;
  return {
    period,
    date: formatDay(j.date),
    lines: j.lines.map((l) => {
      const line: JournalReportLine = {
        account: l.account,
        posting: l.posting,
        amount: formatAmount(l.amount),
      };
      if (l.class !== undefined) line.class = l.class;
      if (l.customer !== undefined) line.customer = l.customer;
      return line;
    }),
  };
}
