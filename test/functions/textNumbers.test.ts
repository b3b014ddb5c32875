// Numbers typed as text in the workbook tables, as the REVREC functions meet them: an ambiguous one
// ("12,34") is never read as another amount; the function answers #VALUE! naming the cell.
import { installCustomFunctions, shown } from "./excelStub";

installCustomFunctions();
// Imported after the CustomFunctions global is installed (the functions use it).
import * as F from "../../src/functions/functions";
import { store } from "../../src/functions/store";
import { CONTRACTS, header, type TableRows } from "../../src/core/tables";

const RULE = "commas may only separate thousands, with a dot before the decimals, as in 1,234.56";
const H = [...header(CONTRACTS)];
const obligation = (values: Record<string, string | number>): (string | number)[] =>
  H.map((h) => values[h] ?? "");
const pointInTime = (contract: string, price: string): (string | number)[] =>
  obligation({
    Contract: contract,
    Customer: "Acme",
    Obligation: `${contract}-1`,
    Price: price,
    Method: "point-in-time",
    Start: "2026-03-15",
  });
const one = (v: unknown): unknown[][] => [[v]];

function load(contracts: (string | number)[][], more: [string, TableRows][] = []): void {
  store.loadTables(new Map([["RevRecContracts", { header: H, rows: contracts }], ...more]));
}

describe("a text amount in RevRecContracts", () => {
  beforeEach(() => load([pointInTime("C-1", "12,34"), pointInTime("C-2", "1,234.56")]));

  test("1,234.56 is 1234.56", async () => {
    expect(await F.recognized(one("C-2"), "2026-03", null)).toEqual([[1234.56]]);
  });

  test("12,34 is refused with its table, row and column, not read as 1234", async () => {
    expect(await shown(F.recognized(one("C-1"), "2026-03", null))).toBe(
      `#VALUE! contract C-1 cannot be computed: RevRecContracts row 1, Price: expected an amount with at most 2 decimals (${RULE}), found "12,34"`
    );
  });

  test("a total over every contract refuses to leave it out", async () => {
    const total = await shown(F.recognized(one("*"), "2026-03", null));
    expect(total).toBe(
      `#VALUE! contract "*": totals need every contract, but contract C-1 cannot be read: RevRecContracts row 1, Price: expected an amount with at most 2 decimals (${RULE}), found "12,34"`
    );
  });
});

describe("every numeric column follows the same rule", () => {
  test("a billing amount of 1.234,56 leaves its contract out", async () => {
    load(
      [pointInTime("C-1", "100.00")],
      [
        [
          "RevRecBillings",
          { header: ["Contract", "Date", "Amount"], rows: [["C-1", "2026-03-01", "1.234,56"]] },
        ],
      ]
    );
    expect(await shown(F.billed(one("C-1"), "2026-03", null))).toBe(
      `#VALUE! contract C-1 cannot be computed: RevRecBillings row 1, Amount: expected an amount with at most 2 decimals (${RULE}), found "1.234,56"`
    );
  });

  test("a bad End on a credit row, a column credits do not use, is named too", async () => {
    load(
      [pointInTime("C-1", "100.00")],
      [
        [
          "RevRecChanges",
          {
            header: ["Contract", "Type", "Date", "Obligation", "Treatment", "Amount", "End"],
            rows: [["C-1", "credit", "2026-03-20", "C-1-1", "immediate", 10, "2026-02-30"]],
          },
        ],
      ]
    );
    expect(await shown(F.recognized(one("C-1"), "2026-03", null))).toBe(
      '#VALUE! contract C-1 cannot be computed: RevRecChanges row 1, End: expected a date (an Excel date or text YYYY-MM-DD), found "2026-02-30"'
    );
  });

  test("ALLOCATE refuses a text price of 12,34", async () => {
    const result = await shown(F.allocate([["12,34"], [100]], [[1], [1]]));
    expect(result).toBe(
      `#VALUE! prices, row 1: expected an amount of 0 or more with at most 2 decimals; got "12,34"`
    );
    expect(await F.allocate([["1,234.56"], [100]], [[1], [1]])).toEqual([[667.28], [667.28]]);
  });
});
