/**
 * Sales and refund receipts through the backend's sync over real HTTP to the sandbox: the full read brings them in
 * their own lists with their own ids; CDC brings new, voided and deleted ones; and each document carries what a
 * contract may be grouped by (PO number, custom fields, RecurDataRef).
 */
import type { SyncDocument, SyncResult } from "../../src/wire";
import { connect, qbo, request, startTestServer, type TestServer, syncedResult } from "./helpers";

let t: TestServer;
let token: string;

const runSync = (body: Record<string, unknown>): Promise<SyncResult> =>
  syncedResult(t, token, body);

beforeAll(async () => {
  t = await startTestServer({ sandbox: { invoices: 200 } });
  token = await connect(t);
}, 60000);

afterAll(async () => {
  await t.close();
});

const ids = (docs: readonly SyncDocument[]): string[] => docs.map((d) => d.id);

describe("sync of sales and refund receipts", () => {
  let cursor = "";

  it("a full sync lists the demo company's receipts apart from invoices, with sr- and rr- ids", async () => {
    const state = (await request(`${t.sandboxUrl}/__sandbox/state`)).json as {
      counts: { SalesReceipt: number; RefundReceipt: number };
    };
    const result = await runSync({ mode: "full" });
    expect(result.salesReceipts).toHaveLength(state.counts.SalesReceipt);
    expect(result.refundReceipts).toHaveLength(state.counts.RefundReceipt);
    expect(result.salesReceipts.length).toBe(5);
    const sr = result.salesReceipts[0];
    expect(sr?.kind).toBe("salesReceipt");
    expect(sr?.id).toBe(`sr-${sr?.qboId ?? ""}`);
    expect(sr?.lines.map((l) => [l.id, l.amount])).toEqual([
      [`sr-${sr?.qboId ?? ""}-1`, "1200.00"],
    ]);
    expect(sr?.billings).toEqual([{ id: sr?.id, date: sr?.txnDate, amount: "1200.00" }]);
    const rr = result.refundReceipts[0];
    expect(rr?.kind).toBe("refundReceipt");
    expect(rr?.id).toBe(`rr-${rr?.qboId ?? ""}`);
    expect(rr?.total).toBe("600.00");
    // Sales receipt 1 and invoice 1 are different documents with the same QuickBooks Id.
    expect(result.invoices.some((d) => d.qboId === sr?.qboId)).toBe(true);
    expect(result.invoices.find((d) => d.qboId === "1")?.customFields).toEqual([
      { name: "Contract #", value: expect.stringMatching(/^C-\d{4}-00001$/) as string },
    ]);
    cursor = result.cursor;
  }, 60000);

  it("an incremental sync brings a new sales receipt with its PO number and template, a voided one and a deleted refund", async () => {
    const full = await runSync({ mode: "full" });
    const customer = full.invoices[0]?.customer;
    const item = full.salesReceipts[0]?.lines[0]?.item;
    const created = (
      await qbo(t, "POST", "salesreceipt", {
        CustomerRef: { value: customer?.id },
        TxnDate: "2026-10-20",
        CustomField: [
          { DefinitionId: "2", Name: "P.O. Number", Type: "StringType", StringValue: "PO-7" },
        ],
        RecurDataRef: { value: "12", name: "Yearly plan" },
        Line: [
          {
            Amount: 240,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: { value: item?.id }, ServiceDate: "2026-11-01" },
          },
        ],
      })
    )["SalesReceipt"] as Record<string, unknown>;
    const later = full.salesReceipts.filter((d) => d.txnDate > "2026-06-30");
    const toVoid = later[later.length - 1];
    const raw = (await qbo(t, "GET", `salesreceipt/${toVoid?.qboId ?? ""}`))[
      "SalesReceipt"
    ] as Record<string, unknown>;
    await qbo(t, "POST", "salesreceipt?operation=update&include=void", {
      Id: raw["Id"],
      SyncToken: raw["SyncToken"],
      sparse: true,
    });
    const rr = full.refundReceipts[0];
    await qbo(t, "POST", "refundreceipt?operation=delete", {
      Id: rr?.qboId,
      SyncToken: rr?.syncToken,
    });

    const result = await runSync({ mode: "incremental", cursor });
    expect(result.replace).toBe(false);
    expect(ids(result.salesReceipts).sort()).toEqual(
      [`sr-${String(created["Id"])}`, toVoid?.id ?? ""].sort()
    );
    const mine = result.salesReceipts.find((d) => d.qboId === String(created["Id"]));
    expect(mine?.poNumber).toBe("PO-7");
    expect(mine?.recurring).toEqual({ id: "12", name: "Yearly plan" });
    expect(mine?.customFields).toEqual([{ name: "P.O. Number", value: "PO-7" }]);
    const voided = result.salesReceipts.find((d) => d.id === toVoid?.id);
    expect(voided?.voided).toBe(true);
    expect(voided?.billings[0]?.amount).toBe("0.00");
    expect(result.deleted.refundReceipts).toEqual([rr?.qboId]);
    expect(result.deleted.invoices).toEqual([]);
    expect(result.invoices).toEqual([]);
  }, 60000);
});
