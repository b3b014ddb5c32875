/**
 * Sync jobs across backend processes on one PostgreSQL database: an instance killed (kill -9) in the middle of a sync
 * leaves the job to another, which finishes it with the same result as an undisturbed sync; and several instances
 * syncing and reading the same company at once, against a sandbox that enforces all of Intuit's per-realm limits
 * (10 a second, 500 a minute, 10 at once) and takes Intuit's time to answer, draw no 429. The sandbox holds one
 * company, so these run on one company.
 */
import type { SyncResult } from "../../src/wire";
import { BACKENDS, freshPgDatabase } from "../server/db/testDb";
import {
  api,
  connect,
  request,
  sandboxState,
  startTestServer,
  type TestServer,
} from "../server/helpers";
import { startSecondBackend, type SecondBackend } from "../server/secondBackend";

const NOW = "2027-01-15T12:00:00Z";

let drop: () => Promise<void>;
let t: TestServer;
let token: string;
let victim: SecondBackend;
let survivors: SecondBackend[] = [];

/** Child instances look for work often and give a silent instance's job away after 3 s. */
const CHILD = { REVREC_JOB_LEASE_MS: "3000", REVREC_JOB_POLL_MS: "200" };

const at = (b: { url: string }): TestServer => ({ ...t, url: b.url });

const startChild = (): Promise<SecondBackend> =>
  startSecondBackend({ ...t.env, ...CHILD, REVREC_SANDBOX_URL: t.sandboxUrl }, NOW);

/** Poll the job at `where` until it has ended (a job may run on any instance: none of this process's events say so). */
async function ended(where: TestServer, jobId: string): Promise<{ state: string }> {
  for (;;) {
    const j = (await api(where, token, "GET", `/api/sync/${jobId}`)).json as { state: string };
    if (j.state !== "running") return j;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startSync(where: TestServer): Promise<string> {
  const a = await api(where, token, "POST", "/api/sync", { mode: "full" });
  if (a.status === 409) return (a.json as { error: { jobId: string } }).error.jobId;
  expect(a.status).toBe(202);
  return (a.json as { jobId: string }).jobId;
}

async function resultOf(where: TestServer, jobId: string): Promise<SyncResult> {
  expect((await ended(where, jobId)).state).toBe("done");
  return (await api(where, token, "GET", `/api/sync/${jobId}/result`)).json as SyncResult;
}

/** A result without what says when it was read. */
function content(r: SyncResult): Partial<SyncResult> {
  return { ...r, syncedAt: "", cursor: "" };
}

beforeAll(async () => {
  expect(BACKENDS).toContain("postgres");
  const pg = await freshPgDatabase();
  drop = pg.drop;
  // This process's instance holds the sandbox and never looks for queued work by itself, so the jobs below run on
  // the instance the test means.
  t = await startTestServer({
    env: {
      DATABASE_URL: pg.url,
      REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      REVREC_JOB_POLL_MS: "600000",
    },
    now: () => new Date(NOW),
  });
  token = await connect(t);
  victim = await startChild();
}, 120_000);

afterAll(async () => {
  await Promise.all([victim, ...survivors].map((o) => o.stop()));
  await t.close();
  await drop();
});

it("a sync whose instance is killed mid-sync is finished by another, with an undisturbed sync's result", async () => {
  const sandbox = t.server.sandbox?.sandbox;
  if (sandbox === undefined) throw new Error("no in-process sandbox");
  // The victim's first query (after it has claimed the job and read the company's preferences) is held at the
  // sandbox until the victim is dead.
  const held = new Promise<void>((resolve) => {
    const stop = sandbox.faults.onHit(() => {
      stop();
      resolve();
    });
  });
  sandbox.faults.add({
    method: "GET",
    path: "/query$",
    remaining: 1,
    action: { kind: "hang", ms: 600_000 },
  });
  const jobId = await startSync(at(victim));
  await held;
  await victim.kill();
  // Only now is there another instance to take the job, once the dead one's lease has run out.
  survivors = await Promise.all([1, 2].map(() => startChild()));
  const s = survivors[0];
  if (s === undefined) throw new Error("no survivor");
  const finished = await resultOf(at(s), jobId);
  const [row] = await t.server.runtime.store.db.query<{ attempts: number; origin: string }>(
    "SELECT attempts, origin FROM sync_jobs WHERE id = $1",
    [jobId]
  );
  expect(row).toEqual({ attempts: 2, origin: "pane" });
  const undisturbed = await resultOf(at(s), await startSync(at(s)));
  expect(finished.invoices.length).toBeGreaterThan(0);
  expect(content(finished)).toEqual(content(undisturbed));
}, 180_000);

it("several instances syncing and reading one company at once: the sandbox answers no 429", async () => {
  const sandbox = t.server.sandbox?.sandbox;
  if (sandbox === undefined) throw new Error("no in-process sandbox");
  // Intuit's limits on (their windows start empty), and every answer takes 1.5 s as Intuit's may: at up to 10 starts a
  // second, more than 10 requests would be running at once if nothing held them back.
  const on = await request(`${t.sandboxUrl}/__sandbox/throttle`, {
    method: "POST",
    body: { enabled: true },
  });
  expect(on.status).toBe(200);
  // The instances the last test left (two), or two of its own when it runs alone.
  if (survivors.length === 0) survivors = await Promise.all([1, 2].map(() => startChild()));
  sandbox.behaviour.latencyMs = 1500;
  try {
    const instances = [t, ...survivors.map(at)];
    const periods = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"];
    const [jobs, reads] = await Promise.all([
      Promise.all(instances.map((i) => startSync(i))),
      Promise.all(
        instances.flatMap((i) =>
          periods.map((p) => api(i, token, "GET", `/api/postings?period=${p}`))
        )
      ),
    ]);
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    for (const jobId of new Set(jobs))
      expect((await ended(survivors[0] ? at(survivors[0]) : t, jobId)).state).toBe("done");
    const state = await sandboxState(t);
    expect(state["throttled"]).toBe(0);
    expect(Number(state["inFlightPeak"])).toBeLessThanOrEqual(10);
    process.stdout.write(
      `sandbox: ${String(state["inFlightPeak"])} requests at once at most, ${String(state["throttled"])} answered 429\n`
    );
  } finally {
    sandbox.behaviour.latencyMs = 0;
  }
}, 300_000);
