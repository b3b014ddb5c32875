// The adjusting entry that takes an already-posted entry to the current one: current − posted,
// netted by account, class and customer. Balanced whenever both inputs are.
import { LineBook } from "./lines";
import type { Journal, JournalLine } from "./types";

export function journalDifference(current: Journal, posted: readonly JournalLine[]): JournalLine[] {
  const book = new LineBook();
  const signed = (l: JournalLine): number => (l.posting === "Credit" ? l.amount : -l.amount);
  // Lines keep the order in which they first appear: the current entry's, then the posted one's.
  let rank = 0;
  for (const l of current.lines) book.credit(l.account, l.class, l.customer, signed(l), rank++);
  for (const l of posted) book.credit(l.account, l.class, l.customer, -signed(l), rank++);
  return book.lines();
}
