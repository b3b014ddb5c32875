// A correction to a posted period (docs/book.md, "Corrections to closed periods"): the difference between the period's
// entry now and what was posted, numbered after the period (RR-YYYY-MM-An) and dated in it; when QuickBooks has closed
// the period, dated the first day of the first open month instead, with a memo naming the period it corrects.
import {
  firstDay,
  formatDay,
  formatMonth,
  lastDay,
  monthOfDay,
  type Day,
  type Month,
} from "../calendar";
import { journalDifference } from "./journalDifference";
import type { Journal, JournalLine } from "./types";

export interface Correction {
  /** RR-YYYY-MM-An: the corrected period's. */
  docNumber: string;
  /** The corrected period's last day, or the first open month's first day. */
  date: Day;
  memo: string;
  lines: JournalLine[];
}

/** The month a correction to `period` is posted in: the period itself, or the first month after the closing date. */
export function correctionMonth(period: Month, closeDate: Day | undefined): Month {
  if (closeDate === undefined || closeDate < lastDay(period)) return period;
  return monthOfDay(closeDate) + 1;
}

export function correctionMemo(
  period: Month,
  adjustment: number,
  closeDate: Day | undefined
): string {
  const what = `Correction to ${formatMonth(period)} (adjustment ${adjustment})`;
  const month = correctionMonth(period, closeDate);
  return month === period || closeDate === undefined
    ? what
    : `${what}, posted in ${formatMonth(month)}: QuickBooks' books are closed through ${formatDay(closeDate)}`;
}

/** Adjustment `adjustment` (1 or more) to `current`'s period, given the lines posted for it so far. */
export function correctionEntry(
  current: Journal,
  posted: readonly JournalLine[],
  adjustment: number,
  closeDate: Day | undefined
): Correction {
  const period = current.to;
  const month = correctionMonth(period, closeDate);
  return {
    docNumber: `RR-${formatMonth(period)}-A${adjustment}`,
    date: month === period ? lastDay(period) : firstDay(month),
    memo: correctionMemo(period, adjustment, closeDate),
    lines: journalDifference(current, posted),
  };
}
