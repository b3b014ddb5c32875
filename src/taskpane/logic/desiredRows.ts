import { formatAmount, parseAmount, parseMonth, termEnd } from "../../core";
import { BILLINGS, CHANGES, CONTRACTS } from "../../core/tables";
import type { Cell } from "../../workbook";
import type { SyncDocument, SyncResult } from "../../wire";
import type { Row, Source } from "./baseline";
import { creditRows } from "./creditRows";
import { DOCUMENT_TYPE, type ContractIds } from "./grouping";
import { Obligations } from "./obligations";
import { cellDate } from "./dates";
import { cellAmount, documentOf } from "./rowIdentity";
import { needsTerm } from "./rules";
import type { Settings } from "./rules";

/** Method, Start and End by the item's rule; a continued obligation's End runs to the term of its last line. */
export function ruleColumns(settings: Settings, src: Source): Row {
  const rule = settings.rules[src.item] ?? settings.defaultRule;
  const startOf = (s: { serviceDate: string; txnDate: string }) =>
    rule.startFrom === "invoiceDate" ? s.txnDate : s.serviceDate;
  const start = startOf(src);
  const last = src.continued === undefined ? start : startOf(src.continued);
  // monthly-from-start counts its months itself (the Months column); End would be ignored.
  const counted = rule.method === "monthly-from-start";
  return {
    Method: rule.method,
    Start: start,
    End:
      !counted && needsTerm(rule.method) && rule.termMonths > 0
        ? termEnd(last, rule.termMonths)
        : "",
    // A continued obligation runs from its first line's month to the end of its last line's term.
    Months: counted ? monthsApart(start, last) + rule.termMonths : "",
  };
}

/** Whole months from `from`'s month to `to`'s (dates as YYYY-MM-DD). */
function monthsApart(from: string, to: string): number {
  const month = (d: string): number => parseMonth(d.slice(0, 7)) ?? 0;
  return month(to) - month(from);
}

export interface Desired {
  rows: Map<string, Map<string, Row>>;
  sources: Record<string, Source>;
  /** Problems to tell the analyst that do not stop the sync (a refund receipt nothing can take). */
  warnings: string[];
}

/**
 * A billing or credit row's Discount (grossAmount − amount, exact in cents) and Discount Account (the name QuickBooks
 * gives the line's discount account, else its id); both "" when the line was not discounted or the document is voided.
 */
export function lineDiscount(
  doc: SyncDocument,
  line: SyncDocument["lines"][number]
): { discount: Cell; discountAccount: Cell } {
  const net = parseAmount(line.amount);
  const gross = parseAmount(line.grossAmount);
  if (doc.voided || net === undefined || gross === undefined || gross === net)
    return { discount: "", discountAccount: "" };
  const account = line.discountAccount;
  return {
    discount: Number(formatAmount(gross - net)),
    discountAccount: account === undefined ? "" : account.name || account.id,
  };
}

/** What the tables already hold that a sync's rows are made against. */
export interface Context {
  /** RevRecContracts rows */
  contracts: readonly Row[];
  /** RevRecBillings rows */
  billings: readonly Row[];
  /**
   * The RevRecChanges rows this sync leaves in place: their credits are taken off their obligations' prices before
   * the result's credit memos are matched.
   */
  priorCredits: readonly Row[];
  /** the baseline's sources, which give the table's contract rows their QuickBooks customer ids */
  known: Readonly<Record<string, Source>>;
  /** Contract cells an analyst edited, by obligation: they win over the grouping */
  contractEdits: ReadonlyMap<string, string>;
  /** the contract each billing document belongs to (grouping.ts) */
  contractIds: Extract<ContractIds, { ok: true }>;
}

/**
 * The rows a sync result stands for, by table and key. Voided documents come with their amounts at zero. A line
 * that continues an obligation of its contract (same item, service following on) bills that obligation, whose
 * Price and End grow, instead of adding one.
 */
