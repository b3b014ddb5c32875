import { buildSchedule, parseBook } from "../../src/core";
import { tablesToBook } from "../../src/core/tables";
import { MemoryWorkbook } from "../../src/workbook";
import {
  buildReport,
  parseReportsMade,
  reportContracts,
  reportRangeProblems,
} from "../../src/taskpane/logic/reports";
import { emptyBaseline } from "../../src/taskpane/logic/baseline";
import { totalsAround } from "../../src/taskpane/logic/monthTotals";
import { buildWaterfall, waterfallSeries } from "../../src/taskpane/logic/waterfall";
import { planSync } from "../../src/taskpane/logic/tableRows";
import { invoice, result, SETTINGS } from "./fixtures";

/** An invoice whose every line starts in March 2027: no revenue before then. */
function lateInvoice(id: string) {
  const doc = invoice(id);
  return {
    ...doc,
    txnDate: "2027-03-01",
    lines: doc.lines.map((l) => ({ ...l, serviceDate: "2027-03-01" })),
    billings: doc.billings.map((b) => ({ ...b, date: "2027-03-01" })),
  };
}

async function schedule(docs = [invoice("130")]) {
  const wb = new MemoryWorkbook();
  const names = ["RevRecContracts", "RevRecBillings", "RevRecChanges"];
  const planned = planSync(result(docs), await wb.readTables(names), emptyBaseline(), SETTINGS);
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
    expect(r.note).toBeUndefined();
  });

  it("adds up the waterfall's months in a total row and leaves out contracts with no revenue in them", async () => {
    const docs = [invoice("130"), lateInvoice("131"), invoice("132", {}, "2400.00", "600.00")];
    docs.push(lateInvoice("133"));
    const r = buildReport("waterfall", await schedule(docs), "2026-01", "2026-02");
    expect(r.table.rows.map((row) => row[0])).toEqual(["inv-130", "inv-132"]);
    // The second row's formulas name the second row: nothing points at a row left out.
    expect(r.table.rows[1]?.[2]).toBe("=REVREC.RECOGNIZED($A5,C$3)");
    expect(r.table.values).toEqual([
      ["inv-130", "Acme", 300, 100, 400],
      ["inv-132", "Acme", 600, 200, 800],
      ["Total", "", 900, 300, 1200],
    ]);
    expect(r.note).toBe("2 contracts with no revenue in these months are not shown.");
    expect(reportContracts("waterfall", await schedule(docs), "2026-01", "2026-02")).toEqual([
      "inv-130",
      "inv-132",
    ]);
  });

  it("says so when the waterfall's months have no revenue at all", async () => {
    const r = buildReport("waterfall", await schedule(), "2025-01", "2025-02");
    expect(r.table.rows).toEqual([]);
    expect(r.table.values).toEqual([["Total", "", 0, 0, 0]]);
    expect(r.note).toBe("1 contract with no revenue in these months is not shown.");
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

describe("the pane's charts", () => {
  it("the Close tab's months run from six before the period to six after, with the schedule report's figures", async () => {
    const sched = await schedule();
    const trend = totalsAround(sched, "2026-02", 6, 6);
    expect(trend.map((t) => t.month)).toEqual([
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
    ]);
    const report = buildReport("schedule", sched, "2025-08", "2026-08");
    // Recognized, deferred revenue and contract asset, in cents, as the report has them in units.
    expect(trend.map((t) => [t.recognized / 100, t.deferred / 100, t.contractAsset / 100])).toEqual(
      report.table.values?.map((v) => [v[1], v[3], v[4]])
    );
    expect(trend.find((t) => t.month === "2026-02")).toMatchObject({
      recognized: 10000,
      deferred: 110000,
      contractAsset: 0,
    });
  });

  it("the waterfall's chart names its biggest contracts and adds up the rest as one stack", async () => {
    const docs = [
      invoice("130"),
      invoice("131", {}, "2400.00", "600.00"),
      invoice("132", {}, "3600.00", "900.00"),
    ];
    const w = buildWaterfall(await schedule(docs), "2026-01", "2026-02");
    expect(waterfallSeries(w, 1)).toEqual([
      { legend: "inv-132", months: [90000, 30000] },
      { legend: "2 other contracts", months: [90000, 30000] },
    ]);
    expect(waterfallSeries(w, 2).map((x) => x.legend)).toEqual([
      "inv-132",
      "inv-131",
      "1 other contract",
    ]);
    expect(waterfallSeries(w, 3).map((x) => x.legend)).toEqual(["inv-132", "inv-131", "inv-130"]);
    expect(w.totals).toEqual([180000, 60000]);
    expect(w.total).toBe(240000);
  });
});
