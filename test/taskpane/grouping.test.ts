// Sales and refund receipts in the tables, contracts over several documents (a grouping key, a Contract edited by
// hand) and obligations continued by later lines, from a sync result to the REVREC functions (HyperFormula).
import { tablesToBook } from "../../src/core/tables";
import { BookStore } from "../../src/functions/store";
import { emptyBaseline, type Baseline, type Row } from "../../src/taskpane/logic/baseline";
import type { Grouping } from "../../src/taskpane/logic/grouping";
import type { Settings } from "../../src/taskpane/logic/rules";
import { planSync } from "../../src/taskpane/logic/tableRows";
import { MemoryWorkbook, type TableData } from "../../src/workbook";
import type { SyncDocument, SyncResult } from "../../src/wire";
import { evaluate } from "../formulas/harness";
import { creditMemo, invoice, result, SETTINGS } from "./fixtures";

const NAMES = ["RevRecContracts", "RevRecBillings", "RevRecChanges"];
const BY_PO: Settings = { ...SETTINGS, grouping: { by: "poNumber" } };

async function syncInto(
  wb: MemoryWorkbook,
  r: SyncResult,
  baseline: Baseline,
  settings: Settings = BY_PO
) {
  const planned = planSync(r, await wb.readTables(NAMES), baseline, settings);
  if (!planned.ok) throw new Error(planned.message);
  await wb.applyChanges(planned.plan.changes);
  return planned.plan;
}

function rows(t: TableData | undefined): Record<string, unknown>[] {
  return (t?.rows ?? []).map((r) => Object.fromEntries(t?.header.map((h, i) => [h, r[i]]) ?? []));
}

/** The analyst types these cells into RevRecContracts rows, by obligation. */
async function typeInto(wb: MemoryWorkbook, update: { key: string; values: Row }[]): Promise<void> {
  await wb.applyChanges([
    {
      table: "RevRecContracts",
      sheet: "RevRec Contracts",
      header: [],
      key: "Obligation",
      insert: [],
      update,
      remove: [],
    },
  ]);
}

async function table(wb: MemoryWorkbook, name: string): Promise<Record<string, unknown>[]> {
  return rows((await wb.readTables([name])).get(name));
}

/** A yearly subscription invoice of 1,200.00 for service from April 1st, the first with a 300.00 setup. */
function yearly(id: string, year: number, po = "4500", customer = { id: "24", name: "Acme" }) {
  const doc = invoice(id, {
    txnDate: `${year}-03-25`,
    poNumber: po,
    customer,
    docNumber: `Y${year}`,
  });
  const lines = doc.lines.flatMap((l, i) =>
    i === 0 ? [{ ...l, serviceDate: `${year}-04-01` }] : year === 2026 ? [l] : []
  );
  return { ...doc, lines };
}

function salesReceipt(id: string, amount: string, opts: Partial<SyncDocument> = {}): SyncDocument {
  const doc = invoice(id, {}, amount, "0.00");
  return {
    ...doc,
    id: `sr-${id}`,
    kind: "salesReceipt",
    lines: doc.lines.slice(0, 1).map((l) => ({ ...l, id: `sr-${id}-1` })),
    billings: [{ id: `sr-${id}`, date: doc.txnDate, amount }],
    ...opts,
  };
}

function refundReceipt(id: string, amount: string): SyncDocument {
  const doc = creditMemo(id, [{ item: { id: "5", name: "SaaS Subscription" }, amount }]);
  return {
    ...doc,
    id: `rr-${id}`,
    kind: "refundReceipt",
    docNumber: `R${id}`,
    lines: doc.lines.map((l) => ({ ...l, id: `rr-${id}-1` })),
  };
}

