/**
 * Sync of 10,000 invoices from the sandbox: full (COUNT(*) then pages of 1000, with real progress), incremental
 * through CDC (new, changed, voided and deleted documents), the fall-back past CDC's 30 days, a token refresh in
 * the middle of a sync, and cancelling.
 */
import { QboClient, type JsonObject } from "../../src/server/qbo/client";
import {
  api,
  connect,
  fault,
  qbo,
  request,
  startTestServer,
  waitForSync,
  type TestServer,
} from "./helpers";

interface Line {
  id: string;
  qboLineId: string;
  item: { id: string; name: string };
  amount: string;
  grossAmount: string;
  discountAccount?: { id: string; name: string };
  serviceDate: string;
}
interface Doc {
  id: string;
  qboId: string;
  kind: string;
  docNumber: string;
  txnDate: string;
  voided: boolean;
  lines: Line[];
  subtotal: string;
  discount: string;
  billings: { amount: string }[];
}
interface Result {
  mode: string;
  replace: boolean;
  fellBackToFull: boolean;
  cursor: string;
  invoices: Doc[];
  creditMemos: Doc[];
  deleted: { invoices: string[]; creditMemos: string[] };
}

const cents = (s: string): number => Math.round(Number(s) * 100);

let t: TestServer;
let token: string;
let invoiceCount = 0;
let creditMemoCount = 0;
let receiptPages = 0;
let cursor = "";

async function runSync(
  body: Record<string, unknown>
): Promise<{ result: Result; polls: Awaited<ReturnType<typeof waitForSync>>; jobId: string }> {
  const start = await api(t, token, "POST", "/api/sync", body);
  expect(start.status).toBe(202);
  const jobId = (start.json as { jobId: string }).jobId;
  const polls = await waitForSync(t, token, jobId);
  const last = polls[polls.length - 1];
  expect(last?.error).toBeUndefined();
  expect(last?.state).toBe("done");
  const r = await api(t, token, "GET", `/api/sync/${jobId}/result`);
  expect(r.status).toBe(200);
  return { result: r.json as Result, polls, jobId };
}

async function advanceClock(seconds: number): Promise<void> {
  await request(`${t.sandboxUrl}/__sandbox/clock`, {
    method: "POST",
    body: { advanceSeconds: seconds },
  });
}

beforeAll(async () => {
  t = await startTestServer({ sandbox: { invoices: 10060 }, env: { QBO_TIMEOUT_MS: "10000" } });
  token = await connect(t);
  const state = (await request(`${t.sandboxUrl}/__sandbox/state`)).json as {
    counts: { Invoice: number; CreditMemo: number; SalesReceipt: number; RefundReceipt: number };
  };
  invoiceCount = state.counts.Invoice;
  creditMemoCount = state.counts.CreditMemo;
  receiptPages =
    Math.ceil(state.counts.SalesReceipt / 1000) + Math.ceil(state.counts.RefundReceipt / 1000);
}, 120000);

afterAll(async () => {
  await t.close();
});

