// The Reports tab's "Disclosures" sheet: the three ASC 606 disclosures for a year as live REVREC formulas, one
// figure per row so that the sheet is a plain table (a spill cannot live inside an Excel table). Remaining
// performance obligations (606-10-50-13), the contract balances roll-forward (50-8) and revenue by timing of
// transfer (50-5); the item, class and customer splits spill from DISAGGREGATE where the analyst wants them.
import { ROLLFORWARD_HEADER } from "../../functions/disclosures";
import type { ReportSheet } from "../../workbook";

export const DISCLOSURES_SHEET = "Disclosures";
const MONEY = "#,##0.00";

/** The value of `category` in a DISAGGREGATE spill's first period column, 0 when the category has no revenue. */
const category = (dimension: string, year: number, name: string): string =>
  `=IFERROR(VLOOKUP("${name}",REVREC.DISAGGREGATE("${dimension}","${year}"),2,0),0)`;

export function disclosuresSheet(year: number): ReportSheet {
  const all = `"*","${year}"`;
  const rollForward = ROLLFORWARD_HEADER.slice(1).map((label, i) => [
    "Contract balances",
    label,
    `=INDEX(REVREC.ROLLFORWARD("${year}"),2,${i + 2})`,
  ]);
  return {
    sheet: DISCLOSURES_SHEET,
    title: `ASC 606 disclosures for ${year}`,
    table: {
      name: "RevRecDisclosures",
      header: ["Disclosure", "Line", "Amount"],
      rows: [
        ["Remaining performance obligations", `At the end of ${year}`, `=REVREC.RPO(${all})`],
        ["Remaining performance obligations", "Within 12 months", `=REVREC.RPO(${all},12)`],
        ["Remaining performance obligations", "Later", `=REVREC.RPO(${all})-REVREC.RPO(${all},12)`],
        ...rollForward,
        ["Revenue by timing", "Over time", category("timing", year, "Over time")],
        ["Revenue by timing", "Point in time", category("timing", year, "Point in time")],
        ["Revenue by timing", "Total", `=REVREC.RECOGNIZED(${all})`],
        ["As of", "Last sync from QuickBooks", '=IFERROR(REVREC.ASOF(),"not synced")'],
      ],
      formats: { Amount: MONEY },
    },
  };
}
