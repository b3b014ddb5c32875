// Issue #9 in a browser at 350 px, the whole way: the sandbox's company with history (hand-kept deferrals through
// March 2026, books closed through March), connected through its consent page, synced with its sales and refund
// receipts, grouped by PO number on the Rules tab (saving regroups the tables), go-live in April 2026 (a closed month
// refused first), the cut-over and the opening true-up RR-OPEN-2026-04, the closes of April and May, a correction to
// May after QuickBooks closed it (RR-2026-05-A1, dated 2026-06-01), then June. After each post, QuickBooks' deferred
// revenue and contract asset (its own ledger, read from the sandbox) equal the workbook's (the engine over the
// pane's tables) to the cent, and no RR entry is dated before go-live. Then the bad input a sync meets.
import type { Page } from "playwright-core";
import { FUNCTION_TABLES } from "../../src/core/tables";
import { BookStore } from "../../src/functions/store";
import { parseMonth } from "../../src/core";
import type { TableData } from "../../src/workbook";
import { buildPane, startStack } from "./harness";
import type { SandboxRecord, Stack } from "./harness";

jest.setTimeout(300_000);

let stack: Stack;
let page: Page;

const GO_LIVE = "2026-04";

beforeAll(async () => {
  buildPane();
  stack = await startStack("history");
  page = stack.page;
  await page.setViewportSize({ width: 350, height: 900 });
}, 300_000);

afterAll(async () => {
  await stack?.close();
});

async function tab(name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
}

/** The in-memory RevRecContracts table as the pane shows it: one record per row, by header. */
async function contractRows(): Promise<Record<string, string>[]> {
  await tab("Sync");
  const t = page.getByTestId("table-RevRecContracts");
  const head = await t.locator("thead th").allTextContents();
  const rows = await t.locator("tbody tr").all();
  const out: Record<string, string>[] = [];
  for (const r of rows) {
    const cells = await r.locator("td").allTextContents();
    out.push(Object.fromEntries(head.map((h, i) => [h, cells[i] ?? ""])));
  }
  return out;
}

async function fullSync(): Promise<void> {
  await tab("Sync");
  await page.getByRole("button", { name: "Full sync" }).click();
  await page.getByRole("button", { name: "Full sync" }).and(page.locator(":enabled")).waitFor();
}

/** The pane's notice (the last action's summary) and error, as the pane's controller holds them. */
function said(): Promise<{ notice?: string; error?: { message: string; action?: string } }> {
  return page.evaluate(() => {
    const w = window as unknown as {
      revrec: {
        controller: {
          get(): { notice?: string; error?: { message: string; action?: string } };
        };
      };
    };
    const s = w.revrec.controller.get();
    return {
      ...(s.notice === undefined ? {} : { notice: s.notice }),
      ...(s.error ? { error: s.error } : {}),
    };
  });
}

/** The workbook's tables (the pane's in-memory workbook), as the functions read them. */
async function workbookTables(): Promise<Map<string, TableData>> {
  const entries = await page.evaluate(
    async (names) => {
      const w = window as unknown as {
        revrec: { workbook: { readTables(n: string[]): Promise<Map<string, unknown>> } };
      };
      return [...(await w.revrec.workbook.readTables(names)).entries()];
    },
    [...FUNCTION_TABLES]
  );
  return new Map(entries as [string, TableData][]);
}

interface Balances {
  deferredRevenue: string;
  contractAsset: string;
}

const cents = (c: number): string => (c / 100).toFixed(2);

/** The workbook's deferred revenue and contract asset at the end of `month`: the engine over its tables. */
async function workbookBalances(month: string): Promise<Balances & { ids: [string, string] }> {
  const store = new BookStore();
  store.loadTables(await workbookTables());
  const { schedule, accounts } = store.state;
  const m = parseMonth(month);
  if (!schedule || !accounts || m === undefined) throw new Error("the workbook has no book");
  let deferred = 0;
  let unbilled = 0;
  for (const c of schedule.contracts) {
    deferred += c.deferred(m);
    unbilled += c.unbilled(m);
  }
  const byName = new Map(
    (await stack.list("Account")).map((a) => [String(a["Name"]), String(a["Id"])])
  );
  const id = (name: string): string => byName.get(name) ?? name;
  return {
    deferredRevenue: cents(deferred),
    contractAsset: cents(unbilled),
    ids: [id(accounts.deferredRevenue), id(accounts.contractAsset)],
  };
}

