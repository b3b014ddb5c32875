// The whole close in a browser: connect through the sandbox's consent page, sync the demo company, set rules,
// preview, post once, post again (nothing new), and post through a dropped connection (still exactly one).
import type { Page } from "playwright-core";
import { buildPane, startStack } from "./harness";
import type { JournalEntry, SandboxRecord, Stack } from "./harness";

jest.setTimeout(120_000);

let stack: Stack;
let page: Page;

async function previewLines(): Promise<{ accountId: string; posting: string; amount: number }[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      revrec: {
        controller: {
          get(): {
            close: {
              preview?: { lines: { accountId: string; posting: string; amount: number }[] };
            };
          };
        };
      };
    };
    return (w.revrec.controller.get().close.preview?.lines ?? []).map((l) => ({
      accountId: l.accountId,
      posting: l.posting,
      amount: l.amount,
    }));
  });
}

function sandboxLines(e: JournalEntry) {
  return e.Line.map((l) => ({
    accountId: l.JournalEntryLineDetail.AccountRef.value,
    posting: l.JournalEntryLineDetail.PostingType,
    amount: Math.round(l.Amount * 100),
  }));
}

function sorted<T>(xs: T[]): T[] {
  return [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function tab(name: string) {
  await page.getByRole("tab", { name }).click();
}

async function previewPeriod(period: string) {
  await tab("Close");
  await page.getByLabel("Period to close").selectOption(period);
  await page.getByRole("button", { name: "Preview entry" }).click();
  await page.getByRole("button", { name: "Preview entry" }).isEnabled();
  await page
    .locator(
      '[data-testid="balanced"], [data-testid="posted-entries"], [data-testid="covered-by"], [data-testid="book-issues"], [data-testid="error"]'
    )
    .first()
    .waitFor();
  await stack.shot(`preview-${period}`);
}

beforeAll(async () => {
  buildPane();
  stack = await startStack();
  page = stack.page;
});

afterAll(async () => {
  await stack?.close();
});

test("the pane loads outside Office on an in-memory workbook", async () => {
  await page.goto(`${stack.url}/taskpane.html`);
  await page.getByRole("button", { name: "Connect to QuickBooks" }).waitFor();
  await page.getByText("Workbook (in memory").waitFor();
  await stack.shot("pane-loaded");
});

test("connect through the sandbox's consent page", async () => {
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("button", { name: "Connect to QuickBooks" }).click(),
  ]);
  await popup.locator("#connect").waitFor();
  await stack.shot("sandbox-consent", popup);
  await popup.locator("#connect").click();
  await page.getByTestId("company-name").waitFor();
  expect(await page.getByTestId("company-name").textContent()).toContain("Cascade Cloud Software");
  await stack.shot("connected");
});

test("a full sync of the demo company fills the tables", async () => {
  await tab("Sync");
  await page.getByRole("button", { name: "Full sync" }).click();
  await page.getByText("Sync finished").waitFor();
  await stack.shot("synced");
  const rows = await page.getByTestId("table-RevRecContracts").locator("tbody tr").count();
  expect(rows).toBeGreaterThan(50);
  expect(await page.getByRole("table", { name: "What the sync changed" }).textContent()).toContain(
    "Contracts"
  );
});

test("rules are set from the company's real accounts and saved", async () => {
  await tab("Rules");
  const firstRule = page.locator('[data-testid^="rule-"]').first();
  await firstRule.waitFor();
  await firstRule.getByRole("combobox").nth(1).selectOption("invoiceDate");
  // The demo company mixes: subscriptions and support invoice to the Deferred Revenue liability, services and
  // training to income accounts. Each item's "Invoices post to" follows QuickBooks, so nothing is flagged.
  for (const [item, where] of [
    ["Annual Subscription", "deferred"],
    ["Premium Support", "deferred"],
    ["Monthly Subscription", "revenue"],
    ["Training", "revenue"],
  ] as const) {
    expect(await page.getByLabel(`Invoices of ${item} post to`).inputValue()).toBe(where);
  }
  expect(await page.getByTestId("billing-mismatch").count()).toBe(0);
  await page.getByRole("button", { name: "Save rules" }).click();
  await page.getByText("Rules and accounts saved").waitFor();
  await stack.shot("rules-saved");
});