describe("sales and refund receipts in the tables", () => {
  it("a sales receipt bills like an invoice, a refund receipt reduces like a credit memo; each row says its kind", async () => {
    const wb = new MemoryWorkbook();
    await syncInto(
      wb,
      result([invoice("7")], {
        salesReceipts: [salesReceipt("7", "600.00")],
        refundReceipts: [refundReceipt("3", "100.00")],
      }),
      emptyBaseline(),
      SETTINGS
    );
    const contracts = await table(wb, "RevRecContracts");
    expect(contracts.map((r) => [r["Obligation"], r["Contract"], r["Document Type"]])).toEqual([
      ["inv-7-1", "inv-7", "Invoice"],
      ["inv-7-2", "inv-7", "Invoice"],
      ["sr-7-1", "sr-7", "Sales receipt"],
    ]);
    const billings = await table(wb, "RevRecBillings");
    expect(billings.find((r) => r["Billing"] === "sr-7-1")).toMatchObject({
      Contract: "sr-7",
      Amount: 600,
      Obligation: "sr-7-1",
      "QBO Invoice Id": "7",
      "Document Type": "Sales receipt",
    });
    const changes = await table(wb, "RevRecChanges");
    // The customer's latest subscription that started on or before the refund: the sales receipt's.
    expect(changes).toEqual([
      expect.objectContaining({
        Change: "rr-3-1",
        Type: "credit",
        Amount: 100,
        "QBO Credit Memo Id": "3",
        "Document Type": "Refund receipt",
      }),
    ]);
    expect(["inv-7-1", "sr-7-1"]).toContain(changes[0]?.["Obligation"]);
  });

  it("an incremental sync deleting invoice 7 leaves sales receipt 7 alone (they share the QuickBooks Id)", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(
      wb,
      result([invoice("7")], { salesReceipts: [salesReceipt("7", "600.00")] }),
      emptyBaseline(),
      SETTINGS
    );
    await syncInto(
      wb,
      result([], {
        mode: "incremental",
        replace: false,
        deleted: { invoices: ["7"], creditMemos: [], salesReceipts: [], refundReceipts: [] },
      }),
      first.baseline,
      SETTINGS
    );
    expect((await table(wb, "RevRecContracts")).map((r) => r["Obligation"])).toEqual(["sr-7-1"]);
    expect((await table(wb, "RevRecBillings")).map((r) => r["Billing"])).toEqual(["sr-7-1"]);
  });

  it("a refund receipt larger than anything left to refund is written unmatched, with an exact message", async () => {
    const wb = new MemoryWorkbook();
    const plan = await syncInto(
      wb,
      result([], {
        salesReceipts: [salesReceipt("7", "600.00")],
        refundReceipts: [refundReceipt("3", "900.00")],
      }),
      emptyBaseline(),
      SETTINGS
    );
    expect(plan.warnings).toEqual([
      "Refund receipt R3 (Acme) refunds 900.00 of SaaS Subscription, more than is left of any of Acme's " +
        "obligations, so its RevRecChanges row has no contract. Check the refund in QuickBooks, or fill the " +
        "row's Contract and Obligation.",
    ]);
    expect(await table(wb, "RevRecChanges")).toEqual([
      expect.objectContaining({ Change: "rr-3-1", Contract: "", Obligation: "" }),
    ]);
  });
});

