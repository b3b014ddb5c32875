import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import path from "path";
import { BookStore } from "../../src/functions/store";
import { createSheet, evaluate, shown } from "./harness";

const dir = path.join(__dirname, "example");
const store = new BookStore();
store.setBook(
  JSON.parse(readFileSync(path.join(dir, "book.json"), "utf8")),
  JSON.parse(readFileSync(path.join(dir, "accounts.json"), "utf8"))
);

describe("REVREC formulas in a sheet (HyperFormula)", () => {
  test("single values, dates from DATE(), a year typed as a number", () => {
    expect(
      evaluate(store, [
        [
          '=REVREC.RECOGNIZED("C-1001","2026-03")',
          '=REVREC.RECOGNIZED("C-1002",DATE(2026,3,15))',
          '=REVREC.RECOGNIZED("*",2026)',
        ],
        [
          '=REVREC.CUMULATIVE("C-1001","2026-Q1")',
          '=REVREC.DEFERRED("C-1001","2026-03")',
          '=REVREC.UNBILLED("*","2026-03")',
        ],
        [
          '=REVREC.BILLED("C-1003","2026-01","2026-12")',
          '=REVREC.ALLOCATED("C-1003")',
          '=REVREC.RECOGNIZED("C-1001","2026-03")*12',
        ],
      ])
    ).toEqual([
      [100, 310, 1500 + 3060 + 1800], // C-1002: 306 days of 2026 at 10.00 a day
      [600, 900, 310],
      [1800, 1800, 1200],
    ]);
  });

  test("=SUM over a spilled WATERFALL, and its Total row", () => {
    expect(
      evaluate(store, [
        ['=SUM(REVREC.WATERFALL("2026-01",3))'],
        ['=INDEX(REVREC.WATERFALL("2026-01",3),5,4)'],
      ])
    ).toEqual([[2 * (500 + 200 + 510)], [510]]);
  });

  test("a SCHEDULE spills next to other formulas, which can read the spill", () => {
    const values = evaluate(store, [
      ['=REVREC.SCHEDULE("C-1002","2026-03","2026-05")', null, null, null, null, "=SUM(B2:B4)"],
      [null, null, null, null, null, "=E4"],
    ]);
    expect(values).toEqual([
      ["Period", "Revenue", "Billed", "Deferred", "Unbilled", 920],
      ["2026-03", 310, 0, 0, 310, 0],
      ["2026-04", 300, 0, 0, 610, null],
      ["2026-05", 310, 920, 0, 0, null],
    ]);
  });

  test("#SPILL! when the range a spill needs is occupied", () => {
    const values = evaluate(store, [
      ['=REVREC.SCHEDULE("C-1002","2026-03","2026-05")'],
      [null, null, "in the way"],
    ]);
    expect(values[0]?.[0]).toMatch(/^#SPILL!/);
    expect(values[1]?.[2]).toBe("in the way");
  });

  test("a column of ids returns a column; references to id cells work", () => {
    expect(
      evaluate(store, [
        ["C-1001", '=REVREC.RECOGNIZED(A1:A3,"2026-03")'],
        ["C-1002"],
        ["C-1003"],
        ["2026-07", "=REVREC.RECOGNIZED(A3,A4)"],
      ])
    ).toEqual([
      ["C-1001", 100],
      ["C-1002", 310],
      ["C-1003", 100],
      ["2026-07", 450],
    ]);
  });

  test("a row of ten ids returns a row, as a column of ids returns a column", () => {
    const ids = [
      "C-1001",
      "C-1002",
      "C-1003",
      "C-1001",
      "C-1002",
      "C-1003",
      "C-1001",
      "C-1002",
      "C-1003",
      "C-1001",
    ];
    const values = evaluate(store, [ids, ['=REVREC.RECOGNIZED(A1:J1,"2026-03")']]);
    expect(values[1]).toEqual([100, 310, 100, 100, 310, 100, 100, 310, 100, 100]);
  });

  test("a row of obligation terms is computed on the spot", () => {
    expect(
      evaluate(store, [
        [
          "W-1",
          "Walk-in",
          "W-1-A",
          "",
          "",
          1200,
          "",
          "monthly",
          "2026-01-01",
          "2026-12-31",
          '=REVREC.RECOGNIZED(A1:J1,"2026-02")',
        ],
      ])[0]?.[10]
    ).toBe(100);
  });

  test("errors show their code and message", () => {
    expect(
      evaluate(store, [
        ['=REVREC.RECOGNIZED("C-9","2026-03")'],
        ['=REVREC.RECOGNIZED("C-1001","March")'],
        ['=REVREC.WATERFALL("2026-01",0)'],
        ['=REVREC.RECOGNIZED("C-1001",1/0)'],
        ['=IFERROR(REVREC.RECOGNIZED("C-9","2026-03"),0)'],
      ])
    ).toEqual([
      ['#N/A: unknown contract or obligation "C-9"'],
      [
        '#VALUE!: period: expected a month "2026-03", a quarter "2026-Q1", a year "2026", or a date in the period (an Excel date or "2026-03-15"); got "March"',
      ],
      ["#VALUE!: months: expected a whole number of months from 1 to 1200; got 0"],
      ["#DIV/0!"],
      [0],
    ]);
  });

  test("JOURNAL spills a balanced entry; ALLOCATE spills exact cents", () => {
    const values = evaluate(store, [
      ['=REVREC.JOURNAL("2026-03")', null, null, null, null, "=SUM(B1:B7)-SUM(C1:C7)"],
      [],
      [],
      [],
      [],
      [],
      [],
      ["=REVREC.ALLOCATE({100;0;0},{1;1;1})", "=SUM(A8:A10)"],
    ]);
    expect(values[0]?.slice(0, 5)).toEqual(["Account", "Debit", "Credit", "Class", "Customer"]);
    expect(values[0]?.[5]).toBe(0);
    expect(values.slice(7).map((r) => r[0])).toEqual([33.34, 33.33, 33.33]);
    expect(values[7]?.[1]).toBe(100);
  });

  test("the harness sees the store's current book", () => {
    const other = new BookStore();
    const hf = createSheet(other, [['=REVREC.RECOGNIZED("C-1001","2026-03")']]);
    expect(shown(hf.getCellValue({ sheet: 0, row: 0, col: 0 }))).toMatch(
      /^#N\/A: no contracts loaded yet/
    );
    hf.destroy();
  });
});

describe("npm run formulas", () => {
  test("prints the worked example sheet as CSV, as docs/functions.md shows it", () => {
    const out = execFileSync(
      process.execPath,
      [
        require.resolve("tsx/cli"),
        path.join(__dirname, "..", "..", "scripts", "formulas.ts"),
        "--book",
        path.join(dir, "book.json"),
        "--accounts",
        path.join(dir, "accounts.json"),
        path.join(dir, "sheet.csv"),
      ],
      { encoding: "utf8" }
    );
    expect(out).toBe(readFileSync(path.join(dir, "sheet.out.csv"), "utf8"));
    const doc = readFileSync(path.join(__dirname, "..", "..", "docs", "functions.md"), "utf8");
    expect(doc).toContain(out.trimEnd());
    expect(doc).toContain(readFileSync(path.join(dir, "sheet.csv"), "utf8").trimEnd());
    expect(out).toContain('Unknown,"#N/A: unknown contract or obligation ""C-9"""');
  });

  test("bad usage exits 2 with a message", () => {
    const run = () =>
      execFileSync(
        process.execPath,
        [
          require.resolve("tsx/cli"),
          path.join(__dirname, "..", "..", "scripts", "formulas.ts"),
          "sheet.csv",
        ],
        {
          encoding: "utf8",
          stdio: "pipe",
        }
      );
    expect(run).toThrow(/missing --book BOOK.json/);
  });
});