test("a second full sync keeps the Method an analyst edited", async () => {
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
    if (!t) return "";
    const ob = t.header.indexOf("Obligation");
    const me = t.header.indexOf("Method");
    const row = t.rows.find((r) => r[me] === "monthly");
    const key = String(row?.[ob] ?? "");
    await w.revrec.workbook.editCell("RevRecContracts", "Obligation", key, "Method", "daily");
    return key;
  });
  expect(edited).not.toBe("");
  await tab("Sync");
  await page.getByRole("button", { name: "Full sync" }).click();
  await page.getByText("edited cells kept").waitFor();
  await stack.shot("resync-keeps-edits");
  const method = await page.evaluate(async (key) => {
    const w = window as unknown as {
      revrec: {
        workbook: {
          readTables(n: string[]): Promise<Map<string, { header: string[]; rows: unknown[][] }>>;
        };
      };
    };
    const t = (await w.revrec.workbook.readTables(["RevRecContracts"])).get("RevRecContracts");
    const row = t?.rows.find((r) => r[t.header.indexOf("Obligation")] === key);
    return row?.[t?.header.indexOf("Method") ?? -1];
  }, edited);
  expect(method).toBe("daily");
});

test("an incremental sync asks only for the changes since the last sync", async () => {
  await tab("Sync");
  await page.getByRole("button", { name: "Sync changes since last time" }).click();
  await page.waitForFunction(() => {
    const w = window as unknown as {
      revrec: { controller: { get(): { sync: { running: boolean; summary?: unknown } } } };
    };
    const s = w.revrec.controller.get().sync;
    return !s.running && s.summary !== undefined;
  });
  expect(await page.getByTestId("error").count()).toBe(0);
  expect(await page.getByTestId("notice").textContent()).toContain("Sync finished");
  await stack.shot("incremental-sync");
});

test("a sync shows its progress, and cancelling it leaves the tables as they were", async () => {
  const snapshot = () =>
    page.evaluate(async () => {
      const w = window as unknown as {
        revrec: { workbook: { readTables(n: string[]): Promise<Map<string, unknown>> } };
      };
      const t = await w.revrec.workbook.readTables([
        "RevRecContracts",
        "RevRecBillings",
        "RevRecChanges",
      ]);
      return JSON.stringify([...t.entries()]);
    });
  const before = await snapshot();
  await stack.hangQueries();
  await tab("Sync");
  await page.getByRole("button", { name: "Full sync" }).click();
  await page.getByRole("progressbar").waitFor();
  await stack.shot("sync-in-progress");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("error").waitFor();
  expect(await page.getByTestId("error").textContent()).toContain(
    "The sync was cancelled. Your tables were not changed."
  );
  await stack.shot("sync-cancelled");
  await stack.releaseQueries();
  expect(await snapshot()).toBe(before);
  await page.getByRole("button", { name: "Dismiss" }).click();
});

async function deferredInPreview(): Promise<{ account: string; engine: number; credit: number }> {
  return page.evaluate(() => {
    const w = window as unknown as {
      revrec: {
        controller: {
          get(): {
            close: {
              preview?: { lines: { accountId: string; posting: string; amount: number }[] };
              reconcile?: { label: string; accountId: string; engine: number }[];
            };
          };
        };
      };
    };
    const close = w.revrec.controller.get().close;
    const row = close.reconcile?.find((r) => r.label === "Deferred revenue");
    let credit = 0;
    for (const l of close.preview?.lines ?? [])
      if (l.accountId === row?.accountId) credit += l.posting === "Credit" ? l.amount : -l.amount;
    return { account: row?.accountId ?? "", engine: row?.engine ?? 0, credit };
  });
}

/** The range the pane's preview covers. */
async function previewRange(): Promise<{ kind: string; from: string; to: string }> {
  return page.evaluate(() => {
    const w = window as unknown as {
      revrec: {
        controller: { get(): { close: { range?: { kind: string; from: string; to: string } } } };
      };
    };
    const r = w.revrec.controller.get().close.range;
    return { kind: r?.kind ?? "", from: r?.from ?? "", to: r?.to ?? "" };
  });
}

const cents = (x: unknown) => Math.round(Number(x) * 100);
const isRecord = (o: unknown): o is SandboxRecord =>
  typeof o === "object" && o !== null && !Array.isArray(o);
const field = (o: unknown, key: string): unknown => (isRecord(o) ? o[key] : undefined);

/** The demo's first month of activity, from the sandbox's own invoices and credit memos. */
async function firstActivityMonth(): Promise<string> {
  const docs = [...(await stack.list("Invoice")), ...(await stack.list("CreditMemo"))];
  return docs.map((d) => String(field(d, "TxnDate")).slice(0, 7)).sort()[0] ?? "";
}

