/**
 * The checks the route schema cannot make (it has made the others: shapes, patterns, positive amounts, the
 * adjustment's range): the period has ended and lies within the book's years, the date is a day of the period, the
 * approver is not the preparer, and the entry balances.
 */
import type { PostRequest } from "../../wire";
import {
  FIRST_MONTH,
  LAST_MONTH,
  firstDayOf,
  lastDayOf,
  parseAmount,
  parseDay,
  parseMonth,
  previousMonth,
} from "../../core";
import { invalidRequest } from "../errors";
import { docNumberFor, openingDocNumberFor } from "./context";
import { periodNotEnded, periodOutsideBook, unbalanced } from "./refusals";

export interface CheckedRequest {
  period: string;
  adjustment: number;
  /** The opening true-up of go-live month `period`. */
  opening: boolean;
  docNumber: string;
  txnDate: string;
  /** each line's amount in cents, in the request's order */
  cents: number[];
  debits: number;
  credits: number;
}

/** A period QuickBooks may be asked about: a month within the book's years. */
export function checkBookYears(period: string): void {
  const m = parseMonth(period);
  if (m === undefined || m < FIRST_MONTH || m > LAST_MONTH) throw periodOutsideBook(period);
}

/**
 * A period that may be posted: within the book's years, and over. A month is over once its last day is behind
 * today in UTC, the rule the pane applies (its revenue is not known before).
 */
export function checkPostablePeriod(period: string, now: Date): void {
  checkBookYears(period);
  const today = now.toISOString().slice(0, 10);
  if (lastDayOf(period) >= today) throw periodNotEnded(period);
}

/** An approver is a second person: named with a preparer, and not the preparer again (case aside). */
function checkPeople(input: PostRequest): void {
  if (input.approvedBy === undefined) return;
  const approver = input.approvedBy.trim().toLowerCase();
  if (input.preparedBy === undefined)
    throw invalidRequest([{ path: "preparedBy", message: "must be given with approvedBy" }]);
  if (approver === input.preparedBy.trim().toLowerCase())
    throw invalidRequest([
      { path: "approvedBy", message: "must name someone other than preparedBy" },
    ]);
}

/**
 * The entry's date: within its period; an opening true-up's by default the period's first day; an adjustment's may
 * instead be the first day of a later month (a correction to a closed period, posted in the first open one).
 */
function checkDate(input: PostRequest, opening: boolean, adjustment: number): string {
  const txnDate = input.txnDate ?? (opening ? firstDayOf(input.period) : lastDayOf(input.period));
  if (parseDay(txnDate) === undefined)
    throw invalidRequest([{ path: "txnDate", message: "must be a date like 2026-03-31" }]);
  const later = adjustment > 0 && txnDate > lastDayOf(input.period) && txnDate.endsWith("-01");
  if (!txnDate.startsWith(`${input.period}-`) && !later)
    throw invalidRequest([
      {
        path: "txnDate",
        message:
          adjustment > 0
            ? `must lie within ${input.period}, or be the first day of a later month (a correction posted in the first open period)`
            : `must lie within ${input.period}`,
      },
    ]);
  return txnDate;
}

export function checkRequest(input: PostRequest, now: Date): CheckedRequest {
  const opening = input.opening === true;
  const adjustment = input.adjustment ?? 0;
  if (opening && adjustment !== 0)
    throw invalidRequest([
      { path: "adjustment", message: "must be left out for an opening true-up (RR-OPEN-)" },
    ]);
  // An opening true-up brings the balances at the end of the month before go-live: that month must be over.
  if (opening) checkBookYears(input.period);
  checkPostablePeriod(opening ? previousMonth(input.period) : input.period, now);
  checkPeople(input);
  const txnDate = checkDate(input, opening, adjustment);
  // The route schema admits only positive amounts with at most two decimals, which parseAmount reads.
  const cents = input.lines.map((l) => parseAmount(l.amount) ?? 0);
  let debits = 0;
  let credits = 0;
  input.lines.forEach((l, i) => {
    if (l.posting === "Debit") debits += cents[i] ?? 0;
    else credits += cents[i] ?? 0;
  });
  if (
    !input.lines.some((l) => l.posting === "Debit") ||
    !input.lines.some((l) => l.posting === "Credit") ||
    debits !== credits
  )
    throw unbalanced(debits, credits);
  return {
    period: input.period,
    adjustment,
    opening,
    docNumber: opening ? openingDocNumberFor(input.period) : docNumberFor(input.period, adjustment),
    txnDate,
    cents,
    debits,
    credits,
  };
}
