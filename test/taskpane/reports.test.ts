import { buildSchedule, parseBook } from "../../src/core";
import { tablesToBook } from "../../src/core/tables";
import { MemoryWorkbook } from "../../src/workbook";
import {
  buildReport,
  parseReportsMade,
  reportRangeProblems,
} from "../../src/taskpane/logic/reports";
import { emptyBaseline } from "../../src/taskpane/logic/baseline";
import { planSync } from "../../src/taskpane/logic/tableRows";
import { invoice, result, SETTINGS } from "./fixtures";

async function schedule() {
  const wb = new MemoryWorkbook();
  const names = ["RevRecContracts", "RevRecBillings", "RevRecChanges"];
  const planned = planSync(
    result([invoice("130")]),
    await wb.readTables(names),
    emptyBaseline(),
    SETTINGS
  );
  if (!planned.ok) throw new Error(planned.message);
  await wb.applyChanges(planned.plan.changes);
  const tb = tablesToBook(await wb.readTables(names));
  const parsed = parseBook(tb.book);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return buildSchedule(parsed.value);
}

describe("report sheets", () => {
  it("builds the schedule of REVREC formulas by month, with what they evaluate to now and a chart", async () => {
    const r = buildReport("schedule", await schedule(), "2026-01", "2026-03");
    expect(r.sheet).toBe("RevRec Schedule");
    expect(r.table.header).toEqual([
      "Period",
      "Recognized",
      "Billed",
      "Deferred revenue",
      "Contract asset",
      "Recognized to date",
    ]);
    expect(r.table.rows[1]).toEqual([
      "2026-02",
      '=REVREC.RECOGNIZED("*",$A5)',
      '=REVREC.BILLED("*",$A5)',
      '=REVREC.DEFERRED("*",$A5)',
      '=REVREC.UNBILLED("*",$A5)',
      '=REVREC.CUMULATIVE("*",$A5)',
    ]);
    // 300 setup recognized in January; the 1,200 subscription over 12 months from February.
    expect(r.table.values?.map((v) => v[1])).toEqual([300, 100, 100]);
    expect(r.table.values?.[0]?.[2]).toBe(1500);
    expect(r.table.values?.[2]?.[3]).toBe(1000);
    expect(r.chart?.series).toContain("Recognized");
  });

  it("builds the waterfall with one row per contract and a total row", async () => {
    const r = buildReport("waterfall", await schedule(), "2026-01", "2026-02");
    expect(r.table.header).toEqual(["Contract", "Customer", "2026-01", "2026-02", "Total"]);
    expect(r.table.rows[0]).toEqual([
      "inv-130",
      "Acme",
      "=REVREC.RECOGNIZED($A4,C$3)",
      "=REVREC.RECOGNIZED($A4,D$3)",
      "=SUM(C4:D4)",
    ]);
    expect(r.table.values?.[0]).toEqual(["inv-130", "Acme", 300, 100, 400]);
    expect(r.table.totals).toBe(true);
  });

  it("builds the roll-forward: opening + billed - recognized + asset movement = closing", async () => {
    const r = buildReport("rollforward", await schedule(), "2026-01", "2026-03");
    for (const v of r.table.values ?? []) {
      const [, open, billed, recognized, movement, close] = v as [
        string,
        number,
        number,
        number,
        number,
        number,
      ];
      expect(Math.round((open + billed - recognized + movement) * 100)).toBe(
        Math.round(close * 100)
      );
    }
    expect(r.table.rows[0]?.[1]).toBe('=REVREC.DEFERRED("*","2025-12")');
  });

  it("checks the months as the engine reads them: 2026-13 is no month", () => {
    const format = "Enter a month as YYYY-MM, with the month from 01 to 12 (for example 2026-03).";
    expect(reportRangeProblems("2026-01", "2026-12")).toEqual({});
    expect(reportRangeProblems("2026-11", "2026-13")).toEqual({ to: format });
    expect(reportRangeProblems("2026-00", "2026-02")).toEqual({ from: format });
    expect(reportRangeProblems("26-1", "")).toEqual({ from: format, to: format });
    expect(reportRangeProblems("2026-05", "2026-04")).toEqual({
      to: "To must be the same month as From, or later.",
    });
    expect(reportRangeProblems("1990-01", "2026-01")).toEqual({
      to: "A report covers at most 360 months (30 years).",
    });
  });

  it("remembers the reports added, and forgets what it cannot read", () => {
    expect(parseReportsMade(undefined)).toEqual({});
    expect(parseReportsMade("not json")).toEqual({});
    expect(
      parseReportsMade(
        JSON.stringify({
          waterfall: { from: "2026-01", to: "2026-03", contracts: ["inv-130"] },
          schedule: { from: "2026-01", to: "2026-13" },
          other: { from: "2026-01", to: "2026-02" },
        })
      )
    ).toEqual({ waterfall: { from: "2026-01", to: "2026-03", contracts: ["inv-130"] } });
  });
});