/**
 * What the sandbox's discounts left in deferred revenue through `period`: QuickBooks credits an item's income
 * account (here the Deferred Revenue liability) with the gross line amount and debits the whole discount to its
 * discount account, while the workbook bills each line net of its share of the discount (docs/api.md: each discount
 * line spread over the sales lines above it no earlier discount covered, in proportion, largest remainder, ties to
 * the earlier line). Computed here from the sandbox's invoices, independently of the backend's sync.
 */
async function discountsOnDeferredLines(
  period: string,
  deferredAccount: string
): Promise<{ total: number; items: string[]; invoices: number; creditMemos: number }> {
  const items = await stack.list("Item");
  const deferredItems = new Set(
    items
      .filter((i) => field(field(i, "IncomeAccountRef"), "value") === deferredAccount)
      .map((i) => String(field(i, "Id")))
  );
  const names = items
    .filter((i) => deferredItems.has(String(field(i, "Id"))))
    .map((i) => String(field(i, "Name")));
  let total = 0;
  let invoices = 0;
  for (const inv of await stack.list("Invoice")) {
    if (String(field(inv, "TxnDate")).slice(0, 7) > period) continue;
    if (String(field(inv, "PrivateNote") ?? "").startsWith("Voided")) continue;
    const sales: { item: string; gross: number }[] = [];
    let covered = 0;
    let counted = false;
    const lines = field(inv, "Line");
    for (const l of Array.isArray(lines) ? lines : []) {
      const type = field(l, "DetailType");
      if (type === "SalesItemLineDetail") {
        sales.push({
          item: String(field(field(field(l, "SalesItemLineDetail"), "ItemRef"), "value")),
          gross: cents(field(l, "Amount")),
        });
      } else if (type === "DiscountLineDetail") {
        const amount = Math.abs(cents(field(l, "Amount")));
        const over = sales.slice(covered).filter((x) => x.gross > 0);
        const sum = over.reduce((a, x) => a + x.gross, 0);
        if (amount > 0 && sum > 0) {
          const parts = over.map((x) => Math.floor((amount * x.gross) / sum));
          const rest = over.map((x, i) => ({ i, r: (amount * x.gross) % sum }));
          rest.sort((a, b) => b.r - a.r || a.i - b.i);
          let left = amount - parts.reduce((a, b) => a + b, 0);
          for (const { i } of rest) {
            if (left === 0) break;
            parts[i] = (parts[i] ?? 0) + 1;
            left -= 1;
          }
          over.forEach((x, i) => {
            if (deferredItems.has(x.item)) {
              total += parts[i] ?? 0;
              counted = true;
            }
          });
        }
        covered = sales.length;
      }
    }
    if (counted) invoices += 1;
  }
  // Discounted credit memos of deferred items (the mirror: QuickBooks debited deferred revenue with the gross).
  let creditMemos = 0;
  for (const cm of await stack.list("CreditMemo")) {
    if (String(field(cm, "TxnDate")).slice(0, 7) > period) continue;
    const lines = field(cm, "Line");
    const all = Array.isArray(lines) ? lines : [];
    const deferred = all.some(
      (l) =>
        field(l, "DetailType") === "SalesItemLineDetail" &&
        deferredItems.has(String(field(field(field(l, "SalesItemLineDetail"), "ItemRef"), "value")))
    );
    const discounted = all.some(
      (l) => field(l, "DetailType") === "DiscountLineDetail" && cents(field(l, "Amount")) !== 0
    );
    if (deferred && discounted) creditMemos += 1;
  }
  return { total, items: names.sort(), invoices, creditMemos };
}

/** QuickBooks' balance of an account at a period's end, through the backend's balances API (credit positive). */
async function qboCreditBalance(period: string, account: string): Promise<number> {
  const balance = await page.evaluate(
    async ([p, a]) => {
      const session = JSON.parse(localStorage.getItem("revrec.session") ?? "{}") as {
        sessionToken?: string;
      };
      const res = await fetch(`/api/balances?period=${p}&accounts=${encodeURIComponent(a)}`, {
        headers: { Authorization: `Bearer ${session.sessionToken ?? ""}` },
      });
      const body = (await res.json()) as { accounts: { id: string; balance: string }[] };
      return body.accounts.find((x) => x.id === a)?.balance ?? "";
    },
    [period, account] as const
  );
  expect(balance).not.toBe("");
  return -cents(balance);
}

