// A malformed value in a column that a row's type does not use is reported like any other cell problem.
import { BOOK_TABLES, header, tablesToBook, type TableRows } from "../../../src/core/tables";
import { COLUMN_FORMATS } from "../../../src/core/tables/columnFormats";
import { contractRow, contractsTable, type Cell } from "./contractRows";

const contracts = (changes: Record<string, Cell> = {}): [string, TableRows] =>
  contractsTable([contractRow(changes)]);
const CHANGE_HEAD = [
  "Contract",
  "Type",
  "Date",
  "Obligation",
  "Treatment",
  "Price",
  "End",
  "Amount",
  "Discount",
  "Method",
  "Start",
  "Voided",
];
const changes = (...rows: Record<string, string | number>[]): [string, TableRows] => [
  "RevRecChanges",
  { header: CHANGE_HEAD, rows: rows.map((r) => CHANGE_HEAD.map((h) => r[h] ?? "")) },
];
const credit = {
  Type: "credit",
  Date: "2026-03-01",
  Obligation: "C-1-1",
  Treatment: "prospective",
};
const modify = { Type: "modify", Date: "2026-03-01", Obligation: "C-1-1", Treatment: "catch-up" };
const add = { Contract: "C-1", Type: "add", Date: "2026-03-01", Obligation: "C-1-2", Price: 100 };

