// The disclosure functions in a sheet (HyperFormula), on the worked example's book.
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import path from "path";
import { bookToTables, header, ACCOUNTS, type BookJson } from "../../src/core/tables";
import { BookStore } from "../../src/functions/store";
import { evaluate } from "./harness";

const dir = path.join(__dirname, "example");
const book = JSON.parse(readFileSync(path.join(dir, "book.json"), "utf8")) as BookJson;
const store = new BookStore();
store.setBook(book);

describe("REVREC.RPO", () => {
  test("the README's figure, within 12 months, a column of ids, * and an obligation", () => {
    expect(
      evaluate(store, [
        ["C-1001", '=REVREC.RPO(A1:A3,"2026-07")', '=REVREC.RPO("C-1003","2026-07")'],
        ["C-1002", null, '=REVREC.RPO("*","2026-07")'],
        ["C-1003", null, '=REVREC.RPO("*","2026-07",12)'],
        [null, "=SUM(B1:B3)", '=REVREC.RPO("C-1002-SUPPORT","2026-07",3)'],
        [null, null, '=REVREC.RPO("C-1003","2026-12")'],
      ])
    ).toEqual([
      ["C-1001", 500, 750],
      ["C-1002", 2120, 3370], // 3,650 less 153 days of March to July
      ["C-1003", 750, 3370], // C-1002 ends in February 2027: all of it within 12 months
      [null, 3370, 920], // August to October: 31 + 30 + 31 days
      [null, null, 0],
    ]);
  });

  test("exact messages for bad arguments", () => {
    expect(
      evaluate(store, [
        ['=REVREC.RPO("C-1001","2026-07",0)'],
        ['=REVREC.RPO("C-9","2026-07")'],
        ['=REVREC.RPO("C-1001","July")'],
      ])
    ).toEqual([
      ["#VALUE!: within_months: expected a whole number of months from 1 to 1200; got 0"],
      ['#N/A: unknown contract or obligation "C-9"'],
      [
        '#VALUE!: period: expected a month "2026-03", a quarter "2026-Q1", a year "2026", or a date in the period (an Excel date or "2026-03-15"); got "July"',
      ],
    ]);
  });
});

describe("REVREC.ROLLFORWARD", () => {
  test("a row per period that ties, inside SUM and INDEX, for a column of ids", () => {
    const values = evaluate(store, [
      ["=REVREC.ROLLFORWARD(A6:A8)", null, null, null, null, null, null, null, null, null],
      [],
      [],
      [],
      ['=INDEX(REVREC.ROLLFORWARD("2026-Q3",A9:A10),2,6)', '=SUM(REVREC.ROLLFORWARD("2026"))'],
      ["2026-Q1"],
      ["2026-Q2"],
      ["2026-Q3"],
      ["C-1001"],
      ["C-1003"],
    ]);
    expect(values.slice(0, 4)).toEqual([
      [
        "Period",
        "Opening deferred revenue",
        "Opening contract asset",
        "Opening refund liability",
        "Billed",
        "Recognized from opening deferred revenue",
        "Other revenue recognized",
        "Closing deferred revenue",
        "Closing contract asset",
        "Closing refund liability",
      ],
      ["2026-Q1", 0, 0, 0, 2700, 0, 1210, 1800, 310, 0],
      ["2026-Q2", 1800, 310, 0, 920, 600, 910, 1200, 300, 0],
      ["2026-Q3", 1200, 300, 0, 600, 900, 1070, 750, 1220, 0],
    ]);
    for (const row of values.slice(1, 4)) {
      const [, od, oa, or, billed, fromOpening, other, cd, ca, cr] = row.map(Number);
      expect((cd ?? 0) - (ca ?? 0) - (cr ?? 0)).toBeCloseTo(
        (od ?? 0) - (oa ?? 0) - (or ?? 0) + (billed ?? 0) - (fromOpening ?? 0) - (other ?? 0),
        9
      );
    }
    // Q3 for C-1001 and C-1003: C-1001 recognizes 300 of its opening 600, C-1003 all its opening 600.
    expect(values[4]?.[0]).toBe(900);
    // SUM skips the text label: billed + revenue + closing contract asset of 2026.
    expect(values[4]?.[1]).toBe(4220 + 6360 + 2140);
  });

  test("exact messages: an obligation id, an unknown id, no period", () => {
    expect(
      evaluate(store, [
        ['=REVREC.ROLLFORWARD("2026","C-1001-SUB")'],
        ['=REVREC.ROLLFORWARD("2026","C-9")'],
        ['=REVREC.ROLLFORWARD("")'],
      ])
    ).toEqual([
      [
        '#VALUE!: contracts: "C-1001-SUB" is an obligation of contract "C-1001"; balances are kept per contract, so give the contract id',
      ],
      ['#N/A: unknown contract or obligation "C-9"'],
      [
        '#VALUE!: period_or_range is required: expected a period such as "2026", or a range of period cells',
      ],
    ]);
  });
});