describe("full sync", () => {
  it("reads every invoice and credit memo in pages of 1000 with exact progress", async () => {
    expect(invoiceCount).toBeGreaterThanOrEqual(10000);
    const before = { ...t.server.runtime.stats.byKind };
    const { result, polls } = await runSync({ mode: "full" });
    const pages = Math.ceil(invoiceCount / 1000) + Math.ceil(creditMemoCount / 1000) + receiptPages;
    const queries = (t.server.runtime.stats.byKind["query"] ?? 0) - (before["query"] ?? 0);
    expect(queries).toBe(4 + pages); // a COUNT(*) per entity and the pages, nothing more
    // and one CDC call for what changed while the pages were read
    expect((t.server.runtime.stats.byKind["cdc"] ?? 0) - (before["cdc"] ?? 0)).toBe(1);

    const last = polls[polls.length - 1];
    expect(last?.progress.pagesTotal).toBe(pages);
    expect(last?.progress.pagesDone).toBe(pages);
    for (let i = 1; i < polls.length; i++)
      expect(polls[i]?.progress.pagesDone ?? 0).toBeGreaterThanOrEqual(
        polls[i - 1]?.progress.pagesDone ?? 0
      );

    expect(result.mode).toBe("full");
    expect(result.replace).toBe(true);
    expect(result.invoices.length + (last?.progress.counts["skipped"] ?? 0)).toBe(invoiceCount);
    expect(result.creditMemos).toHaveLength(creditMemoCount);
    expect(new Set(result.invoices.map((d) => d.id)).size).toBe(result.invoices.length);
    cursor = result.cursor;
  }, 60000);

  it("shapes each invoice as a contract: stable ids, service dates, discounts spread to the cent", async () => {
    const { result } = await runSync({ mode: "full" });
    const raw = (await qbo(t, "GET", `invoice/${result.invoices[0]?.qboId ?? ""}`))[
      "Invoice"
    ] as Record<string, unknown>;
    const doc = result.invoices[0];
    expect(doc?.id).toBe(`inv-${String(raw["Id"])}`);
    expect(doc?.docNumber).toBe(raw["DocNumber"]);
    for (const d of result.invoices) {
      for (const l of d.lines) {
        expect(l.id).toBe(`${d.id}-${l.qboLineId}`);
        expect(l.serviceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const net = d.lines.reduce((a, l) => a + cents(l.amount), 0);
      expect(net).toBe(cents(d.subtotal) - cents(d.discount));
      expect(cents(d.billings[0]?.amount ?? "0")).toBe(net);
      if (d.voided) expect(d.lines.every((l) => l.amount === "0.00")).toBe(true);
    }
    const discounted = result.invoices.filter((d) => d.discount !== "0.00");
    expect(discounted.length).toBeGreaterThan(0);
    // Every discounted line names the account QuickBooks debited for its discount (the sandbox's default
    // DiscountAccountRef, the "Discounts Given" income account); undiscounted lines name none.
    for (const d of result.invoices) {
      for (const l of d.lines) {
        if (l.amount === l.grossAmount) expect(l.discountAccount).toBeUndefined();
        else expect(l.discountAccount?.name).toBe("Discounts Given");
      }
    }
    expect(discounted.every((d) => d.voided || d.lines.some((l) => l.discountAccount))).toBe(true);
    expect(result.invoices.some((d) => d.voided)).toBe(true);
    // A line without ServiceDate starts on the invoice date.
    const rawLines = (raw["Line"] as Record<string, unknown>[]).filter(
      (l) => l["DetailType"] === "SalesItemLineDetail"
    );
    for (const rl of rawLines) {
      const detail = rl["SalesItemLineDetail"] as Record<string, unknown>;
      const ours = doc?.lines.find((l) => l.qboLineId === rl["Id"]);
      expect(ours?.serviceDate).toBe(
        typeof detail["ServiceDate"] === "string" ? detail["ServiceDate"] : raw["TxnDate"]
      );
    }
  }, 60000);
});

describe("full sync while QuickBooks changes", () => {
  it("loses no live invoice when one it has already read is deleted before the next page", async () => {
    // Delete an invoice from the page just read (one after the closing date, so QuickBooks allows it): every later
    // invoice moves up one position, and a plain STARTPOSITION walk would skip the first one of the next page.
    const original = QboClient.prototype.query;
    let victim = "";
    let deletedAfterPage = 0;
    let pagesSeen = 0;
    const patched = async function (
      this: QboClient,
      sql: string,
      signal?: AbortSignal
    ): Promise<JsonObject> {
      const res = await original.call(this, sql, signal);
      if (!/^SELECT \* FROM Invoice\b.*STARTPOSITION/.test(sql)) return res;
      pagesSeen++;
      const rows = ((res["QueryResponse"] as JsonObject | undefined)?.["Invoice"] ?? []) as {
        Id: string;
        SyncToken: string;
        TxnDate: string;
      }[];
      const open = rows.find((r) => r.TxnDate > "2026-06-30");
      if (victim === "" && rows.length === 1000 && open !== undefined) {
        victim = open.Id;
        deletedAfterPage = pagesSeen;
        await qbo(t, "POST", "invoice?operation=delete", {
          Id: open.Id,
          SyncToken: open.SyncToken,
        });
        // Let the sandbox clock pass the second of the deletion, so the cursor's whole-second overlap does not bring
        // it back in the quiet sync below.
        await advanceClock(2);
      }
      return res;
    };
    QboClient.prototype.query = patched;
    const before = t.server.runtime.stats.byKind["query"] ?? 0;
    let run: Awaited<ReturnType<typeof runSync>>;
    try {
      run = await runSync({ mode: "full" });
    } finally {
      QboClient.prototype.query = original;
    }
    expect(victim).not.toBe("");
    const invoicePages = Math.ceil(invoiceCount / 1000);
    expect(deletedAfterPage).toBeLessThan(invoicePages);
    // The invoices were read a second time (the credit memos and receipts, untouched, were not), and progress says so.
    const queries = (t.server.runtime.stats.byKind["query"] ?? 0) - before;
    expect(queries).toBe(4 + 2 * invoicePages + Math.ceil(creditMemoCount / 1000) + receiptPages);
    const last = run.polls[run.polls.length - 1];
    expect(last?.progress.pagesDone).toBe(last?.progress.pagesTotal);

    // Every invoice QuickBooks has now, read page by page with nothing changing.
    const live: string[] = [];
    for (let start = 1; ; start += 1000) {
      const page = await qbo(
        t,
        "GET",
        `query?query=${encodeURIComponent(`SELECT * FROM Invoice ORDERBY Id STARTPOSITION ${start} MAXRESULTS 1000`)}`
      );
      const rows = ((page["QueryResponse"] as JsonObject)["Invoice"] ?? []) as { Id: string }[];
      live.push(...rows.map((r) => r.Id));
      if (rows.length < 1000) break;
    }
    const got = new Set(run.result.invoices.map((d) => d.qboId));
    const skipped = run.polls[run.polls.length - 1]?.progress.counts["skipped"] ?? 0;
    expect(live).not.toContain(victim);
    expect(got.has(victim)).toBe(false);
    expect(run.result.replace).toBe(true);
    // Nothing live is missing but the documents a sync always skips (drafts, pending).
    expect(live.filter((id) => !got.has(id))).toHaveLength(skipped);
    expect(got.size + skipped).toBe(live.length);
    expect(run.result.invoices.every((d) => live.includes(d.qboId))).toBe(true);
    invoiceCount = live.length;

    // The cursor still works: nothing changed since, so an incremental sync brings nothing.
    const quiet = await runSync({ mode: "incremental", cursor: run.result.cursor });
    expect(quiet.result.invoices).toHaveLength(0);
    expect(quiet.result.deleted.invoices).toHaveLength(0);
  }, 120000);
});

describe("incremental sync", () => {
  it("picks up new, changed, voided and deleted documents in one CDC call", async () => {
    const full = await runSync({ mode: "full" });
    cursor = full.result.cursor;
    // Documents after the closing date (2026-06-30) can be changed.
    const [a, b, c] = full.result.invoices.filter((d) => !d.voided && d.txnDate > "2026-06-30");
    const read = async (id: string): Promise<Record<string, unknown>> =>
      (await qbo(t, "GET", `invoice/${id}`))["Invoice"] as Record<string, unknown>;
    const ra = await read(a?.qboId ?? "");
    const rb = await read(b?.qboId ?? "");
    const rc = await read(c?.qboId ?? "");
    await qbo(t, "POST", "invoice?operation=void", { Id: ra["Id"], SyncToken: ra["SyncToken"] });
    await qbo(t, "POST", "invoice?operation=delete", { Id: rb["Id"], SyncToken: rb["SyncToken"] });
    await qbo(t, "POST", "invoice", {
      Id: rc["Id"],
      SyncToken: rc["SyncToken"],
      sparse: true,
      PrivateNote: "changed by the test",
    });
    const line =
      (rc["Line"] as Record<string, unknown>[]).find(
        (l) => l["DetailType"] === "SalesItemLineDetail"
      ) ?? {};
    const itemRef = (line["SalesItemLineDetail"] as Record<string, unknown>)["ItemRef"];
    const created = (
      await qbo(t, "POST", "invoice", {
        CustomerRef: rc["CustomerRef"],
        TxnDate: "2026-10-15",
        Line: [
          {
            Amount: 300,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: {
              ItemRef: itemRef,
              Qty: 1,
              UnitPrice: 300,
              ServiceDate: "2026-11-01",
            },
          },
          {
            Amount: 100,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: itemRef, Qty: 1, UnitPrice: 100 },
          },
          {
            Amount: 0.01,
            DetailType: "DiscountLineDetail",
            DiscountLineDetail: { PercentBased: false },
          },
        ],
      })
    )["Invoice"] as Record<string, unknown>;
    const cm = (
      await qbo(t, "POST", "creditmemo", {
        CustomerRef: rc["CustomerRef"],
        TxnDate: "2026-10-20",
        Line: [
          {
            Amount: 50,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: itemRef, Qty: 1, UnitPrice: 50 },
          },
        ],
      })
    )["CreditMemo"] as Record<string, unknown>;

    // Cursors are cut to the whole second (LastUpdatedTime has no more): step past the second of these changes so
    // that the quiet sync below does not see them again.
    await advanceClock(2);
    const cdcBefore = t.server.runtime.stats.byKind["cdc"] ?? 0;
    const queryBefore = t.server.runtime.stats.byKind["query"] ?? 0;
    const { result, polls } = await runSync({ mode: "incremental", cursor });
    expect((t.server.runtime.stats.byKind["cdc"] ?? 0) - cdcBefore).toBe(1);
    expect((t.server.runtime.stats.byKind["query"] ?? 0) - queryBefore).toBe(0);
    expect(polls[polls.length - 1]?.progress).toMatchObject({ pagesDone: 1, pagesTotal: 1 });

    expect(result.replace).toBe(false);
    const ids = result.invoices.map((d) => d.qboId).sort();
    expect(ids).toEqual([ra["Id"], rc["Id"], created["Id"]].map(String).sort());
    expect(result.invoices.find((d) => d.qboId === ra["Id"])?.voided).toBe(true);
    expect(result.invoices.find((d) => d.qboId === ra["Id"])?.billings[0]?.amount).toBe("0.00");
    expect(result.deleted.invoices).toEqual([String(rb["Id"])]);
    expect(result.creditMemos.map((d) => d.qboId)).toEqual([String(cm["Id"])]);
    expect(result.creditMemos[0]?.kind).toBe("creditMemo");
    expect(result.creditMemos[0]?.id).toBe(`cm-${String(cm["Id"])}`);

    const mine = result.invoices.find((d) => d.qboId === created["Id"]);
    // One cent of discount over 300 and 100: largest remainder gives it to the 300 line.
    expect(mine?.lines.map((l) => [l.amount, l.serviceDate])).toEqual([
      ["299.99", "2026-11-01"],
      ["100.00", "2026-10-15"],
    ]);

    // The next incremental sync from the new cursor sees nothing new.
    const quiet = await runSync({ mode: "incremental", cursor: result.cursor });
    expect(quiet.result.invoices).toHaveLength(0);
    expect(quiet.result.deleted.invoices).toHaveLength(0);
    cursor = result.cursor;
  }, 60000);

  it("falls back to a full read when the cursor is older than CDC's 30 days", async () => {
    await request(`${t.sandboxUrl}/__sandbox/clock`, {
      method: "POST",
      body: { advanceSeconds: 31 * 24 * 3600 },
    });
    const state = (await request(`${t.sandboxUrl}/__sandbox/state`)).json as {
      counts: { Invoice: number };
    };
    const { result } = await runSync({ mode: "incremental", cursor });
    expect(result.fellBackToFull).toBe(true);
    expect(result.replace).toBe(true);
    expect(result.invoices.length).toBeGreaterThan(state.counts.Invoice - 50);
    cursor = result.cursor;
  }, 60000);
});

