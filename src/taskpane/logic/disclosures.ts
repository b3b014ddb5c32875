// The Reports tab's "Disclosures" sheet: the three ASC 606 disclosures for a year as live REVREC formulas, one
// figure per row so that the sheet is a plain table (a spill cannot live inside an Excel table). Remaining
// performance obligations (606-10-50-13), the contract balances roll-forward (50-8) and the year's revenue; its
// disaggregation (50-5) has as many rows as categories, so it spills from DISAGGREGATE beside the table.
import * as D from "../../functions/disclosures";
import { RevRecError } from "../../functions/errors";
import * as impl from "../../functions/impl";
import type { BookStore } from "../../functions/store";
import type { Matrix } from "../../functions/targets";
import type { Cell, ReportSheet, ReportSpill } from "../../workbook";

export const DISCLOSURES_SHEET = "Disclosures";
const MONEY = "#,##0.00";
const FIRST_YEAR = 1900;
const LAST_YEAR = 9999;

/** The year a Disclosures sheet is for, or the message that says what to type. */
export function readDisclosureYear(text: string): number | { problem: string } {
  const t = text.trim();
  const year = /^\d{4}$/.test(t) ? Number(t) : NaN;
  if (year >= FIRST_YEAR && year <= LAST_YEAR) return year;
  return {
    problem: `Enter a year as YYYY, from ${FIRST_YEAR} to ${LAST_YEAR} (for example 2026).`,
  };
}

/** What a cell shows for a function's result: its first value, or the error's kind (#N/A, #VALUE!). */
function shown(m: () => Matrix, row = 0, col = 0): Cell {
  try {
    const v = m()[row]?.[col];
    return v instanceof RevRecError ? v.kind : (v ?? "");
  } catch (e) {
    if (e instanceof RevRecError) return e.kind;
    throw e;
  }
}

/** The whole spill a function's result makes, as cells (an error is one cell, as Excel shows it). */
function spilled(m: () => Matrix): Cell[][] {
  try {
    return m().map((r) => r.map((v) => (v instanceof RevRecError ? v.kind : v)));
  } catch (e) {
    if (e instanceof RevRecError) return [[e.kind]];
    throw e;
  }
}

interface Line {
  disclosure: string;
  line: string;
  formula: string;
  value: (store: BookStore) => Cell;
}

function lines(year: number): Line[] {
  const y = String(year);
  const all = `"*","${y}"`;
  const rpo = (s: BookStore, within: number | null) => () => D.rpo(s, [["*"]], y, within);
  const rollForward = D.ROLLFORWARD_HEADER.slice(1).map((label, i): Line => ({
    disclosure: "Contract balances",
    line: label,
    formula: `=INDEX(REVREC.ROLLFORWARD("${y}"),2,${i + 2})`,
    value: (s) => shown(() => D.rollforward(s, [[y]], null), 1, i + 1),
  }));
  return [
    {
      disclosure: "Remaining performance obligations",
      line: `At the end of ${y}`,
      formula: `=REVREC.RPO(${all})`,
      value: (s) => shown(rpo(s, null)),
    },
    {
      disclosure: "Remaining performance obligations",
      line: "Within 12 months",
      formula: `=REVREC.RPO(${all},12)`,
      value: (s) => shown(rpo(s, 12)),
    },
    {
      disclosure: "Remaining performance obligations",
      line: "Later",
      formula: `=REVREC.RPO(${all})-REVREC.RPO(${all},12)`,
      value: (s) => {
        const total = shown(rpo(s, null));
        const within = shown(rpo(s, 12));
        if (typeof total !== "number") return total;
        if (typeof within !== "number") return within;
        return (Math.round(total * 100) - Math.round(within * 100)) / 100;
      },
    },
    ...rollForward,
    {
      disclosure: "Revenue",
      line: "Total recognized",
      formula: `=REVREC.RECOGNIZED(${all})`,
      value: (s) => shown(() => impl.recognized(s, [["*"]], y, null)),
    },
    {
      // Text, so that the Amount column's money format does not show the date-time as a number.
      disclosure: "As of",
      line: "Last sync from QuickBooks (UTC)",
      formula: '=IFERROR(TEXT(REVREC.ASOF(),"yyyy-mm-dd hh:mm"),"not synced")',
      value: (s) => {
        const at = shown(() => D.asOf(s));
        return typeof at === "number" ? excelDateTimeText(at) : "not synced";
      },
    },
  ];
}

/** TEXT(serial, "yyyy-mm-dd hh:mm") for an Excel date-time serial (days since 1899-12-30). */
function excelDateTimeText(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

const DISAGGREGATIONS = [
  { dimension: "item", title: "Revenue by item (disaggregation)" },
  { dimension: "timing", title: "Revenue by timing of transfer" },
] as const;

/**
 * The Disclosures sheet for `year`. With a store loaded from the tables, each formula also carries what it
 * evaluates to now, for a workbook that cannot evaluate formulas (the in-memory one outside Excel).
 */
export function disclosuresSheet(year: number, store?: BookStore): ReportSheet {
  const ls = lines(year);
  const y = String(year);
  const spills = DISAGGREGATIONS.map(({ dimension, title }): ReportSpill => ({
    title,
    formula: `=REVREC.DISAGGREGATE("${dimension}","${y}")`,
    // One period: the category and its revenue.
    columns: 2,
    format: MONEY,
    ...(store
      ? { values: spilled(() => D.disaggregateRevenue(store, dimension, [[y]], null)) }
      : {}),
  }));
  return {
    sheet: DISCLOSURES_SHEET,
    title: `ASC 606 disclosures for ${year}`,
    table: {
      name: "RevRecDisclosures",
      header: ["Disclosure", "Line", "Amount"],
      rows: ls.map((l) => [l.disclosure, l.line, l.formula]),
      formats: { Amount: MONEY },
      ...(store ? { values: ls.map((l) => [l.disclosure, l.line, l.value(store)]) } : {}),
    },
    spills,
  };
}
