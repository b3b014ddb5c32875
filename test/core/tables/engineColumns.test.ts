// The columns for the engine's allocation and change rules: a residual SSP, discount groups, price changes
// and pooling adds, read from the tables, written back, and their bad cells named exactly.
import { parseBook, buildSchedule } from "../../../src/core";
import {
  bookToTables,
  CHANGES,
  header,
  tablesToBook,
  type BookJson,
  type TableRows,
} from "../../../src/core/tables";
import { contractRow, contractsTable, type Cell } from "./contractRows";

const CH = header(CHANGES);
const changesTable = (rows: Record<string, Cell>[]): [string, TableRows] => [
  CHANGES.name,
  { header: CH, rows: rows.map((values) => CH.map((h) => values[h] ?? "")) },
];

/** Example 34 Case C of the standard as rows: group BC at 60, A on its own, D by the residual. */
const caseC = [
  contractRow({ Obligation: "A", Price: 40, SSP: 40, Method: "point-in-time", End: "" }),
  contractRow({ Obligation: "B", Price: 30, SSP: 55, Method: "point-in-time", End: "" }),
  contractRow({ Obligation: "C", Price: 30, SSP: 45, Method: "point-in-time", End: "" }),
  contractRow({ Obligation: "D", Price: 30, SSP: "Residual", Method: "point-in-time", End: "" }),
].map((r, i) => (i === 1 || i === 2 ? withGroup(r, "BC", 60) : r));

function withGroup(r: Cell[], group: string, price: Cell): Cell[] {
  const row = contractsTable([r])[1];
  return row.header.map((h, k) =>
    h === "Discount Group" ? group : h === "Group Price" ? price : (r[k] ?? "")
  );
}

function allocated(book: BookJson | undefined): Record<string, string> {
  const parsed = parseBook(book);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "));
  const s = buildSchedule(parsed.value);
  const out: Record<string, string> = {};
  for (const c of s.contracts)
    for (const o of c.obligations) out[o.id] = (o.allocated / 100).toFixed(2);
  return out;
}

describe("SSP residual and discount groups", () => {
  test("Example 34 Case C from the tables: the group takes 60.00, A 40.00, D the residual 30.00", () => {
    const t = tablesToBook(new Map([contractsTable(caseC)]));
    expect(t.issues).toEqual([]);
    const c = t.book?.contracts[0];
    expect(c?.obligations.map((o) => o.ssp)).toEqual(["40", "55", "45", "residual"]);
    expect(c?.discountGroups).toEqual([{ id: "BC", obligations: ["B", "C"], price: "60.00" }]);
    expect(allocated(t.book)).toEqual({ A: "40.00", B: "33.00", C: "27.00", D: "30.00" });
  });

  test("an SSP that is neither a number nor residual is named", () => {
    const t = tablesToBook(new Map([contractsTable([contractRow({ SSP: "rest" })])]));
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecContracts row 1, SSP: expected a non-negative number or the word residual, found "rest"',
    ]);
  });

  test("a group's rows must agree on its price; a price needs its group; a group needs its price", () => {
    const rows = [
      withGroup(contractRow({ Obligation: "A", SSP: 1 }), "G", 100),
      withGroup(contractRow({ Obligation: "B", SSP: 1 }), "G", 90),
      withGroup(contractRow({ Contract: "C-2", Obligation: "C", SSP: 1 }), "", 10),
      withGroup(contractRow({ Contract: "C-3", Obligation: "D", SSP: 1 }), "H", ""),
    ];
    const t = tablesToBook(new Map([contractsTable(rows)]));
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecContracts row 2, Group Price: discount group "G" has Group Price 100.00 on row 1, but 90.00 here; a group has one bundle price',
      "RevRecContracts row 3, Group Price: a Group Price needs the Discount Group it is the price of, on the same row",
      "RevRecContracts row 4, Group Price: is empty; expected a value",
    ]);
    expect([...t.rejected.keys()]).toEqual(["C-1", "C-2", "C-3"]);
  });

  test("the engine's group problems point at the group's cells", () => {
    const rows = [
      withGroup(contractRow({ Obligation: "A", SSP: 1, Price: 10 }), "G", 50),
      contractRow({ Obligation: "B", SSP: 1, Price: 10 }),
    ];
    const t = tablesToBook(new Map([contractsTable(rows)]));
    const book = t.book as BookJson;
    const parsed = parseBook(book);
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : parsed.issues.map((i) => t.explain(i, book).message);
    expect(issues).toEqual([
      "RevRecContracts row 1, Group Price: The discount groups' prices add up to 50.00, more than the contract's price of 20.00; the obligations outside them would get less than nothing.",
    ]);
    expect(t.locate("contracts[0].discountGroups[0].obligations[0]", book)).toEqual({
      table: "RevRecContracts",
      row: 1,
      column: "Discount Group",
    });
  });
});