describe("cells a row's type does not use", () => {
  test("a bad End on a credit row is reported and its contract left out", () => {
    const t = tablesToBook(
      new Map([contracts(), changes({ ...credit, Amount: 100, End: "2026-13-45" })])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecChanges row 1, End: expected a date (an Excel date or text YYYY-MM-DD), found "2026-13-45"',
    ]);
    expect(t.issues[0]).toMatchObject({ table: "RevRecChanges", row: 1, column: "End" });
    expect([...t.rejected.keys()]).toEqual(["C-1"]);
    expect(t.book?.contracts).toEqual([]);
  });

  test("every change type: the columns of the other types are checked too", () => {
    const t = tablesToBook(
      new Map([
        contracts(),
        changes(
          { ...credit, Amount: 100, Price: "12,34", Method: "weekly" },
          { ...modify, Price: 1300, Amount: "lots", Discount: "1.234,56", Start: "soon" },
          { ...add, Method: "daily", End: "2026-12-31", Treatment: "sometimes", Amount: "x" }
        ),
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecChanges row 1, Price: expected an amount with at most 2 decimals (commas may only separate thousands, with a dot before the decimals, as in 1,234.56), found "12,34"',
      'RevRecChanges row 1, Method: expected one of daily, monthly, monthly-prorated, monthly-from-start, point-in-time, progress, manual, found "weekly"',
      'RevRecChanges row 2, Amount: expected an amount with at most 2 decimals, found "lots"',
      'RevRecChanges row 2, Discount: expected an amount with at most 2 decimals (commas may only separate thousands, with a dot before the decimals, as in 1,234.56), found "1.234,56"',
      'RevRecChanges row 2, Start: expected a date (an Excel date or text YYYY-MM-DD), found "soon"',
      'RevRecChanges row 3, Treatment: expected one of prospective, catch-up, immediate, found "sometimes"',
      'RevRecChanges row 3, Amount: expected an amount with at most 2 decimals, found "x"',
    ]);
  });

  test("Document Type: an invoice's kinds in RevRecContracts, a credit's in RevRecChanges, any case", () => {
    const typed = (contractType: string, creditType: string) =>
      tablesToBook(
        new Map([
          contracts({ "Document Type": contractType }),
          [
            "RevRecChanges",
            {
              header: [...CHANGE_HEAD, "Document Type"],
              rows: [
                [...CHANGE_HEAD.map((h) => ({ ...credit, Amount: 100 })[h] ?? ""), creditType],
              ],
            },
          ],
        ])
      ).issues.map((i) => i.message);
    expect(typed("sales RECEIPT", "Refund receipt")).toEqual([]);
    expect(typed("Refund receipt", "Invoice")).toEqual([
      'RevRecContracts row 1, Document Type: expected one of invoice, sales receipt, found "Refund receipt"',
      'RevRecChanges row 1, Document Type: expected one of credit memo, refund receipt, found "Invoice"',
    ]);
  });

  test("well-formed values in unused columns are still accepted and ignored", () => {
    const t = tablesToBook(
      new Map([contracts(), changes({ ...credit, Amount: 100, End: "2026-06-30", Price: 5 })])
    );
    expect(t.issues).toEqual([]);
    expect(t.book?.contracts[0]?.changes).toEqual([
      {
        id: "row 1",
        type: "credit",
        date: "2026-03-01",
        amount: "100.00",
        obligation: "C-1-1",
        treatment: "prospective",
      },
    ]);
  });

  test("informational columns of RevRecContracts are checked as text", () => {
    const t = tablesToBook(new Map([contracts({ Invoice: true })]));
    expect(t.issues.map((i) => i.message)).toEqual([
      "RevRecContracts row 1, Invoice: expected text, found true",
    ]);
  });

  test("a progress row that fills both kinds has its cells checked too", () => {
    const t = tablesToBook(
      new Map([
        contracts({ Method: "progress", End: "" }),
        [
          "RevRecProgress",
          {
            header: ["Obligation", "Date", "Percent", "Period", "Amount"],
            rows: [["C-1-1", "2026-01-31", 40, "2026-13", 5]],
          },
        ],
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      "RevRecProgress row 1: fill either Date and Percent (progress) or Period and Amount (manual amount)",
      'RevRecProgress row 1, Period: expected a month YYYY-MM (or a date in it), found "2026-13"',
    ]);
  });

  test("voided rows are left out, but a malformed cell in them is reported", () => {
    const t = tablesToBook(
      new Map([
        contractsTable([
          contractRow(),
          contractRow({ Obligation: "C-1-2", Price: "1.234,56", Voided: true }),
          contractRow({ Contract: "C-2", Obligation: "C-2-1" }),
          contractRow({ Contract: "C-3", Obligation: "C-3-1" }),
        ]),
        [
          "RevRecBillings",
          {
            header: ["Contract", "Date", "Amount", "Obligation", "Voided"],
            rows: [
              ["", "", "12,34", "C-2-1", true],
              ["C-9", "2026-01-01", 10, "", "TRUE"],
              ["C-3", "", "", "", true],
            ],
          },
        ],
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecContracts row 2, Price: expected an amount with at most 2 decimals (commas may only separate thousands, with a dot before the decimals, as in 1,234.56), found "1.234,56"',
      'RevRecBillings row 1, Amount: expected an amount with at most 2 decimals (commas may only separate thousands, with a dot before the decimals, as in 1,234.56), found "12,34"',
    ]);
    expect([...t.rejected.keys()]).toEqual(["C-1", "C-2"]);
    expect(t.book?.contracts.map((c) => c.id)).toEqual(["C-3"]);
  });

  test("a malformed cell on a voided row of no known contract is an orphan", () => {
    const t = tablesToBook(
      new Map([
        contractsTable([contractRow()]),
        changes({
          ...credit,
          Contract: "C-9",
          Obligation: "X-1",
          Amount: 5,
          End: "someday",
          Voided: "void",
        }),
      ])
    );
    expect(t.orphans.map((i) => i.message)).toEqual([
      'RevRecChanges row 1, End: expected a date (an Excel date or text YYYY-MM-DD), found "someday"',
    ]);
  });

  test("every column of every book table has a format", () => {
    for (const spec of BOOK_TABLES) {
      const formats = Object.keys(COLUMN_FORMATS[spec.name] ?? {});
      expect([spec.name, formats]).toEqual([spec.name, header(spec)]);
    }
  });
});