/** QuickBooks' deferred revenue (a liability, credit positive) and contract asset at the end of `date`. */
async function quickBooksBalances(ids: [string, string], date: string): Promise<Balances> {
  return {
    deferredRevenue: cents(await stack.balance(ids[0], date)),
    contractAsset: cents(await stack.balance(ids[1], date)),
  };
}

/** The figures each post is checked with, quoted in the report: QuickBooks on `date`, the workbook at `month`'s end. */
const seen: string[] = [];

async function expectTies(month: string, date: string): Promise<void> {
  const book = await workbookBalances(month);
  const qbo = await quickBooksBalances(book.ids, date);
  seen.push(
    `QuickBooks ${date}: deferred ${qbo.deferredRevenue}, contract asset ${qbo.contractAsset}; ` +
      `workbook ${month}: deferred ${book.deferredRevenue}, contract asset ${book.contractAsset}`
  );
  expect(qbo).toEqual({
    deferredRevenue: book.deferredRevenue,
    contractAsset: book.contractAsset,
  });
}

async function preview(period: string): Promise<void> {
  await tab("Close");
  await page.getByLabel("Period to close").selectOption(period);
  await page.getByRole("button", { name: "Preview entry" }).click();
  await page
    .locator(
      '[data-testid="balanced"], [data-testid="before-go-live"], [data-testid="posted-entries"], [data-testid="error"]'
    )
    .first()
    .waitFor();
}

async function post(period: string, docNumber: string): Promise<SandboxRecord> {
  await preview(period);
  await page.getByTestId("balanced").waitFor();
  await page.getByLabel("Prepared by").fill("Dana Analyst");
  await page.getByRole("button", { name: "Post to QuickBooks" }).click();
  await page.getByTestId("posted-result").waitFor();
  await stack.shot(`history-posted-${period}`);
  const entries = await stack.entries(docNumber);
  expect(entries).toHaveLength(1);
  return entries[0] as unknown as SandboxRecord;
}

test("connect → sync with receipts → group by PO number, which regroups as it is saved", async () => {
  await page.goto(`${stack.url}/taskpane.html`);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("button", { name: "Connect to QuickBooks" }).click(),
  ]);
  await popup.locator("#connect").click();
  await page.getByTestId("company-name").waitFor();
  expect(await page.getByTestId("company-name").textContent()).toContain("Harbor Lane Software");

  await fullSync();
  const first = await contractRows();
  expect(first.filter((r) => r["Document Type"] === "Sales receipt")).toHaveLength(2);
  // One contract per document: each of Harbor's three yearly invoices is its own.
  expect(
    new Set(
      first.filter((r) => r["Customer"] === "Harbor Freight Partners").map((r) => r["Contract"])
    ).size
  ).toBe(3);

  await tab("Rules");
  await page.getByLabel("Group documents into contracts by").selectOption("poNumber");
  await page.getByRole("button", { name: "Save rules" }).click();
  await page.getByText("The contracts were regrouped by PO number.").waitFor();
  await stack.shot("history-grouped-by-po");

  const grouped = (await contractRows()).filter((r) => r["Customer"] === "Harbor Freight Partners");
  expect(grouped.map((r) => [r["Contract"], r["Item"], r["Start"]])).toEqual([
    ["PO-4500", "Annual Subscription", "2024-04-01"],
    ["PO-4500", "Setup", expect.any(String) as string],
  ]);
  expect(grouped[0]?.["Price"]).toBe("36000");
  expect(grouped[0]?.["End"]).toBe("2027-03-31");
  await stack.shot("history-synced-po-4500");
});

test("go-live in a month QuickBooks has closed is refused; April 2026 is saved", async () => {
  await tab("Close");
  await page.getByLabel("Go-live month").fill("2026-03");
  await page.getByRole("button", { name: "Save go-live" }).click();
  await page
    .getByText(
      "Go-live 2026-03 is in a period QuickBooks has closed (books closed through 2026-03-31): the opening " +
        "true-up, dated 2026-03-01, could not be posted; choose 2026-04 or a later month."
    )
    .waitFor();
  await stack.shot("history-go-live-closed");
  await page.getByLabel("Go-live month").fill(GO_LIVE);
  await page.getByRole("button", { name: "Save go-live" }).click();
  await page.getByText(`Go-live set to ${GO_LIVE}.`).waitFor();
});

