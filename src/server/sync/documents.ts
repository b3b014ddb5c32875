// The documents a sync reads, per entity, by QuickBooks Id: the latest state of each, kept, left out or skipped.
import type { LeftOutDocument, SyncDocument, SyncProgress } from "../../wire";
import type { JsonObject } from "../qbo/client";
import { byQboId } from "./leftOut";
import { transformDocument } from "./transform";

const INVOICE = { entity: "Invoice", kind: "invoice" as const, list: "invoices" as const };
const CREDIT_MEMO = {
  entity: "CreditMemo",
  kind: "creditMemo" as const,
  list: "creditMemos" as const,
};
const SALES_RECEIPT = {
  entity: "SalesReceipt",
  kind: "salesReceipt" as const,
  list: "salesReceipts" as const,
};
const REFUND_RECEIPT = {
  entity: "RefundReceipt",
  kind: "refundReceipt" as const,
  list: "refundReceipts" as const,
};

/** The entities a sync reads, in reading order; `list` names their list in the result, and the phase reading them. */
export const ENTITIES = [INVOICE, CREDIT_MEMO, SALES_RECEIPT, REFUND_RECEIPT];

export type Kind = (typeof ENTITIES)[number]["kind"];
export type ListName = (typeof ENTITIES)[number]["list"];
export type Entity = (typeof ENTITIES)[number];

/** One value per entity, by the name of its list in the result. */
export function perList<T>(f: (e: Entity) => T): Record<ListName, T> {
  return {
    invoices: f(INVOICE),
    creditMemos: f(CREDIT_MEMO),
    salesReceipts: f(SALES_RECEIPT),
    refundReceipts: f(REFUND_RECEIPT),
  };
}

/**
 * One entity's documents as last read, by QuickBooks Id: syncable ones, those left out for their currency, and the
 * Ids skipped (drafts, invalid).
 */
export class Documents {
  readonly docs = new Map<string, SyncDocument>();
  readonly leftOut = new Map<string, LeftOutDocument>();
  readonly skipped = new Set<string>();

  /** Take a document's latest state; its Id. */
  keep(row: JsonObject, kind: Kind, homeCurrency: string): string {
    const t = transformDocument(row, kind, homeCurrency);
    const id = t.ok ? t.doc.qboId : t.qboId;
    this.drop(id);
    if (t.ok) this.docs.set(id, t.doc);
    else if (t.reason === "foreignCurrency") this.leftOut.set(id, t.leftOut);
    else this.skipped.add(id);
    return id;
  }

  drop(id: string): void {
    this.docs.delete(id);
    this.leftOut.delete(id);
    this.skipped.delete(id);
  }

  /** Every Id read, whatever became of it. */
  get size(): number {
    return this.docs.size + this.leftOut.size + this.skipped.size;
  }

  /** In QuickBooks Id order (numeric). */
  list(): SyncDocument[] {
    return [...this.docs.values()].sort(byQboId);
  }
}

export type Reads = Record<Kind, Documents>;

export function newReads(): Reads {
  return {
    invoice: new Documents(),
    creditMemo: new Documents(),
    salesReceipt: new Documents(),
    refundReceipt: new Documents(),
  };
}

/** The progress counts of a full sync's reads so far: documents kept per list, and those skipped. */
export function readCounts(read: Reads): SyncProgress["counts"] {
  return {
    ...perList((e) => read[e.kind].docs.size),
    deleted: 0,
    skipped: ENTITIES.reduce((n, e) => n + read[e.kind].skipped.size, 0),
  };
}
