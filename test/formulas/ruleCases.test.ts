// The standard's cases of the allocation and change rules (issue 14: the residual approach, discount groups, variable
// consideration, price changes, pooled adds, same-day ordering, the refused immediate credit) as an analyst has them:
// written as workbook tables, read by the functions in a sheet (HyperFormula), and giving every figure of their
// golden case (test/golden, derived by hand in derive.py): each obligation's allocation and monthly revenue, each
// contract's revenue, billed, deferred and unbilled, and the journal entries.
import { readFileSync } from "fs";
import path from "path";
import {
  accountsToRows,
  bookToTables,
  type AccountsJson,
  type BookJson,
  type TableValues,
} from "../../src/core/tables";
import { BookStore } from "../../src/functions/store";
import { evaluate } from "./harness";

const GOLDEN = path.join(__dirname, "..", "golden");

const read = (dir: string, file: string): unknown =>
  JSON.parse(readFileSync(path.join(GOLDEN, dir, file), "utf8"));

/** A golden book as the tables' JSON has it: billings and changes always listed. */
function bookOf(dir: string): BookJson {
  const raw = read(dir, "book.json") as BookJson;
  return {
    ...raw,
    contracts: raw.contracts.map((c) => ({
      ...c,
      billings: c.billings ?? [],
      changes: c.changes ?? [],
    })),
  };
}

/** The store after the functions load `book` from its tables (and the accounts from RevRecAccounts). */
function fromTables(book: BookJson, accounts?: unknown): BookStore {
  const tables: TableValues[] = bookToTables(book, { dates: "serial" });
  if (accounts !== undefined) tables.push(accountsToRows(accounts as AccountsJson));
  const store = new BookStore();
  store.loadTables(new Map(tables.map((t) => [t.name, t])));
  return store;
}

type Measure = Record<string, string>;
interface ScheduleExpected {
  periods: string[];
  obligations: { obligation: string; allocated: string; revenue: Measure }[];
  contracts: {
    contract: string;
    revenue: Measure;
    billed: Measure;
    deferred: Measure;
    unbilled: Measure;
  }[];
}

const q = (s: string): string => JSON.stringify(s);

/**
 * The golden figures as a sheet of formulas: per obligation ALLOCATED then RECOGNIZED by month; per contract a row
 * each of RECOGNIZED, BILLED, DEFERRED and UNBILLED by month. Returns the formulas and the figures they must show.
 */
function scheduleSheet(e: ScheduleExpected): {
  formulas: string[][];
  figures: (string | number)[][];
} {
  const formulas: string[][] = [];
  const figures: (string | number)[][] = [];
  for (const o of e.obligations) {
    formulas.push([
      `=REVREC.ALLOCATED(${q(o.obligation)})`,
      ...e.periods.map((p) => `=REVREC.RECOGNIZED(${q(o.obligation)},${q(p)})`),
    ]);
    figures.push([Number(o.allocated), ...e.periods.map((p) => Number(o.revenue[p]))]);
  }
  for (const c of e.contracts) {
    const measures = {
      RECOGNIZED: c.revenue,
      BILLED: c.billed,
      DEFERRED: c.deferred,
      UNBILLED: c.unbilled,
    };
    for (const [fn, measure] of Object.entries(measures)) {
      // Labelled like the obligations' ALLOCATED column, so every row is as wide.
      formulas.push([fn, ...e.periods.map((p) => `=REVREC.${fn}(${q(c.contract)},${q(p)})`)]);
      figures.push([fn, ...e.periods.map((p) => Number(measure[p]))]);
    }
  }
  return { formulas, figures };
}

/** The JOURNAL spill of a golden journal case: its header, then Account, Debit, Credit, Class, Customer. */
function journalRows(expected: unknown): (string | number)[][] {
  const { lines } = expected as {
    lines: {
      account: string;
      posting: string;
      amount: string;
      class?: string;
      customer?: string;
    }[];
  };
  return [
    ["Account", "Debit", "Credit", "Class", "Customer"],
    ...lines.map((l) => [
      l.account,
      l.posting === "Debit" ? Number(l.amount) : 0,
      l.posting === "Credit" ? Number(l.amount) : 0,
      l.class ?? "",
      l.customer ?? "",
    ]),
  ];
}

/** Every case of the issue written as tables, by the rule it shows. */
const SCHEDULE_CASES: [string, string][] = [
  ["the residual approach (32-34(c))", "allocation-residual"],
  ["discount groups, Example 34 Cases A to C (32-37)", "allocation-example-34"],
  [
    "variable consideration: expected value, constraint, re-estimate",
    "variable-expected-value-constraint",
  ],
  [
    "variable consideration: most likely amount, re-estimated (Example 21)",
    "variable-most-likely-example-21",
  ],
  [
    "variable consideration: constraint lifted with a modification (Example 8)",
    "variable-constraint-lifted-example-8",
  ],
  ["a change in the contract's price (32-42 to 32-44)", "change-price-contract"],
  [
    "a price change after a pool with a remaining SSP, Example 6",
    "change-price-after-modification-example-6",
  ],
  ["an add that pools the remaining consideration (25-13(a))", "change-add-reallocate"],
  ["a termination and new contract, Example 7", "change-add-reallocate-example-7"],
  ["an add at SSP with an immediate credit, Example 5 Case B", "change-example-5-case-b"],
  ["a credit, then a modify on the same day", "change-same-day-credit-then-modify"],
];

describe("each case written as tables gives its golden figures through the functions", () => {
  test.each(SCHEDULE_CASES)("%s (%s)", (_, dir) => {
    const store = fromTables(bookOf(dir));
    expect(store.state.issues.map((i) => i.message)).toEqual([]);
    const { formulas, figures } = scheduleSheet(read(dir, "expected.json") as ScheduleExpected);
    expect(evaluate(store, formulas)).toEqual(figures);
  });

  test.each([
    ["Example 21, the re-estimate's reversal in July", "journal-variable-example-21-july"],
    [
      "Example 21, completion and the invoice in September",
      "journal-variable-example-21-september",
    ],
  ])("JOURNAL: %s (%s)", (_, dir) => {
    const store = fromTables(bookOf(dir), read(dir, "accounts.json"));
    const { period } = read(dir, "args.json") as { period: string };
    const spill = evaluate(store, [[`=REVREC.JOURNAL(${q(period)})`]]);
    expect(spill).toEqual(journalRows(read(dir, "expected.json")));
  });

  test("an immediate credit on an unsatisfied obligation is refused, naming the treatment to use", () => {
    const book = bookOf("change-example-5-case-b");
    const contract = book.contracts[0];
    if (contract === undefined) throw new Error("Example 5 Case B has a contract");
    const credit = {
      id: "EARLY",
      type: "credit" as const,
      date: "2025-12-20",
      obligation: contract.obligations[0]?.id ?? "",
      amount: "50.00",
      treatment: "immediate",
    };
    const store = fromTables({ ...book, contracts: [{ ...contract, changes: [credit] }] });
    // The cell shows 250 characters: the treatment to use is named before the cut.
    const [shown] = evaluate(store, [[`=REVREC.RECOGNIZED(${q(contract.id)},"2026-01")`]]);
    expect(shown).toEqual([
      `#VALUE!: contract ${contract.id} cannot be computed: RevRecChanges row 1, Treatment: Use "treatment": "catch-up": an immediate credit of 50.00 is more than the 0.00 the obligation has recognized by the end of 2025-12, and the part not yet satisfied cannot be reversed a…`,
    ]);
  });
});
