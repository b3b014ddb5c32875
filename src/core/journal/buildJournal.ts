// One balanced journal entry for a period or a range of periods (docs/book.md, "Journal").
import { lastDay, type Month } from "../calendar";
import type { ContractSchedule, Schedule } from "../schedule/types";
import { LineBook } from "./lines";
import type { AccountMap, Journal, JournalDetail } from "./types";

const REVENUE = 0;
const DEFERRED = 1;
const ASSET = 2;

/**
 * Per contract: credit revenue for what [from, to] recognized, and move deferred revenue and the
 * contract asset so that, on top of the entries of earlier periods, their balances equal the
 * engine's balances at the end of `to`.
 *
 * - billingsPostTo "deferred": invoices and credit memos already moved deferred revenue by the
 *   amount billed B, so deferred revenue moves by Δdeferred − B here.
 * - billingsPostTo "revenue": invoices already credited revenue, so revenue is debited back by
 *   what was billed (per item account) and deferred revenue moves by Δdeferred.
 *
 * Each contract's part balances on its own: Δdeferred − Δunbilled = billed − recognized.
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
    (item === undefined ? undefined : accounts.revenueByItem[item]) ?? accounts.revenue;

  for (const o of c.obligations) {
    book.credit(revenueAccount(o.item), o.class, customer, o.revenue(from, to), REVENUE);
  }

  // Balance-sheet lines carry a class only when every obligation of the contract shares it.
  const klass = sharedClass(c);
  const billed = c.billed(from, to);
  const deferredMove = c.deferred(to) - c.deferred(from - 1);
  const assetMove = c.unbilled(to) - c.unbilled(from - 1);

  if (accounts.billingsPostTo === "deferred") {
    book.credit(accounts.deferredRevenue, klass, customer, deferredMove - billed, DEFERRED);
  } else {
    for (const b of c.billingLines) {
      if (b.month < from || b.month > to) continue;
      const o =
        b.obligation === undefined ? undefined : c.obligations.find((x) => x.id === b.obligation);
      const account = o === undefined ? accounts.revenue : revenueAccount(o.item);
      book.debit(account, o === undefined ? klass : o.class, customer, b.amount, REVENUE);
    }
    book.credit(accounts.deferredRevenue, klass, customer, deferredMove, DEFERRED);
  }
  book.debit(accounts.contractAsset, klass, customer, assetMove, ASSET);
}

function sharedClass(c: ContractSchedule): string | undefined {
  const first = c.obligations[0]?.class;
  return c.obligations.every((o) => o.class === first) ? first : undefined;
}
