import {
  ErrorCode,
  ExcelError,
  exampleAccounts,
  exampleBook,
  installCustomFunctions,
  OMITTED_RANGE,
  shown,
} from "./excelStub";

installCustomFunctions();
// Imported after the CustomFunctions global is installed (the functions use it).
import * as F from "../../src/functions/functions";
import { store } from "../../src/functions/store";

// Excel's conventions: the contract argument is a matrix parameter (a single value arrives as [[v]]),
// an omitted optional argument is null, dates are serials (2026-03-15 = 46096).
const MAR_15_2026 = 46096;
const one = (v: unknown): unknown[][] => [[v]];

beforeEach(() => {
  store.setBook(exampleBook(), exampleAccounts());
});

describe("RECOGNIZED", () => {
  test("a month, a quarter, a year and a range of periods", async () => {
    expect(await F.recognized(one("C-1001"), "2026-03", null)).toEqual([[100]]);
    expect(await F.recognized(one("C-1001"), "2026-01", null)).toEqual([[400]]); // 100 + the 300 setup delivered in January
    expect(await F.recognized(one("C-1001"), "2026-Q1", null)).toEqual([[600]]);
    expect(await F.recognized(one("C-1001"), "2026", null)).toEqual([[1500]]);
    expect(await F.recognized(one("C-1001"), 2026, null)).toEqual([[1500]]);
    expect(await F.recognized(one("C-1001"), "2026-02", "2026-04")).toEqual([[300]]);
  });

  test("a date serial or date text anywhere in the month", async () => {
    expect(await F.recognized(one("C-1002"), MAR_15_2026, null)).toEqual([[310]]);
    expect(await F.recognized(one("C-1002"), "2026-03-31", null)).toEqual([[310]]);
  });

  test("an obligation id, all contracts, and a column of ids returning a column", async () => {
    expect(await F.recognized(one("C-1001-SETUP"), "2026-01", null)).toEqual([[300]]);
    expect(await F.recognized(one("*"), "2026-03", null)).toEqual([[510]]);
    expect(
      await shown(F.recognized([["C-1001"], ["C-1002"], [""], ["NOPE"]], "2026-03", null))
    ).toEqual([
      [100],
      [310],
      [""],
      [new ExcelError(ErrorCode.notAvailable, 'unknown contract or obligation "NOPE"')],
    ]);
  });

  test("a row of ids returns a row, however wide; a block of ids returns a block", async () => {
    const ids = ["C-1001", "C-1002", "C-1003"];
    const row = Array.from({ length: 10 }, (_, i) => ids[i % 3]);
    const march = [100, 310, 100];
    expect(await F.recognized([row], "2026-03", null)).toEqual([row.map((_, i) => march[i % 3])]);
    expect(await F.cumulative([row.slice(0, 9)], "2026-03")).toEqual([
      row.slice(0, 9).map((_, i) => [600, 310, 300][i % 3]),
    ]);
    expect(await F.billed([row], "2026-01", null)).toEqual([
      row.map((_, i) => [1500, 0, 1200][i % 3]),
    ]);
    const block = [row, row.slice().reverse()];
    expect(await F.recognized(block, "2026-03", null)).toEqual(
      block.map((r) => r.map((id) => march[ids.indexOf(id ?? "")]))
    );
    expect(await shown(F.schedule([row], null, null))).toMatch(
      /^#VALUE! contract: expected one contract id, "\*", or one row of obligation terms/
    );
  });

  test("a row is terms when its Method column holds a method, or its Start a date and its Price an amount", async () => {
    const noMethod = [["T", "X", "O", "", "", 1200, "", "", "2026-01-01", "2026-12-31"]];
    expect(await shown(F.recognized(noMethod, "2026-02", null))).toMatch(
      /^#VALUE! contract terms, Method: /
    );
    const typo = [["T", "X", "O", "", "", 1200, "", "Monthy", 46023, 46387]];
    expect(await shown(F.recognized(typo, "2026-02", null))).toMatch(
      /^#VALUE! contract terms, Method: expected one of .*found "Monthy"/
    );
  });

  test("a contract modification with catch-up", async () => {
    expect(await F.recognized(one("C-1003"), "2026-06", null)).toEqual([[100]]);
    expect(await F.recognized(one("C-1003"), "2026-07", null)).toEqual([[450]]);
    expect(await F.recognized(one("C-1003"), "2026-08", null)).toEqual([[150]]);
  });

  test("a one-row range of obligation terms is computed without the book", async () => {
    const terms = [["", "Walk-in", "", "", "", 1200, "", "monthly", "2026-01-01", 46387]]; // End 2026-12-31 as a serial
    expect(await F.recognized(terms, "2026-02", null)).toEqual([[100]]);
    expect(await F.cumulative(terms, "2026-06")).toEqual([[600]]);
  });

  test("several rows of terms give a column, with a bad row failing only its own cell", async () => {
    const rows = [
      ["A", "X", "A1", "", "", 1200, "", "monthly", "2026-01-01", "2026-12-31"],
      ["B", "Y", "B1", "", "", 500, "", "point-in-time", "2026-02-10", ""],
      ["C", "Z", "C1", "", "", 100, "", "weekly", "2026-01-01", "2026-12-31"],
    ];
    const out = await shown(F.recognized(rows, "2026-02", null));
    expect(out).toEqual([
      [100],
      [500],
      [
        new ExcelError(
          ErrorCode.invalidValue,
          'contract terms, Method: expected one of daily, monthly, monthly-prorated, monthly-from-start, point-in-time, progress, manual, found "weekly"'
        ),
      ],
    ]);
  });

  test("results are numbers rounded to cents", async () => {
    const terms = [["T", "X", "O", "", "", 1000, "", "daily", "2026-01-01", "2026-12-31"]];
    const jan = ((await F.recognized(terms, "2026-01", null)) as number[][])[0]?.[0];
    expect(typeof jan).toBe("number");
    expect(jan).toBe(84.93); // 1000 × 31/365 = 84.9315…
  });

  test("periods outside the book's years, 1900 to 2199, are #VALUE! naming the argument and the range", async () => {
    const outside = /^#VALUE! (to_)?period: .* is outside the years the book covers, 1900 to 2199$/;
    for (const p of [
      "0000",
      "0001-01",
      "1899-Q4",
      "2200",
      "2200-01",
      "9999-12-31",
      2200,
      9999,
      109575,
      2958465,
    ]) {
      expect(await shown(F.recognized(one("C-1002"), p, null))).toMatch(outside);
    }
    expect(await shown(F.recognized(one("C-1002"), "2026-03", "2200-01"))).toMatch(
      /^#VALUE! to_period: "2200-01" is outside the years/
    );
    expect(await shown(F.waterfall("0000", 2, OMITTED_RANGE))).toMatch(
      /^#VALUE! from: "0000" is outside/
    );
    // Serials are dates: 61 is 1900-03-01, 10000 is 1927-05-18, 73415 is 2100-12-31, 109574 is 2199-12-31.
    expect(await F.recognized(one("C-1002"), 61, 109574)).toEqual([[3650]]);
    expect(await F.recognized(one("C-1002"), 10000, 73415)).toEqual([[3650]]);
    expect(await F.recognized(one("C-1002"), "1900", "2199-Q4")).toEqual([[3650]]);
    expect(await shown(F.waterfall("2199-11", 3, OMITTED_RANGE))).toBe(
      "#VALUE! months: the book ends in 2199, so from 2199-11 at most 2"
    );
    expect(((await F.waterfall("2199-11", 2, OMITTED_RANGE)) as unknown[][])[0]).toEqual([
      "Contract",
      "2199-11",
      "2199-12",
    ]);
  });

  test("the period range is the book's: terms dated at its edges are read, beyond them refused", async () => {
    const terms = (start: string, end: string) => [
      ["T", "X", "O", "", "", 100, "", "point-in-time", start, end],
    ];
    expect(await F.recognized(terms("2199-12-31", ""), "2199-12", null)).toEqual([[100]]);
    expect(await F.recognized(terms("1900-01-01", ""), "1900-01", null)).toEqual([[100]]);
    expect(await shown(F.recognized(terms("2200-01-01", ""), "2199-12", null))).toMatch(
      /^#VALUE! contract terms, Start: .*between 1900-01-01 and 2199-12-31/
    );
  });

  test("ids match regardless of case, as Excel's lookups do; an exact match wins", async () => {
    expect(await F.recognized(one("c-1001"), "2026-03", null)).toEqual([[100]]);
    expect(await F.recognized(one("c-1001-setup"), "2026-01", null)).toEqual([[300]]);
    expect(await F.deferred(one("c-1003"), "2026-03")).toEqual([[900]]);

    // A second contract whose ids differ from C-1001's only in case: exact spellings find each one, and a
    // third spelling is refused as ambiguous rather than picking one.
    const book = JSON.parse(JSON.stringify(exampleBook())) as {
      contracts: { id: string; obligations: { id: string }[]; billings?: unknown[] }[];
    };
    const [first] = book.contracts;
    if (!first) throw new Error("the example book has contracts");
    const twin = JSON.parse(JSON.stringify(first)) as typeof first;
    twin.id = "c-1001";
    twin.obligations = twin.obligations.map((o) => ({ ...o, id: o.id.toLowerCase() }));
    twin.billings = [];
    store.setBook({ ...book, contracts: [...book.contracts, twin] }, exampleAccounts());
    expect(await F.recognized(one("C-1001"), "2026-03", null)).toEqual([[100]]);
    expect(await F.billed(one("C-1001"), "2026-01")).toEqual([[1500]]);
    expect(await F.billed(one("c-1001"), "2026-01")).toEqual([[0]]);
    expect(await shown(F.recognized(one("C-1001-Setup"), "2026-01", null))).toBe(
      '#VALUE! contract: "C-1001-Setup" matches "C-1001-SETUP" and "c-1001-setup", which differ only in case; write the id exactly'
    );
  });

  test("unknown contract is #N/A naming it", async () => {
    expect(await shown(F.recognized(one("C-9"), "2026-03", null))).toBe(
      '#N/A unknown contract or obligation "C-9"'
    );
  });

  test("malformed input is #VALUE! naming the argument and what is expected", async () => {
    expect(await shown(F.recognized(one("C-1001"), "2026-13", null))).toBe(
      '#VALUE! period: expected a month "2026-03", a quarter "2026-Q1", a year "2026", or a date in the period (an Excel date or "2026-03-15"); got "2026-13"'
    );
    expect(await shown(F.recognized(one("C-1001"), null, null))).toMatch(
      /^#VALUE! period is required: expected a month/
    );
    expect(await shown(F.recognized(one("C-1001"), true, null))).toMatch(
      /^#VALUE! period: expected .*; got true$/
    );
    expect(await shown(F.recognized(one("C-1001"), "2026-05", "2026-04"))).toBe(
      "#VALUE! to_period: expected a period not before period"
    );
    expect(await shown(F.recognized(one(true), "2026-05", null))).toMatch(
      /^#VALUE! contract: expected a contract or obligation id/
    );
    expect(await shown(F.recognized(one(""), "2026-05", null))).toMatch(
      /^#VALUE! contract is required/
    );
    const badTerms = [["T", "X", "O", "", "", 1000, "", "monthly", "2026-02-30", "2026-12-31"]];
    expect(await shown(F.recognized(badTerms, "2026-03", null))).toBe(
      '#VALUE! contract terms, Start: expected a date (an Excel date or text YYYY-MM-DD), found "2026-02-30"'
    );
  });
});

