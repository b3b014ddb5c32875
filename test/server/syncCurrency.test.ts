/**
 * Foreign-currency documents in a multicurrency company: the sync leaves them out of the documents it returns (so
 * no CAD 9.60 becomes 9.60 of home currency) and lists them, with a total per currency, in full sync and CDC alike.
 */
import type { SyncResult } from "../../src/wire";
import { transformDocument } from "../../src/server/sync/transform";
import { connect, qbo, request, startTestServer, type TestServer, syncedResult } from "./helpers";

/** The CAD invoice QuickBooks answered: 8.49 and 1.11 of tax, 9.60 CAD, 7.01 USD at 0.73. */
const cadInvoice = (customer: string, item: string): Record<string, unknown> => ({
  CustomerRef: { value: customer },
  TxnDate: "2026-10-20",
  DocNumber: "CAD-1",
  CurrencyRef: { value: "CAD" },
  ExchangeRate: 0.73,
  Line: [
    {
      Amount: 8.49,
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: { ItemRef: { value: item }, Qty: 1, UnitPrice: 8.49 },
    },
  ],
  TxnTaxDetail: { TotalTax: 1.11 },
});

describe("transformDocument", () => {
  it("leaves a document in another currency out, describing it", () => {
    const r = transformDocument(
      {
        Id: "301",
        DocNumber: "1090",
        TxnDate: "2026-10-20",
        CustomerRef: { value: "24", name: "Maple Leaf Ltd" },
        CurrencyRef: { value: "CAD", name: "Canadian Dollar" },
        ExchangeRate: 0.73,
        HomeTotalAmt: 7.01,
        TotalAmt: 9.6,
        Line: [],
      },
      "invoice",
      "USD"
    );
    expect(r).toEqual({
      ok: false,
      reason: "foreignCurrency",
      qboId: "301",
      message:
        "Invoice 1090 (Maple Leaf Ltd) is in CAD, not the home currency USD: RevRec does not handle other currencies yet, so it is not in the tables.",
      leftOut: {
        kind: "invoice",
        qboId: "301",
        docNumber: "1090",
        customer: { id: "24", name: "Maple Leaf Ltd" },
        txnDate: "2026-10-20",
        reason: "foreignCurrency",
        message:
          "Invoice 1090 (Maple Leaf Ltd) is in CAD, not the home currency USD: RevRec does not handle other currencies yet, so it is not in the tables.",
        currency: "CAD",
        total: "9.60",
        exchangeRate: "0.73",
        homeTotal: "7.01",
      },
    });
  });
});

describe("sync of a multicurrency company over HTTP", () => {
  let t: TestServer;
  let token: string;
  let customer: string;
  let item: string;
  let cadId: string;

  const sync = (body: Record<string, unknown>): Promise<SyncResult> => syncedResult(t, token, body);

  beforeAll(async () => {
    t = await startTestServer({
      sandbox: { invoices: 40, multiCurrency: true, homeCurrency: "USD" },
    });
    token = await connect(t);
    const q = async (sql: string, entity: string): Promise<string> => {
      const r = await qbo(t, "GET", `query?query=${encodeURIComponent(sql)}`);
      const list = (r["QueryResponse"] as Record<string, Record<string, unknown>[]>)[entity];
      return String(list?.[0]?.["Id"]);
    };
    customer = await q("SELECT * FROM Customer MAXRESULTS 1", "Customer");
    item = await q("SELECT * FROM Item WHERE Name = 'Monthly Subscription'", "Item");
    const created = await qbo(t, "POST", "invoice", cadInvoice(customer, item));
    cadId = String((created["Invoice"] as Record<string, unknown>)["Id"]);
    // Past the second the invoice was stamped in: a later cursor (cut to the whole second) does not bring it again.
    await request(`${t.sandboxUrl}/__sandbox/clock`, {
      method: "POST",
      body: { advanceSeconds: 2 },
    });
  }, 60000);

  afterAll(async () => {
    await t.close();
  });

  it("full sync: the CAD invoice is left out and listed; every synced document is in USD", async () => {
    const r = await sync({ mode: "full" });
    expect(r.homeCurrency).toBe("USD");
    expect(r.invoices.length).toBeGreaterThan(0);
    expect([...r.invoices, ...r.creditMemos].every((d) => d.currency === "USD")).toBe(true);
    expect(r.invoices.map((d) => d.qboId)).not.toContain(cadId);
    expect(r.leftOut).toEqual([
      expect.objectContaining({
        kind: "invoice",
        qboId: cadId,
        docNumber: "CAD-1",
        currency: "CAD",
        total: "9.60",
        exchangeRate: "0.73",
        homeTotal: "7.01",
        reason: "foreignCurrency",
      }),
    ]);
    expect(r.leftOut?.[0]?.customer.id).toBe(customer);
    expect(r.leftOutTotals).toEqual([
      { currency: "CAD", count: 1, total: "9.60", homeTotal: "7.01" },
    ]);
  }, 60000);

  it("CDC: a new CAD credit memo is left out and listed; a new USD invoice is synced", async () => {
    const base = await sync({ mode: "full" });
    const memo = await qbo(t, "POST", "creditmemo", {
      ...cadInvoice(customer, item),
      DocNumber: "CAD-CM-1",
    });
    const memoId = String((memo["CreditMemo"] as Record<string, unknown>)["Id"]);
    const usd = await qbo(t, "POST", "invoice", {
      ...cadInvoice(customer, item),
      DocNumber: "USD-1",
      CurrencyRef: { value: "USD" },
      ExchangeRate: 1,
    });
    const usdId = String((usd["Invoice"] as Record<string, unknown>)["Id"]);
    const r = await sync({ mode: "incremental", cursor: base.cursor });
    expect(r.replace).toBe(false);
    expect(r.invoices.map((d) => [d.qboId, d.currency, d.total])).toEqual([[usdId, "USD", "9.60"]]);
    expect(r.creditMemos).toEqual([]);
    expect(r.leftOut?.map((d) => [d.kind, d.qboId, d.docNumber, d.currency, d.total])).toEqual([
      ["creditMemo", memoId, "CAD-CM-1", "CAD", "9.60"],
    ]);
    expect(r.leftOutTotals).toEqual([
      { currency: "CAD", count: 1, total: "9.60", homeTotal: "7.01" },
    ]);
  }, 60000);
});
