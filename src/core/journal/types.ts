import type { Day, Month } from "../calendar";
import type { Cents } from "../money";

export interface AccountMap {
  revenue: string;
  revenueByItem: Record<string, string>;
  deferredRevenue: string;
  contractAsset: string;
  /**
   * The refund liability (customer credits beyond invoices, docs/book.md "Balances"); without it that balance
   * stays on the contract asset account, as before it had its own.
   */
  refundLiability?: string;
  /** Where invoices and credit memos were posted in QBO, for items without their own setting. */
  billingsPostTo: "deferred" | "revenue";
  /** Item -> where that item's invoices and credit memos were posted (its QBO income account). */
  billingsPostToByItem: Record<string, "deferred" | "revenue">;
}

export type Posting = "Debit" | "Credit";

export interface JournalLine {
  account: string;
  posting: Posting;
  /** Always positive. */
  amount: Cents;
  class?: string;
  customer?: string;
}

export interface Journal {
  from: Month;
  to: Month;
  /** The last day of `to`. */
  date: Day;
  /** Debits equal credits to the cent. */
  lines: JournalLine[];
}

export type JournalDetail = "summary" | "customer";
/** How a journal's lines may be split, the default first. */
export const JOURNAL_DETAILS: readonly JournalDetail[] = ["summary", "customer"];