describe("CUMULATIVE, BILLED, DEFERRED, UNBILLED, ALLOCATED", () => {
  test("to date, billed and the balances at the period end", async () => {
    expect(await F.cumulative(one("C-1001"), "2026-03")).toEqual([[600]]);
    expect(await F.cumulative(one("C-1001"), "2026-Q2")).toEqual([[900]]); // end of June
    expect(await F.billed(one("C-1001"), "2026-01", null)).toEqual([[1500]]);
    expect(await F.billed(one("C-1003"), "2026", null)).toEqual([[1800]]);
    expect(await F.billed(one("C-1001"), "2026-02", "2026-12")).toEqual([[0]]);
    expect(await F.deferred(one("C-1001"), "2026-03")).toEqual([[900]]);
    expect(await F.unbilled(one("C-1001"), "2026-03")).toEqual([[0]]);
    expect(await F.unbilled(one("C-1002"), "2026-04")).toEqual([[610]]);
    expect(await F.deferred(one("C-1002"), "2026-05")).toEqual([[0]]);
    expect(await F.unbilled(one("C-1002"), "2026-05")).toEqual([[0]]); // billed 920 = recognized 920
  });

  test("totals over all contracts never net a liability against an asset", async () => {
    // March: C-1001 deferred 900, C-1003 deferred 900, C-1002 unbilled 310.
    expect(await F.deferred(one("*"), "2026-03")).toEqual([[1800]]);
    expect(await F.unbilled(one("*"), "2026-03")).toEqual([[310]]);
  });

  test("ALLOCATED after allocation and changes; a column of ids", async () => {
    expect(await F.allocated([["C-1001"], ["C-1003"], ["C-1003-LIC"], ["*"]])).toEqual([
      [1500],
      [1800],
      [1800],
      [6950],
    ]);
  });

  test("balances are per contract: an obligation id is #VALUE! pointing to its contract", async () => {
    expect(await shown(F.deferred(one("C-1001-SUB"), "2026-03"))).toBe(
      '#VALUE! contract: "C-1001-SUB" is an obligation of contract "C-1001"; billings and balances are kept per contract, so give the contract id'
    );
    expect(
      await shown(
        F.billed(
          [["T", "X", "O", "", "", 1, "", "daily", "2026-01-01", "2026-01-01"]],
          "2026-01",
          null
        )
      )
    ).toMatch(
      /^#VALUE! contract: obligation terms are accepted only by RECOGNIZED, CUMULATIVE and SCHEDULE/
    );
  });
});

