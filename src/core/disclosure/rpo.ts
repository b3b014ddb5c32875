// Remaining performance obligations (ASC 606-10-50-13): the transaction price allocated to what is not yet
// recognized at a period end, or the part of it the schedule recognizes within the next months.
import type { Month } from "../calendar";
import type { Cents } from "../money";

/** What RPO needs of a contract or an obligation schedule. */
export interface Recognizes {
  readonly allocated: Cents;
  cumulative(m: Month): Cents;
  revenue(from: Month, to: Month): Cents;
}

/**
 * Allocated less recognized to date at the end of `end`; with `withinMonths`, only what the schedule recognizes
 * in the `withinMonths` months after `end` (so the rest, RPO − within, is "later").
 */
export function remainingObligation(s: Recognizes, end: Month, withinMonths?: number): Cents {
  if (withinMonths === undefined) return s.allocated - s.cumulative(end);
  return s.revenue(end + 1, end + withinMonths);
}
