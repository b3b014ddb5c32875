// The Reports tab's "Disclosures" sheet: the three ASC 606 disclosures for a year as live REVREC formulas, one
// figure per row so that the sheet is a plain table (a spill cannot live inside an Excel table). Remaining
// performance obligations (606-10-50-13), the contract balances roll-forward (50-8) and the year's revenue; its
// disaggregation (50-5) has as many rows as categories, so it spills from DISAGGREGATE beside the table.
import { ROLLFORWARD_HEADER } from "../../functions/disclosures";
import type { ReportSheet } from "../../workbook";

export const DISCLOSURES_SHEET = "Disclosures";
const MONEY = "#,##0.00";

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
        ["Revenue", "Total recognized", `=REVREC.RECOGNIZED(${all})`],
        ["As of", "Last sync from QuickBooks", '=IFERROR(REVREC.ASOF(),"not synced")'],
      ],
      formats: { Amount: MONEY },
    },
  };
}