describe("SCHEDULE", () => {
  test("a header and one row per month: Period, Revenue, Billed, Deferred, Unbilled", async () => {
    expect(await F.schedule(one("C-1002"), "2026-03", "2026-06")).toEqual([
      ["Period", "Revenue", "Billed", "Deferred", "Unbilled"],
      ["2026-03", 310, 0, 0, 310],
      ["2026-04", 300, 0, 0, 610],
      ["2026-05", 310, 920, 0, 0],
      ["2026-06", 300, 0, 0, 300],
    ]);
  });

  test("omitted from/to cover the contract's activity; a quarter spans its months", async () => {
    const all = (await F.schedule(one("C-1001"), null, null)) as unknown[][];
    expect(all.length).toBe(13);
    expect(all[1]).toEqual(["2026-01", 400, 1500, 1100, 0]);
    expect(all[12]).toEqual(["2026-12", 100, 0, 0, 0]);
    const q = (await F.schedule(one("C-1001"), "2026-Q2", "2026-Q2")) as unknown[][];
    expect(q.map((r) => r[0])).toEqual(["Period", "2026-04", "2026-05", "2026-06"]);
  });

  test("a row of terms: no billings, so everything recognized is unbilled", async () => {
    const terms = [["T", "X", "O", "", "", 300, "", "monthly", "2026-01-01", "2026-03-31"]];
    expect(await F.schedule(terms, null, null)).toEqual([
      ["Period", "Revenue", "Billed", "Deferred", "Unbilled"],
      ["2026-01", 100, 0, 0, 100],
      ["2026-02", 100, 0, 0, 200],
      ["2026-03", 100, 0, 0, 300],
    ]);
  });

  test("errors", async () => {
    expect(await shown(F.schedule(one("C-1001"), "2026-05", "2026-04"))).toBe(
      "#VALUE! to: expected a period not before from"
    );
    expect(await shown(F.schedule([["C-1001"], ["C-1002"]], null, null))).toMatch(
      /^#VALUE! contract: expected one contract id/
    );
    expect(await shown(F.schedule(one("C-404"), null, null))).toBe(
      '#N/A unknown contract or obligation "C-404"'
    );
  });
});