export function desiredRows(result: SyncResult, settings: Settings, ctx: Context): Desired {
  const contracts = new Map<string, Row>();
  const billings = new Map<string, Row>();
  const sources: Record<string, Source> = {};
  const open = openObligations(result, ctx);
  const billed = new Map(ctx.billings.map((r) => [String(r.Billing), r]));
  const docs = [...result.invoices, ...result.salesReceipts].sort(
    (a, b) => a.txnDate.localeCompare(b.txnDate) || Number(a.qboId) - Number(b.qboId)
  );
  for (const doc of docs) {
    for (const line of doc.lines) {
      const src: Source = {
        item: line.item?.id ?? "",
        serviceDate: line.serviceDate || doc.txnDate,
        txnDate: doc.txnDate,
        customer: doc.customer.id,
      };
      const contract = ctx.contractEdits.get(line.id) ?? ctx.contractIds.contractOf(doc);
      const amount = doc.voided ? 0 : Number(line.amount);
      const cols = ruleColumns(settings, src);
      // A line already billing another obligation (an earlier sync continued it) continues it still.
      const before = billed.get(line.id);
      const earlier =
        before === undefined || String(before.Obligation) === line.id
          ? undefined
          : open.get(contract, String(before.Obligation));
      const prev = doc.voided
        ? undefined
        : (earlier ?? open.continued(contract, line.item?.name ?? "", String(cols.Start)));
      let obligation = line.id;
      if (prev !== undefined) {
        // This line bills `prev`: its price grows by the line (less what the line billed it before), its term runs on.
        const again = before !== undefined && String(before.Obligation) === prev.id;
        prev.price +=
          toCents(amount) - (prev.existing && again ? toCents(cellAmount(before.Amount)) : 0);
        prev.src = {
          ...prev.src,
          continued: latest(prev.src.continued, src),
        };
        const term = ruleColumns(settings, prev.src);
        prev.end = String(term.End);
        contracts.set(prev.id, {
          ...(contracts.get(prev.id) ?? {}),
          Price: prev.price / 100,
          ...term,
        });
        sources[prev.id] = prev.src;
        obligation = prev.id;
      } else {
        sources[line.id] = src;
        contracts.set(line.id, {
          Contract: contract,
          Customer: doc.customer.name,
          Obligation: line.id,
          Item: line.item?.name ?? "",
          Class: line.class?.name ?? doc.class?.name ?? "",
          Price: amount,
          SSP: "",
          ...cols,
          Currency: doc.currency ?? result.homeCurrency,
          Invoice: doc.docNumber ?? "",
          "QBO Invoice Id": doc.qboId,
          "QBO Line Id": line.qboLineId,
          Voided: doc.voided,
          "Document Type": DOCUMENT_TYPE[doc.kind],
        });
        if (!doc.voided)
          open.add({
            id: line.id,
            contract,
            item: line.item?.name ?? "",
            end: String(cols.End),
            price: toCents(amount),
            src,
            existing: false,
          });
      }
      // One billing per line, tied to its obligation: the line's item decides where QuickBooks posted it (deferred
      // revenue or revenue, RevRecAccounts billingsPostTo[ITEM]). The lines' amounts are after discount and add up
      // to the document's billing (docs/api.md); a discounted line also carries its discount and the account
      // QuickBooks debited for it (it posted the line gross), for the journal to undo.
      const { discount, discountAccount } = lineDiscount(doc, line);
      billings.set(line.id, {
        Contract: contract,
        Billing: line.id,
        Date: doc.txnDate,
        Amount: amount,
        Obligation: obligation,
        Discount: discount,
        "Discount Account": discountAccount,
        Invoice: doc.docNumber ?? "",
        "QBO Invoice Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
        "Document Type": DOCUMENT_TYPE[doc.kind],
      });
    }
  }
  const credits = creditRows(result, settings, contracts, sources, ctx);
  return {
    rows: new Map([
      [CONTRACTS.name, contracts],
      [BILLINGS.name, billings],
      [CHANGES.name, credits.rows],
    ]),
    sources,
    warnings: credits.warnings,
  };
}

/** The later of two lines an obligation bills (its term runs to the latest). */
function latest(
  a: Source["continued"],
  b: { serviceDate: string; txnDate: string }
): { serviceDate: string; txnDate: string } {
  const key = (x: { serviceDate: string; txnDate: string }) => `${x.serviceDate}|${x.txnDate}`;
  const later = a !== undefined && key(a) > key(b) ? a : b;
  return { serviceDate: later.serviceDate, txnDate: later.txnDate };
}

function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/**
 * The obligations a line of this sync may continue. An incremental sync also looks at the table's rows of documents
 * it does not bring; a full sync brings every document, so it starts from none.
 */
function openObligations(result: SyncResult, ctx: Context): Obligations {
  const open = new Obligations();
  if (result.replace) return open;
  const synced = new Set(
    [...result.invoices, ...result.salesReceipts].map((d) => `${DOCUMENT_TYPE[d.kind]}|${d.qboId}`)
  );
  for (const r of ctx.contracts) {
    const id = String(r.Obligation ?? "");
    const src = ctx.known[id];
    const doc = documentOf(r, "Invoice", "QBO Invoice Id");
    if (src === undefined || doc === undefined || synced.has(doc) || r.Voided === true) continue;
    open.add({
      id,
      contract: String(r.Contract ?? ""),
      item: String(r.Item ?? ""),
      end: cellDate(r.End) ?? "",
      price: toCents(cellAmount(r.Price)),
      src,
      existing: true,
    });
  }
  return open;
}
