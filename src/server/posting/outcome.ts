/** The answer to a posting, and what this backend keeps of it. */
import type { EntryRef, PostResult, Warning } from "../../wire";
import { formatAmount } from "../../core";
import { qboLink, type PostingContext } from "./context";
import { idOf } from "./entries";
import { s, type Obj } from "./json";
import type { PreparedEntry } from "./resolve";

export interface PostOutcome {
  httpStatus: 200 | 201;
  body: PostResult;
}

export interface Settled {
  entry: Obj;
  /** "created" only for an entry this backend made: its run id is in the entry's note */
  status: "created" | "existing";
  requestId: string;
  duplicates: readonly Obj[];
  /** the confirming look-up failed */
  unchecked?: boolean;
}

function ref(ctx: PostingContext, e: Obj): EntryRef {
  const id = idOf(e);
  return {
    journalEntryId: id,
    docNumber: s(e["DocNumber"]),
    txnDate: s(e["TxnDate"]),
    link: qboLink(ctx.environment, ctx.sandboxUrl, id),
  };
}

function duplicatesWarning(docNumber: string, keep: string, refs: readonly EntryRef[]): Warning {
  const ids = [keep, ...refs.map((r) => r.journalEntryId)];
  return {
    code: "duplicate_entries",
    message: `QuickBooks has ${ids.length} RevRec entries numbered ${docNumber} (journal entries ${ids.join(", ")}), so this period's revenue is counted ${ids.length} times.`,
    action: `Delete every ${docNumber} but journal entry ${keep} in QuickBooks, then refresh the postings.`,
  };
}

function uncheckedWarning(docNumber: string): Warning {
  return {
    code: "duplicates_unchecked",
    message: `The entry was posted, but QuickBooks could not be asked afterwards whether another entry carries the number ${docNumber}.`,
    action: "Refresh the postings for the period to check.",
  };
}

/** Record the entry against the stored requestid, and answer. */
export async function settle(
  ctx: PostingContext,
  entry: PreparedEntry,
  settled: Settled
): Promise<PostOutcome> {
  const id = idOf(settled.entry);
  const rec = await ctx.ledger.get(ctx.companyKey, entry.docNumber);
  if (rec !== undefined) await ctx.ledger.put({ ...rec, journalEntryId: id });
  const body: PostResult = {
    status: settled.status,
    docNumber: entry.docNumber,
    journalEntryId: id,
    txnDate: s(settled.entry["TxnDate"]) || entry.txnDate,
    link: qboLink(ctx.environment, ctx.sandboxUrl, id),
    requestId: settled.requestId,
    totals: { debits: formatAmount(entry.debits), credits: formatAmount(entry.credits) },
    lineCount: entry.lines.length,
  };
  if (settled.duplicates.length > 0) {
    body.duplicates = settled.duplicates.map((d) => ref(ctx, d));
    body.warnings = [duplicatesWarning(entry.docNumber, id, body.duplicates)];
  } else if (settled.unchecked === true) body.warnings = [uncheckedWarning(entry.docNumber)];
  return { httpStatus: settled.status === "created" ? 201 : 200, body };
}