describe("WATERFALL", () => {
  test("contracts down, months across, a Total row", async () => {
    expect(await F.waterfall("2026-01", 3, OMITTED_RANGE)).toEqual([
      ["Contract", "2026-01", "2026-02", "2026-03"],
      ["C-1001", 400, 100, 100],
      ["C-1002", 0, 0, 310],
      ["C-1003", 100, 100, 100],
      ["Total", 500, 200, 510],
    ]);
  });

  test("a chosen column of ids (obligations too); an unknown id fails its row and the total", async () => {
    expect(await F.waterfall(MAR_15_2026, 2, [["C-1002"], ["C-1001-SUB"]])).toEqual([
      ["Contract", "2026-03", "2026-04"],
      ["C-1002", 310, 300],
      ["C-1001-SUB", 100, 100],
      ["Total", 410, 400],
    ]);
    const out = (await shown(F.waterfall("2026-03", 1, [["C-1002"], ["X"]]))) as unknown[][];
    expect(out[2]).toEqual([
      "X",
      new ExcelError(ErrorCode.notAvailable, 'unknown contract or obligation "X"'),
    ]);
    expect(out[3]?.[1]).toBeInstanceOf(ExcelError);
  });

  test("months must be a whole number", async () => {
    expect(await shown(F.waterfall("2026-01", 2.5, OMITTED_RANGE))).toBe(
      "#VALUE! months: expected a whole number of months from 1 to 1200; got 2.5"
    );
    expect(await shown(F.waterfall("Jan", 2, OMITTED_RANGE))).toMatch(
      /^#VALUE! from: expected a month/
    );
  });
});

