// Credit memos and refund receipts as RevRecChanges credit rows, each matched to an obligation of its customer.
import { formatAmount } from "../../core";
import type { SyncDocument, SyncResult } from "../../wire";
import type { Row, Source } from "./baseline";
import { cellDate } from "./dates";
import { lineDiscount, type Context } from "./desiredRows";
import { DOCUMENT_TYPE } from "./grouping";
import { cellAmount } from "./rowIdentity";
import { itemPostsTo, type Settings } from "./rules";

/**
 * The credit rows of a sync's credit memos and refund receipts (oldest first), matched against the contract rows this
 * sync writes (`contracts`, over the table's) less the credits already on them. A refund receipt no obligation has
 * enough left for is written unmatched and named in `warnings`.
 */
export function creditRows(
  result: SyncResult,
  settings: Settings,
  contracts: ReadonlyMap<string, Row>,
  sources: Readonly<Record<string, Source>>,
  ctx: Context
): { rows: Map<string, Row>; warnings: string[] } {
  const rows = new Map<string, Row>();
  const warnings: string[] = [];
  const existing = new Set(ctx.contracts.map((r) => String(r.Obligation)));
  const candidates = [
    ...ctx.contracts.map((r) => ({ ...r, ...(contracts.get(String(r.Obligation)) ?? {}) })),
    ...[...contracts.values()].filter((r) => !existing.has(String(r.Obligation))),
  ];
  // What is left of each obligation's price after the credits matched so far (oldest credit first).
  const left = new Map(candidates.map((r) => [String(r.Obligation), cellAmount(r.Price)]));
  for (const r of ctx.priorCredits) {
    const ob = String(r.Obligation ?? "");
    if (
      String(r.Type ?? "")
        .trim()
        .toLowerCase() !== "credit" ||
      !left.has(ob)
    )
      continue;
    if (String(r.Voided ?? "").toLowerCase() === "true") continue;
    left.set(ob, (left.get(ob) ?? 0) - cellAmount(r.Amount));
  }
  // Where QuickBooks posted an item's documents (deferred revenue or revenue), by item name.
  const itemIds = new Map<string, string>();
  for (const doc of [
    ...result.invoices,
    ...result.salesReceipts,
    ...result.creditMemos,
    ...result.refundReceipts,
  ])
    for (const line of doc.lines) if (line.item) itemIds.set(line.item.name, line.item.id);
  const postsTo = (name: string) => itemPostsTo(settings.accounts, itemIds.get(name) ?? "");
  const memos = [...result.creditMemos, ...result.refundReceipts].sort((a, b) =>
    a.txnDate.localeCompare(b.txnDate)
  );
  for (const doc of memos) {
    for (const line of doc.lines) {
      const amount = doc.voided ? 0 : Number(line.amount);
      // QuickBooks debited the income account with the line's gross and credited the discount account; the row
      // keeps the net Amount and the discount, for the journal to undo (as for an invoice line).
      const { discount, discountAccount } = lineDiscount(doc, line);
      const item = line.item?.name ?? "";
      const match = matchCredit(
        doc,
        item,
        amount,
        candidates,
        left,
        postsTo,
        (r) => (sources[String(r.Obligation)] ?? ctx.known[String(r.Obligation)])?.customer
      );
      if (match)
        left.set(String(match.Obligation), (left.get(String(match.Obligation)) ?? 0) - amount);
      else if (doc.kind === "refundReceipt") warnings.push(refundTooLarge(doc, item, amount));
      rows.set(line.id, {
        Contract: match ? String(match.Contract) : "",
        Change: line.id,
        Type: "credit",
        Date: doc.txnDate,
        Obligation: match ? String(match.Obligation) : "",
        Treatment: "prospective",
        Price: "",
        End: "",
        Amount: amount,
        Discount: discount,
        "Discount Account": discountAccount,
        // QuickBooks posted the credit memo by its own item, which may not be the matched obligation's.
        Item: item,
        Class: "",
        Method: "",
        Start: "",
        "Credit Memo": doc.docNumber ?? "",
        "QBO Credit Memo Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
        "Document Type": DOCUMENT_TYPE[doc.kind],
      });
    }
  }
  return { rows, warnings };
}

/** A refund receipt line that no obligation of its customer has enough price left to take. */
function refundTooLarge(doc: SyncDocument, item: string, amount: number): string {
  const what = `Refund receipt ${doc.docNumber || `#${doc.qboId}`}`;
  const sum = formatAmount(Math.round(amount * 100));
  return (
    `${what} (${doc.customer.name}) refunds ${sum}${item === "" ? "" : ` of ${item}`}, more than is left of any of ` +
    `${doc.customer.name}'s obligations, so its RevRecChanges row has no contract. Check the refund in QuickBooks, or ` +
    "fill the row's Contract and Obligation."
  );
}

/**
 * QuickBooks does not link a credit memo to an invoice: take the customer's (by QuickBooks id when both
 * sides have one, so a renamed customer still matches; else by name) obligation for the same item with
 * enough price left, the latest that started on or before the credit; else one whose item QuickBooks posts to the
 * same place (deferred revenue or revenue) — QuickBooks posted the credit memo by its own item, and the journal
 * reads where from the obligation's item, so a match across the two would leave deferred revenue off by the credit;
 * else any of the customer's with enough left. The analyst can change it in RevRecChanges.
 */
function matchCredit(
  doc: SyncDocument,
  item: string,
  amount: number,
  rows: readonly Row[],
  left: ReadonlyMap<string, number>,
  postsTo: (item: string) => "deferred" | "revenue",
  customerOf: (r: Row) => string | undefined
): Row | undefined {
  const enough = (r: Row) => (left.get(String(r.Obligation)) ?? 0) + 0.005 >= amount;
  const sameCustomer = (r: Row) => {
    const id = customerOf(r);
    return id && doc.customer.id
      ? id === doc.customer.id
      : String(r.Customer) === doc.customer.name;
  };
  const mine = rows.filter((r) => sameCustomer(r) && r.Voided !== true && enough(r));
  const sameItem = mine.filter((r) => item !== "" && String(r.Item) === item);
  const samePlace = mine.filter((r) => postsTo(String(r.Item)) === postsTo(item));
  const pool = sameItem.length > 0 ? sameItem : samePlace.length > 0 ? samePlace : mine;
  const before = pool.filter((r) => (cellDate(r.Start) ?? "") <= doc.txnDate);
  const pick = (before.length > 0 ? before : pool).slice();
  pick.sort((a, b) => (cellDate(a.Start) ?? "").localeCompare(cellDate(b.Start) ?? ""));
  return pick[pick.length - 1];
}