async function diagnose(period: string, account: string) {
  const items = await stack.list("Item");
  const deferredItems = new Set(
    items
      .filter((i) => field(field(i, "IncomeAccountRef"), "value") === account)
      .map((i) => String(field(i, "Id")))
  );
  const itemName = new Map(items.map((i) => [String(field(i, "Id")), String(field(i, "Name"))]));
  const qbo: Record<string, number> = {};
  for (const kind of ["Invoice", "CreditMemo"] as const) {
    for (const d of await stack.list(kind)) {
      if (String(field(d, "TxnDate")).slice(0, 7) > period) continue;
      const lines = field(d, "Line");
      for (const l of Array.isArray(lines) ? lines : []) {
        if (field(l, "DetailType") !== "SalesItemLineDetail") continue;
        const item = String(field(field(field(l, "SalesItemLineDetail"), "ItemRef"), "value"));
        if (!deferredItems.has(item)) continue;
        const k = `${kind} ${itemName.get(item) ?? item}`;
        qbo[k] = (qbo[k] ?? 0) + cents(field(l, "Amount"));
      }
    }
  }
  const wb = await page.evaluate(async (p) => {
    const w = window as unknown as {
      revrec: {
        workbook: {
          readTables(n: string[]): Promise<Map<string, { header: string[]; rows: unknown[][] }>>;
        };
      };
    };
    const t = await w.revrec.workbook.readTables([
      "RevRecContracts",
      "RevRecBillings",
      "RevRecChanges",
    ]);
    const table = (name: string) => {
      const x = t.get(name);
      return (x?.rows ?? []).map((r) => (c: string) => r[x?.header.indexOf(c) ?? -1]);
    };
    const item = new Map(
      table("RevRecContracts").map((r) => [String(r("Obligation")), String(r("Item"))])
    );
    const out: Record<string, number> = {};
    const add = (k: string, v: number) => (out[k] = (out[k] ?? 0) + v);
    for (const r of table("RevRecBillings"))
      if (String(r("Date")).slice(0, 7) <= p)
        add(
          `billing ${item.get(String(r("Obligation"))) ?? "?"}`,
          Math.round(Number(r("Amount")) * 100)
        );
    const odd: string[] = [];
    for (const r of table("RevRecChanges"))
      if (r("Type") === "credit" && String(r("Date")).slice(0, 7) <= p) {
        add(
          `credit ${item.get(String(r("Obligation"))) ?? "(none)"}`,
          Math.round(Number(r("Amount")) * 100)
        );
        odd.push(
          `${String(r("Change"))} ${String(r("Date"))} ${String(r("Amount"))} -> ${String(r("Obligation"))} ${item.get(String(r("Obligation"))) ?? "(none)"}`
        );
      }
    return { out, odd };
  }, period);
  const memos = (await stack.list("CreditMemo"))
    .filter((d) => String(field(d, "TxnDate")).slice(0, 7) <= period)
    .map((d) => {
      const lines = field(d, "Line");
      const first = Array.isArray(lines) ? lines[0] : undefined;
      return `cm-${String(field(d, "Id"))} ${String(field(d, "TxnDate"))} ${String(field(first, "Amount"))} ${itemName.get(String(field(field(field(first, "SalesItemLineDetail"), "ItemRef"), "value"))) ?? ""}`;
    });

  console.log(JSON.stringify({ qbo, wb, memos }, null, 1));
}

/**
 * After posting, QuickBooks' deferred revenue equals the workbook's deferred revenue at the period's end, to the cent,
 * although QuickBooks credited deferred revenue with the gross amount of every discounted line of a deferred-revenue
 * item (and debited the discount to its discount account), and debited it with the gross amount of every discounted
 * credit memo line (crediting the discount account): the entry routes the gross and moves the discount account back. A regression anywhere in sync, tables, engine, journal or posting breaks it to the cent.
 */