describe("contracts over several documents", () => {
  const three = (): SyncDocument[] => [yearly("1", 2026), yearly("2", 2027), yearly("3", 2028)];

  it("three yearly invoices sharing a PO number are one contract, and one subscription obligation that runs on", async () => {
    const wb = new MemoryWorkbook();
    await syncInto(wb, result(three()), emptyBaseline());
    const contracts = await table(wb, "RevRecContracts");
    expect(
      contracts.map((r) => [r["Contract"], r["Obligation"], r["Price"], r["Start"], r["End"]])
    ).toEqual([
      ["PO-4500", "inv-1-1", 3600, "2026-04-01", "2029-03-31"],
      ["PO-4500", "inv-1-2", 300, "2026-03-25", ""],
    ]);
    const billings = await table(wb, "RevRecBillings");
    expect(
      billings.map((r) => [r["Billing"], r["Contract"], r["Obligation"], r["Amount"]])
    ).toEqual([
      ["inv-1-1", "PO-4500", "inv-1-1", 1200],
      ["inv-1-2", "PO-4500", "inv-1-2", 300],
      ["inv-2-1", "PO-4500", "inv-1-1", 1200],
      ["inv-3-1", "PO-4500", "inv-1-1", 1200],
    ]);
  });

  it("REVREC of the contract id covers all its documents, allocation runs over the whole contract", async () => {
    const wb = new MemoryWorkbook();
    await syncInto(wb, result(three()), emptyBaseline());
    // The analyst's standalone selling prices: 3,600 for the three years, 900 for the setup.
    await typeInto(wb, [
      { key: "inv-1-1", values: { SSP: 3600 } },
      { key: "inv-1-2", values: { SSP: 900 } },
    ]);
    const book = tablesToBook(await wb.readTables(NAMES));
    expect(book.issues).toEqual([]);
    const store = new BookStore();
    store.setBook(book.book);
    // 3,900 over SSPs 3,600 : 900 -> 3,120.00 and 780.00. The subscription earns 3,120 over 36 months: 260/3 a
    // month, so cumulative rounding gives 86.67, 86.66, 86.67 in turn. March 2026: the setup's 780.00; billed
    // 1,500.00, so 720.00 deferred. March 2027: 86.67 recognized (month 12), 1,200.00 billed.
    expect(
      evaluate(store, [
        [
          '=REVREC.ALLOCATED("PO-4500")',
          '=REVREC.ALLOCATED("inv-1-1")',
          '=REVREC.ALLOCATED("inv-1-2")',
        ],
        [
          '=REVREC.RECOGNIZED("PO-4500","2026-03")',
          '=REVREC.BILLED("PO-4500","2026-03")',
          '=REVREC.DEFERRED("PO-4500","2026-03")',
        ],
        [
          '=REVREC.RECOGNIZED("PO-4500","2026-05")',
          '=REVREC.RECOGNIZED("PO-4500","2027-03")',
          '=REVREC.BILLED("PO-4500","2027-03")',
        ],
        [
          '=REVREC.RECOGNIZED("PO-4500","2026")',
          '=REVREC.BILLED("PO-4500","2028")',
          '=REVREC.DEFERRED("PO-4500","2029-03")',
        ],
      ])
    ).toEqual([
      [3900, 3120, 780],
      [780, 1500, 720],
      [86.66, 86.67, 1200],
      // 2026: setup 780 + nine months Apr-Dec (three groups of 260.00) = 780 + 780
      [1560, 1200, 0],
    ]);
  });

  it("an incremental sync continues the table's obligation with the next year's invoice, and only once", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(
      wb,
      result([yearly("1", 2026), yearly("2", 2027)]),
      emptyBaseline()
    );
    const inc = (docs: SyncDocument[]) => result(docs, { mode: "incremental", replace: false });
    const second = await syncInto(wb, inc([yearly("3", 2028)]), first.baseline);
    const sub = async () =>
      (await table(wb, "RevRecContracts")).find((r) => r["Obligation"] === "inv-1-1");
    expect(await sub()).toMatchObject({ Price: 3600, End: "2029-03-31" });
    // The same invoice again (changed in QuickBooks, to 1,500.00): the obligation takes the new amount once.
    const again = yearly("3", 2028);
    const line = again.lines[0];
    if (line !== undefined) line.amount = line.grossAmount = "1500.00";
    await syncInto(wb, inc([again]), second.baseline);
    expect(await sub()).toMatchObject({ Price: 3900, End: "2029-03-31" });
    expect((await table(wb, "RevRecContracts")).map((r) => r["Obligation"])).toEqual([
      "inv-1-1",
      "inv-1-2",
    ]);
  });

  it("a grouping that puts two customers in one contract is refused, naming the key and both customers", () => {
    const other = yearly("2", 2027, "4500", { id: "31", name: "Birch Foods LLC" });
    const planned = planSync(result([yearly("1", 2026), other]), new Map(), emptyBaseline(), BY_PO);
    expect(planned).toEqual({
      ok: false,
      message:
        "Grouping by PO number puts two customers in contract PO-4500: Acme (Invoice Y2026) and Birch Foods LLC " +
        "(Invoice Y2027). A contract has one customer: correct the key in QuickBooks, or choose another grouping " +
        "on the Rules tab.",
    });
  });

  it("an incremental sync bringing another customer's document on a key already in the tables is refused too", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([yearly("1", 2026)]), emptyBaseline());
    const other = yearly("2", 2027, "4500", { id: "31", name: "Birch Foods LLC" });
    const inc = result([other], { mode: "incremental", replace: false });
    expect(planSync(inc, await wb.readTables(NAMES), first.baseline, BY_PO)).toEqual({
      ok: false,
      message:
        "Grouping by PO number puts two customers in contract PO-4500: Acme (Invoice Y2026) and Birch Foods LLC " +
        "(Invoice Y2027). A contract has one customer: correct the key in QuickBooks, or choose another grouping " +
        "on the Rules tab.",
    });
    // The same customer's next invoice on the key is no conflict; nor is Acme's own invoice synced again.
    expect(
      planSync(
        result([yearly("2", 2027), yearly("1", 2026)], { mode: "incremental", replace: false }),
        await wb.readTables(NAMES),
        first.baseline,
        BY_PO
      ).ok
    ).toBe(true);
  });

  it.each<[Grouping, Partial<SyncDocument>, string]>([
    [
      { by: "customField", field: "Contract #" },
      { customFields: [{ name: "Contract #", value: "C-2026-7" }] },
      "C-2026-7",
    ],
    [{ by: "recurring" }, { recurring: { id: "12", name: "Yearly plan" } }, "RT-12"],
    [{ by: "poNumber" }, {}, "inv-9"],
    [{ by: "none" }, { poNumber: "4500" }, "inv-9"],
  ])("grouping %j: the contract id", async (grouping, fields, contract) => {
    const wb = new MemoryWorkbook();
    await syncInto(wb, result([invoice("9", fields)]), emptyBaseline(), { ...SETTINGS, grouping });
    expect((await table(wb, "RevRecContracts")).map((r) => r["Contract"])).toEqual([
      contract,
      contract,
    ]);
  });

  it("a Contract cell edited by hand survives syncs, and the obligation's billings follow it", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(
      wb,
      result([invoice("9"), invoice("10")]),
      emptyBaseline(),
      SETTINGS
    );
    await typeInto(wb, [{ key: "inv-10-2", values: { Contract: "inv-9" } }]);
    const plan = await syncInto(
      wb,
      result([invoice("9"), invoice("10")]),
      first.baseline,
      SETTINGS
    );
    expect(plan.summary.find((s) => s.table === "RevRecContracts")?.keptEdits).toBe(0);
    const contracts = await table(wb, "RevRecContracts");
    expect(contracts.find((r) => r["Obligation"] === "inv-10-2")?.["Contract"]).toBe("inv-9");
    const billings = await table(wb, "RevRecBillings");
    expect(billings.find((r) => r["Billing"] === "inv-10-2")?.["Contract"]).toBe("inv-9");
    expect(tablesToBook(await wb.readTables(NAMES)).issues).toEqual([]);
  });
});
