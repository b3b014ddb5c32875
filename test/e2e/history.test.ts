// Issue #9 in a browser, for what the pane has today: the sandbox's company with history, connected through its
// consent page, synced with its sales and refund receipts, grouped by PO number on the Rules tab, synced again into
// one contract over three yearly invoices. (The go-live, opening true-up and close of this company come with the
// pane's go-live work.)
import type { Page } from "playwright-core";
import { buildPane, startStack } from "./harness";
import type { Stack } from "./harness";

jest.setTimeout(120_000);

let stack: Stack;
let page: Page;

beforeAll(async () => {
  buildPane();
  stack = await startStack("history");
  page = stack.page;
});

afterAll(async () => {
  await stack?.close();
});

/** The in-memory RevRecContracts table as the pane shows it: one record per row, by header. */
async function contractRows(): Promise<Record<string, string>[]> {
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
  await page.getByRole("tab", { name: "Sync" }).click();
  await page.getByRole("button", { name: "Full sync" }).click();
  await page.getByText("Sync finished").waitFor();
}

test("connect → sync with receipts → group by PO number → one contract over three yearly invoices", async () => {
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

  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByLabel("Group documents into contracts by").selectOption("poNumber");
  await page.getByRole("button", { name: "Save rules" }).click();
  await page.getByText("Rules and accounts saved").waitFor();
  await stack.shot("history-grouped-by-po");

  await fullSync();
  const grouped = (await contractRows()).filter((r) => r["Customer"] === "Harbor Freight Partners");
  expect(grouped.map((r) => [r["Contract"], r["Item"], r["Start"]])).toEqual([
    ["PO-4500", "Annual Subscription", "2024-04-01"],
    ["PO-4500", "Setup", expect.any(String) as string],
  ]);
  expect(grouped[0]?.["Price"]).toBe("36000");
  expect(grouped[0]?.["End"]).toBe("2027-03-31");
  await stack.shot("history-synced-po-4500");
});