async function expectDeferredIdentity(period: string) {
  await previewPeriod(period);
  await page.getByTestId("posted-entries").waitFor();
  const { account, engine } = await deferredInPreview();
  expect(account).not.toBe("");
  const qbo = await qboCreditBalance(period, account);
  // The discounts are there to be undone: without the reclassification QuickBooks would be higher by them.
  const discounts = await discountsOnDeferredLines(period, account);
  expect(discounts.items).toEqual(["Annual Subscription", "Premium Support"]);
  expect(discounts.total).toBeGreaterThan(0);
  expect(discounts.creditMemos).toBeGreaterThan(0);

  console.log(
    `${period}: QuickBooks deferred revenue ${(qbo / 100).toFixed(2)} = workbook ${(engine / 100).toFixed(2)} (difference ${((qbo - engine) / 100).toFixed(2)}; discounts on ${discounts.invoices} invoices' deferred lines reclassified: ${(discounts.total / 100).toFixed(2)}; discounted credit memos of deferred items: ${discounts.creditMemos})`
  );
  if (qbo !== engine) await diagnose(period, account);
  expect(qbo - engine).toBe(0);
  // The pane shows no difference, and so no explanation.
  expect(await page.getByTestId("difference-Deferred revenue").textContent()).toBe("0.00");
  expect(await page.getByTestId("reconcile-explanation").count()).toBe(0);
}

test("a period inside QuickBooks' closed books cannot be posted, and the entry would catch up", async () => {
  const first = await firstActivityMonth();
  expect(first).toBe("2024-11");
  await previewPeriod("2026-06");
  await page.getByText("QuickBooks’ books are closed through").waitFor();
  expect(await previewRange()).toEqual({ kind: "open", from: first, to: "2026-06" });
  const post = page.getByRole("button", { name: "Post to QuickBooks" });
  expect(await post.isDisabled()).toBe(true);
  await stack.shot("closed-books");
});

test("the first close catches up from the demo's first month, posts once, and QuickBooks' deferred revenue then equals the workbook's", async () => {
  const first = await firstActivityMonth();
  await previewPeriod("2026-07");
  await page.getByTestId("balanced").waitFor();
  expect(await page.getByTestId("balanced").textContent()).toBe("Debits = credits");
  expect(await previewRange()).toEqual({ kind: "open", from: first, to: "2026-07" });
  expect(await page.getByTestId("catch-up").textContent()).toContain(
    `Catch-up entry for ${first} to 2026-07: no earlier RevRec entry was posted`
  );
  expect(await page.getByTestId("entry-heading").textContent()).toBe(
    `Entry for ${first} to 2026-07, dated 2026-07-31`
  );
  await stack.shot("first-close-catch-up");
  const lines = await previewLines();
  expect(lines.length).toBeGreaterThan(1);
  // Posting needs a preparer; the pane remembers the name for the posts that follow.
  await page.getByLabel("Prepared by").fill("Dana Analyst");
  await page.getByRole("button", { name: "Post to QuickBooks" }).click();
  await page.getByTestId("posted-result").waitFor();
  expect(await page.getByTestId("posted-result").textContent()).toContain("RR-2026-07");
  await stack.shot("first-close-posted");
  const posted = await stack.entries("RR-2026-07");
  expect(posted).toHaveLength(1);
  expect(sorted(sandboxLines(posted[0]!))).toEqual(sorted(lines));
  // The range is on the entry itself, so it reads back from QuickBooks without the postings log.
  const descriptions = new Set(posted[0]!.Line.map((l) => l.Description));
  expect([...descriptions]).toEqual([`Revenue recognition ${first} to 2026-07`]);
  // The posted entry matches the workbook's figures for the range; the balances are checked separately.
  expect(await page.getByTestId("posted-match").textContent()).toContain(
    `The posted entry matches the workbook’s figures for ${first} to 2026-07`
  );
  await expectDeferredIdentity("2026-07");
  await stack.shot("first-close-reconciled");
});

test("posting again creates nothing: the pane shows the entry, and the same request finds it", async () => {
  await previewPeriod("2026-07");
  await page.getByTestId("posted-entries").waitFor();
  expect(await page.getByRole("button", { name: "Post to QuickBooks" }).count()).toBe(0);
  expect(await page.getByTestId("posted-entries").textContent()).toContain("RR-2026-07");
  await stack.shot("already-posted");
  // The very same request again (a double click, a second window): the backend finds the entry.
  const again = await page.evaluate(async () => {
    const w = window as unknown as { revrec: { controller: { lastPostRequest: unknown } } };
    const session = JSON.parse(localStorage.getItem("revrec.session") ?? "{}") as {
      sessionToken?: string;
    };
    const res = await fetch("/api/journal", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${session.sessionToken ?? ""}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify(w.revrec.controller.lastPostRequest),
    });
    return {
      status: res.status,
      body: (await res.json()) as { status: string; docNumber: string },
    };
  });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ status: "existing", docNumber: "RR-2026-07" });
  expect(await stack.entries("RR-2026-07")).toHaveLength(1);
});

