/**
 * QuickBooks Invoice / CreditMemo / SalesReceipt / RefundReceipt JSON → the sync documents of docs/api.md ("SyncDocument"), pure.
 *
 * - Sales lines (also inside group lines) become obligations with stable ids (`inv-<Id>-<LineId>`; `cm-`, `sr-`, `rr-`
 *   for credit memos, sales receipts and refund receipts, whose Ids QuickBooks may share with an invoice's).
 * - What a contract may be grouped by comes along: the PO number, the custom fields with a value, RecurDataRef.
 * - Each discount line is spread over the sales lines it discounts — those above it that no earlier discount line
 *   covered — in proportion to their amounts, to the cent, by largest remainder. Each discounted line names the
 *   discount line's DiscountAccountRef: QuickBooks posted the line gross and debited that account with the discount.
 * - Service start: the line's ServiceDate, else the document's TxnDate.
 * - A voided document (TotalAmt 0, every line 0, PrivateNote starting "Voided") is kept, flagged, all amounts 0.
 * - Drafts and pending documents are reported as skipped.
 * - A document in another currency than the home currency is left out, described (multicurrency is not supported:
 *   its amounts would be read as home currency).
 */
import type { DocumentKind, LeftOutDocument, Ref, SyncDocument, SyncLine } from "../../wire";
import { allocateByWeights, formatAmount, parseAmount } from "../../core";

type Obj = { [key: string]: unknown };

export type TransformResult =
  | { ok: true; doc: SyncDocument }
  | { ok: false; reason: "draft" | "invalid"; qboId: string; message: string }
  | {
      ok: false;
      reason: "foreignCurrency";
      qboId: string;
      message: string;
      leftOut: LeftOutDocument;
    };

function obj(v: unknown): Obj | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}
function s(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}
function ref(v: unknown): Ref | undefined {
  const o = obj(v);
  if (o === undefined) return undefined;
  const id = s(o["value"]);
  return id === "" ? undefined : { id, name: s(o["name"]) };
}

const DRAFT_STATES = ["draft", "pending"];

/** Drafts and pending documents are not yet real sales. */
export function isDraft(doc: Obj): boolean {
  for (const k of ["status", "TxnStatus", "Status"]) {
    const v = doc[k];
    if (typeof v === "string" && DRAFT_STATES.includes(v.toLowerCase())) return true;
  }
  return false;
}

export interface RawSalesLine {
  lineId: string;
  item: Ref;
  class?: Ref;
  description?: string;
  gross: number;
  serviceDate?: string;
  quantity?: string;
}

export type Piece =
  | { kind: "sales"; line: RawSalesLine }
  | { kind: "discount"; amount: number; account?: Ref }
  | { kind: "other" };

function salesLine(l: Obj, detail: Obj, fallbackId: string): RawSalesLine | undefined {
  const item = ref(detail["ItemRef"]) ?? { id: "", name: "" };
  const gross = parseAmount(l["Amount"]) ?? 0;
  const lineId = s(l["Id"]) || fallbackId;
  const out: RawSalesLine = { lineId, item, gross };
  const cls = ref(detail["ClassRef"]);
  if (cls !== undefined) out.class = cls;
  const desc = s(l["Description"]);
  if (desc !== "") out.description = desc;
  const sd = s(detail["ServiceDate"]);
  if (/^\d{4}-\d{2}-\d{2}/.test(sd)) out.serviceDate = sd.slice(0, 10);
  const qty = detail["Qty"];
  if (typeof qty === "number" && Number.isFinite(qty)) out.quantity = String(qty);
  return out;
}

