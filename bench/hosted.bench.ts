/**
 * Hosted mode: four backend instances (this process's and three others) on one PostgreSQL database, one sandbox of
 * many companies, throttling on (Intuit's 10 requests a second and 500 a minute per company):
 * - posting throughput: every instance posts the same period of every company at once, period after period
 *   (entries a second; duplicates must be 0);
 * - token refresh fan-in: 100 requests across the instances all needing a refresh of one company (calls to the token
 *   endpoint: must be 1; refused ones: must be 0);
 * - full sync of every company across the instances (time; 429s answered by the sandbox: must be 0);
 * - the database's cost per post (statements and milliseconds waited, one instance posting alone) on PostgreSQL, and
 *   on the embedded PGlite.
 * Sizes: REVREC_BENCH_SIZE=quick posts for 10 companies and syncs 50 × 1,000 invoices; the full size (default) posts
 * for 50 and syncs 200 × 1,000. PostgreSQL from REVREC_TEST_PG_URL (as the tests); without it only PGlite's cost runs.
 */
import os from "node:os";

import type { SandboxOptions } from "../sandbox";
import { freshPgDatabase } from "../test/server/db/testDb";
import {
  api,
  journalEntry,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from "../test/server/helpers";
import { startSecondBackend, type SecondBackend } from "../test/server/secondBackend";

const NOW = "2027-01-15T12:00:00Z";
const QUICK = process.env["REVREC_BENCH_SIZE"] === "quick";
const POST_COMPANIES = QUICK ? 10 : 50;
const SYNC_COMPANIES = QUICK ? 50 : 200;
const SYNC_INVOICES = 1000;
/** Periods each company posts in the throughput run. */
const PERIODS = ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"];

interface Company {
  realmId: string;
  token: string;
}

interface Stack {
  first: TestServer;
  instances: TestServer[];
  companies: Company[];
  close(): Promise<void>;
}

const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Four instances on a fresh PostgreSQL database, the first with the sandbox of `companies`, every company connected. */
async function startStack(sandbox: SandboxOptions): Promise<Stack> {
  const pg = await freshPgDatabase();
  const first = await startTestServer({
    env: {
      DATABASE_URL: pg.url,
      REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      REVREC_DB_POOL_MAX: "10",
      QBO_THROTTLE_WAIT_MS: "60000",
      QBO_TIMEOUT_MS: "30000",
    },
    now: () => new Date(NOW),
    sandbox: { autoApprove: true, throttle: true, ...sandbox },
  });
  const others: SecondBackend[] = [];
  try {
    const companies: Company[] = [];
    for (let i = 0; i < (sandbox.companies ?? 1); i++) {
      const { message } = await signIn(first);
      if (!message.ok || message.sessionToken === undefined || message.realmId === undefined)
        throw new Error(`sign-in failed: ${JSON.stringify(message)}`);
      companies.push({ realmId: message.realmId, token: message.sessionToken });
    }
    others.push(
      ...(await Promise.all(
        [1, 2, 3].map(() =>
          startSecondBackend({ ...first.env, REVREC_SANDBOX_URL: first.sandboxUrl }, NOW)
        )
      ))
    );
    return {
      first,
      instances: [first, ...others.map((o) => ({ ...first, url: o.url }))],
      companies,
      close: async () => {
        await Promise.all(others.map((o) => o.stop()));
        await first.close();
        await pg.drop();
      },
    };
  } catch (e) {
    await Promise.all(others.map((o) => o.stop()));
    await first.close();
    await pg.drop();
    throw e;
  }
}

function sandboxOf(t: TestServer): NonNullable<TestServer["server"]["sandbox"]>["sandbox"] {
  const s = t.server.sandbox?.sandbox;
  if (s === undefined) throw new Error("no in-process sandbox");
  return s;
}

async function postingThroughput(stack: Stack): Promise<void> {
  const sb = sandboxOf(stack.first);
  const t0 = performance.now();
  let answersNamingOthers = 0;
  for (const period of PERIODS) {
    const body = journalEntry(period, "1000.00");
    const rounds = await Promise.all(
      stack.companies.map((c) =>
        Promise.all(stack.instances.map((i) => api(i, c.token, "POST", "/api/journal", body)))
      )
    );
    rounds.forEach((answers, n) => {
      const c = stack.companies[n];
      const ids = new Set(
        answers.map((a) => (a.json as { journalEntryId?: string }).journalEntryId)
      );
      const inQbo = sb.companies
        .get(c?.realmId ?? "")
        ?.list("JournalEntry")
        .filter((e) => e["DocNumber"] === `RR-${period}`);
      if (ids.size !== 1 || !ids.has(String(inQbo?.[0]?.["Id"]))) answersNamingOthers++;
    });
  }
  const s = (performance.now() - t0) / 1000;
  let entries = 0;
  let duplicates = 0;
  for (const c of stack.companies) {
    const all = sb.companies.get(c.realmId)?.list("JournalEntry") ?? [];
    for (const period of PERIODS) {
      const n = all.filter((e) => e["DocNumber"] === `RR-${period}`).length;
      entries += Math.min(n, 1);
      duplicates += Math.max(0, n - 1);
    }
  }
  console.log(
    `posting, 4 instances × ${stack.companies.length} companies × ${PERIODS.length} periods (every instance posts each at once): ` +
      `${entries} entries in ${s.toFixed(1)} s = ${(entries / s).toFixed(1)} entries/s, ` +
      `${stack.companies.length * PERIODS.length * 4} requests; duplicates ${duplicates} (must be 0); ` +
      `companies whose answers did not all name the entry: ${answersNamingOthers} (load ${load()})`
  );
}

async function refreshFanIn(stack: Stack): Promise<void> {
  const sb = sandboxOf(stack.first);
  const c = stack.companies[0];
  if (c === undefined) throw new Error("no company");
  const counts = (): { calls: number; refused: number } => {
    const r = sb.oauth.realmCounts(c.realmId);
    return { calls: Number(r["refreshCalls"]), refused: Number(r["invalidGrants"]) };
  };
  const before = counts();
  await request(`${stack.first.sandboxUrl}/__sandbox/tokens/expire`, {
    method: "POST",
    body: { realmId: c.realmId },
  });
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: 100 }, (_, n) =>
      api(
        stack.instances[n % stack.instances.length] ?? stack.first,
        c.token,
        "GET",
        "/api/postings?period=2026-01"
      )
    )
  );
  const ms = performance.now() - t0;
  const after = counts();
  const ok = answers.filter((a) => a.status === 200).length;
  console.log(
    `token refresh fan-in: 100 concurrent requests needing a refresh across 4 instances: ${after.calls - before.calls} call(s) to the token endpoint (must be 1), ` +
      `${after.refused - before.refused} refused invalid_grant, ${ok}/100 answered 200, ${ms.toFixed(0)} ms (load ${load()})`
  );
}

