/**
 * Four backend instances on one PostgreSQL database (this process's and three others), one QuickBooks company:
 * postings of the same period at the same instant make one entry and every answer names it; an instance killed
 * (kill -9) in the middle of a create leaves its claim to the others; a token refresh needed by all at once makes
 * one call to the token endpoint. The sandbox holds one company, so these run on one company, not fifty.
 */
import { BACKENDS, freshPgDatabase } from "../server/db/testDb";
import {
  api,
  connect,
  entriesWithDocNumber,
  journalEntry as entry,
  request,
  sandboxState,
  startTestServer,
  type TestServer,
} from "../server/helpers";
import { startSecondBackend, type SecondBackend } from "../server/secondBackend";

/** Every instance's clock: every period these tests post has ended by then. */
const NOW = "2027-01-15T12:00:00Z";

let drop: () => Promise<void>;
let t: TestServer;
let others: SecondBackend[] = [];
/** The four instances, as the API sees them (the same sandbox, each its own URL). */
let instances: TestServer[];
let token: string;

interface PostBody {
  status: string;
  journalEntryId: string;
}

beforeAll(async () => {
  expect(BACKENDS).toContain("postgres");
  const pg = await freshPgDatabase();
  drop = pg.drop;
  const env = {
    DATABASE_URL: pg.url,
    REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
    QBO_TIMEOUT_MS: "4000",
  };
  t = await startTestServer({ env, now: () => new Date(NOW) });
  token = await connect(t);
  others = await Promise.all(
    [1, 2, 3].map(() => startSecondBackend({ ...t.env, REVREC_SANDBOX_URL: t.sandboxUrl }, NOW))
  );
  instances = [t, ...others.map((o) => ({ ...t, url: o.url }))];
  // A session made at one instance is good at every other: they share the database.
  for (const i of instances) expect((await api(i, token, "GET", "/api/accounts")).status).toBe(200);
}, 120_000);

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

it("every instance posting the same period at the same instant, 20 periods: one entry each, every answer names it", async () => {
  expect(ROUNDS).toHaveLength(20);
  for (const { body, docNumber } of ROUNDS) {
    const answers = await Promise.all(
      instances.map((i) => api(i, token, "POST", "/api/journal", body))
    );
    const inQbo = await entriesWithDocNumber(t, docNumber);
    expect(inQbo).toHaveLength(1);
    const bodies = answers.map((a) => a.json as PostBody);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(bodies.map((b) => b.status).sort()).toEqual([
      "created",
      "existing",
      "existing",
      "existing",
    ]);
    expect(new Set(bodies.map((b) => b.journalEntryId))).toEqual(new Set([inQbo[0]?.["Id"]]));
  }
}, 300_000);

/** What the killed instance was posting: the next adjustment after the rounds'. */
const KILLED = entry("2026-12", "7.00", { adjustment: 5 });

it("an instance killed during its create: the others take the claim over, still one entry", async () => {
  const sandbox = t.server.sandbox?.sandbox;
  if (sandbox === undefined) throw new Error("no in-process sandbox");
  const victim = others[0];
  if (victim === undefined) throw new Error("no instance to kill");
  // The victim's create is held at the sandbox until the victim is dead.
  const held = new Promise<void>((resolve) => {
    const stop = sandbox.faults.onHit(() => {
      stop();
      resolve();
    });
  });
  sandbox.faults.add({
    method: "POST",
    path: "journalentry$",
    remaining: 1,
    action: { kind: "hang", ms: 600_000 },
  });
  const dying = api({ ...t, url: victim.url }, token, "POST", "/api/journal", KILLED).then(
    () => "answered",
    () => "connection lost"
  );
  await held;
  await victim.kill();
  expect(await dying).toBe("connection lost");
  const survivors = instances.filter((i) => i.url !== victim.url);
  const answers = await Promise.all(
    survivors.map((i) => api(i, token, "POST", "/api/journal", KILLED))
  );
  const inQbo = await entriesWithDocNumber(t, "RR-2026-12-A5");
  expect(inQbo).toHaveLength(1);
  expect(answers.map((a) => (a.json as PostBody).journalEntryId)).toEqual(
    survivors.map(() => inQbo[0]?.["Id"])
  );
  instances = survivors;
}, 120_000);

it("20 requests across the instances all needing a refresh at once: one call to the token endpoint", async () => {
  const calls = async (): Promise<number> =>
    Number(((await sandboxState(t))["oauth"] as { refreshCalls: number }).refreshCalls);
  const before = await calls();
  // QuickBooks stops accepting the access token every instance holds: each finds out by a 401 and must refresh.
  await request(`${t.sandboxUrl}/__sandbox/tokens/expire`, { method: "POST", body: {} });
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      api(instances[n % instances.length] ?? t, token, "GET", "/api/postings?period=2026-01")
    )
  );
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  expect(await calls()).toBe(before + 1);
  // Every instance goes on working with the one new token.
  for (const i of instances) expect((await api(i, token, "GET", "/api/accounts")).status).toBe(200);
  expect(await calls()).toBe(before + 1);
}, 120_000);
