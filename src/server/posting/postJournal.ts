/**
 * Posting the month-end journal entry exactly once (../shared/reference/qbo-api.md §4), in five steps:
 * 1. resolve the request into the entry QuickBooks would accept;
 * 2. claim its deterministic DocNumber (RR-2026-03, RR-2026-03-A1, …) in the ledger against other postings of it,
 *    in this process and in every other instance on the database: a second one waits for the first to finish, and
 *    its look-up then finds the first one's entry;
 * 3. look the DocNumber up: an entry already there is the answer;
 * 4. create it with a requestid derived from the company, the DocNumber and the content, kept across retries and
 *    restarts, looking the DocNumber up again after any failure that may have written it;
 * 5. confirm: look the DocNumber up once more, and name any second RevRec entry under it.
 */
import type { PostRequest } from "../../wire";
import { confirm, twins } from "./confirm";
import type { PostingContext } from "./context";
import { create } from "./create";
import { runOf } from "./entries";
import { lookUp } from "./lookUp";
import { settle, type PostOutcome } from "./outcome";
import { postingsFor } from "./postings";
import { outOfSequence, staleReplays } from "./refusals";
import { contentHash } from "./requestBody";
import { isOpen, nextRequestId, requestRecord } from "./requestId";
import { resolve, type PreparedEntry } from "./resolve";

/** An adjustment takes the next number after RevRec's entries for the period (or one already used). */
async function checkSequence(ctx: PostingContext, entry: PreparedEntry): Promise<void> {
  if (entry.adjustment === 0) return;
  const { nextAdjustment } = await postingsFor(ctx, entry.period);
  if (entry.adjustment > nextAdjustment)
    throw outOfSequence(entry.period, entry.adjustment, nextAdjustment);
}

/**
 * How many requestids in a row may come back as answers naming deleted entries (each a post, delete and post again
 * by another backend) before the posting stops asking.
 */
const MAX_STALE_REPLAYS = 10;

export async function postJournal(ctx: PostingContext, input: PostRequest): Promise<PostOutcome> {
  const entry = await resolve(ctx, input);
  const hash = contentHash(entry);
  return ctx.ledger.claim(ctx.companyKey, entry.docNumber, async () => {
    await checkSequence(ctx, entry);

    const found = await lookUp(ctx, entry);
    if (found !== undefined) {
      // Made by an earlier attempt of this very request (its answer lost), or posted before: either way, done.
      const stored = await ctx.ledger.get(ctx.companyKey, entry.docNumber);
      const made =
        stored !== undefined &&
        isOpen(stored, hash) &&
        stored.runId !== undefined &&
        runOf(found.entry) === stored.runId;
      return settle(ctx, entry, {
        entry: found.entry,
        status: made ? "created" : "existing",
        requestId: stored?.requestId ?? "",
        duplicates: twins(found.entry, found.seen),
      });
    }

    let record = await requestRecord(ctx, entry.docNumber, hash);
    for (let replays = 0; ; replays++) {
      const made = await create(ctx, entry, record);
      const confirmation = await confirm(ctx.client, entry.docNumber, made.entry, made.seen);
      if (confirmation.kind === "gone") {
        if (replays >= MAX_STALE_REPLAYS) throw staleReplays(entry.docNumber);
        record = nextRequestId(ctx, record);
        continue;
      }
      // Another backend's create answered with its own entry: that backend made it, not this one.
      const status = runOf(made.entry) === record.runId ? "created" : "existing";
      return settle(ctx, entry, {
        entry: made.entry,
        status,
        requestId: record.requestId,
        duplicates: confirmation.kind === "confirmed" ? confirmation.duplicates : [],
        unchecked: confirmation.kind === "unchecked",
      });
    }
  });
}
