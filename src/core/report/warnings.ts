// Balances a contract keeps after everything in the book has happened. A contract with credit memos that still
// carries a contract asset at its end has revenue no invoice in the book will ever bill (typically a price cut
// written both as a credit memo and in a modify's price, or a credit the price never took); deferred revenue left
// at its end is billing no revenue will ever use; credits beyond the invoices at its end are owed to the customer for
// good. All are worth a look before closing.
import { formatMonth } from "../calendar";
import { formatAmount } from "../money";
import type { Schedule } from "../schedule/types";

export function endingBalanceWarnings(s: Schedule): string[] {
  const warnings: string[] = [];
  for (const c of s.contracts) {
    if (!c.billingLines.some((b) => b.amount < 0)) continue;
    const unbilled = c.unbilled(c.last);
    const deferred = c.deferred(c.last);
    const refund = c.refund(c.last);
    const at = formatMonth(c.last);
    if (refund > 0) {
      warnings.push(
        `contract ${c.id} ends (${at}) with ${formatAmount(refund)} of credits beyond its invoices (a refund liability) that no invoice in the book takes up; check its credit memos and invoices.`
      );
    }
    if (unbilled > 0) {
      warnings.push(
        `contract ${c.id} ends (${at}) with ${formatAmount(unbilled)} of unbilled revenue that no invoice in the book bills; check its credit memos and modifies.`
      );
    } else if (deferred > 0) {
      warnings.push(
        `contract ${c.id} ends (${at}) with ${formatAmount(deferred)} of deferred revenue that no obligation recognizes; check its credit memos and modifies.`
      );
    }
  }
  return warnings;
}
