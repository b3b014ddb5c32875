// Accumulates signed amounts by (account, class, customer) and turns them into journal lines:
// positive nets are credits, negative nets debits, zero nets are dropped.
import type { Cents } from "../money";
import type { JournalLine } from "./types";

interface Bucket {
  account: string;
  class: string | undefined;
  customer: string | undefined;
  /** Sort rank of the first kind of line that used this bucket (revenue, deferred, asset). */
  rank: number;
  /** Credits minus debits. */
  net: Cents;
}

export class LineBook {
  private readonly buckets = new Map<string, Bucket>();

  credit(
    account: string,
    klass: string | undefined,
    customer: string | undefined,
    amount: Cents,
    rank = 0
  ): void {
    if (amount === 0) return;
    const key = JSON.stringify([account, klass ?? null, customer ?? null]);
    const bucket = this.buckets.get(key);
    if (bucket === undefined)
      this.buckets.set(key, { account, class: klass, customer, rank, net: amount });
    else bucket.net += amount;
  }

  debit(
    account: string,
    klass: string | undefined,
    customer: string | undefined,
    amount: Cents,
    rank = 0
  ): void {
    this.credit(account, klass, customer, -amount, rank);
  }

  /** Lines ordered by rank, account, class, customer (plain code-unit order: deterministic). */
  lines(): JournalLine[] {
    const buckets = [...this.buckets.values()].filter((b) => b.net !== 0);
    buckets.sort(
      (a, b) =>
        a.rank - b.rank ||
        compare(a.account, b.account) ||
        compare(a.class ?? "", b.class ?? "") ||
        compare(a.customer ?? "", b.customer ?? "")
    );
    return buckets.map((b) => {
      const line: JournalLine = {
        account: b.account,
        posting: b.net > 0 ? "Credit" : "Debit",
        amount: Math.abs(b.net),
      };
      if (b.class !== undefined) line.class = b.class;
      if (b.customer !== undefined) line.customer = b.customer;
      return line;
    });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
