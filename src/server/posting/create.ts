/**
 * Step 4, create: send the entry with its requestid, retrying what may be retried. After an ambiguous failure — a
 * timeout, a dropped connection or a server error, when the entry may or may not exist — the DocNumber is looked up
 * again before the next attempt, which carries the same requestid.
 */
import { QboError, toApiError } from "../errors";
import { backoffMs, sleep } from "../qbo/client";
import type { PostingRecord } from "../store/ledger";
import type { PostingContext } from "./context";
import { findEntries, idOf } from "./entries";
import { obj, type Obj } from "./json";
import { accept, type Found } from "./lookUp";
import { requestBody } from "./requestBody";
import type { PreparedEntry } from "./resolve";

/** What a create ended with: the entry, and the look-up that found it when one did. */
export interface Made {
  entry: Obj;
  seen?: Obj[];
}

async function send(
  ctx: PostingContext,
  entry: PreparedEntry,
  record: PostingRecord
): Promise<Obj> {
  const res = await ctx.client.call({
    method: "POST",
    path: "journalentry",
    query: { requestid: record.requestId },
    body: requestBody(entry, record.runId ?? ""),
    retry: "rejected",
    kind: "journalentry",
  });
  const made = obj(res["JournalEntry"]);
  if (made === undefined || idOf(made) === "") {
    throw new QboError({
      kind: "protocol",
      status: 200,
      code: "NO_ENTRY",
      message: "QuickBooks answered without the journal entry",
    });
  }
  return made;
}

async function lookAgain(ctx: PostingContext, entry: PreparedEntry): Promise<Found | undefined> {
  return accept(ctx, entry, await findEntries(ctx.client, entry.docNumber));
}

export async function create(
  ctx: PostingContext,
  entry: PreparedEntry,
  first: PostingRecord
): Promise<Made> {
  const throttleSeconds = Math.round(ctx.tuning.throttleWaitMs / 1000);
  let record = first;
  let last: QboError | undefined;
  for (let attempt = 0; attempt < ctx.tuning.maxAttempts; attempt++) {
    record = { ...record, attempts: record.attempts + 1 };
    await ctx.ledger.put(record);
    try {
      return { entry: await send(ctx, entry, record) };
    } catch (e) {
      if (!(e instanceof QboError)) throw e;
      last = e;
      if (e.kind === "validation") {
        // 6140 duplicate DocNumber / 600 duplicate requestid: the entry exists after all.
        if (e.hasCode("6140", "600")) {
          const found = await lookAgain(ctx, entry);
          if (found !== undefined) return found;
        }
        // Refused outright: nothing was written, and this requestid would only replay the refusal.
        await ctx.ledger.put({ ...record, refusedAt: ctx.now().getTime() });
        throw toApiError(e, throttleSeconds);
      }
      if (!e.ambiguous && e.kind !== "protocol") throw toApiError(e, throttleSeconds);
      if (attempt + 1 >= ctx.tuning.maxAttempts) break;
      await sleep(backoffMs(ctx.tuning, attempt));
      let found: Found | undefined;
      try {
        found = await lookAgain(ctx, entry);
      } catch (le) {
        if (le instanceof QboError && !le.transient) throw toApiError(le);
        if (le instanceof QboError) continue; // could not look: the next create carries the same requestid anyway
        throw le;
      }
      if (found !== undefined) return found;
    }
  }
  throw toApiError(
    last ?? new QboError({ kind: "server", status: 0, code: "UNKNOWN", message: "Posting failed" })
  );
}
