// Numbers typed as text: read only when unambiguous, in every numeric column of every table.
import { contractRow, contractsTable } from "./contractRows";
import {
  readAmount,
  readPercent,
  readRatio,
  tablesToBook,
  type TableRows,
} from "../../../src/core/tables";

const RULE = "commas may only separate thousands, with a dot before the decimals, as in 1,234.56";
const messages = (tables: [string, TableRows][]): string[] =>
  tablesToBook(new Map(tables)).issues.map((i) => i.message);

describe("a number typed as text", () => {
  test.each([
    ["1,234.56", "1234.56"],
    ["1234.56", "1234.56"],
    ["-1,234", "-1234.00"],
    ["1,234,567.8", "1234567.80"],
    [" 12 ", "12.00"],
  ])("%s is the amount %s", (text, amount) => {
    expect(readAmount(text)).toEqual({ ok: true, value: amount });
  });

  test.each(["12,34", "1.234,56", "1,2,3", "1,23.4", ",5", "0,123", "1.234.567"])(
    "%s is refused, saying how commas are read",
    (text) => {
      const expected = `an amount with at most 2 decimals (${RULE})`;
      expect(readAmount(text)).toEqual({ ok: false, expected });
    }
  );

  test("text without separators that is not a number is refused without the rule", () => {
    expect(readAmount("abc")).toEqual({ ok: false, expected: "an amount with at most 2 decimals" });
    expect(readAmount("12.345")).toEqual({
      ok: false,
      expected: "an amount with at most 2 decimals",
    });
  });

  test("numbers Excel stores as numbers are never touched", () => {
    expect(readAmount(1234.56)).toEqual({ ok: true, value: "1234.56" });
    expect(readRatio(0.5)).toEqual({ ok: true, value: "0.5" });
    expect(readPercent(12.34)).toEqual({ ok: true, value: 12.34 });
  });

  test("SSPs and percents follow the same rule", () => {
    expect(readRatio("1,500.25")).toEqual({ ok: true, value: "1500.25" });
    expect(readRatio("12,34")).toEqual({ ok: false, expected: `a non-negative number (${RULE})` });
    expect(readPercent("45%")).toEqual({ ok: true, value: 45 });
    expect(readPercent("12.5")).toEqual({ ok: true, value: 12.5 });
    expect(readPercent("12,5%")).toEqual({
      ok: false,
      expected: `a percent from 0 to 100 (45 means 45%) (${RULE})`,
    });
  });
});

describe("tablesToBook refuses ambiguous text numbers with table, row and column", () => {
  test("a Price of 12,34 is not read as 1234.00", () => {
    const t = tablesToBook(new Map([contractsTable([contractRow({ Price: "12,34" })])]));
    expect(t.issues.map((i) => i.message)).toEqual([
      `RevRecContracts row 1, Price: expected an amount with at most 2 decimals (${RULE}), found "12,34"`,
    ]);
    expect(t.issues[0]).toMatchObject({ table: "RevRecContracts", row: 1, column: "Price" });
    expect(t.book?.contracts).toEqual([]);
  });

  test("1,234.56 and 1234.56 read the same", () => {
    const t = tablesToBook(
      new Map([
        contractsTable([
          contractRow({ Price: "1,234.56" }),
          contractRow({ Obligation: "C-1-2", Price: "1234.56" }),
        ]),
      ])
    );
    expect(t.issues).toEqual([]);
    expect(t.book?.contracts[0]?.obligations.map((o) => o.price)).toEqual(["1234.56", "1234.56"]);
  });

  test("SSP, billing amounts, discounts, credits, percents and manual amounts", () => {
    expect(
      messages([
        contractsTable([
          contractRow({ SSP: "1.234,56" }),
          contractRow({ Obligation: "P-1", Method: "progress", End: "" }),
          contractRow({ Obligation: "M-1", Method: "manual", End: "" }),
        ]),
        [
          "RevRecBillings",
          {
            header: ["Contract", "Date", "Amount", "Discount", "Discount Account"],
            rows: [["C-1", "2026-01-01", "1,2,3", ",5", "Discounts"]],
          },
        ],
        [
          "RevRecChanges",
          {
            header: ["Contract", "Type", "Date", "Obligation", "Treatment", "Amount"],
            rows: [["", "credit", "2026-02-01", "C-1-1", "prospective", "1,23.4"]],
          },
        ],
        [
          "RevRecProgress",
          {
            header: ["Obligation", "Date", "Percent", "Period", "Amount"],
            rows: [
              ["P-1", "2026-01-31", "45,5", "", ""],
              ["M-1", "", "", "2026-01", "99,99"],
            ],
          },
        ],
      ])
    ).toEqual([
      `RevRecContracts row 1, SSP: expected a non-negative number or the word residual (${RULE}), found "1.234,56"`,
      `RevRecBillings row 1, Amount: expected an amount with at most 2 decimals (${RULE}), found "1,2,3"`,
      `RevRecBillings row 1, Discount: expected an amount with at most 2 decimals (${RULE}), found ",5"`,
      `RevRecChanges row 1, Amount: expected an amount with at most 2 decimals (${RULE}), found "1,23.4"`,
      `RevRecProgress row 1, Percent: expected a percent from 0 to 100 (45 means 45%) (${RULE}), found "45,5"`,
      `RevRecProgress row 2, Amount: expected an amount with at most 2 decimals (${RULE}), found "99,99"`,
    ]);
  });
});
