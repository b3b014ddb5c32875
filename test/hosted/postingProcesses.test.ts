/**
 * Four backend instances on one PostgreSQL database (this process's and three others), fifty QuickBooks companies in
 * one sandbox, all connected: postings of the same period of a company at the same instant make one entry in that
 * company and every answer names it, for every company at once; an instance killed (kill -9) in the middle of a
 * create leaves its claim to the others; a token refresh needed by all at once makes one call to the token endpoint
 * per company, and none is refused.
 */
import type { Sandbox } from "../../sandbox";
import { BACKENDS, freshPgDatabase } from "../server/db/testDb";
import {
  api,
  journalEntry as entry,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from "../server/helpers";
import { startSecondBackend, type SecondBackend } from "../server/secondBackend";

/** Every instance's clock: every period these tests post has ended by then. */
const NOW = "2027-01-15T12:00:00Z";
const COMPANIES = 50;
// The hooks' and tests' limits are generous: 4,000 posts through four processes took 72 s at a load average of 4 and
// about ten minutes at 17 on the 2-core machine; they bound a hang, not the speed.

let drop: () => Promise<void>;
let t: TestServer;
let sandbox: Sandbox;
let others: SecondBackend[] = [];
/** The four instances, as the API sees them (the same sandbox, each its own URL). */
let instances: TestServer[];
/** Each company's realm and the session that connected it. */
let companies: { realmId: string; token: string }[];

interface PostBody {
  status: string;
  journalEntryId: string;
}

/** A company's journal entries with this DocNumber, as QuickBooks holds them. */
function inQbo(realmId: string, docNumber: string): Record<string, unknown>[] {
  const co = sandbox.companies.get(realmId);
  if (co === undefined) throw new Error(`no company ${realmId}`);
  return co.list("JournalEntry").filter((e) => e["DocNumber"] === docNumber);
}

beforeAll(async () => {
  expect(BACKENDS).toContain("postgres");
  const pg = await freshPgDatabase();
  drop = pg.drop;
  const env = {
    DATABASE_URL: pg.url,
    REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
    QBO_TIMEOUT_MS: "4000",
    // Four instances at 8 connections each: 32, well under the server's 100 (shared with other tests).
    REVREC_DB_POOL_MAX: "8",
  };
  t = await startTestServer({
    env,
    now: () => new Date(NOW),
    sandbox: { companies: COMPANIES, invoices: 2 },
  });
  const s = t.server.sandbox?.sandbox;
  if (s === undefined) throw new Error("no in-process sandbox");
  sandbox = s;
  // One sign-in after another: the sandbox's consent connects the next company each time.
  companies = [];
  for (let i = 0; i < COMPANIES; i++) {
    const { message } = await signIn(t);
    if (!message.ok || message.sessionToken === undefined || message.realmId === undefined)
      throw new Error(`sign-in failed: ${JSON.stringify(message)}`);
    companies.push({ realmId: message.realmId, token: message.sessionToken });
  }
  expect(new Set(companies.map((c) => c.realmId))).toEqual(new Set(sandbox.companies.keys()));
  others = await Promise.all(
    [1, 2, 3].map(() => startSecondBackend({ ...t.env, REVREC_SANDBOX_URL: t.sandboxUrl }, NOW))
  );
  instances = [t, ...others.map((o) => ({ ...t, url: o.url }))];
  // A session made at one instance is good at every other: they share the database.
  for (const i of instances) {
    const c = companies[i.url.length % COMPANIES] ?? companies[0];
    if (c === undefined) throw new Error("no company");
    expect((await api(i, c.token, "GET", "/api/accounts")).status).toBe(200);
  }
}, 900_000);

afterAll(async () => {
  await Promise.all(others.map((o) => o.stop()));
  await t.close();
  await drop();
});

/** 20 postings: four open periods, each with its entry and four adjustments (RR-2026-09 … RR-2026-12-A4). */
const ROUNDS = ["2026-09", "2026-10", "2026-11", "2026-12"].flatMap((period) =>
  [0, 1, 2, 3, 4].map((adjustment) => ({
    body: entry(period, `${1000 + adjustment}.00`, adjustment === 0 ? {} : { adjustment }),
    docNumber: adjustment === 0 ? `RR-${period}` : `RR-${period}-A${adjustment}`,
  }))
);

it("every instance posting the same period of a company at the same instant, for all 50 companies, 20 periods: one entry each, every answer names it", async () => {
  expect(ROUNDS).toHaveLength(20);
  for (const { body, docNumber } of ROUNDS) {
    const answers = await Promise.all(
      companies.map((c) =>
        Promise.all(instances.map((i) => api(i, c.token, "POST", "/api/journal", body)))
      )
    );
    companies.forEach((c, n) => {
      const entries = inQbo(c.realmId, docNumber);
      expect(entries).toHaveLength(1);
      const mine = answers[n] ?? [];
      const bodies = mine.map((a) => a.json as PostBody);
      expect(mine.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(bodies.map((b) => b.status).sort()).toEqual([
        "created",
        "existing",
        "existing",
        "existing",
      ]);
      expect(new Set(bodies.map((b) => b.journalEntryId))).toEqual(new Set([entries[0]?.["Id"]]));
    });
  }
}, 2_400_000);

/** What the killed instance was posting: the next adjustment after the rounds'. */
const KILLED = entry("2026-12", "7.00", { adjustment: 5 });

function company(n: number): { realmId: string; token: string } {
  const c = companies[n];
  if (c === undefined) throw new Error(`no company ${n}`);
  return c;
}

it("an instance killed during its create: the others take the claim over, still one entry, and go on posting for every company", async () => {
  const victim = others[0];
  if (victim === undefined) throw new Error("no instance to kill");
  const target = company(37);
  // The victim's create for that company is held at the sandbox until the victim is dead.
  const held = new Promise<void>((resolve) => {
    const stop = sandbox.faults.onHit(() => {
      stop();
      resolve();
    });
  });
  sandbox.faults.add({
    method: "POST",
    path: `/${target.realmId}/journalentry$`,
    remaining: 1,
    action: { kind: "hang", ms: 600_000 },
  });
  const dying = api({ ...t, url: victim.url }, target.token, "POST", "/api/journal", KILLED).then(
    () => "answered",
    () => "connection lost"
  );
  await held;
  await victim.kill();
  expect(await dying).toBe("connection lost");
  const survivors = instances.filter((i) => i.url !== victim.url);
  // Every company's next adjustment from every survivor, the held company's among them.
  const answers = await Promise.all(
    companies.map((c) =>
      Promise.all(survivors.map((i) => api(i, c.token, "POST", "/api/journal", KILLED)))
    )
  );
  companies.forEach((c, n) => {
    const entries = inQbo(c.realmId, "RR-2026-12-A5");
    expect(entries).toHaveLength(1);
    expect((answers[n] ?? []).map((a) => (a.json as PostBody).journalEntryId)).toEqual(
      survivors.map(() => entries[0]?.["Id"])
    );
  });
  instances = survivors;
}, 900_000);

it("every company's token expired, 20 requests of one company and one of every other at each instance: one token call per company, none refused", async () => {
  const counts = (realmId: string): { refreshCalls: number; invalidGrants: number } => {
    const c = sandbox.oauth.realmCounts(realmId);
    return { refreshCalls: Number(c["refreshCalls"]), invalidGrants: Number(c["invalidGrants"]) };
  };
  const before = companies.map((c) => counts(c.realmId));
  // QuickBooks stops accepting every access token the instances hold: each finds out by a 401 and must refresh.
  await request(`${t.sandboxUrl}/__sandbox/tokens/expire`, { method: "POST", body: {} });
  const busy = company(12);
  const requests = [
    ...Array.from({ length: 20 }, (_, n) => ({ i: instances[n % instances.length], c: busy })),
    ...companies.filter((c) => c !== busy).flatMap((c) => instances.map((i) => ({ i, c }))),
  ];
  const answers = await Promise.all(
    requests.map(({ i, c }) => api(i ?? t, c.token, "GET", "/api/postings?period=2026-01"))
  );
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  const after = companies.map((c) => counts(c.realmId));
  expect(after).toEqual(
    before.map((b) => ({ refreshCalls: b.refreshCalls + 1, invalidGrants: b.invalidGrants }))
  );
  // Every instance goes on working with the one new token of the busy company.
  for (const i of instances)
    expect((await api(i, busy.token, "GET", "/api/accounts")).status).toBe(200);
  expect(counts(busy.realmId).refreshCalls).toBe((before[12]?.refreshCalls ?? 0) + 1);
}, 900_000);