test("the cut-over at the end of March and the opening true-up RR-OPEN-2026-04, after which QuickBooks ties", async () => {
  await page.getByRole("button", { name: "Check cut-over" }).click();
  await page.getByRole("list", { name: "Cut-over" }).waitFor();
  await stack.shot("history-cutover");
  const before = await workbookBalances("2026-03");
  // The bookkeeper's deferrals hold 15,000.00 at the end of March (test/sandbox/history.test.ts).
  expect(await quickBooksBalances(before.ids, "2026-03-31")).toEqual({
    deferredRevenue: "15000.00",
    contractAsset: "0.00",
  });
  seen.push(
    `cut-over 2026-03: workbook deferred ${before.deferredRevenue}, contract asset ${before.contractAsset}; QuickBooks 15000.00, 0.00`
  );
  await page
    .getByLabel("Offset account for the true-up")
    .selectOption({ label: "Opening Balance Equity" });
  await page.getByLabel("Prepared by").fill("Dana Analyst");
  await page.getByRole("button", { name: "Post opening true-up" }).click();
  await page.getByTestId("opening-posted").waitFor();
  await stack.shot("history-opening-posted");
  expect(await page.getByTestId("opening-posted").textContent()).toContain(
    `RR-OPEN-${GO_LIVE} is posted: the cut-over ties to the cent.`
  );
  const opening = await stack.entries(`RR-OPEN-${GO_LIVE}`);
  expect(opening).toHaveLength(1);
  expect(opening[0]).toMatchObject({ TxnDate: `${GO_LIVE}-01` });
  // Nothing else is dated April 1st: QuickBooks that day is March's end plus the true-up.
  await expectTies("2026-03", "2026-04-01");
});

test("April and May close alone (no catch-up) and QuickBooks equals the workbook after each", async () => {
  expect(await post("2026-04", "RR-2026-04")).toMatchObject({ TxnDate: "2026-04-30" });
  await expectTies("2026-04", "2026-04-30");
  expect(await post("2026-05", "RR-2026-05")).toMatchObject({ TxnDate: "2026-05-31" });
  await expectTies("2026-05", "2026-05-31");
});

test("a correction to May after QuickBooks closed it is posted in June as RR-2026-05-A1", async () => {
  // QuickBooks' books are closed through May. Then the analyst learns that Lumen's May training ran into June and
  // corrects its row: spread monthly over May and June, so May's revenue was overstated. (Correcting the invoice in
  // QuickBooks would not do: Training posts to revenue and is earned in May, so QuickBooks' own posting of the
  // corrected invoice is all the change there is, and the entry already ties.)
  await stack.write("Preferences", { AccountingInfoPrefs: { BookCloseDate: "2026-05-31" } });
  await tab("Connect");
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByText("books closed through 2026-05-31").waitFor();
  const edited = await page.evaluate(async () => {
    const w = window as unknown as {
      revrec: {
        workbook: {
          readTables(n: string[]): Promise<Map<string, { header: string[]; rows: unknown[][] }>>;
          editCell(t: string, k: string, kv: string, c: string, v: string): Promise<void>;
        };
      };
    };
    const t = (await w.revrec.workbook.readTables(["RevRecContracts"])).get("RevRecContracts");
    if (!t) return "no RevRecContracts";
    const col = (n: string) => t.header.indexOf(n);
    const row = t.rows.find(
      (r) => r[col("Customer")] === "Lumen Labs LLC" && r[col("Item")] === "Training"
    );
    if (!row) return "no training row";
    const id = String(row[col("Obligation")]);
    await w.revrec.workbook.editCell("RevRecContracts", "Obligation", id, "Method", "monthly");
    await w.revrec.workbook.editCell("RevRecContracts", "Obligation", id, "End", "2026-06-30");
    return id;
  });
  expect(edited).not.toMatch(/^no /);

  await preview("2026-05");
  await page.getByTestId("correction-in-open-period").waitFor();
  expect(await page.getByTestId("correction-in-open-period").textContent()).toBe(
    "QuickBooks’ books are closed through 2026-05-31: the adjusting entry is dated 2026-06-01, the first " +
      "open period, keeps the number of 2026-05 and names it in its memo."
  );
  await stack.shot("history-correction-offered");
  await page.getByRole("button", { name: "Post adjusting entry" }).click();
  await page.getByTestId("posted-result").waitFor();
  await stack.shot("history-correction-posted");
  const a1 = await stack.entries("RR-2026-05-A1");
  expect(a1).toHaveLength(1);
  expect(a1[0]).toMatchObject({ TxnDate: "2026-06-01" });
  expect(a1[0]?.PrivateNote).toContain("2026-05");
  // QuickBooks on June 1st (May's end plus the correction) against the workbook's May.
  await expectTies("2026-05", "2026-06-01");
});

