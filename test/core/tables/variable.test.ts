// Variable consideration in the workbook: RevRecVariable rows (one per outcome) and estimate rows of RevRecChanges,
// read into the book JSON of docs/book.md, written back, and their bad cells named exactly.
import { readFileSync } from "fs";
import path from "path";
import fc from "fast-check";
import { buildSchedule, parseBook, parseMonth, scheduleReport } from "../../../src/core";
import {
  bookToTables,
  CHANGES,
  header,
  tablesToBook,
  VARIABLE,
  type BookJson,
  type TableRows,
} from "../../../src/core/tables";
import { variableBookArbitrary } from "../arbitraries";
import { contractRow, contractsTable, type Cell } from "./contractRows";

const rowsOf =
  (spec: typeof CHANGES) =>
  (rows: Record<string, Cell>[]): [string, TableRows] => [
    spec.name,
    { header: header(spec), rows: rows.map((values) => header(spec).map((h) => values[h] ?? "")) },
  ];
const changesTable = rowsOf(CHANGES);
const variableTable = rowsOf(VARIABLE);

/** Example 21 of the standard: a customized asset for 2,500,000 and a 150,000 bonus, 70% likely at inception. */
const asset = contractsTable([
  contractRow({
    Contract: "EX21",
    Obligation: "ASSET",
    Price: 2500000,
    Method: "point-in-time",
    Start: "2026-03-31",
    End: "",
  }),
]);
const bonus = (values: Record<string, Cell> = {}): Record<string, Cell> => ({
  Contract: "EX21",
  Variable: "BONUS",
  Method: "most-likely",
  Obligation: "ASSET",
  ...values,
});

/** Every figure of the book's schedule, 2024 to 2030 (the generated books' span). */
function report(book: unknown): unknown {
  const parsed = parseBook(book);
  if (!parsed.ok) return parsed.issues;
  return scheduleReport(buildSchedule(parsed.value), FROM, TO);
}
const FROM = parseMonth("2024-01") ?? 0;
const TO = parseMonth("2030-12") ?? 0;

/** The book written to the tables and read back. */
function throughTables(raw: unknown, dates: "text" | "serial"): ReturnType<typeof tablesToBook> {
  const tables = bookToTables(raw as BookJson, { dates });
  return tablesToBook(new Map(tables.map((t) => [t.name, t])));
}

function figures(book: BookJson | undefined): Record<string, string> {
  const parsed = parseBook(book);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "));
  const out: Record<string, string> = {};
  for (const c of buildSchedule(parsed.value).contracts)
    for (const o of c.obligations) out[o.id] = (o.allocated / 100).toFixed(2);
  return out;
}

