// One balanced journal entry for a period or a range of periods (docs/book.md, "Journal").
import { lastDay, type Month } from "../calendar";
import { own } from "../dict";
import type { ContractSchedule, Schedule } from "../schedule/types";
import { LineBook } from "./lines";
import type { AccountMap, Journal, JournalDetail } from "./types";

const REVENUE = 0;
const DEFERRED = 1;
const ASSET = 2;
const REFUND = 3;

/**
 * Per contract: credit revenue for what [from, to] recognized, and move deferred revenue and the
 * contract asset so that, on top of the entries of earlier periods, their balances equal the
 * engine's balances at the end of `to`.
 *
 * Each invoice and credit memo in the range posts where its obligation's item says
 * (billingsPostToByItem), else where billingsPostTo says:
 * - to deferred revenue: it already moved deferred revenue by its amount, so with B_d billed that
 *   way, deferred revenue moves by Δdeferred − B_d here;
 * - to revenue: it already credited revenue, so its revenue account is debited back by its amount.
 * A discounted invoice was posted by QBO at its gross amount (amount + discount) and debited its discount
 * account: the gross is routed as above and the discount account is credited back by the discount, so
 * the workbook's net amount is what remains (gross − discount = net). A discounted credit memo is the
 * mirror (its amount and discount are negative here): QBO debited the income account with the gross and
 * credited the discount account, which is debited back.
 *
 * Each contract's part balances on its own: debits − credits = −Δdeferred + B_d + Δunbilled + Δrefund + B_r − R
 * = B − (B − R) − R = 0, since Δdeferred − Δunbilled − Δrefund = billed − recognized.
 *
 * The refund line: a credit memo beyond the invoices credited the customer's receivable in QBO (a refund receipt
 * paid it out) and debited deferred revenue or revenue. That debit is the customer's credit, not revenue earned
 * and unbilled, so the entry carries it on the refund liability account (docs/book.md, "Balances") instead of the
 * contract asset; without that account it stays on the contract asset account, as before.
 */
export function buildJournal(
  s: Schedule,
  accounts: AccountMap,
  from: Month,
  to: Month,
  detail: JournalDetail
): Journal {
  const book = new LineBook();
  for (const c of s.contracts) addContract(book, c, accounts, from, to, detail);
  return { from, to, date: lastDay(to), lines: book.lines() };
}

function addContract(
  book: LineBook,
  c: ContractSchedule,
  accounts: AccountMap,
  from: Month,
  to: Month,
  detail: JournalDetail
): void {
  const customer = detail === "customer" ? c.customer : undefined;
  const revenueAccount = (item: string | undefined): string =>
    (item === undefined ? undefined : own(accounts.revenueByItem, item)) ?? accounts.revenue;

  for (const o of c.obligations) {
    book.credit(revenueAccount(o.item), o.class, customer, o.revenue(from, to), REVENUE);
  }

  // Balance-sheet lines carry a class only when every obligation of the contract shares it.
  const klass = sharedClass(c);
  const deferredMove = c.deferred(to) - c.deferred(from - 1);
  const assetMove = c.unbilled(to) - c.unbilled(from - 1);
  const refundMove = c.refund(to) - c.refund(from - 1);

  // Each invoice and credit memo in the range was posted by QBO either to deferred revenue or to
  // revenue, as its item's income account says (billingsPostToByItem, else billingsPostTo).
  let billedToDeferred = 0;
  for (const b of c.billingLines) {
    if (b.month < from || b.month > to) continue;
    const o =
      b.obligation === undefined ? undefined : c.obligations.find((x) => x.id === b.obligation);
    // The document's own item (a credit memo's) when given, else its obligation's.
    const item = b.item ?? o?.item;
    const postTo =
      (item === undefined ? undefined : own(accounts.billingsPostToByItem, item)) ??
      accounts.billingsPostTo;
    // What QBO put on the income account: the gross of a discounted invoice (or credit memo, both negative).
    const gross = b.amount + (b.discount?.amount ?? 0);
    if (postTo === "deferred") {
      billedToDeferred += gross;
    } else {
      const account =
        o === undefined && b.item === undefined ? accounts.revenue : revenueAccount(item);
      book.debit(account, o === undefined ? klass : o.class, customer, gross, REVENUE);
    }
    // QBO debited the discount account (credited it, for a credit memo); the workbook's revenue is already net,
    // so undo it.
    if (b.discount !== undefined) {
      book.credit(b.discount.account, klass, customer, b.discount.amount, REVENUE);
    }
  }
  book.credit(accounts.deferredRevenue, klass, customer, deferredMove - billedToDeferred, DEFERRED);
  book.debit(accounts.contractAsset, klass, customer, assetMove, ASSET);
  book.debit(
    accounts.refundLiability ?? accounts.contractAsset,
    klass,
    customer,
    refundMove,
    REFUND
  );
}

function sharedClass(c: ContractSchedule): string | undefined {
  const first = c.obligations[0]?.class;
  return c.obligations.every((o) => o.class === first) ? first : undefined;
}