function pieces(lines: unknown): Piece[] {
  const out: Piece[] = [];
  if (!Array.isArray(lines)) return out;
  lines.forEach((raw, idx) => {
    const l = obj(raw);
    if (l === undefined) return;
    const type = s(l["DetailType"]).toLowerCase().replace(/_/g, "");
    if (type === "salesitemlinedetail") {
      const line = salesLine(l, obj(l["SalesItemLineDetail"]) ?? {}, `n${idx + 1}`);
      if (line !== undefined) out.push({ kind: "sales", line });
    } else if (type === "grouplinedetail") {
      const g = obj(l["GroupLineDetail"]) ?? {};
      const inner = Array.isArray(g["Line"]) ? g["Line"] : [];
      inner.forEach((ir, j) => {
        const il = obj(ir);
        if (il === undefined) return;
        const d = obj(il["SalesItemLineDetail"]);
        if (d === undefined) return;
        const line = salesLine(il, d, `${s(l["Id"]) || `n${idx + 1}`}.${j + 1}`);
        if (line !== undefined) out.push({ kind: "sales", line });
      });
    } else if (type === "discountlinedetail") {
      const amount = Math.abs(parseAmount(l["Amount"]) ?? 0);
      const account = ref(obj(l["DiscountLineDetail"])?.["DiscountAccountRef"]);
      out.push(
        account === undefined ? { kind: "discount", amount } : { kind: "discount", amount, account }
      );
    } else {
      out.push({ kind: "other" });
    }
  });
  return out;
}

/** Net amounts after spreading discounts; same order as the sales lines. Exported for tests. */
export function applyDiscounts(ps: readonly Piece[]): {
  lines: RawSalesLine[];
  net: number[];
  /** The discount account of the discount line that took something off each sales line, if any. */
  discountAccounts: (Ref | undefined)[];
  discount: number;
} {
  const lines: RawSalesLine[] = [];
  const net: number[] = [];
  const discountAccounts: (Ref | undefined)[] = [];
  let covered = 0; // sales lines before this index are covered by an earlier discount
  let discount = 0;
  for (const p of ps) {
    if (p.kind === "sales") {
      lines.push(p.line);
      net.push(p.line.gross);
      discountAccounts.push(undefined);
    } else if (p.kind === "discount" && p.amount !== 0) {
      const idx: number[] = [];
      for (let i = covered; i < lines.length; i++) if ((lines[i]?.gross ?? 0) > 0) idx.push(i);
      if (idx.length > 0) {
        const parts = allocateByWeights(
          p.amount,
          idx.map((i) => BigInt(lines[i]?.gross ?? 0))
        );
        idx.forEach((i, k) => {
          const part = parts[k] ?? 0;
          net[i] = (net[i] ?? 0) - part;
          if (part !== 0 && p.account !== undefined) discountAccounts[i] = p.account;
        });
        discount += p.amount;
      }
      covered = lines.length;
    }
  }
  return { lines, net, discountAccounts, discount };
}

export function isVoided(doc: Obj): boolean {
  const note = s(doc["PrivateNote"]);
  if (!/^voided/i.test(note.trim())) return false;
  if ((parseAmount(doc["TotalAmt"]) ?? 0) !== 0) return false;
  const lines = Array.isArray(doc["Line"]) ? doc["Line"] : [];
  return lines.every((l) => (parseAmount(obj(l)?.["Amount"]) ?? 0) === 0);
}

export function transformDocument(
  doc: Obj,
  kind: DocumentKind,
  homeCurrency: string
): TransformResult {
  const qboId = s(doc["Id"]);
  if (isDraft(doc)) return { ok: false, reason: "draft", qboId, message: "draft or pending" };
  const txnDate = s(doc["TxnDate"]).slice(0, 10);
  const customer = ref(doc["CustomerRef"]);
  if (qboId === "" || !/^\d{4}-\d{2}-\d{2}$/.test(txnDate) || customer === undefined) {
    return { ok: false, reason: "invalid", qboId, message: "missing Id, TxnDate or CustomerRef" };
  }
  const currency = ref(doc["CurrencyRef"])?.id ?? homeCurrency;
  if (currency !== homeCurrency) {
    const leftOut = foreignDocument(doc, kind, customer, currency, homeCurrency);
    return { ok: false, reason: "foreignCurrency", qboId, message: leftOut.message, leftOut };
  }
  const id = `${PREFIX[kind]}-${qboId}`;
  const voided = isVoided(doc);
  const { lines, net, discountAccounts, discount } = applyDiscounts(pieces(doc["Line"]));
  const subtotal = lines.reduce((a, l) => a + l.gross, 0);
  const tax = parseAmount(obj(doc["TxnTaxDetail"])?.["TotalTax"]) ?? 0;
  const total = parseAmount(doc["TotalAmt"]) ?? 0;
  const out: SyncDocument = {
    id,
    kind,
    qboId,
    docNumber: s(doc["DocNumber"]),
    customer,
    txnDate,
    currency,
    voided,
    syncToken: s(doc["SyncToken"]),
    lastUpdated: s(obj(doc["MetaData"])?.["LastUpdatedTime"]),
    lines: lines.map((l, i) => {
      const line: SyncLine = {
        id: `${id}-${l.lineId}`,
        qboLineId: l.lineId,
        item: l.item,
        amount: formatAmount(voided ? 0 : (net[i] ?? 0)),
        grossAmount: formatAmount(voided ? 0 : l.gross),
        serviceDate: l.serviceDate ?? txnDate,
      };
      if (l.class !== undefined) line.class = l.class;
      if (l.description !== undefined) line.description = l.description;
      if (l.quantity !== undefined) line.quantity = voided ? "0" : l.quantity;
      const discountAccount = discountAccounts[i];
      if (discountAccount !== undefined && !voided && (net[i] ?? 0) !== l.gross)
        line.discountAccount = discountAccount;
      return line;
    }),
    subtotal: formatAmount(voided ? 0 : subtotal),
    discount: formatAmount(voided ? 0 : discount),
    tax: formatAmount(voided ? 0 : tax),
    total: formatAmount(voided ? 0 : total),
    billings: [{ id, date: txnDate, amount: formatAmount(voided ? 0 : subtotal - discount) }],
  };
  const cls = ref(doc["ClassRef"]);
  if (cls !== undefined) out.class = cls;
  return { ok: true, doc: { ...out, ...groupingFields(doc) } };
}