test("a month the catch-up entry covered shows that entry instead of a post button", async () => {
  const first = await firstActivityMonth();
  await previewPeriod("2026-05");
  await page.getByTestId("covered-by").waitFor();
  expect(await page.getByTestId("covered-by").textContent()).toContain(
    `2026-05 is covered by RR-2026-07 (${first} to 2026-07)`
  );
  expect(await page.getByRole("button", { name: "Post to QuickBooks" }).count()).toBe(0);
  await stack.shot("covered-by-catch-up");
});

test("a change after posting offers an adjusting entry over the range the entry covered", async () => {
  const first = await firstActivityMonth();
  await page.evaluate(async () => {
    const w = window as unknown as {
      revrec: {
        workbook: {
          readTables(n: string[]): Promise<Map<string, { header: string[]; rows: unknown[][] }>>;
          editCell(t: string, k: string, kv: string, c: string, v: number): Promise<void>;
        };
      };
    };
    const t = (await w.revrec.workbook.readTables(["RevRecContracts"])).get("RevRecContracts");
    if (!t) return;
    const col = (n: string) => t.header.indexOf(n);
    const row = t.rows.find(
      (r) =>
        r[col("Method")] === "monthly" &&
        String(r[col("Start")]) <= "2026-06-01" &&
        String(r[col("End")]) >= "2026-07-31"
    );
    if (!row) return;
    await w.revrec.workbook.editCell(
      "RevRecContracts",
      "Obligation",
      String(row[col("Obligation")]),
      "Price",
      Number(row[col("Price")]) + 1200
    );
  });
  await previewPeriod("2026-07");
  await page.getByRole("table", { name: "Adjusting entry" }).waitFor();
  expect(await page.getByTestId("posted-changed").textContent()).toContain(
    `The workbook changed since RR-2026-07 was posted: its figures for ${first} to 2026-07 now differ`
  );
  const adjusting = await page.evaluate(() => {
    const w = window as unknown as {
      revrec: {
        controller: {
          get(): {
            close: { adjustment?: { accountId: string; posting: string; amount: number }[] };
          };
        };
      };
    };
    return (w.revrec.controller.get().close.adjustment ?? []).map((l) => ({
      accountId: l.accountId,
      posting: l.posting,
      amount: l.amount,
    }));
  });
  expect(adjusting.length).toBeGreaterThan(0);
  await stack.shot("adjusting-entry-offered");
  await page.getByRole("button", { name: "Post adjusting entry" }).click();
  await page.getByTestId("posted-result").waitFor();
  await stack.shot("adjusting-entry-posted");
  const posted = await stack.entries("RR-2026-07-A1");
  expect(posted).toHaveLength(1);
  expect(sorted(sandboxLines(posted[0]!))).toEqual(sorted(adjusting));
  expect(await stack.entries("RR-2026-07")).toHaveLength(1);
  // With the adjustment, the entries for the range match the workbook again, and so do the balances.
  await previewPeriod("2026-07");
  await page.getByTestId("posted-match").waitFor();
  await expectDeferredIdentity("2026-07");
});

test("the next entry covers its month only, and moves deferred revenue by its change less what the month's subscription invoices already put there", async () => {
  await previewPeriod("2026-07");
  await page.getByTestId("posted-entries").waitFor();
  const july = await deferredInPreview();
  await previewPeriod("2026-08");
  await page.getByTestId("balanced").waitFor();
  expect(await previewRange()).toEqual({ kind: "open", from: "2026-08", to: "2026-08" });
  expect(await page.getByTestId("catch-up").count()).toBe(0);
  const august = await deferredInPreview();
  expect(august.account).not.toBe("");
  // What August's invoices and credit memos for items whose QuickBooks income account is Deferred Revenue
  // (Annual Subscription, Premium Support) already credited to that account, from the workbook's tables: an
  // invoice line at its gross amount (Amount + Discount; QuickBooks booked the discount to its discount account),
  // less a credit memo line at its gross, under its own item (QuickBooks posted it by that item).
  const billedToDeferred = await page.evaluate(async () => {
    const w = window as unknown as {
      revrec: {
        workbook: {
          readTables(n: string[]): Promise<Map<string, { header: string[]; rows: unknown[][] }>>;
        };
      };
    };
    const t = await w.revrec.workbook.readTables([
      "RevRecContracts",
      "RevRecBillings",
      "RevRecChanges",
    ]);
    const table = (name: string) => {
      const x = t.get(name);
      return (x?.rows ?? []).map((r) => (c: string) => r[x?.header.indexOf(c) ?? -1]);
    };
    const item = new Map(
      table("RevRecContracts").map((r) => [String(r("Obligation")), String(r("Item"))])
    );
    const deferredItem = (name: string) =>
      ["Annual Subscription", "Premium Support"].includes(name);
    const toDeferred = (obligation: unknown) => deferredItem(item.get(String(obligation)) ?? "");
    const amount = (x: unknown) => Math.round(Number(x) * 100);
    const inMonth = (d: unknown) => String(d).startsWith("2026-08");
    let sum = 0;
    for (const r of table("RevRecBillings"))
      if (inMonth(r("Date")) && r("Voided") !== true && toDeferred(r("Obligation")))
        sum += amount(r("Amount")) + amount(r("Discount") || 0);
    for (const r of table("RevRecChanges"))
      if (
        r("Type") === "credit" &&
        inMonth(r("Date")) &&
        r("Voided") !== true &&
        (r("Item") ? deferredItem(String(r("Item"))) : toDeferred(r("Obligation")))
      )
        sum -= amount(r("Amount")) + amount(r("Discount") || 0);
    return sum;
  });
  expect(billedToDeferred).toBeGreaterThan(0);
  // Credit = (deferred at the end of August − at the end of July) − what was billed there. Taking those
  // invoices out of revenue instead, as one company-wide setting did, credits the whole change.
  expect(august.credit).toBe(august.engine - july.engine - billedToDeferred);
});