describe("REVREC.DISAGGREGATE", () => {
  test("by timing, item, class and customer; the Total equals RECOGNIZED(*)", () => {
    const values = evaluate(store, [
      ['=REVREC.DISAGGREGATE("timing",A11:B11)'],
      [],
      [],
      [],
      ['=INDEX(REVREC.DISAGGREGATE("Customer","2026"),5,2)', '=REVREC.RECOGNIZED("*",2026)'],
      ['=REVREC.DISAGGREGATE("class","2026",{"C-1003";"C-1001-SETUP"})'],
      [],
      [],
      [],
      ['=SUM(REVREC.DISAGGREGATE("item","2026"))'],
      ["2026-Q1", "2026"],
    ]);
    expect(values.slice(0, 4).map((r) => r.slice(0, 3))).toEqual([
      ["Timing", "2026-Q1", "2026"],
      ["Over time", 910, 6060],
      ["Point in time", 300, 300],
      ["Total", 1210, 6360],
    ]);
    expect(values[4]?.slice(0, 2)).toEqual([6360, 6360]);
    expect(values.slice(5, 9).map((r) => r.slice(0, 2))).toEqual([
      ["Class", "2026"],
      ["(no class)", 300],
      ["Enterprise", 1800],
      ["Total", 2100],
    ]);
    expect(values[9]?.[0]).toBe(2 * 6360); // the categories and the Total
  });

  test("exact message for an unknown dimension", () => {
    expect(evaluate(store, [['=REVREC.DISAGGREGATE("region","2026")']])).toEqual([
      ['#VALUE!: dimension: expected "item" or "class" or "customer" or "timing"; got "region"'],
    ]);
  });
});

