/**
 * The general ledger: every invoice, credit memo, sales and refund receipt and journal entry becomes double-entry postings
 * (debit positive, credit negative, in cents), from which Account.CurrentBalance and TrialBalance come.
 */
import { getArr, getNum, getObj, getStr, isObj, refValue, type JsonObject } from "./json";
import { toCents } from "./money";

export interface Posting {
  account: string;
  date: string;
  /** cents; debit > 0, credit < 0 */
  amount: number;
}

export interface LedgerLookup {
  itemIncomeAccount(itemId: string): string | undefined;
  receivableAccount(): string;
  discountAccount(): string;
  salesTaxAccount(): string;
  undepositedFundsAccount(): string;
}

export class Ledger {
  private readonly byTxn = new Map<string, Posting[]>();
  private readonly balances = new Map<string, number>();

  /** Replaces the postings of one transaction; returns the accounts whose balance changed. */
  set(key: string, postings: Posting[]): Set<string> {
    const touched = this.remove(key);
    for (const p of postings) {
      if (p.amount === 0) continue;
      this.balances.set(p.account, (this.balances.get(p.account) ?? 0) + p.amount);
      touched.add(p.account);
    }
    if (postings.length > 0) this.byTxn.set(key, postings);
    return touched;
  }

  remove(key: string): Set<string> {
    const touched = new Set<string>();
    for (const p of this.byTxn.get(key) ?? []) {
      this.balances.set(p.account, (this.balances.get(p.account) ?? 0) - p.amount);
      touched.add(p.account);
    }
    this.byTxn.delete(key);
    return touched;
  }

  /** Debit-positive balance of an account now. */
  balance(account: string): number {
    return this.balances.get(account) ?? 0;
  }

  /** Debit-positive balances of every account with postings dated on or before `date` (YYYY-MM-DD). */
  balancesAsOf(date: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const postings of this.byTxn.values()) {
      for (const p of postings) {
        if (p.date <= date) out.set(p.account, (out.get(p.account) ?? 0) + p.amount);
      }
    }
    return out;
  }

  get transactionCount(): number {
    return this.byTxn.size;
  }
}

/**
 * A sales document's postings: each line to its item's account, discounts and tax, and the total to `balancing`
 * (A/R for invoices and credit memos, the deposit account for sales and refund receipts). sign is +1 for documents
 * that bill, -1 for those that give back.
 */
function salesPostings(
  txn: JsonObject,
  sign: 1 | -1,
  look: LedgerLookup,
  balancing: string
): Posting[] {
  const date = getStr(txn, "TxnDate") ?? "";
  const out: Posting[] = [];
  let total = 0;
  for (const line of getArr(txn, "Line") ?? []) {
    if (!isObj(line)) continue;
    const amount = toCents(getNum(line, "Amount") ?? 0);
    const type = getStr(line, "DetailType");
    if (type === "SalesItemLineDetail" || type === "GroupLineDetail") {
      const nested =
        type === "GroupLineDetail"
          ? (getArr(getObj(line, "GroupLineDetail"), "Line") ?? [])
          : [line];
      for (const n of nested) {
        if (!isObj(n)) continue;
        const d = getObj(n, "SalesItemLineDetail");
        const item = refValue(d, "ItemRef");
        const account =
          refValue(d, "ItemAccountRef") ?? (item ? look.itemIncomeAccount(item) : undefined);
        const cents = toCents(getNum(n, "Amount") ?? 0);
        if (account) out.push({ account, date, amount: -sign * cents });
        total += cents;
      }
    } else if (type === "DiscountLineDetail") {
      const d = getObj(line, "DiscountLineDetail");
      const account = refValue(d, "DiscountAccountRef") ?? look.discountAccount();
      out.push({ account, date, amount: sign * amount });
      total -= amount;
    }
  }
  const tax = toCents(getNum(getObj(txn, "TxnTaxDetail"), "TotalTax") ?? 0);
  if (tax !== 0) {
    out.push({ account: look.salesTaxAccount(), date, amount: -sign * tax });
    total += tax;
  }
  out.push({ account: balancing, date, amount: sign * total });
  return out;
}

/** A receipt's deposit account: DepositToAccountRef, else Undeposited Funds (QBO's default for sales receipts). */
function depositAccount(txn: JsonObject, look: LedgerLookup): string {
  return refValue(txn, "DepositToAccountRef") ?? look.undepositedFundsAccount();
}

/** The postings a transaction makes; name-list entities make none. */
export function postingsOf(entity: string, txn: JsonObject, look: LedgerLookup): Posting[] {
  if (entity === "Invoice") return salesPostings(txn, 1, look, look.receivableAccount());
  if (entity === "CreditMemo") return salesPostings(txn, -1, look, look.receivableAccount());
  if (entity === "SalesReceipt") return salesPostings(txn, 1, look, depositAccount(txn, look));
  if (entity === "RefundReceipt") return salesPostings(txn, -1, look, depositAccount(txn, look));
  if (entity !== "JournalEntry") return [];
  const date = getStr(txn, "TxnDate") ?? "";
  const out: Posting[] = [];
  for (const line of getArr(txn, "Line") ?? []) {
    if (!isObj(line) || getStr(line, "DetailType") !== "JournalEntryLineDetail") continue;
    const d = getObj(line, "JournalEntryLineDetail");
    const account = refValue(d, "AccountRef");
    const amount = toCents(getNum(line, "Amount") ?? 0);
    if (!account) continue;
    out.push({ account, date, amount: getStr(d, "PostingType") === "Credit" ? -amount : amount });
  }
  return out;
}
