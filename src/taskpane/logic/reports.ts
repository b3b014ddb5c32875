import { parseMonth } from "../../core";
import type { Schedule } from "../../core";
import type { Cell, ReportSheet } from "../../workbook";
import { monthsBetween, previousMonth } from "../../core";
import { monthTotals } from "./monthTotals";
import type { MonthTotals } from "./monthTotals";
import { buildWaterfall, notShownText } from "./waterfall";

export type ReportKind = "schedule" | "waterfall" | "rollforward";

const MONEY = "#,##0.00;-#,##0.00";
const FIRST_DATA_ROW = 4; // title in row 1, header in row 3

function col(i: number): string {
  let s = "";
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cents(x: number): number {
  return Math.round(x) / 100;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The longest report, in months (a waterfall has a column per month). */
export const MAX_REPORT_MONTHS = 360;

/** What is wrong with a report's From and To months, by field; empty when both are fine. */
export function reportRangeProblems(from: string, to: string): { from?: string; to?: string } {
  const f = parseMonth(from.trim());
  const t = parseMonth(to.trim());
  const out: { from?: string; to?: string } = {};
  const format = "Enter a month as YYYY-MM, with the month from 01 to 12 (for example 2026-03).";
  if (f === undefined) out.from = format;
  if (t === undefined) out.to = format;
  if (f === undefined || t === undefined) return out;
  if (t < f) out.to = "To must be the same month as From, or later.";
  else if (t - f + 1 > MAX_REPORT_MONTHS)
    out.to = `A report covers at most ${MAX_REPORT_MONTHS} months (30 years).`;
  return out;
}

/** The workbook setting that remembers the reports added, so that a sync can bring them up to date. */
export const REPORTS_KEY = "RevRec.Reports";

export interface ReportMade {
  from: string;
  to: string;
  /** The contracts of a report with a row per contract (the waterfall), as last written. */
  contracts?: string[];
}

export type ReportsMade = Partial<Record<ReportKind, ReportMade>>;

const KINDS: readonly ReportKind[] = ["schedule", "waterfall", "rollforward"];

/** The REPORTS_KEY setting; reports it cannot read are forgotten. */
export function parseReportsMade(text: string | undefined): ReportsMade {
  if (!text) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof data !== "object" || data === null) return {};
  const out: ReportsMade = {};
  for (const kind of KINDS) {
    const r = (data as Record<string, unknown>)[kind];
    if (typeof r !== "object" || r === null) continue;
    const { from, to, contracts } = r as Record<string, unknown>;
    if (typeof from !== "string" || typeof to !== "string") continue;
    if (Object.keys(reportRangeProblems(from, to)).length > 0) continue;
    const made: ReportMade = { from, to };
    if (Array.isArray(contracts)) made.contracts = contracts.map(String);
    out[kind] = made;
  }
  return out;
}

/** The contracts a report of this kind lists row by row, or undefined when its rows are months. */
export function reportContracts(
  kind: ReportKind,
  schedule: Schedule | undefined,
  from: string,
  to: string
): string[] | undefined {
  return kind === "waterfall"
    ? buildWaterfall(schedule, from, to).rows.map((r) => r.contract)
    : undefined;
}

/**
 * The report sheets: every figure is a REVREC formula, so the report stays live as the tables change.
 * `values` carries what those formulas evaluate to now (shown by the in-memory workbook outside Excel), the
 * total row last where the table has one.
 */
export function buildReport(
  kind: ReportKind,
  schedule: Schedule | undefined,
  from: string,
  to: string
): ReportSheet {
  const months = monthsBetween(from, to);
  const money = (cols: readonly string[]) => Object.fromEntries(cols.map((c) => [c, MONEY]));
  const all = (m: string, figure: Exclude<keyof MonthTotals, "month">) =>
    cents(monthTotals(schedule, m)[figure]);
  if (kind === "schedule") {
    const header = [
      "Period",
      "Recognized",
      "Billed",
      "Deferred revenue",
      "Contract asset",
      "Recognized to date",
    ];
    const rows: Cell[][] = [];
    const values: Cell[][] = [];
    months.forEach((m, i) => {
      const a = `$A${FIRST_DATA_ROW + i}`;
      rows.push([
        m,
        `=REVREC.RECOGNIZED("*",${a})`,
        `=REVREC.BILLED("*",${a})`,
        `=REVREC.DEFERRED("*",${a})`,
        `=REVREC.UNBILLED("*",${a})`,
        `=REVREC.CUMULATIVE("*",${a})`,
      ]);
      values.push([
        m,
        all(m, "recognized"),
        all(m, "billed"),
        all(m, "deferred"),
        all(m, "contractAsset"),
        all(m, "cumulative"),
      ]);
    });
    return {
      sheet: "RevRec Schedule",
      title: `Revenue schedule, ${from} to ${to}`,
      table: {
        name: "RevRecScheduleReport",
        header,
        rows,
        values,
        formats: money(header.slice(1)),
      },
      chart: {
        title: "Recognized revenue and deferred revenue by month",
        type: "column",
        series: ["Recognized", "Billed", "Deferred revenue"],
      },
    };
  }
  if (kind === "waterfall") {
    const w = buildWaterfall(schedule, from, to);
    const header = ["Contract", "Customer", ...months, "Total"];
    const rows = w.rows.map((c, i): Cell[] => {
      const r = FIRST_DATA_ROW + i;
      const cells = months.map(
        (_, j) => `=REVREC.RECOGNIZED($A${r},${col(2 + j)}$${FIRST_DATA_ROW - 1})`
      );
      return [
        c.contract,
        c.customer,
        ...cells,
        `=SUM(${col(2)}${r}:${col(1 + months.length)}${r})`,
      ];
    });
    const values = w.rows.map((c): Cell[] => [
      c.contract,
      c.customer,
      ...c.months.map(cents),
      cents(c.total),
    ]);
    const sheet: ReportSheet = {
      sheet: "RevRec Waterfall",
      title: `Revenue waterfall by contract, ${from} to ${to}`,
      table: {
        name: "RevRecWaterfallReport",
        header,
        rows,
        values: [...values, ["Total", "", ...w.totals.map(cents), cents(w.total)]],
        formats: money([...months, "Total"]),
        totals: true,
      },
    };
    const note = notShownText(w.notShown);
    return note === "" ? sheet : { ...sheet, note };
  }
  const header = [
    "Period",
    "Opening deferred",
    "Billed",
    "Recognized",
    "Contract asset movement",
    "Closing deferred",
  ];
  const rows: Cell[][] = [];
  const values: Cell[][] = [];
  months.forEach((m, i) => {
    const r = FIRST_DATA_ROW + i;
    rows.push([
      m,
      `=REVREC.DEFERRED("*",${q(previousMonth(m))})`,
      `=REVREC.BILLED("*",$A${r})`,
      `=REVREC.RECOGNIZED("*",$A${r})`,
      `=F${r}-B${r}-C${r}+D${r}`,
      `=REVREC.DEFERRED("*",$A${r})`,
    ]);
    const open = all(previousMonth(m), "deferred");
    const close = all(m, "deferred");
    const billed = all(m, "billed");
    const rec = all(m, "recognized");
    values.push([
      m,
      open,
      billed,
      rec,
      cents(
        Math.round(close * 100) -
          Math.round(open * 100) -
          Math.round(billed * 100) +
          Math.round(rec * 100)
      ),
      close,
    ]);
  });
  return {
    sheet: "RevRec Roll-forward",
    title: `Deferred revenue roll-forward, ${from} to ${to}`,
    table: { name: "RevRecRollForward", header, rows, values, formats: money(header.slice(1)) },
  };
}
