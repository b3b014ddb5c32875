import { correctionMemo, firstDayOf, lastDayOf, parseMonth } from "../../core";
import type { PostRequest } from "../../wire";
import { apiLines } from "../logic/close";
import type { Preview } from "../logic/close";
import { lineDescription, rangeText } from "../logic/coverage";
import { closeDay, postedIn } from "../logic/correction";
import type { CloseState } from "../state/paneState";

export interface JournalToPost {
  request: PostRequest;
  /** The first month the entry covers. */
  from: string;
  kind: "original" | "adjustment";
}

/** Who prepared the entry and, where the workbook requires approval, who approved it. */
export interface SignOff {
  preparedBy: string;
  approvedBy?: string;
}

/**
 * The entry the Close tab shows, as the backend takes it: the original entry, or the adjusting entry when the
 * period is already posted, with the true-up lines when they were chosen. Undefined when it has no lines.
 * The backend's private note already says what the entry is (period, adjustment, preparer, approver): the memo
 * adds only what it cannot know, a catch-up entry's range.
 */
export function journalToPost(
  close: CloseState,
  preview: Preview,
  withClass: boolean,
  signOff: SignOff,
  closeDate: string | null = null
): JournalToPost | undefined {
  const { period } = close;
  const from = preview.from;
  const existing = close.postings?.postings ?? [];
  const isAdjustment = existing.length > 0;
  const base = isAdjustment ? (close.adjustment ?? []) : preview.lines;
  const lines = close.includeTrueUp && close.trueUp ? [...base, ...close.trueUp] : base;
  if (lines.length === 0) return undefined;
  const adjustmentNo = isAdjustment ? (close.postings?.nextAdjustment ?? existing.length) : 0;
  const posted = isAdjustment ? postedIn(period, closeDate) : period;
  const request: PostRequest = {
    period,
    adjustment: adjustmentNo,
    txnDate: posted === period ? lastDayOf(period) : firstDayOf(posted),
    preparedBy: signOff.preparedBy.trim(),
    lines: apiLines(lines, withClass, lineDescription(from, period, adjustmentNo)),
  };
  const approvedBy = signOff.approvedBy?.trim() ?? "";
  if (approvedBy !== "") request.approvedBy = approvedBy;
  const memo = [
    from < period
      ? `covers ${rangeText(from, period)} (catch-up: every month not covered by an earlier RevRec entry)`
      : "",
    // A correction to a period QuickBooks has closed goes in the first open month, its memo naming the period.
    posted === period
      ? ""
      : correctionMemo(parseMonth(period) ?? 0, adjustmentNo, closeDay(closeDate)),
  ].filter((part) => part !== "");
  if (memo.length > 0) request.memo = memo.join(" | ");
  return {
    request,
    from,
    kind: isAdjustment ? "adjustment" : "original",
  };
}
