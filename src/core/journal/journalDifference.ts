// The adjusting entry that takes an already-posted entry to the current one: current − posted,
// netted by account, class and customer. Balanced whenever both inputs are.
import { LineBook } from "./lines";
import type { Journal, JournalLine } from "./types";

export function journalDifference(current: Journal, posted: readonly JournalLine[]): JournalLine[] {
  const book = new LineBook();
  const signed = (l: JournalLine): number => (l.posting === "Credit" ? l.amount : -l.amount);
  for (const l of current.lines) book.credit(l.account, l.class, l.customer, signed(l));
  for (const l of posted) book.credit(l.account, l.class, l.customer, -signed(l));
  return book.lines();
}