describe("RevRecVariable", () => {
  test("the most likely amount, allocated to one obligation, and a re-estimate in RevRecChanges", () => {
    const t = tablesToBook(
      new Map([
        asset,
        changesTable([{ Contract: "EX21", Change: "RE", Type: "Estimate", Date: "2026-07-15" }]),
        variableTable([
          bonus({ Method: "Most likely", Amount: 150000, Probability: 0.7 }),
          bonus({ Amount: 0, Probability: "30%" }),
          {
            Contract: "EX21",
            Variable: "BONUS",
            Change: "RE",
            Amount: "150,000",
            Probability: 0.4,
          },
          { Contract: "EX21", Variable: "BONUS", Change: "RE", Amount: 0, Probability: "0.6" },
        ]),
      ])
    );
    expect(t.issues).toEqual([]);
    const c = t.book?.contracts[0];
    expect(c?.variableConsideration).toEqual([
      {
        id: "BONUS",
        method: "most-likely",
        obligation: "ASSET",
        outcomes: [
          { amount: "150000.00", probability: "0.7" },
          { amount: "0.00", probability: "0.3" },
        ],
      },
    ]);
    expect(c?.changes).toEqual([
      {
        id: "RE",
        type: "estimate",
        date: "2026-07-15",
        variable: "BONUS",
        outcomes: [
          { amount: "150000.00", probability: "0.4" },
          { amount: "0.00", probability: "0.6" },
        ],
      },
    ]);
    // 70% at inception: 2,650,000; re-estimated at 40%, the most likely amount is 0 again.
    expect(figures(t.book)).toEqual({ ASSET: "2500000.00" });
  });

  test("the expected value, limited by the constraint, spread on the inception basis", () => {
    // The TRG's bonuses 0, 50,000 and 100,000 at 15%, 40% and 45% (65,000), constrained to 50,000, over a site
    // and a year of hosting whose prices allocate 60,000 and 30,000: 33,333.33 and 16,666.67 on top.
    const site = { Contract: "W2", Obligation: "SITE", Price: 90000, SSP: 80000 };
    const host = { Contract: "W2", Obligation: "HOST", Price: 0, SSP: 40000 };
    const ev = (amount: number, probability: Cell): Record<string, Cell> => ({
      Contract: "W2",
      Variable: "BONUS",
      Method: "expected value",
      Constraint: 50000,
      Amount: amount,
      Probability: probability,
    });
    const t = tablesToBook(
      new Map([
        contractsTable([contractRow(site), contractRow(host)]),
        variableTable([ev(0, 0.15), ev(50000, "40%"), ev(100000, 0.45)]),
      ])
    );
    expect(t.issues).toEqual([]);
    expect(figures(t.book)).toEqual({ SITE: "93333.33", HOST: "46666.67" });
  });

  test("bad cells are named by table, row and column", () => {
    const t = tablesToBook(
      new Map([
        asset,
        changesTable([
          { Contract: "EX21", Type: "estimate", Date: "2026-07-15" },
          {
            Contract: "EX21",
            Change: "E2",
            Type: "estimate",
            Date: "2026-08-01",
            Obligation: "ASSET",
          },
          { Contract: "EX21", Change: "E3", Type: "estimate", Date: "2026-09-01" },
        ]),
        variableTable([
          bonus({ Amount: 1, Probability: 1 }),
          bonus({ Method: "average", Amount: 1, Probability: 1.5 }),
          bonus({ Method: "", Amount: 1, Probability: "0.1234567" }),
          bonus({ Obligation: "OTHER", Constraint: 10, Amount: 1, Probability: "1" }),
          { Contract: "EX21", Variable: "B", Change: "E9", Amount: 1, Probability: 1 },
          {
            Contract: "EX21",
            Variable: "B",
            Change: "E3",
            Method: "most-likely",
            Amount: 1,
            Probability: 1,
          },
          {
            Contract: "EX21",
            Variable: "B",
            Change: "E3",
            Obligation: "ASSET",
            Amount: 1,
            Probability: 1,
          },
          { Contract: "NOPE", Variable: "B", Amount: 1, Probability: 1, Method: "most-likely" },
          { Contract: "EX21", Method: "most-likely", Amount: "", Probability: "" },
        ]),
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      "RevRecChanges row 1, Change: an estimate change needs a Change id: its outcomes are the RevRecVariable rows that name it",
      "RevRecChanges row 2, Obligation: a re-estimate restates a variable consideration, named on its RevRecVariable rows; leave Obligation empty and fill Contract",
      'RevRecVariable row 2, Method: expected one of expected-value, most-likely, found "average"',
      "RevRecVariable row 2, Probability: expected a probability from 0 to 1 with at most 6 decimals (0.7, or the text 70%), found 1.5",
      "RevRecVariable row 3, Method: is empty; expected a value",
      'RevRecVariable row 3, Probability: expected a probability from 0 to 1 with at most 6 decimals (0.7, or the text 70%), found "0.1234567"',
      'RevRecVariable row 4, Obligation: variable consideration "BONUS" has Obligation ASSET on row 1, but OTHER here; its rows share one Obligation',
      'RevRecVariable row 4, Constraint: variable consideration "BONUS" has Constraint empty on row 1, but 10.00 here; its rows share one Constraint',
      'RevRecVariable row 5, Change: contract EX21 has no estimate row "E9" in RevRecChanges',
      'RevRecVariable row 6, Method: a re-estimate keeps its variable consideration\'s Method; leave Method empty on the rows of change "E3"',
      'RevRecVariable row 7, Obligation: a re-estimate keeps its variable consideration\'s Obligation; leave Obligation empty on the rows of change "E3"',
      'RevRecVariable row 8, Contract: contract "NOPE" has no obligations in RevRecContracts',
      "RevRecVariable row 9, Variable: is empty; expected a value",
      "RevRecVariable row 9, Amount: is empty; expected a value",
      "RevRecVariable row 9, Probability: is empty; expected a value",
    ]);
    expect([...t.rejected.keys()]).toEqual(["EX21"]);
  });

  test("a re-estimate with no outcome rows, and rows of one re-estimate naming two variables", () => {
    const t = tablesToBook(
      new Map([
        asset,
        changesTable([
          { Contract: "EX21", Change: "E1", Type: "estimate", Date: "2026-07-15" },
          { Contract: "EX21", Change: "E2", Type: "estimate", Date: "2026-08-15" },
        ]),
        variableTable([
          bonus({ Amount: 1, Probability: 1 }),
          { Contract: "EX21", Variable: "BONUS", Change: "E2", Amount: 1, Probability: 0.5 },
          { Contract: "EX21", Variable: "FEE", Change: "E2", Amount: 2, Probability: 0.5 },
        ]),
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecChanges row 1, Change: the re-estimate "E1" has no outcomes: add its rows to RevRecVariable, with Change E1',
      'RevRecVariable row 3, Variable: re-estimate "E2" has Variable BONUS on row 2, but FEE here; its rows share one Variable',
    ]);
  });

  test("the engine's problems point at the RevRecVariable cells they came from", () => {
    const explained = (variable: Record<string, Cell>[]): string[] => {
      const t = tablesToBook(
        new Map([
          asset,
          changesTable([{ Contract: "EX21", Change: "RE", Type: "estimate", Date: "2026-07-15" }]),
          variableTable(variable),
        ])
      );
      expect(t.issues).toEqual([]);
      const book = t.book as BookJson;
      const parsed = parseBook(book);
      return parsed.ok ? [] : parsed.issues.map((i) => t.explain(i, book).message);
    };
    const again = { Contract: "EX21", Variable: "BONUS", Change: "RE", Amount: 5, Probability: 1 };
    expect(
      explained([
        bonus({ Obligation: "GONE", Amount: 150000, Probability: 0.7 }),
        bonus({ Obligation: "GONE", Amount: -1, Probability: 0.3 }),
        again,
      ])
    ).toEqual([
      "RevRecVariable row 2, Amount: An outcome's amount cannot be negative; a price concession expected from the start belongs in the obligations' prices.",
      'RevRecVariable row 1, Obligation: No obligation "GONE" in this contract.',
    ]);
    expect(
      explained([
        bonus({ Amount: 150000, Probability: 0.7 }),
        bonus({ Amount: 0, Probability: 0.2 }),
        again,
      ])
    ).toEqual([
      "RevRecVariable row 1, Probability: The outcomes' probabilities add up to 0.9; they must add up to exactly 1.",
    ]);
    expect(
      explained([bonus({ Amount: 150000, Probability: 1 }), { ...again, Variable: "OTHER" }])
    ).toEqual([
      'RevRecVariable row 2, Variable: No variable consideration "OTHER" in this contract.',
    ]);
  });
});

describe("round trip: book -> tables -> book", () => {
  test("the golden variable-consideration books come back as the same book", () => {
    for (const name of [
      "variable-most-likely-example-21",
      "variable-expected-value-constraint",
      "variable-constraint-lifted-example-8",
    ]) {
      const file = path.join(__dirname, "..", "..", "golden", name, "book.json");
      const raw = JSON.parse(readFileSync(file, "utf8")) as BookJson;
      // Billings and changes are optional in a book file; the tables' JSON always has both lists.
      const book = {
        ...raw,
        contracts: raw.contracts.map((c) => ({
          ...c,
          billings: c.billings ?? [],
          changes: c.changes ?? [],
        })),
      };
      const back = tablesToBook(new Map(bookToTables(book).map((t) => [t.name, t])));
      expect(back.issues).toEqual([]);
      expect(parseBook(back.book)).toEqual(parseBook(raw));
    }
  });

  test("any book with variable consideration and re-estimates reads back as the book it was written from", () => {
    fc.assert(
      fc.property(variableBookArbitrary, (raw) => {
        for (const dates of ["text", "serial"] as const) {
          const back = throughTables(raw, dates);
          expect(back.issues).toEqual([]);
          expect(report(back.book)).toEqual(report(raw));
        }
      }),
      { numRuns: 150 }
    );
  });
});