test("an entry by customer posts with each customer on its lines", async () => {
  await tab("Close");
  await page.getByLabel("Entry detail").selectOption("customer");
  await previewPeriod("2026-08");
  await page.getByTestId("balanced").waitFor();
  const lines = await previewLines();
  await page.getByRole("button", { name: "Post to QuickBooks" }).click();
  await page.locator('[data-testid="posted-result"], [data-testid="error"]').first().waitFor();
  await stack.shot("posted-by-customer");
  expect(await page.getByTestId("error").count()).toBe(0);
  const posted = await stack.entries("RR-2026-08");
  expect(posted).toHaveLength(1);
  expect(sorted(sandboxLines(posted[0]!))).toEqual(sorted(lines));
  expect(posted[0]!.Line.length).toBeGreaterThan(5);
  await page.getByLabel("Entry detail").selectOption("summary");
});

test("a connection dropped during the post still ends with exactly one entry", async () => {
  await previewPeriod("2026-09");
  await page.getByTestId("balanced").waitFor();
  expect(await previewRange()).toEqual({ kind: "open", from: "2026-09", to: "2026-09" });
  const lines = await previewLines();
  // QuickBooks creates the entry, then the connection drops before the answer reaches the backend.
  await stack.dropNextPost();
  await page.getByRole("button", { name: "Post to QuickBooks" }).click();
  await page.locator('[data-testid="posted-result"], [data-testid="error"]').first().waitFor();
  if ((await page.getByTestId("error").count()) > 0) {
    // The pane says the post may or may not have arrived and offers to post again, which is safe.
    await stack.shot("dropped-connection-error");
    await page.getByRole("button", { name: "Dismiss" }).click();
    await page.getByRole("button", { name: "Post to QuickBooks" }).click();
    await page.getByTestId("posted-result").waitFor();
  }
  await stack.shot("posted-after-drop");
  const posted = await stack.entries("RR-2026-09");
  expect(posted).toHaveLength(1);
  expect(sorted(sandboxLines(posted[0]!))).toEqual(sorted(lines));
});

test("a connection dropped between the pane and the backend: Post again finds the entry", async () => {
  await previewPeriod("2026-10");
  await page.getByTestId("balanced").waitFor();
  // The request reaches the backend (which posts), but the pane never hears back.
  await page.route(
    "**/api/journal",
    async (route) => {
      await route.fetch();
      await route.abort("connectionreset");
    },
    { times: 1 }
  );
  await page.getByRole("button", { name: "Post to QuickBooks" }).click();
  await page.getByTestId("error").waitFor();
  expect(await page.getByTestId("error").textContent()).toContain("Click Post again");
  await stack.shot("pane-connection-dropped");
  expect(await stack.entries("RR-2026-10")).toHaveLength(1);
  await page.getByRole("button", { name: "Post to QuickBooks" }).click();
  await page.getByTestId("posted-result").waitFor();
  expect(await page.getByTestId("posted-result").textContent()).toContain("Already in QuickBooks");
  await stack.shot("posted-again-found");
  expect(await stack.entries("RR-2026-10")).toHaveLength(1);
});

