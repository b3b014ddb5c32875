// Corrections to periods QuickBooks has closed (docs/book.md, "Corrections to closed periods"), as the Close tab posts them.
import { correctionMonth, formatMonth, parseDay, parseMonth, type Day } from "../../core";

/** QuickBooks' closing date (Status preferences' bookCloseDate) as a day, if any. */
export const closeDay = (date: string | null): Day | undefined =>
  date === null ? undefined : parseDay(date);

/**
 * The month an adjusting entry for `period` is dated in: the period, or, when QuickBooks' books are closed through its
 * last day, the first month after the closing date (the first open period).
 */
export function postedIn(period: string, closeDate: string | null): string {
  return formatMonth(correctionMonth(parseMonth(period) ?? 0, closeDay(closeDate)));
}
