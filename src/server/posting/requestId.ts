/**
 * The requestid of a create, and the record that keeps it (in the ledger) across retries, restarts and instances.
 *
 * It is derived from the company, the DocNumber and the entry's content, not drawn at random: every backend posting
 * the same entry sends the same requestid, so QuickBooks answers the second with the first's entry instead of making
 * another. QuickBooks replays the answer it stored for a requestid, so a requestid is retired when that answer can
 * no longer be wanted — its entry was created and is gone now (deleted in QuickBooks), or its create was refused
 * outright (closed period, inactive account) — and the next one is derived from it: a chain every backend walks
 * the same way.
 */
import { createHash, randomBytes } from "node:crypto";

import type { PostingRecord } from "../store/ledger";
import type { PostingContext } from "./context";

export function requestIdFor(
  companyKey: string,
  docNumber: string,
  contentHash: string,
  previous: string
): string {
  const h = createHash("sha256")
    .update(JSON.stringify([companyKey, docNumber, contentHash, previous]))
    .digest("hex");
  // UUID-shaped, 36 characters: within QuickBooks' 50 (and a batch's 36).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function newRunId(): string {
  return randomBytes(6).toString("hex");
}

/** Still the answer wanted: the same content, neither settled nor refused. */
export function isOpen(record: PostingRecord, contentHash: string): boolean {
  return (
    record.bodyHash === contentHash &&
    record.journalEntryId === undefined &&
    record.refusedAt === undefined
  );
}

/** The record to create with: the stored one while it is open, else a new one (the next requestid in the chain). */
export async function requestRecord(
  ctx: PostingContext,
  docNumber: string,
  contentHash: string
): Promise<PostingRecord> {
  const stored = await ctx.ledger.get(ctx.companyKey, docNumber);
  if (stored !== undefined && isOpen(stored, contentHash))
    return { ...stored, runId: stored.runId ?? newRunId() };
  const previous = stored?.bodyHash === contentHash ? stored.requestId : "";
  return {
    companyKey: ctx.companyKey,
    docNumber,
    requestId: requestIdFor(ctx.companyKey, docNumber, contentHash, previous),
    bodyHash: contentHash,
    createdAt: ctx.now().getTime(),
    attempts: 0,
    runId: newRunId(),
  };
}

/** The next requestid after `record`'s, whose stored answer named an entry QuickBooks no longer has. */
export function nextRequestId(ctx: PostingContext, record: PostingRecord): PostingRecord {
  return {
    ...record,
    requestId: requestIdFor(ctx.companyKey, record.docNumber, record.bodyHash, record.requestId),
  };
}
