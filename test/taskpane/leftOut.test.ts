// Documents in another currency: what the pane remembers of them across syncs and what it tells the analyst.
import type { LeftOutDocument } from "../../src/wire";
import { leftOutByCurrency, leftOutText, mergeLeftOut } from "../../src/taskpane/logic/leftOut";
import { invoice, result } from "./fixtures";

function cad(qboId: string, total: string, homeTotal?: string): LeftOutDocument {
  return {
    kind: "invoice",
    qboId,
    docNumber: `CA-${qboId}`,
    customer: { id: "9", name: "Maple Ltd" },
    txnDate: "2026-03-01",
    reason: "foreignCurrency",
    message: `Invoice CA-${qboId} is in CAD.`,
    currency: "CAD",
    total,
    ...(homeTotal === undefined ? {} : { homeTotal }),
  };
}

describe("left-out documents", () => {
  it("a full sync replaces the list; an incremental one upserts it and forgets deleted or now-synced documents", () => {
    const full = mergeLeftOut(
      { "invoice-1": cad("1", "5.00") },
      result([], { leftOut: [cad("2", "9.60", "7.01"), cad("3", "100.00", "73.00")] })
    );
    expect(Object.keys(full).sort()).toEqual(["invoice-2", "invoice-3"]);

    const incremental = mergeLeftOut(
      full,
      result([invoice("3")], {
        replace: false,
        mode: "incremental",
        leftOut: [cad("4", "1.00", "0.73")],
        deleted: { invoices: ["2"], creditMemos: [], salesReceipts: [], refundReceipts: [] },
      })
    );
    expect(Object.keys(incremental).sort()).toEqual(["invoice-4"]);
  });

  it("says how many documents, how much in their currency and in QuickBooks' home amounts, and what that means", () => {
    const left = mergeLeftOut(
      undefined,
      result([], {
        leftOut: [
          cad("2", "9.60", "7.01"),
          cad("3", "100.00", "73.00"),
          { ...cad("5", "20.00"), currency: "EUR" },
        ],
      })
    );
    expect(leftOutByCurrency(left)).toEqual([
      { currency: "CAD", count: 2, total: "109.60", homeTotal: "80.01" },
      { currency: "EUR", count: 1, total: "20.00" },
    ]);
    expect(leftOutText(left, "USD")).toBe(
      "3 documents are in another currency than USD and left out of the tables: CAD 109.60 (2 documents, USD 80.01 in QuickBooks), EUR 20.00 (1 document). RevRec does not recognize foreign-currency documents yet, so QuickBooks' balances include them and the workbook's do not: the reconciliation differs by what they posted."
    );
    expect(leftOutText({}, "USD")).toBeUndefined();
  });

  it("counts a credit memo against its currency's total", () => {
    const left = mergeLeftOut(
      undefined,
      result([], {
        leftOut: [cad("2", "9.60", "7.01"), { ...cad("6", "1.60", "1.17"), kind: "creditMemo" }],
      })
    );
    expect(leftOutByCurrency(left)).toEqual([
      { currency: "CAD", count: 2, total: "8.00", homeTotal: "5.84" },
    ]);
  });
});
