import { readFileSync } from "fs";
import path from "path";
import {
  ACCOUNT_SETTINGS,
  accountsFromTable,
  ALL_TABLES,
  accountsToRows,
  bookToTables,
  CONTRACTS,
  header,
  readAmount,
  readDate,
  readMonth,
  tablesToBook,
  type BookJson,
  type TableRows,
} from "../../../src/core/tables";
import { parseAccounts } from "../../../src/core";

const H = header(CONTRACTS);
function contracts(rows: (string | number | boolean)[][], head: string[] = H): [string, TableRows] {
  return ["RevRecContracts", { header: head, rows }];
}
const row = (values: Record<string, string | number | boolean>): (string | number | boolean)[] =>
  H.map((h) => values[h] ?? "");

const base = {
  Contract: "C-1",
  Customer: "Acme",
  Obligation: "C-1-1",
  Price: 1200,
  Method: "monthly",
  Start: 46023, // 2026-01-01 as an Excel serial
  End: "2026-12-31",
};

describe("cells", () => {
  test("dates arrive as Excel serials or text", () => {
    expect(readDate(46096)).toEqual({ ok: true, value: "2026-03-15" });
    expect(readDate(46096.75)).toEqual({ ok: true, value: "2026-03-15" });
    expect(readDate(61)).toEqual({ ok: true, value: "1900-03-01" });
    expect(readDate("2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    expect(readDate("2026-02-29").ok).toBe(false);
    expect(readDate(true).ok).toBe(false);
    expect(readMonth(46096)).toEqual({ ok: true, value: "2026-03" });
    expect(readMonth("2026-13").ok).toBe(false);
  });
  test("amounts are exact to the cent, numbers or text", () => {
    expect(readAmount(1234.56)).toEqual({ ok: true, value: "1234.56" });
    expect(readAmount(0.1 + 0.2)).toEqual({ ok: true, value: "0.30" });
    expect(readAmount("1,200.5")).toEqual({ ok: true, value: "1200.50" });
    expect(readAmount(-0.01)).toEqual({ ok: true, value: "-0.01" });
    expect(readAmount(100 / 3).ok).toBe(false);
    expect(readAmount("12.345").ok).toBe(false);
  });
});

describe("tablesToBook", () => {
  test("one row per obligation, grouped into contracts, with billings, changes and progress", () => {
    const t = tablesToBook(
      new Map([
        contracts([
          row(base),
          row({
            ...base,
            Obligation: "C-1-2",
            Item: "Setup",
            Price: "300.00",
            Method: "Point in time",
            Start: "2026-01-15",
            End: "",
          }),
          row({
            ...base,
            Contract: 2002,
            Customer: "Beta",
            Obligation: "P-1",
            Method: "progress",
            Price: 5000,
          }),
        ]),
        [
          "RevRecBillings",
          {
            header: ["Contract", "Date", "Amount", "Obligation"],
            rows: [
              ["C-1", 46023, 1500, ""],
              ["", "2026-02-01", 100, "P-1"],
            ],
          },
        ],
        [
          "RevRecChanges",
          {
            header: ["Contract", "Change", "Type", "Date", "Obligation", "Treatment", "Price"],
            rows: [["", "M1", "modify", "2026-07-01", "C-1-1", "catch-up", 1800]],
          },
        ],
        [
          "RevRecProgress",
          {
            header: ["Obligation", "Date", "Percent", "Period", "Amount"],
            rows: [
              ["P-1", "2026-03-31", 40, "", ""],
              ["P-1", 46203, "100%", "", ""],
            ],
          },
        ],
      ])
    );
    expect(t.issues).toEqual([]);
    const book = t.book as BookJson;
    expect(book.currency).toBe("USD");
    expect(book.contracts.map((c) => c.id)).toEqual(["C-1", "2002"]);
    expect(book.contracts[0]?.obligations).toEqual([
      { id: "C-1-1", price: "1200.00", method: "monthly", start: "2026-01-01", end: "2026-12-31" },
      { id: "C-1-2", item: "Setup", price: "300.00", method: "point-in-time", start: "2026-01-15" },
    ]);
    expect(book.contracts[0]?.billings).toEqual([
      { id: "row 1", date: "2026-01-01", amount: "1500.00" },
    ]);
    expect(book.contracts[0]?.changes).toEqual([
      {
        id: "M1",
        type: "modify",
        date: "2026-07-01",
        obligation: "C-1-1",
        treatment: "catch-up",
        price: "1800.00",
      },
    ]);
    expect(book.contracts[1]?.billings).toEqual([
      { id: "row 2", date: "2026-02-01", amount: "100.00", obligation: "P-1" },
    ]);
    expect(book.contracts[1]?.obligations[0]?.progress).toEqual([
      { date: "2026-03-31", percent: 40 },
      { date: "2026-06-30", percent: 100 },
    ]);
  });

  test("problems name table, row and column, and only their contract is left out", () => {
    const t = tablesToBook(
      new Map([
        contracts([
          row(base),
          row({ ...base, Contract: "C-2", Obligation: "C-2-1", Start: "2026-13-01" }),
        ]),
        [
          "RevRecBillings",
          { header: ["Contract", "Date", "Amount"], rows: [["C-9", "2026-01-01", 10]] },
        ],
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecContracts row 2, Start: expected a date (an Excel date or text YYYY-MM-DD), found "2026-13-01"',
      'RevRecBillings row 1, Contract: contract "C-9" has no obligations in RevRecContracts',
    ]);
    expect(t.issues[0]).toMatchObject({ table: "RevRecContracts", row: 2, column: "Start" });
    expect([...t.rejected.keys()]).toEqual(["C-2"]);
    expect(t.orphans.map((o) => o.table)).toEqual(["RevRecBillings"]);
    expect(t.book?.contracts.map((c) => c.id)).toEqual(["C-1"]);
  });

  test("a missing required column is a table-wide problem: no book", () => {
    const t = tablesToBook(new Map([contracts([["C-1", "Acme"]], ["Contract", "Customer"])]));
    expect(t.book).toBeUndefined();
    expect(t.issues.map((i) => i.message)).toContain(
      'RevRecContracts, Obligation: the table has no column "Obligation" (obligation id, unique in the workbook)'
    );
  });

  test("columns are found by name in any order; extra columns are ignored", () => {
    const head = ["Notes", "End", "Start", "Method", "Price", "Obligation", "Customer", "Contract"];
    const t = tablesToBook(
      new Map([contracts([["hi", "2026-12-31", "2026-01-01", "daily", 10, "O", "Z", "K"]], head)])
    );
    expect(t.issues).toEqual([]);
    expect(t.book?.contracts[0]?.obligations[0]).toEqual({
      id: "O",
      price: "10.00",
      method: "daily",
      start: "2026-01-01",
      end: "2026-12-31",
    });
  });

  test("voided invoices: a wholly voided contract stays at zero, voided lines of a live one drop out", () => {
    const t = tablesToBook(
      new Map([
        contracts([
          row({ ...base, Voided: true, SSP: 5 }),
          row({ ...base, Contract: "C-2", Obligation: "C-2-1" }),
          row({ ...base, Contract: "C-2", Obligation: "C-2-2", Voided: "TRUE" }),
        ]),
      ])
    );
    expect(
      t.book?.contracts.map((c) => [c.id, c.obligations.map((o) => [o.id, o.price, o.ssp])])
    ).toEqual([
      ["C-1", [["C-1-1", "0.00", undefined]]],
      ["C-2", [["C-2-1", "1200.00", undefined]]],
    ]);
  });

  test("duplicate obligation ids and conflicting customers are reported", () => {
    const t = tablesToBook(
      new Map([
        contracts([
          row(base),
          row({ ...base, Customer: "Other" }),
          row({ ...base, Contract: "C-3" }),
        ]),
      ])
    );
    expect(t.issues.map((i) => i.message)).toEqual([
      'RevRecContracts row 2, Customer: contract C-1 has customer "Acme" on row 1, but "Other" here',
      'RevRecContracts row 2, Obligation: obligation id "C-1-1" is already used (row 1); obligation ids must be unique',
      'RevRecContracts row 3, Obligation: obligation id "C-1-1" is already used (row 1); obligation ids must be unique',
    ]);
  });

  test("core issues on the book are restated as table cells", () => {
    const t = tablesToBook(
      new Map([contracts([row(base), row({ ...base, Contract: "C-2", Obligation: "X", End: "" })])])
    );
    const book = t.book as BookJson;
    expect(t.locate("contracts[1].obligations[0].end", book)).toEqual({
      table: "RevRecContracts",
      row: 2,
      column: "End",
    });
    expect(
      t.explain(
        { code: "x", path: "contracts[1].obligations[0].end", message: "end is required" },
        book
      ).message
    ).toBe("RevRecContracts row 2, End: end is required");
  });

  test("a billing's Discount and Discount Account: both, none (empty or 0), or a problem at the right cell", () => {
    const billings = (rows: (string | number)[][]): [string, TableRows] => [
      "RevRecBillings",
      { header: ["Contract", "Billing", "Date", "Amount", "Discount", "Discount Account"], rows },
    ];
    const t = tablesToBook(
      new Map([
        contracts([row(base)]),
        billings([
          ["C-1", "B1", "2026-01-01", 1080, 120, "Discounts given"],
          ["C-1", "B2", "2026-01-01", 10, "", ""],
          ["C-1", "B3", "2026-01-01", 10, 0, ""],
          ["C-1", "B4", "2026-01-01", 10, "5.00", ""],
        ]),
      ])
    );
    expect(t.issues).toEqual([]);
    const book = t.book;
    expect(book?.contracts[0]?.billings).toEqual([
      {
        id: "B1",
        date: "2026-01-01",
        amount: "1080.00",
        discount: { amount: "120.00", account: "Discounts given" },
      },
      { id: "B2", date: "2026-01-01", amount: "10.00" },
      { id: "B3", date: "2026-01-01", amount: "10.00" },
      { id: "B4", date: "2026-01-01", amount: "10.00", discount: { amount: "5.00" } },
    ]);
    if (book === undefined) throw new Error("no book");
    expect(
      t.explain(
        {
          code: "missing_field",
          path: "contracts[0].billings[3].discount.account",
          message: "account is required.",
        },
        book
      ).message
    ).toBe("RevRecBillings row 4, Discount Account: account is required.");
  });

  test("a credit row's Discount and Discount Account; a RevRecChanges without those columns still loads", () => {
    const changes = (head: string[], rows: (string | number)[][]): [string, TableRows] => [
      "RevRecChanges",
      { header: head, rows },
    ];
    const head = ["Contract", "Type", "Date", "Obligation", "Treatment", "Amount"];
    const credit = ["", "credit", "2026-03-10", "C-1-1", "prospective", 200];
    const read = (t: [string, TableRows]) => tablesToBook(new Map([contracts([row(base)]), t]));
    const t = read(
      changes(
        [...head, "Discount", "Discount Account"],
        [
          [...credit, 20, "Discounts given"],
          [...credit, 0, ""],
          [...credit, "", "Discounts given"],
        ]
      )
    );
    expect(t.issues).toEqual([]);
    const credits = t.book?.contracts[0]?.changes;
    const plain = {
      type: "credit",
      date: "2026-03-10",
      amount: "200.00",
      obligation: "C-1-1",
      treatment: "prospective",
    };
    expect(credits).toEqual([
      { id: "row 1", ...plain, discount: { amount: "20.00", account: "Discounts given" } },
      { id: "row 2", ...plain },
      { id: "row 3", ...plain, discount: { account: "Discounts given" } },
    ]);
    const book = t.book;
    if (book === undefined) throw new Error("no book");
    expect(
      t.explain(
        {
          code: "missing_field",
          path: "contracts[0].changes[2].discount.amount",
          message: "amount is required.",
        },
        book
      ).message
    ).toBe("RevRecChanges row 3, Discount: amount is required.");
    // A table from before the columns existed reads as credits without a discount.
    const old = read(changes(head, [credit]));
    expect(old.issues).toEqual([]);
    expect(old.book?.contracts[0]?.changes).toEqual([{ id: "row 1", ...plain }]);
  });

  test("bookToTables and tablesToBook round-trip", () => {
    const book: BookJson = {
      currency: "EUR",
      contracts: [
        {
          id: "C-1",
          customer: "Acme",
          obligations: [
            {
              id: "A",
              price: "100.00",
              ssp: "120",
              method: "monthly",
              start: "2026-01-01",
              end: "2026-06-30",
              item: "I",
              class: "K",
            },
            {
              id: "B",
              price: "50.00",
              ssp: "30",
              method: "manual",
              start: "2026-01-01",
              manual: [{ period: "2026-02", amount: "50.00" }],
            },
          ],
          billings: [
            { id: "INV-1", date: "2026-01-05", amount: "150.00" },
            {
              id: "INV-2",
              date: "2026-01-06",
              amount: "90.00",
              obligation: "A",
              discount: { amount: "10.00", account: "Discounts given" },
            },
          ],
          changes: [
            {
              id: "CR",
              type: "credit",
              date: "2026-03-01",
              amount: "10.00",
              obligation: "A",
              treatment: "immediate",
              // the credit memo's own item in QBO (where it was posted), kept in RevRecChanges Item
              item: "Other",
            },
            {
              id: "CR-D",
              type: "credit",
              date: "2026-03-02",
              amount: "18.00",
              obligation: "A",
              treatment: "prospective",
              discount: { amount: "2.00", account: "Discounts given" },
            },
            {
              id: "ADD",
              type: "add",
              date: "2026-04-01",
              obligation: {
                id: "C",
                price: "9.99",
                method: "progress",
                start: "2026-04-01",
                progress: [{ date: "2026-05-01", percent: 50 }],
              },
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
});

describe("accounts", () => {
  test("Setting/Value rows make the accounts file", () => {
    const { accounts, issues } = accountsFromTable({
      header: ["Setting", "Value"],
      rows: [
        ["Revenue", "Sales"],
        ["deferredRevenue", "Deferred Revenue"],
        ["Contract Asset", "Unbilled Receivables"],
        ["billingsPostTo", "Deferred"],
        ["revenueByItem[Services:Consulting]", "Consulting Income"],
      ],
    });
    expect(issues).toEqual([]);
    expect(accounts).toEqual({
      revenue: "Sales",
      deferredRevenue: "Deferred Revenue",
      contractAsset: "Unbilled Receivables",
      billingsPostTo: "deferred",
      revenueByItem: { "Services:Consulting": "Consulting Income" },
    });
    expect(accountsFromTable(accountsToRows(accounts ?? { revenueByItem: {} })).accounts).toEqual(
      accounts
    );
  });
  test("billingsPostTo[ITEM] rows say where each item's invoices post, and parse as the journal reads them", () => {
    const { accounts, issues } = accountsFromTable({
      header: ["Setting", "Value"],
      rows: [
        ["revenue", "Sales"],
        ["deferredRevenue", "Deferred Revenue"],
        ["contractAsset", "Unbilled Receivables"],
        ["billingsPostTo", "deferred"],
        ["billingsPostTo[Services:Training]", "Revenue"],
        ["Billings Post To [Annual Subscription]", " deferred "],
      ],
    });
    expect(issues).toEqual([]);
    expect(accounts?.billingsPostToByItem).toEqual({
      "Services:Training": "revenue",
      "Annual Subscription": "deferred",
    });
    const parsed = parseAccounts(accounts);
    expect(parsed.ok && parsed.value.billingsPostToByItem).toEqual({
      "Services:Training": "revenue",
      "Annual Subscription": "deferred",
    });
    const rows = accountsToRows(accounts ?? { revenueByItem: {} }).rows;
    expect(rows).toContainEqual(["billingsPostTo[Services:Training]", "revenue"]);
    expect(accountsFromTable(accountsToRows(accounts ?? { revenueByItem: {} })).accounts).toEqual(
      accounts
    );
  });
  test("a per-item setting other than deferred or revenue is named by the journal", () => {
    const { accounts } = accountsFromTable({
      header: ["Setting", "Value"],
      rows: [
        ["revenue", "Sales"],
        ["deferredRevenue", "Deferred Revenue"],
        ["contractAsset", "Unbilled Receivables"],
        ["billingsPostTo", "deferred"],
        ["billingsPostTo[Training]", "income"],
        ["billingsPostTo[Support]", ""],
      ],
    });
    const parsed = parseAccounts(accounts);
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.message)).toEqual([
      'Training must be "deferred" (its invoices credit the deferred revenue account) or "revenue" (its invoices credit revenue).',
    ]);
    const empty = accountsFromTable({
      header: ["Setting", "Value"],
      rows: [["billingsPostTo[Support]", ""]],
    });
    expect(empty.issues[0]?.message).toBe(
      "RevRecAccounts row 1, Value: is empty; expected deferred or revenue for billingsPostTo[Support]"
    );
  });
  test("the pane's lastSync row is not a mapping: passed over, in any case and spacing", () => {
    for (const name of ["lastSync", "Last Sync"]) {
      const { accounts, issues } = accountsFromTable({
        header: ["Setting", "Value"],
        rows: [
          ["revenue", "Sales"],
          [name, "2026-12-04T18:00:00Z"],
        ],
      });
      expect(issues).toEqual([]);
      expect(accounts).toEqual({ revenue: "Sales", revenueByItem: {} });
    }
  });
  test("unknown settings are named", () => {
    const { issues } = accountsFromTable({
      header: ["Setting", "Value"],
      rows: [["Revenu", "Sales"]],
    });
    expect(issues[0]?.message).toMatch(/RevRecAccounts row 1, Setting: unknown setting "Revenu"/);
  });
  test("settings and items named like Object prototype properties are plain names", () => {
    const { accounts, issues } = accountsFromTable({
      header: ["Setting", "Value"],
      rows: [
        ["constructor", "Sales"],
        ["revenueByItem[__proto__]", "Proto Revenue"],
        ["billingsPostTo[__proto__]", "revenue"],
      ],
    });
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/RevRecAccounts row 1, Setting: unknown setting "constructor"/),
    ]);
    expect(Object.keys(accounts?.revenueByItem ?? {})).toEqual(["__proto__"]);
    expect(Object.keys(accounts?.billingsPostToByItem ?? {})).toEqual(["__proto__"]);
    expect(accountsToRows(accounts ?? { revenueByItem: {} }).rows).toEqual([
      ["revenueByItem[__proto__]", "Proto Revenue"],
      ["billingsPostTo[__proto__]", "revenue"],
    ]);
  });
});

describe("docs/tables.md", () => {
  test("documents every column of every table", () => {
    const doc = readFileSync(path.join(__dirname, "..", "..", "..", "docs", "tables.md"), "utf8");
    for (const spec of ALL_TABLES) {
      const start = doc.indexOf(`## ${spec.name}`);
      expect([spec.name, start >= 0]).toEqual([spec.name, true]);
      const section = doc.slice(start, doc.indexOf("\n## ", start + 1));
      for (const c of spec.columns) {
        if (spec.name === "RevRecAccounts") continue; // Setting/Value are described in prose
        expect([spec.name, c.name, section.includes(`| ${c.name} |`)]).toEqual([
          spec.name,
          c.name,
          true,
        ]);
      }
    }
  });
  test("documents every RevRecAccounts setting", () => {
    const doc = readFileSync(path.join(__dirname, "..", "..", "..", "docs", "tables.md"), "utf8");
    const start = doc.indexOf("## RevRecAccounts");
    const section = doc.slice(start, doc.indexOf("\n## ", start + 1));
    for (const setting of ACCOUNT_SETTINGS)
      expect([setting, section.includes(`| \`${setting}\` |`)]).toEqual([setting, true]);
  });
});