describe("during a sync", () => {
  it("refreshes the access token when it expires mid-sync and still reads everything", async () => {
    const refreshes = t.server.runtime.connections.refreshCount;
    // Hold the first query (then drop it), and expire the tokens the moment it is held: the retry meets a 401.
    const sandbox = t.server.sandbox?.sandbox;
    if (sandbox === undefined) throw new Error("no bundled sandbox");
    let held = false;
    const stop = sandbox.faults.onHit(() => {
      held = true;
      sandbox.oauth.expireAll(false);
    });
    await fault(t, { method: "GET", path: "query$", action: "hang", ms: 1 });
    const start = await api(t, token, "POST", "/api/sync", { mode: "full" });
    const jobId = (start.json as { jobId: string }).jobId;
    const polls = await waitForSync(t, token, jobId);
    stop();
    expect(held).toBe(true);
    expect(polls[polls.length - 1]?.state).toBe("done");
    expect(t.server.runtime.connections.refreshCount).toBe(refreshes + 1);
    const r = (await api(t, token, "GET", `/api/sync/${jobId}/result`)).json as Result;
    const state = (await request(`${t.sandboxUrl}/__sandbox/state`)).json as {
      counts: { Invoice: number };
    };
    expect(r.invoices.length + (polls[polls.length - 1]?.progress.counts["skipped"] ?? 0)).toBe(
      state.counts.Invoice
    );
  }, 60000);

  it("can be cancelled, leaves no result, and a second sync waits for the first", async () => {
    // Every query is held (far past the backend's timeout) until the job is cancelled: it is running throughout.
    await fault(t, { method: "GET", path: "query$", action: "hang", count: 100 });
    const start = await api(t, token, "POST", "/api/sync", { mode: "full" });
    const jobId = (start.json as { jobId: string }).jobId;
    const busy = await api(t, token, "POST", "/api/sync", { mode: "full" });
    expect(busy.status).toBe(409);
    expect(busy.json).toMatchObject({ error: { code: "sync_in_progress", jobId } });
    const early = await api(t, token, "GET", `/api/sync/${jobId}/result`);
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ error: { code: "sync_in_progress", jobId } });
    const cancelled = await api(t, token, "DELETE", `/api/sync/${jobId}`);
    expect(cancelled.json).toMatchObject({ state: "cancelled" });
    const result = await api(t, token, "GET", `/api/sync/${jobId}/result`);
    expect(result.status).toBe(404);
    expect((await api(t, token, "GET", `/api/sync/${jobId}`)).json).toMatchObject({
      state: "cancelled",
    });
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
  });

  it("reports a failure the user can act on when QuickBooks keeps failing", async () => {
    await fault(t, { method: "GET", path: "query$", status: 503, body: "html", count: 10 });
    const start = await api(t, token, "POST", "/api/sync", { mode: "full" });
    const polls = await waitForSync(t, token, (start.json as { jobId: string }).jobId);
    const last = polls[polls.length - 1] as {
      state: string;
      error?: { code: string; action?: string };
    };
    expect(last.state).toBe("failed");
    expect(last.error?.code).toBe("qbo_unavailable");
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
  });
});