test("June, with the refund receipt: QuickBooks equals the workbook; no RR entry is dated before go-live", async () => {
  expect(await post("2026-06", "RR-2026-06")).toMatchObject({ TxnDate: "2026-06-30" });
  await expectTies("2026-06", "2026-06-30");
  const ours = (await stack.list("JournalEntry")).filter((e) =>
    String(e["DocNumber"]).startsWith("RR-")
  );
  expect(ours.map((e) => [e["DocNumber"], e["TxnDate"]])).toEqual([
    ["RR-OPEN-2026-04", "2026-04-01"],
    ["RR-2026-04", "2026-04-30"],
    ["RR-2026-05", "2026-05-31"],
    ["RR-2026-05-A1", "2026-06-01"],
    ["RR-2026-06", "2026-06-30"],
  ]);
  process.stdout.write(`${seen.join("\n")}\n`);
});

test("bad input a sync meets: a refund receipt larger than what it refunds, a PO number on two customers", async () => {
  const customers = new Map(
    (await stack.list("Customer")).map((c) => [String(c["DisplayName"]), String(c["Id"])])
  );
  const items = new Map(
    (await stack.list("Item")).map((i) => [String(i["Name"]), String(i["Id"])])
  );
  const line = (item: string, amount: number, date: string): SandboxRecord => ({
    Amount: amount,
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: {
      ItemRef: { value: items.get(item) },
      Qty: 1,
      UnitPrice: amount,
      ServiceDate: date,
    },
  });
  const checking = (await stack.list("Account")).find((a) => a["Name"] === "Checking");
  await stack.write("RefundReceipt", {
    CustomerRef: { value: customers.get("Vista Dental Group") },
    TxnDate: "2026-07-02",
    DocNumber: "R-900",
    DepositToAccountRef: { value: checking?.["Id"] },
    Line: [line("Annual Subscription", 9000, "2026-07-02")],
  });
  await tab("Sync");
  await page.getByRole("button", { name: "Sync changes since last time" }).click();
  await page.getByText("Sync finished").waitFor();
  expect((await said()).notice).toContain(
    "Refund receipt R-900 (Vista Dental Group) refunds 9000.00 of Annual Subscription, more than is left of any of " +
      "Vista Dental Group's obligations, so its RevRecChanges row has no contract."
  );
  await stack.shot("history-refund-too-large");

  await stack.write("Invoice", {
    CustomerRef: { value: customers.get("Lumen Labs LLC") },
    TxnDate: "2026-07-03",
    DocNumber: "L-77",
    CustomField: [
      { DefinitionId: "2", Name: "P.O. Number", Type: "StringType", StringValue: "4500" },
    ],
    Line: [line("Setup", 500, "2026-07-03")],
  });
  await page.getByRole("button", { name: "Sync changes since last time" }).click();
  await page.getByText("The sync was not written to the tables.").waitFor();
  await stack.shot("history-po-two-customers");
  const harbor2024 = (await stack.list("Invoice")).find((i) => i["TxnDate"] === "2024-03-25");
  expect((await said()).error?.action).toBe(
    "Grouping by PO number puts two customers in contract PO-4500: Harbor Freight Partners (Invoice " +
      `${String(harbor2024?.["DocNumber"])}) and ` +
      "Lumen Labs LLC (Invoice L-77). A contract has one customer: correct the key in QuickBooks, or choose " +
      "another grouping on the Rules tab."
  );
});