describe("REVREC.DETAIL", () => {
  test("lines that sum to RECOGNIZED and BILLED, and the balances of DEFERRED and UNBILLED", () => {
    const values = evaluate(store, [
      ['=REVREC.DETAIL("C-1003","2026-07")'],
      [],
      [],
      [],
      [],
      [],
      [
        "=SUM(E1:E6)",
        '=REVREC.RECOGNIZED("C-1003","2026-07")',
        "=SUM(F1:F6)",
        '=REVREC.BILLED("C-1003","2026-07")',
        "=G6",
        '=REVREC.DEFERRED("C-1003","2026-07")',
      ],
    ]);
    expect(values.slice(0, 6)).toEqual([
      ["Line", "Id", "Date", "Detail", "Revenue", "Billed", "Deferred", "Unbilled"],
      ["Opening balance", "C-1003", "2026-06-30", "at the end of the month before", 0, 0, 600, 0],
      [
        "Obligation",
        "C-1003-LIC",
        "2026-01-01",
        "Subscription, monthly, class Enterprise, 2026-01-01 to 2026-12-31",
        450,
        0,
        "",
        "",
      ],
      ["Invoice", "INV-1003-UP", "2026-07-01", "for the contract", 0, 600, "", ""],
      [
        "Change",
        "UPSELL",
        "2026-07-01",
        "modify C-1003-LIC: price 1800.00, catch-up",
        0,
        0,
        "",
        "",
      ],
      ["Closing balance", "C-1003", "2026-07-31", "at the end of the period", 0, 0, 750, 0],
    ]);
    expect(values[6]?.slice(0, 6)).toEqual([450, 450, 600, 600, 750, 750]);
  });

  test("exact messages: *, an obligation, a range", () => {
    expect(
      evaluate(store, [
        ['=REVREC.DETAIL("*","2026-07")'],
        ['=REVREC.DETAIL("C-1003-LIC","2026-07")'],
        ['=REVREC.DETAIL({"C-1001";"C-1003"},"2026-07")'],
      ])
    ).toEqual([
      ['#VALUE!: contract: DETAIL explains one contract; give its id instead of "*"'],
      [
        '#VALUE!: contract: "C-1003-LIC" is an obligation of contract "C-1003"; DETAIL explains a contract, so give the contract id',
      ],
      ["#VALUE!: contract: expected one contract id"],
    ]);
  });
});

describe("REVREC.ASOF", () => {
  const withSync = (value: string | number): BookStore => {
    const s = new BookStore();
    const tables = new Map(bookToTables(book, { dates: "serial" }).map((t) => [t.name, t]));
    tables.set(ACCOUNTS.name, {
      name: ACCOUNTS.name,
      header: header(ACCOUNTS),
      rows: [
        ["revenue", "Revenue"],
        ["deferredRevenue", "Deferred Revenue"],
        ["contractAsset", "Contract Asset"],
        ["billingsPostTo", "deferred"],
        ["lastSync", value],
      ],
    });
    s.loadTables(tables);
    return s;
  };

  test("the sync time the pane wrote in RevRecAccounts, as an Excel date-time; the mapping still loads", () => {
    const s = withSync("2026-12-04T18:00:00Z");
    expect(evaluate(s, [["=REVREC.ASOF()", '=TEXT(A1,"yyyy-mm-dd hh:mm")']])).toEqual([
      [46360.75, "2026-12-04 18:00"],
    ]);
    expect(s.state.accountsProblem).toBeUndefined();
  });

  test("exact messages: never synced, an unreadable time", () => {
    expect(evaluate(store, [["=REVREC.ASOF()"]])).toEqual([
      [
        "#N/A: no sync time: sync from QuickBooks in the task pane (it writes lastSync in the RevRecAccounts table)",
      ],
    ]);
    expect(evaluate(withSync("yesterday"), [["=REVREC.ASOF()"]])).toEqual([
      [
        '#VALUE!: RevRecAccounts lastSync: expected a UTC date-time such as "2026-12-04T16:35:00Z"; got "yesterday"',
      ],
    ]);
  });
});

describe("the disclosures worked example", () => {
  test("npm run formulas prints it as docs/functions.md shows it", () => {
    const out = execFileSync(
      process.execPath,
      [
        require.resolve("tsx/cli"),
        path.join(__dirname, "..", "..", "scripts", "formulas.ts"),
        "--book",
        path.join(dir, "book.json"),
        path.join(dir, "disclosures.csv"),
      ],
      { encoding: "utf8" }
    );
    expect(out).toBe(readFileSync(path.join(dir, "disclosures.out.csv"), "utf8"));
    const doc = readFileSync(path.join(__dirname, "..", "..", "docs", "functions.md"), "utf8");
    expect(doc).toContain(out.trimEnd());
    expect(doc).toContain(readFileSync(path.join(dir, "disclosures.csv"), "utf8").trimEnd());
    expect(out).toContain("RPO at year end,590,Within 12 months,590,Later,0");
  });
});
