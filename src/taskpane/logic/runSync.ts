import { ApiError } from "../../wire";
import type { ApiClient } from "../api/client";
import type { SyncJob, SyncResult } from "../../wire";

export interface SyncProgress {
  phase: string;
  pagesDone: number;
  pagesTotal: number;
  invoices: number;
  creditMemos: number;
  salesReceipts: number;
  refundReceipts: number;
  deleted: number;
  skipped: number;
}

export class SyncCancelled extends Error {
  constructor() {
    super("The sync was cancelled. Your tables were not changed.");
    Object.setPrototypeOf(this, SyncCancelled.prototype);
    this.name = "SyncCancelled";
  }
}

export interface RunSyncOptions {
  mode: "full" | "incremental";
  cursor?: string | undefined;
  onProgress: (p: SyncProgress) => void;
  /** Resolves when the user clicks Cancel. */
  cancelled: () => boolean;
  wait?: (ms: number) => Promise<void>;
  pollMs?: number;
}

function progressOf(job: SyncJob): SyncProgress {
  const { pagesDone, pagesTotal, counts } = job.progress;
  return { phase: job.phase, pagesDone, pagesTotal, ...counts };
}

/**
 * Starts a sync job, reports its progress until it ends, and returns its result. Nothing is written here:
 * the caller writes the tables only once the whole result is in hand, so a failed or cancelled sync
 * leaves the workbook as it was.
 */
export async function runSync(client: ApiClient, opts: RunSyncOptions): Promise<SyncResult> {
  const wait = opts.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let jobId: string;
  try {
    jobId = (await client.startSync(opts.mode, opts.cursor)).jobId;
  } catch (e) {
    // Another sync of this company is running (another window): follow it instead of failing.
    if (e instanceof ApiError && e.code === "sync_in_progress" && e.body.jobId)
      jobId = e.body.jobId;
    else throw e;
  }
  for (;;) {
    if (opts.cancelled()) {
      await client.cancelSync(jobId).catch(() => undefined);
      throw new SyncCancelled();
    }
    const job = await client.syncJob(jobId);
    opts.onProgress(progressOf(job));
    if (job.state === "done") break;
    if (job.state === "cancelled") throw new SyncCancelled();
    if (job.state === "failed") {
      throw new ApiError(
        500,
        job.error ?? {
          code: "sync_failed",
          message: "The sync stopped before it finished.",
          action: "Your tables were not changed. Try the sync again.",
        }
      );
    }
    await wait(opts.pollMs ?? 400);
  }
  if (opts.cancelled()) throw new SyncCancelled();
  return client.syncResult(jobId);
}