async function dbCostPerPost(t: TestServer, token: string, label: string): Promise<void> {
  const posts = 20;
  const stats = t.server.dbStats;
  // Warm: the first post reads the company's accounts; the others are its adjustments.
  await api(t, token, "POST", "/api/journal", journalEntry("2026-12", "1.00"));
  const s0 = stats.statements;
  const m0 = stats.ms;
  const t0 = performance.now();
  for (let n = 0; n < posts; n++) {
    const a = await api(
      t,
      token,
      "POST",
      "/api/journal",
      journalEntry("2026-12", `${2 + n}.00`, { adjustment: n + 1 })
    );
    if (a.status !== 201) throw new Error(`post answered ${a.status}: ${a.text.slice(0, 200)}`);
  }
  const wall = performance.now() - t0;
  console.log(
    `database cost per post on ${label} (one instance, ${posts} posts one after another): ` +
      `${((stats.statements - s0) / posts).toFixed(1)} statements, ${((stats.ms - m0) / posts).toFixed(1)} ms waited for them ` +
      `(of ${(wall / posts).toFixed(0)} ms a post, paced by Intuit's 10 calls a second per company) (load ${load()})`
  );
}

async function fullSync(stack: Stack): Promise<void> {
  const sb = sandboxOf(stack.first);
  const throttled0 = Number(sb.state()?.["throttled"] ?? 0);
  const t0 = performance.now();
  const jobs = await Promise.all(
    stack.companies.map(async (c, n) => {
      const i = stack.instances[n % stack.instances.length] ?? stack.first;
      const a = await api(i, c.token, "POST", "/api/sync", { mode: "full" });
      if (a.status !== 202) throw new Error(`sync answered ${a.status}: ${a.text.slice(0, 200)}`);
      return { i, c, jobId: String((a.json as { jobId: string }).jobId) };
    })
  );
  let pending = jobs;
  let invoices = 0;
  let failed = 0;
  while (pending.length > 0) {
    await new Promise((r) => setTimeout(r, 500));
    const states = await Promise.all(
      pending.map(async (j) => {
        const a = await api(j.i, j.c.token, "GET", `/api/sync/${j.jobId}`);
        return { j, v: a.json as { state: string; progress: { counts: { invoices: number } } } };
      })
    );
    pending = [];
    for (const { j, v } of states) {
      if (v.state === "running") pending.push(j);
      else if (v.state === "done") invoices += v.progress.counts.invoices;
      else failed++;
    }
  }
  const s = (performance.now() - t0) / 1000;
  const throttled = Number(sb.state()?.["throttled"] ?? 0) - throttled0;
  console.log(
    `full sync of ${stack.companies.length} companies × ${SYNC_INVOICES} invoices across 4 instances: ${s.toFixed(1)} s, ` +
      `${invoices} invoices read, ${failed} jobs failed, 429s from the sandbox: ${throttled} (must be 0) (load ${load()})`
  );
}

export async function run(): Promise<void> {
  console.log(`size: ${QUICK ? "quick" : "full"} (REVREC_BENCH_SIZE=quick for the small one)`);
  // PGlite: one instance, the embedded default.
  const embedded = await startTestServer({ now: () => new Date(NOW), sandbox: { invoices: 2 } });
  try {
    const { message } = await signIn(embedded);
    await dbCostPerPost(embedded, message.sessionToken ?? "", "PGlite (embedded)");
  } finally {
    await embedded.close();
  }
  const pg = process.env["REVREC_TEST_PG_URL"] !== undefined;
  if (!pg) {
    console.log("hosted figures need PostgreSQL: set REVREC_TEST_PG_URL (TESTING.md)");
    return;
  }
  const posting = await startStack({ companies: POST_COMPANIES, invoices: 2 });
  try {
    const c = posting.companies[1];
    if (c !== undefined) await dbCostPerPost(posting.first, c.token, "PostgreSQL");
    await postingThroughput(posting);
    await refreshFanIn(posting);
  } finally {
    await posting.close();
  }
  const syncing = await startStack({ companies: SYNC_COMPANIES, invoices: SYNC_INVOICES });
  try {
    await fullSync(syncing);
  } finally {
    await syncing.close();
  }
}