test("after a catch-up and three monthly entries, QuickBooks' deferred revenue still equals the workbook's", async () => {
  await expectDeferredIdentity("2026-10");
  await stack.shot("october-reconciled");
});

test("a double click on Post to QuickBooks sends one request and leaves exactly one entry", async () => {
  // November can be closed once it has ended: the pane's clock says it is 2 December.
  await page.clock.setFixedTime(new Date("2026-12-02T09:00:00Z"));
  await tab("Reports"); // the Close tab lists the periods again, under that date
  await previewPeriod("2026-11");
  await page.getByTestId("balanced").waitFor();
  const lines = await previewLines();
  expect(lines.length).toBeGreaterThan(0);
  let posts = 0;
  const count = (r: { method(): string; url(): string }) => {
    if (r.method() === "POST" && r.url().endsWith("/api/journal")) posts += 1;
  };
  page.on("request", count);
  await page.getByRole("button", { name: "Post to QuickBooks" }).dblclick();
  await page.getByTestId("posted-result").waitFor();
  // The Post button went away with the post: focus moved to the result, not to the page.
  await page.waitForFunction(
    () => document.activeElement?.getAttribute("data-testid") === "posted-focus"
  );
  // Whatever a second click could have started has had time to arrive.
  await previewPeriod("2026-11");
  await page.getByTestId("posted-entries").waitFor();
  page.off("request", count);
  await stack.shot("double-click-posted-once");
  expect(posts).toBe(1);
  const posted = await stack.entries("RR-2026-11");
  expect(posted).toHaveLength(1);
  expect(sorted(sandboxLines(posted[0]!))).toEqual(sorted(lines));
});

test("an impossible month is refused in the Reports field itself", async () => {
  await tab("Reports");
  await page.getByLabel("To (YYYY-MM)").fill("2026-13");
  await page.getByText("Enter a month as YYYY-MM, with the month from 01 to 12").waitFor();
  expect(await page.getByRole("button", { name: "Add revenue waterfall" }).isDisabled()).toBe(true);
  await stack.shot("report-month-refused");
  await tab("Close");
});

test("reports add sheets of REVREC formulas as tables, the schedule with a chart", async () => {
  await tab("Reports");
  await page.getByRole("button", { name: "Add schedule sheet (with chart)" }).click();
  await page.getByText("Added the schedule sheet").waitFor();
  await page.getByRole("button", { name: "Add revenue waterfall" }).click();
  await page.getByText("Added the waterfall sheet").waitFor();
  await page.getByRole("button", { name: "Add deferred revenue roll-forward" }).click();
  await page.getByText("Added the deferred revenue roll-forward sheet").waitFor();
  await stack.shot("reports");
  const sheets = await page.evaluate(() => {
    const w = window as unknown as {
      revrec: {
        workbook: {
          reportSheets(): { sheet: string; chart?: unknown; table: { rows: unknown[][] } }[];
        };
      };
    };
    return w.revrec.workbook
      .reportSheets()
      .map((r) => ({ sheet: r.sheet, chart: r.chart !== undefined, first: r.table.rows[0] }));
  });
  expect(sheets.map((s) => s.sheet)).toEqual([
    "RevRec Schedule",
    "RevRec Waterfall",
    "RevRec Roll-forward",
  ]);
  expect(sheets[0]?.chart).toBe(true);
  expect(String(sheets[0]?.first?.[1])).toMatch(/^=REVREC\.RECOGNIZED\("\*",\$A4\)$/);
  expect(await page.getByTestId("table-RevRecScheduleReport").locator("tbody tr").count()).toBe(12);
});

test("the pane follows a dark theme", async () => {
  await page.goto(`${stack.url}/taskpane.html?theme=dark`);
  await page.getByTestId("company-name").waitFor();
  const background = await page
    .locator(".rr-root")
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe("rgb(255, 255, 255)");
  await tab("Close");
  await stack.shot("dark-theme", page, false);
});

test("the pane works from the keyboard", async () => {
  await tab("Connect");
  expect(await page.getByRole("button", { name: "Preview entry" }).count()).toBe(0);
  await page.getByRole("tab", { name: "Connect" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Preview entry" }).waitFor();
  // Tab order: Period, Lines, Preview entry.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
  expect(focused).toBe("Preview entry");
  await page.keyboard.press("Enter");
  await page.getByTestId("posted-entries").waitFor();
  // Focus stays on the button through the preview (it is never taken off the page).
  expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toBe(
    "Preview entry"
  );
});
