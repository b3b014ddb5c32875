import { formatAmount, parseAmount, termEnd } from "../../core";
import { BILLINGS, CHANGES, CONTRACTS, readAmount, type TableCell } from "../../core/tables";
import type { Cell } from "../../workbook";
import type { SyncDocument, SyncResult } from "../../wire";
import type { Row, Source } from "./baseline";
import { cellDate } from "./dates";
import { itemPostsTo, needsTerm } from "./rules";
import type { Settings } from "./rules";

export function ruleColumns(settings: Settings, src: Source): Row {
  const rule = settings.rules[src.item] ?? settings.defaultRule;
  const start = rule.startFrom === "invoiceDate" ? src.txnDate : src.serviceDate;
  // monthly-from-start counts its months itself (the Months column); End would be ignored.
  const counted = rule.method === "monthly-from-start";
  return {
    Method: rule.method,
    Start: start,
    End:
      !counted && needsTerm(rule.method) && rule.termMonths > 0
        ? termEnd(start, rule.termMonths)
        : "",
    Months: counted ? rule.termMonths : "",
  };
}

export interface Desired {
  rows: Map<string, Map<string, Row>>;
  sources: Record<string, Source>;
}

/**
 * A billing or credit row's Discount (grossAmount − amount, exact in cents) and Discount Account (the name QuickBooks
 * gives the line's discount account, else its id); both "" when the line was not discounted or the document is voided.
 */
function lineDiscount(
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

/**
 * The rows a sync result stands for, by table and key. Voided documents come with their amounts at zero.
 * priorCredits are the RevRecChanges rows this sync leaves in place: their credits are taken off their
 * obligations' prices before the result's credit memos are matched. known is the baseline's sources, which
 * give the table's contract rows their QuickBooks customer ids.
 */
export function desiredRows(
  result: SyncResult,
  settings: Settings,
  existingContracts: readonly Row[],
  priorCredits: readonly Row[] = [],
  known: Readonly<Record<string, Source>> = {}
): Desired {
  const contracts = new Map<string, Row>();
  const billings = new Map<string, Row>();
  const changes = new Map<string, Row>();
  const sources: Record<string, Source> = {};
  for (const doc of result.invoices) {
    for (const line of doc.lines) {
      const src: Source = {
        item: line.item?.id ?? "",
        serviceDate: line.serviceDate || doc.txnDate,
        txnDate: doc.txnDate,
        customer: doc.customer.id,
      };
      sources[line.id] = src;
      contracts.set(line.id, {
        Contract: doc.id,
        Customer: doc.customer.name,
        Obligation: line.id,
        Item: line.item?.name ?? "",
        Class: line.class?.name ?? doc.class?.name ?? "",
        Price: doc.voided ? 0 : Number(line.amount),
        SSP: "",
        ...ruleColumns(settings, src),
        Currency: doc.currency ?? result.homeCurrency,
        Invoice: doc.docNumber ?? "",
        "QBO Invoice Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
      });
    }
    // One billing per invoice line, tied to the line's obligation: the line's item decides where QuickBooks
    // posted it (deferred revenue or revenue, RevRecAccounts billingsPostTo[ITEM]). The lines' amounts are
    // after discount and add up to the invoice's billing (docs/api.md); a discounted line also carries its
    // discount and the account QuickBooks debited for it (it posted the line gross), for the journal to undo.
    for (const line of doc.lines) {
      const { discount, discountAccount } = lineDiscount(doc, line);
      billings.set(line.id, {
        Contract: doc.id,
        Billing: line.id,
        Date: doc.txnDate,
        Amount: doc.voided ? 0 : Number(line.amount),
        Obligation: line.id,
        Discount: discount,
        "Discount Account": discountAccount,
        Invoice: doc.docNumber ?? "",
        "QBO Invoice Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
      });
    }
  }
  const candidates = [
    ...existingContracts.filter((r) => !contracts.has(String(r.Obligation))),
    ...contracts.values(),
  ];
  // What is left of each obligation's price after the credits matched so far (oldest credit first).
  const left = new Map(candidates.map((r) => [String(r.Obligation), cellAmount(r.Price)]));
  for (const r of priorCredits) {
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
  for (const doc of [...result.invoices, ...result.creditMemos])
    for (const line of doc.lines) if (line.item) itemIds.set(line.item.name, line.item.id);
  const postsTo = (name: string) => itemPostsTo(settings.accounts, itemIds.get(name) ?? "");
  const memos = [...result.creditMemos].sort((a, b) => a.txnDate.localeCompare(b.txnDate));
  for (const doc of memos) {
    for (const line of doc.lines) {
      const amount = doc.voided ? 0 : Number(line.amount);
      // QuickBooks debited the income account with the line's gross and credited the discount account; the row
      // keeps the net Amount and the discount, for the journal to undo (as for an invoice line).
      const { discount, discountAccount } = lineDiscount(doc, line);
      const match = matchCredit(
        doc,
        line.item?.name ?? "",
        amount,
        candidates,
        left,
        postsTo,
        (r) => (sources[String(r.Obligation)] ?? known[String(r.Obligation)])?.customer
      );
      if (match)
        left.set(String(match.Obligation), (left.get(String(match.Obligation)) ?? 0) - amount);
      changes.set(line.id, {
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
        Item: line.item?.name ?? "",
        Class: "",
        Method: "",
        Start: "",
        "Credit Memo": doc.docNumber ?? "",
        "QBO Credit Memo Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
      });
    }
  }
  return {
    rows: new Map([
      [CONTRACTS.name, contracts],
      [BILLINGS.name, billings],
      [CHANGES.name, changes],
    ]),
    sources,
  };
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

/**
 * A Price or Amount cell as the engine reads it ("1,234.56" text included); 0 for a cell it refuses, which the book's
 * own reading reports with its table, row and column.
 */
function cellAmount(v: TableCell): number {
  const read = readAmount(v);
  return read.ok ? Number(read.value) : 0;
}
