/** What the user is told when a posting is refused: each refusal says what happened and what to do next. */
import type { ApiErrorBody } from "../../wire";
import { FIRST_YEAR, LAST_YEAR, formatAmount, lastDayOf, nextMonth } from "../../core";
import { ApiError } from "../../wire";
import { qboLink, docNumberFor, type PostingContext } from "./context";

export function periodNotEnded(period: string): ApiError {
  return new ApiError(422, {
    code: "period_not_ended",
    message: `${period} has not ended yet, so nothing was posted.`,
    action: `Post it from ${nextMonth(period)}-01, when all of its revenue through ${lastDayOf(period)} is known; choose an earlier period now.`,
    fields: [{ path: "period", message: `has not ended yet (it ends on ${lastDayOf(period)})` }],
  });
}

export function periodOutsideBook(period: string): ApiError {
  return new ApiError(400, {
    code: "period_out_of_range",
    message: `${period} is outside the years RevRec covers, ${FIRST_YEAR} to ${LAST_YEAR}.`,
    action: `Choose a period from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12.`,
    fields: [
      { path: "period", message: `must be a month from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12` },
    ],
  });
}

export function unbalanced(debits: number, credits: number): ApiError {
  return new ApiError(400, {
    code: "unbalanced_entry",
    message: `The entry does not balance: debits ${formatAmount(debits)}, credits ${formatAmount(credits)} (it needs at least one of each, equal in total).`,
    action: "Recalculate the journal in the workbook and post again.",
  });
}

export function booksClosed(bookCloseDate: string, txnDate: string): ApiError {
  return new ApiError(409, {
    code: "period_closed",
    message: `QuickBooks' books are closed through ${bookCloseDate}, so an entry dated ${txnDate} cannot be posted.`,
    action:
      "Post to a later period, or ask whoever manages the books to move the closing date in QuickBooks (Settings > Account and settings > Advanced > Accounting).",
  });
}

function existing(
  ctx: PostingContext,
  docNumber: string,
  id: string
): NonNullable<ApiErrorBody["existing"]> {
  return { journalEntryId: id, docNumber, link: qboLink(ctx.environment, ctx.sandboxUrl, id) };
}

/** RevRec's entry under the DocNumber carries other lines. */
export function postingExists(
  ctx: PostingContext,
  period: string,
  adjustment: number,
  docNumber: string,
  id: string
): ApiError {
  return new ApiError(409, {
    code: "posting_exists",
    message: `QuickBooks already has journal entry ${docNumber} for ${period}, with different lines.`,
    action: `Post the difference as an adjustment (adjustment ${adjustment + 1} or the next free number), or delete ${docNumber} in QuickBooks first.`,
    existing: existing(ctx, docNumber, id),
  });
}

/** Someone else's entry carries a RevRec DocNumber. */
export function docNumberTaken(ctx: PostingContext, docNumber: string, id: string): ApiError {
  return new ApiError(409, {
    code: "docnumber_taken",
    message: `QuickBooks has a journal entry ${docNumber} that RevRec did not make; renumber it in QuickBooks, then post again.`,
    action: `Open ${docNumber} in QuickBooks and give it another number, then post again.`,
    existing: existing(ctx, docNumber, id),
  });
}

export function outOfSequence(period: string, adjustment: number, next: number): ApiError {
  const nextDoc = docNumberFor(period, next);
  return new ApiError(409, {
    code: "adjustment_out_of_sequence",
    message:
      next === 0
        ? `RevRec has posted nothing for ${period} in QuickBooks, so adjustment ${adjustment} has nothing to adjust: the next number is 0 (${nextDoc}).`
        : `Adjustment ${adjustment} skips numbers: after what RevRec has posted for ${period} in QuickBooks, the next number is ${next} (${nextDoc}).`,
    action:
      next === 0
        ? `Post the period's entry first (adjustment 0, ${nextDoc}).`
        : `Refresh the postings for ${period} and post with adjustment ${next}.`,
  });
}

/** QuickBooks keeps answering creates with entries it has since deleted. */
export function staleReplays(docNumber: string): ApiError {
  return new ApiError(502, {
    code: "qbo_error",
    message: `QuickBooks keeps answering the post of ${docNumber} with entries it no longer has.`,
    action:
      "Refresh the postings for the period, then post again. If it keeps happening, contact support.",
  });
}