const PREFIX: Record<DocumentKind, string> = {
  invoice: "inv",
  creditMemo: "cm",
  salesReceipt: "sr",
  refundReceipt: "rr",
};

/** How a document's kind reads in a sentence ("Invoice 1037"). */
export const KIND_LABEL: Record<DocumentKind, string> = {
  invoice: "Invoice",
  creditMemo: "Credit memo",
  salesReceipt: "Sales receipt",
  refundReceipt: "Refund receipt",
};

/** A custom field QuickBooks users name for the customer's purchase order number. */
const PO_FIELD = /^(customer\s+)?(p\.?\s*o\.?|purchase\s+order)\s*(number|no\.?|#)?$/i;

/** The PO number, the custom fields with a value and RecurDataRef, each only when the document has it. */
function groupingFields(doc: Obj): Pick<SyncDocument, "poNumber" | "customFields" | "recurring"> {
  const fields: { name: string; value: string }[] = [];
  for (const raw of Array.isArray(doc["CustomField"]) ? doc["CustomField"] : []) {
    const f = obj(raw);
    const value = s(f?.["StringValue"]).trim();
    if (f !== undefined && value !== "") fields.push({ name: s(f["Name"]).trim(), value });
  }
  const out: Pick<SyncDocument, "poNumber" | "customFields" | "recurring"> = {};
  const po = s(doc["PONumber"]).trim() || fields.find((f) => PO_FIELD.test(f.name))?.value;
  if (po !== undefined && po !== "") out.poNumber = po;
  if (fields.length > 0) out.customFields = fields;
  const recurring = ref(doc["RecurDataRef"]);
  if (recurring !== undefined) out.recurring = recurring;
  return out;
}

function foreignDocument(
  doc: Obj,
  kind: DocumentKind,
  customer: Ref,
  currency: string,
  homeCurrency: string
): LeftOutDocument {
  const docNumber = s(doc["DocNumber"]);
  const what = `${KIND_LABEL[kind]} ${docNumber || `#${s(doc["Id"])}`}`;
  const out: LeftOutDocument = {
    kind,
    qboId: s(doc["Id"]),
    docNumber,
    customer,
    txnDate: s(doc["TxnDate"]).slice(0, 10),
    reason: "foreignCurrency",
    message: `${what} (${customer.name || customer.id}) is in ${currency}, not the home currency ${homeCurrency}: RevRec does not handle other currencies yet, so it is not in the tables.`,
    currency,
    total: formatAmount(parseAmount(doc["TotalAmt"]) ?? 0),
  };
  const rate = s(doc["ExchangeRate"]);
  if (rate !== "") out.exchangeRate = rate;
  const home = parseAmount(doc["HomeTotalAmt"]);
  if (home !== undefined) out.homeTotal = formatAmount(home);
  return out;
}