describe("JOURNAL", () => {
  test("the entry for a period: balanced, amounts as numbers", async () => {
    const rows = (await F.journal("2026-03")) as (string | number)[][];
    expect(rows[0]).toEqual(["Account", "Debit", "Credit", "Class", "Customer"]);
    const body = rows.slice(1);
    const debits = body.reduce((s, r) => s + Number(r[1]), 0);
    const credits = body.reduce((s, r) => s + Number(r[2]), 0);
    expect(Math.round(debits * 100)).toBe(Math.round(credits * 100));
    expect(credits).toBe(510); // March revenue over all contracts
    expect(body.every((r) => typeof r[1] === "number" && typeof r[2] === "number")).toBe(true);
    const customer = (await F.journal("2026-03", F.JournalDetail.customer)) as unknown[][];
    expect(customer.slice(1).some((r) => r[4] === "Beta LLC")).toBe(true);
  });

  test("no account mapping is #N/A saying where to put it", async () => {
    store.setBook(exampleBook());
    expect(await shown(F.journal("2026-03"))).toMatch(
      /^#N\/A no account mapping: .*RevRecAccounts table \(Setting, Value\)/
    );
  });

  test("a bad detail is #VALUE!", async () => {
    // Excel passes whatever word is typed, whatever AutoComplete offered.
    const typed: string = "lines";
    expect(await shown(F.journal("2026-03", typed as F.JournalDetail))).toBe(
      '#VALUE! detail: expected "summary" or "customer"; got "lines"'
    );
  });
});

describe("ALLOCATE", () => {
  test("relative SSP, exact to the cent, in the shape of prices", async () => {
    expect(await F.allocate([[1000], [500]], [[1200], [300]])).toEqual([[1200], [300]]);
    const thirds = (await F.allocate([[100, 0, 0]], [[1, 1, 1]])) as number[][];
    expect(thirds).toEqual([[33.34, 33.33, 33.33]]);
    expect((thirds[0] ?? []).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
  });

  test("errors name the argument and the cell", async () => {
    expect(await shown(F.allocate([[1], [2]], [[1]]))).toBe(
      "#VALUE! ssps: expected as many cells as prices (2); got 1"
    );
    expect(await shown(F.allocate([[1.234]], [[1]]))).toBe(
      "#VALUE! prices: expected an amount of 0 or more with at most 2 decimals; got 1.234"
    );
    expect(await shown(F.allocate([[1], [2]], [[1], ["x"]]))).toBe(
      '#VALUE! ssps, row 2: expected a standalone selling price: a number above 0 with at most 6 decimals, under 1,000,000,000; got "x"'
    );
    expect(
      await shown(
        F.allocate(
          [
            [1, 2],
            [3, 4],
          ],
          [
            [1, 1],
            [1, 1.5e-7],
          ]
        )
      )
    ).toMatch(
      /^#VALUE! ssps, row 2, column 2: expected a standalone selling price: .*; got 1\.5e-7$/
    );
  });

  test("the engine's rules: prices 0 or more, SSPs above 0 with at most 6 decimals", async () => {
    expect(await shown(F.allocate([[-10, 10]], [[1, 1]]))).toBe(
      "#VALUE! prices, column 1: expected an amount of 0 or more with at most 2 decimals; got -10"
    );
    expect(await shown(F.allocate([[10], ["-0.01"]], [[1], [1]]))).toMatch(
      /^#VALUE! prices, row 2: expected an amount of 0 or more/
    );
    expect(await shown(F.allocate([[10], [10]], [[1], [0]]))).toMatch(
      /^#VALUE! ssps, row 2: expected a standalone selling price: a number above 0 .*; got 0$/
    );
    expect(await shown(F.allocate([[10], [10]], [[1], [0.1234567]]))).toMatch(
      /^#VALUE! ssps, row 2: .*at most 6 decimals/
    );
    expect(await shown(F.allocate([[10], [10]], [[1], [1e9]]))).toMatch(
      /^#VALUE! ssps, row 2: .*under 1,000,000,000; got 1000000000$/
    );
    expect(await F.allocate([[0], [10]], [["1,000"], [0.000001]])).toEqual([[10], [0]]);
  });
});

describe("the book", () => {
  test("before anything is loaded, cells are #N/A saying so", async () => {
    const { BookStore } = await import("../../src/functions/store");
    const empty = new BookStore();
    expect(empty.state.fatal?.message).toMatch(/no contracts loaded yet/);
  });

  test("a book that cannot be read is #VALUE! with the first problem", async () => {
    store.setBook({ currency: "USD", contracts: [{ id: "C", customer: "X", obligations: [] }] });
    expect(await shown(F.recognized(one("C"), "2026-01", null))).toMatch(
      /^#VALUE! the book cannot be read: contracts\[0\]/
    );
  });
});
