// Text renderings of the core's report objects: CSV and the one-line-per-period summary.
import type { CutoverReport, JournalReport, PeriodTotals, ScheduleReport } from "../core";
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

/** Rows under a header, the first `left` columns left-aligned and the others (amounts) right-aligned. */
function aligned(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  left = 1
): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length))
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** One aligned line per period with totals over all contracts. */
export function scheduleSummary(totals: readonly PeriodTotals[]): string {
  const columns = ["period", "revenue", "billed", "deferred", "unbilled", "refund"] as const;
  return aligned(
    columns,
    totals.map((t) => columns.map((c) => t[c]))
  );
}

/** The cut-over per account, then the opening true-up's lines (or that none is needed). */
export function cutoverText(r: CutoverReport): string {
  const label = { deferredRevenue: "Deferred revenue", contractAsset: "Contract asset" } as const;
  const cut = aligned(
    [`Cut-over at the end of ${r.asOf}`, "account", "workbook", "QuickBooks", "difference"],
    r.rows.map((x) => [label[x.role], x.account, x.engine, x.qbo, x.difference]),
    2
  );
  const entry =
    r.entry.lines.length === 0
      ? "The cut-over ties: no opening true-up is needed.\n"
      : `Opening true-up ${r.entry.docNumber}, dated ${r.entry.date}:\n` +
        aligned(
          ["account", "debit", "credit"],
          r.entry.lines.map((l) => [
            l.account,
            l.posting === "Debit" ? l.amount : "",
            l.posting === "Credit" ? l.amount : "",
          ])
        );
  return `${cut}\n${entry}`;
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
