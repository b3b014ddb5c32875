// The documents a sync reads, per entity, by QuickBooks Id: the latest state of each, kept, left out or skipped.
import type { LeftOutDocument, SyncDocument } from "../../wire";
import type { JsonObject } from "../qbo/client";
import { byQboId } from "./leftOut";
import { transformDocument } from "./transform";

export const ENTITIES = [
  { entity: "Invoice", kind: "invoice" as const, phase: "invoices" as const },
  { entity: "CreditMemo", kind: "creditMemo" as const, phase: "creditMemos" as const },
];

export type Kind = (typeof ENTITIES)[number]["kind"];

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
