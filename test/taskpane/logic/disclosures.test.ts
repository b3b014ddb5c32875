// The Disclosures sheet's formulas, evaluated on the worked example's book in the formula harness.
import { readFileSync } from "fs";
import path from "path";
import { BookStore } from "../../../src/functions/store";
import { disclosuresSheet } from "../../../src/taskpane/logic/disclosures";
import { evaluate } from "../../formulas/harness";

const store = new BookStore();
store.setBook(
  JSON.parse(
    readFileSync(path.join(__dirname, "..", "..", "formulas", "example", "book.json"), "utf8")
  )
);

describe("the Disclosures sheet", () => {
  test("one live formula per figure; RPO, the roll-forward and the year's revenue", () => {
    const sheet = disclosuresSheet(2026);
    expect(sheet.sheet).toBe("Disclosures");
    expect(sheet.table.header).toEqual(["Disclosure", "Line", "Amount"]);
    const shown = evaluate(
      store,
      sheet.table.rows.map((r) => [...r])
    );
    expect(shown.map((r) => [r[1], r[2]])).toEqual([
      ["At the end of 2026", 590],
      ["Within 12 months", 590],
      ["Later", 0],
      ["Opening deferred revenue", 0],
      ["Opening contract asset", 0],
      ["Opening refund liability", 0],
      ["Billed", 4220],
      ["Recognized from opening deferred revenue", 0],
      ["Other revenue recognized", 6360],
      ["Closing deferred revenue", 0],
      ["Closing contract asset", 2140],
      ["Closing refund liability", 0],
      ["Total recognized", 6360],
      ["Last sync from QuickBooks (UTC)", "not synced"],
    ]);
  });

  test("the figures it carries for the in-memory workbook are what its formulas evaluate to, spills included", () => {
    const sheet = disclosuresSheet(2026, store);
    const figures = sheet.table.values?.map((r) => r[2]) ?? [];
    expect(figures).toHaveLength(sheet.table.rows.length);
    expect(
      evaluate(
        store,
        sheet.table.rows.map((r) => [...r])
      ).map((r) => r[2])
    ).toEqual(figures);
    expect(sheet.spills?.map((s) => s.formula)).toEqual([
      '=REVREC.DISAGGREGATE("item","2026")',
      '=REVREC.DISAGGREGATE("timing","2026")',
    ]);
    for (const spill of sheet.spills ?? []) {
      expect(evaluate(store, [[spill.formula]])).toEqual(spill.values);
      // Disaggregation ties to the year's revenue (606-10-50-5 with 50-6).
      expect(spill.values?.at(-1)).toEqual(["Total", 6360]);
    }
  });
});