describe("price changes and pooling adds in RevRecChanges", () => {
  const contract = contractsTable([contractRow({ SSP: 12000, Price: 12000 })]);

  test("a price row is the contract's: Contract and a signed Amount, no Obligation", () => {
    const t = tablesToBook(
      new Map([
        contract,
        changesTable([
          { Contract: "C-1", Change: "P", Type: "Price", Date: "2026-07-01", Amount: -600 },
        ]),
      ])
    );
    expect(t.issues).toEqual([]);
    expect(t.book?.contracts[0]?.changes).toEqual([
      { id: "P", type: "price", date: "2026-07-01", amount: "-600.00" },
    ]);
    expect(allocated(t.book)).toEqual({ "C-1-1": "11400.00" });
  });

  test("a price row with an Obligation, or without Contract or Amount, is named", () => {
    const t = tablesToBook(
      new Map([
        contract,
        changesTable([
          { Contract: "C-1", Type: "price", Date: "2026-07-01", Amount: 5, Obligation: "C-1-1" },
          { Type: "price", Date: "2026-07-01", Amount: 5 },
          { Contract: "C-1", Type: "price", Date: "2026-07-01" },
        ]),
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      "RevRecChanges row 1, Obligation: a price change is allocated to all of the contract's obligations; leave Obligation empty and fill Contract",
      "RevRecChanges row 2, Contract: is empty; expected a value",
      "RevRecChanges row 3, Amount: is empty; expected a value",
    ]);
  });

  test("an add with Reallocate pools the remaining consideration (25-13(a)), as in the JSON", () => {
    const t = tablesToBook(
      new Map([
        contract,
        changesTable([
          {
            Contract: "C-1",
            Change: "ADD",
            Type: "add",
            Date: "2026-07-01",
            Obligation: "SUP",
            Price: 1000,
            Method: "monthly",
            End: "2026-12-31",
            SSP: 1500,
            Reallocate: true,
          },
        ]),
      ])
    );
    expect(t.issues).toEqual([]);
    // The reference's figures: pool 6,000 + 1,000, split 6,000 : 1,500.
    expect(allocated(t.book)).toEqual({ "C-1-1": "11600.00", SUP: "1400.00" });
  });

  test("Reallocate that is not TRUE or FALSE is named", () => {
    const t = tablesToBook(
      new Map([
        contract,
        changesTable([
          {
            Contract: "C-1",
            Type: "add",
            Date: "2026-07-01",
            Obligation: "S",
            Price: 1,
            Method: "point-in-time",
            Reallocate: "maybe",
          },
        ]),
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecChanges row 1, Reallocate: expected TRUE or FALSE, found "maybe"',
    ]);
  });
});

test("bookToTables and tablesToBook round-trip the residual, groups, price changes and pooling adds", () => {
  const book: BookJson = {
    currency: "USD",
    contracts: [
      {
        id: "K",
        customer: "Acme",
        obligations: [
          { id: "A", price: "40.00", ssp: "40", method: "point-in-time", start: "2026-01-01" },
          { id: "B", price: "30.00", ssp: "55", method: "point-in-time", start: "2026-01-01" },
          { id: "C", price: "30.00", ssp: "45", method: "point-in-time", start: "2026-01-01" },
          {
            id: "D",
            price: "30.00",
            ssp: "residual",
            method: "monthly",
            start: "2026-01-01",
            end: "2026-12-31",
          },
        ],
        discountGroups: [{ id: "BC", obligations: ["B", "C"], price: "60.00" }],
        billings: [],
        changes: [
          { id: "P", type: "price", date: "2026-03-01", amount: "13.00" },
          {
            id: "ADD",
            type: "add",
            date: "2026-06-01",
            obligation: {
              id: "E",
              price: "20.00",
              ssp: "25",
              method: "monthly",
              start: "2026-06-01",
              end: "2026-12-31",
            },
            reallocate: true,
          },
        ],
      },
    ],
  };
  for (const dates of ["text", "serial"] as const) {
    const tables = bookToTables(book, { dates });
    const back = tablesToBook(new Map(tables.map((t) => [t.name, t])));
    expect(back.issues).toEqual([]);
    expect(back.book).toEqual(book);
  }
});
