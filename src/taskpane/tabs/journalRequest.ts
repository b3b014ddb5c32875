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

/**
 * The entry the Close tab shows, as the backend takes it: the original entry, or the adjusting entry when the
 * period is already posted, with the true-up lines when they were chosen. Undefined when it has no lines.
 */
export function journalToPost(
  close: CloseState,
  preview: Preview,
  withClass: boolean,
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
  const catchUp =
    from < period ? " (catch-up: every month not covered by an earlier RevRec entry)" : "";
  const adjusting = isAdjustment ? ` (adjustment ${adjustmentNo})` : "";
  const posted = isAdjustment ? postedIn(period, closeDate) : period;
  // A correction to a period QuickBooks has closed goes in the first open month, its memo naming the period.
  const corrects =
    posted === period
      ? ""
      : ` | ${correctionMemo(parseMonth(period) ?? 0, adjustmentNo, closeDay(closeDate))}`;
  return {
    request: {
      period,
      adjustment: adjustmentNo,
      txnDate: posted === period ? lastDayOf(period) : firstDayOf(posted),
      memo: `ASC 606 revenue recognition ${rangeText(from, period)}${catchUp}${adjusting}${corrects}`,
      lines: apiLines(lines, withClass, lineDescription(from, period, adjustmentNo)),
    },
    from,
    kind: isAdjustment ? "adjustment" : "original",
  };
}
