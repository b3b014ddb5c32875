/**
 * Two backend processes sharing one data dir (and one QuickBooks company) post the same period at the same moment:
 * QuickBooks ends with one entry. The in-process lock cannot see the other process; the lock file in the data dir
 * keeps them apart (backends with different data dirs: postingBackends.test.ts).
 */

import {
  api,
  connect,
  entriesWithDocNumber,
  journalEntry as entry,
  startTestServer,
  type TestServer,
} from "./helpers";
import { startSecondBackend, type SecondBackend } from "./secondBackend";

let t: TestServer;
let other: TestServer;
let second: SecondBackend;
let tokenA: string;
let tokenB: string;

/** Both backends' clock: every period these tests post has ended by then. */
const NOW = "2027-01-15T12:00:00Z";

beforeAll(async () => {
  t = await startTestServer({ env: { QBO_TIMEOUT_MS: "1500" }, now: () => new Date(NOW) });
  tokenA = await connect(t);
  tokenB = await connect(t);
  expect((await api(t, tokenA, "GET", "/api/status")).status).toBe(200);
  expect((await api(t, tokenA, "GET", "/api/accounts")).status).toBe(200);
  second = await startSecondBackend({ ...t.env, REVREC_SANDBOX_URL: t.sandboxUrl }, NOW);
  const url = second.url;
  other = { ...t, url };
  expect((await api(other, tokenB, "GET", "/api/status")).status).toBe(200);
  expect((await api(other, tokenB, "GET", "/api/accounts")).status).toBe(200);
}, 60000);

afterAll(async () => {
  await second.stop();
  await t.close();
});

it.each([
  ["the same lines", "1000.00", [200, 201]],
  ["different lines", "1200.00", [201, 409]],
])(
  "two processes posting a period at once with %s make one entry",
  async (_what, amountB, statuses) => {
    // Several periods, so that an unlucky interleaving cannot hide a race.
    for (const period of amountB === "1000.00"
      ? ["2026-07", "2026-08", "2026-09"]
      : ["2026-10", "2026-11", "2026-12"]) {
      const [a, b] = await Promise.all([
        api(t, tokenA, "POST", "/api/journal", entry(period)),
        api(other, tokenB, "POST", "/api/journal", entry(period, amountB)),
      ]);
      expect(await entriesWithDocNumber(t, `RR-${period}`)).toHaveLength(1);
      expect([a.status, b.status].sort()).toEqual(statuses);
    }
  }
);
