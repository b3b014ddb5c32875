// Which contract a synced document belongs to: its own (one document, one contract), or the one its grouping key
// names, so that a deal billed by several documents is one contract.
import type { DocumentKind, SyncDocument } from "../../wire";

/** The Rules tab's grouping key, a workbook setting; absent means "none". */
export type Grouping =
  { by: "none" } | { by: "poNumber" } | { by: "recurring" } | { by: "customField"; field: string };

export const GROUPINGS: readonly { value: Grouping["by"]; label: string }[] = [
  { value: "none", label: "None: one contract per document" },
  { value: "customField", label: "A QuickBooks custom field" },
  { value: "poNumber", label: "The customer's PO number" },
  { value: "recurring", label: "The recurring-transaction template" },
];

/** How a document kind reads in the tables' Document Type column and in messages. */
export const DOCUMENT_TYPE: Readonly<Record<DocumentKind, string>> = {
  invoice: "Invoice",
  creditMemo: "Credit memo",
  salesReceipt: "Sales receipt",
  refundReceipt: "Refund receipt",
};

/** Whether two groupings put documents in the same contracts (absent is "none"; custom field names by case). */
export function sameGrouping(a: Grouping | undefined, b: Grouping | undefined): boolean {
  const x = a ?? { by: "none" };
  const y = b ?? { by: "none" };
  if (x.by === "customField" && y.by === "customField")
    return x.field.trim().toLowerCase() === y.field.trim().toLowerCase();
  return x.by === y.by;
}

/** The key's name in a sentence. */
export function groupingName(g: Grouping): string {
  if (g.by === "poNumber") return "PO number";
  if (g.by === "recurring") return "recurring template";
  if (g.by === "customField") return `custom field "${g.field}"`;
  return "document";
}

/** The contract id a document's key gives, or undefined when the document has no value for the key. */
function keyedContract(doc: SyncDocument, g: Grouping): string | undefined {
  if (g.by === "poNumber") return doc.poNumber === undefined ? undefined : `PO-${doc.poNumber}`;
  if (g.by === "recurring")
    return doc.recurring === undefined ? undefined : `RT-${doc.recurring.id}`;
  if (g.by === "customField") {
    const want = g.field.trim().toLowerCase();
    return doc.customFields?.find((f) => f.name.trim().toLowerCase() === want)?.value;
  }
  return undefined;
}

export type ContractIds =
  { ok: true; contractOf: (doc: SyncDocument) => string } | { ok: false; message: string };

/** A document as the two-customers message names it: its customer, its kind and its number. */
export interface NamedDocument {
  customer: string;
  type: string;
  number: string;
}

const named = (doc: SyncDocument): NamedDocument => ({
  customer: doc.customer.name,
  type: DOCUMENT_TYPE[doc.kind],
  number: doc.docNumber || doc.qboId,
});

/** Why a grouping key is refused: it puts two customers' documents in one contract. */
export function twoCustomers(
  grouping: Grouping,
  contract: string,
  first: NamedDocument,
  second: NamedDocument
): string {
  return (
    `Grouping by ${groupingName(grouping)} puts two customers in contract ${contract}: ` +
    `${first.customer} (${first.type} ${first.number}) and ${second.customer} (${second.type} ${second.number}). ` +
    "A contract has one customer: correct the key in QuickBooks, or choose another grouping on the Rules tab."
  );
}

/**
 * Contract ids for the billing documents of a sync: the key's contract for documents that have a value, their own id
 * otherwise. A key shared by two customers' documents is refused, naming the key and both customers: a contract has
 * one customer. `kept` are the table's rows this sync leaves as they are (an incremental sync's other documents):
 * a document keyed into one of their contracts must have its customer too.
 */
export function contractIds(
  docs: readonly SyncDocument[],
  g: Grouping | undefined,
  kept: readonly { contract: string; document: NamedDocument }[] = []
): ContractIds {
  const grouping = g ?? { by: "none" };
  const customerOf = new Map<string, NamedDocument & { id: string }>();
  for (const k of kept)
    if (!customerOf.has(k.contract)) customerOf.set(k.contract, { ...k.document, id: "" });
  for (const doc of docs) {
    const contract = keyedContract(doc, grouping);
    if (contract === undefined) continue;
    const first = customerOf.get(contract);
    if (first === undefined) customerOf.set(contract, { ...named(doc), id: doc.customer.id });
    else if (first.id === "" ? first.customer !== doc.customer.name : first.id !== doc.customer.id)
      return { ok: false, message: twoCustomers(grouping, contract, first, named(doc)) };
  }
  return { ok: true, contractOf: (doc) => keyedContract(doc, grouping) ?? doc.id };
}
