/**
 * Step 2, claim: one posting per (company, DocNumber) at a time — in this process (a double click waits for the
 * first), then across processes sharing the data dir (the other's entry is then found by the look-up). Backends
 * with different data dirs do not see this lock; the derived requestid and the confirming look-up cover them.
 */
import { createHash } from "node:crypto";
import path from "node:path";

import type { QboClientTuning } from "../config";
import { withFileLock } from "../fileLock";
import type { PostingContext } from "./context";

const inFlight = new Map<string, Promise<unknown>>();

/**
 * How long a lock file may be held before another process takes it over: the longest a posting can take (every
 * attempt timing out, with its backoff or throttling wait), plus a margin.
 */
function lockStaleMs(t: QboClientTuning): number {
  return t.maxAttempts * (t.timeoutMs + Math.max(t.maxBackoffMs, t.throttleWaitMs)) + 60_000;
}

/** Run `fn` when no other call with the same key is running (in this process). */
async function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  for (let running = inFlight.get(key); running !== undefined; running = inFlight.get(key)) {
    await running.catch(() => undefined);
  }
  const p = fn();
  inFlight.set(key, p);
  try {
    return await p;
  } finally {
    inFlight.delete(key);
  }
}

export function claim<T>(ctx: PostingContext, docNumber: string, fn: () => Promise<T>): Promise<T> {
  const key = `${ctx.companyKey}|${docNumber}`;
  const file = path.join(
    ctx.lockDir,
    `posting-${createHash("sha256").update(key).digest("hex").slice(0, 32)}.lock`
  );
  return exclusive(key, () => withFileLock(file, { staleMs: lockStaleMs(ctx.tuning) }, fn));
}
