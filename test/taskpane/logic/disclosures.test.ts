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
      ["Billed", 4220],
      ["Recognized from opening deferred revenue", 0],
      ["Other revenue recognized", 6360],
      ["Closing deferred revenue", 0],
      ["Closing contract asset", 2140],
      ["Total recognized", 6360],
      ["Last sync from QuickBooks", "not synced"],
    ]);
  });
});
