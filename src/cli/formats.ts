// Text renderings of the core's report objects: CSV and the one-line-per-period summary.
import type { JournalReport, PeriodTotals, ScheduleReport } from "../core";
import { amount, csvRow } from "./csv";

/** One row per obligation's revenue, then five rows per contract (revenue, billed, deferred, unbilled, refund). */
export function scheduleCsv(r: ScheduleReport): string {
  const rows = [csvRow(["contract", "obligation", "measure", ...r.periods])];
  for (const o of r.obligations) {
    rows.push(
      csvRow([
        o.contract,
        o.obligation,
        "revenue",
        ...r.periods.map((p) => amount(o.revenue[p] ?? "")),
      ])
    );
  }
  for (const c of r.contracts) {
    for (const measure of ["revenue", "billed", "deferred", "unbilled", "refund"] as const) {
      rows.push(
        csvRow([c.contract, "", measure, ...r.periods.map((p) => amount(c[measure][p] ?? ""))])
      );
    }
  }
  return rows.join("\n") + "\n";
}

/** One aligned line per period with totals over all contracts. */
export function scheduleSummary(totals: readonly PeriodTotals[]): string {
  const columns = ["period", "revenue", "billed", "deferred", "unbilled", "refund"] as const;
  const rows = totals.map((t) => columns.map((c) => t[c]));
  const widths = columns.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length))
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(columns), ...rows.map(line)].join("\n") + "\n";
}

export function journalCsv(r: JournalReport): string {
  const rows = [csvRow(["date", "account", "posting", "amount", "class", "customer"])];
  for (const l of r.lines) {
    rows.push(
      csvRow([r.date, l.account, l.posting, amount(l.amount), l.class ?? "", l.customer ?? ""])
    );
  }
  return rows.join("\n") + "\n";
}
