/**
 * Step 1, resolve: from the request to the entry QuickBooks would accept — checked, its references resolved, the
 * company's rules applied — and its private note.
 */
import type { PostRequest } from "../../wire";
import type { CompanyPreferences } from "../qbo/company";
import { checkRequest } from "./checkRequest";
import { checkCompanyRules } from "./companyRules";
import type { PostingContext } from "./context";
import { MARKER } from "./entries";
import { resolveReferences, type ResolvedLine } from "./resolveReferences";

export interface PreparedEntry {
  period: string;
  adjustment: number;
  /** The opening true-up of go-live month `period`. */
  opening: boolean;
  docNumber: string;
  txnDate: string;
  lines: ResolvedLine[];
  debits: number;
  credits: number;
  /** The request's memo, after RevRec's own words and marker in the private note. */
  memo: string;
  /** Who prepared and who approved the entry ("" when the request names nobody). */
  preparedBy: string;
  approvedBy: string;
  prefs: CompanyPreferences;
}

export async function resolve(ctx: PostingContext, input: PostRequest): Promise<PreparedEntry> {
  const checked = checkRequest(input, ctx.now());
  const lines = await resolveReferences(ctx, input, checked.cents);
  const prefs = await ctx.data.preferences();
  checkCompanyRules(prefs, lines, checked.txnDate);
  return {
    period: checked.period,
    adjustment: checked.adjustment,
    opening: checked.opening,
    docNumber: checked.docNumber,
    txnDate: checked.txnDate,
    lines,
    debits: checked.debits,
    credits: checked.credits,
    memo: input.memo ?? "",
    preparedBy: input.preparedBy?.trim() ?? "",
    approvedBy: input.approvedBy?.trim() ?? "",
    prefs,
  };
}

/**
 * The private note: what the entry is, said once, with who prepared and approved it; RevRec's marker; the run id
 * of the backend that sends it (left out of the content hash, so every backend derives the same requestid); then
 * the memo. "RevRec for Excel: revenue recognition 2026-03, prepared by A, approved by B | src=revrec-excel | …"
 */
export function privateNote(entry: PreparedEntry, runId: string | undefined): string {
  const adjustment = entry.adjustment > 0 ? ` adjustment ${entry.adjustment}` : "";
  const people = [
    entry.preparedBy !== "" ? `, prepared by ${entry.preparedBy}` : "",
    entry.approvedBy !== "" ? `, approved by ${entry.approvedBy}` : "",
  ].join("");
  const what = entry.opening
    ? `RevRec for Excel: opening true-up at go-live ${entry.period}${people}`
    : `RevRec for Excel: revenue recognition ${entry.period}${adjustment}${people}`;
  const run = runId === undefined ? "" : ` | run=${runId}`;
  return `${what} | ${MARKER}${run}${entry.memo !== "" ? ` | ${entry.memo}` : ""}`;
}
