/**
 * REVREC_DB_POOL_MAX: however much work an instance is given at once, it opens at most that many connections to
 * PostgreSQL, so N instances × the pool stay under the server's max_connections (four instances at a default pool
 * once went over 100, and their requests failed with 500).
 */
import os from "node:os";

import { loadConfig } from "../../src/server/config";
import { openDb, type Db } from "../../src/server/db";
import { freshPgDatabase } from "../server/db/testDb";

let drop: () => Promise<void>;
let url: string;

beforeAll(async () => {
  const pg = await freshPgDatabase();
  drop = pg.drop;
  url = pg.url;
});
afterAll(() => drop());

/** Connections to this test's database, as the server counts them. */
const CONNECTIONS =
  "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()";

async function connectionsUnderLoad(db: Db): Promise<{ peak: number; queryPids: number }> {
  const seen: number[] = [];
  const pids = new Set<number>();
  // Posting locks held on twelve keys at once, each looking at the server's count from under its lock, while forty
  // queries run beside them.
  const locked = Array.from({ length: 12 }, (_, k) =>
    db.exclusive(`posting|pool|RR-${k}`, async () => {
      seen.push((await db.query<{ n: number }>(CONNECTIONS))[0]?.n ?? 0);
    })
  );
  const queries = Array.from({ length: 40 }, async () => {
    const [row] = await db.query<{ pid: number; n: number }>(
      `SELECT pg_backend_pid() AS pid, (${CONNECTIONS}) AS n`
    );
    if (row !== undefined) {
      pids.add(row.pid);
      seen.push(row.n);
    }
  });
  await Promise.all([...locked, ...queries]);
  return { peak: Math.max(...seen), queryPids: pids.size };
}

it("an instance with REVREC_DB_POOL_MAX=4 never holds more than 4 connections, and its work all gets done", async () => {
  const config = loadConfig(
    {
      DATABASE_URL: url,
      REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      REVREC_DB_POOL_MAX: "4",
    },
    { cwd: os.tmpdir(), dotEnvFile: false }
  );
  expect(config.dbPoolMax).toBe(4);
  const db = await openDb(config);
  try {
    const { peak, queryPids } = await connectionsUnderLoad(db);
    expect(peak).toBeLessThanOrEqual(4);
    // Queries share two connections; the other two hold the posting locks.
    expect(queryPids).toBeLessThanOrEqual(2);
  } finally {
    await db.close();
  }
});

it("a pool of fewer than 2, or not a number, is refused at start with the variable's name", () => {
  const load = (v: string) => () =>
    loadConfig(
      {
        DATABASE_URL: url,
        REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
        REVREC_DB_POOL_MAX: v,
      },
      { cwd: os.tmpdir(), dotEnvFile: false }
    );
  expect(load("1")).toThrow('REVREC_DB_POOL_MAX must be an integer from 2 to 1000, got "1".');
  expect(load("many")).toThrow("REVREC_DB_POOL_MAX must be an integer");
  expect(load("")).not.toThrow();
});
