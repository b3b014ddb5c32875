/** dbStats: every statement the backend sends is counted, inside transactions and under locks too (the bench reads it). */
import { withStats, type DbStats } from "../../../src/server/db/stats";
import { BACKENDS, freshDb, type TestDb } from "./testDb";

describe.each(BACKENDS)("statement counts on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(kind);
  });
  afterAll(() => t.close());

  test("queries, a transaction's statements and those under an exclusive lock are all counted", async () => {
    const stats: DbStats = { statements: 0, ms: 0 };
    const db = withStats(t.db, stats);
    await db.query("SELECT 1");
    const sum = await db.transaction(async (tx) => {
      const [a] = await tx.query<{ n: number }>("SELECT 2 AS n");
      const [b] = await tx.query<{ n: number }>("SELECT 3 AS n");
      return (a?.n ?? 0) + (b?.n ?? 0);
    });
    expect(sum).toBe(5);
    await db.exclusive("stats|test", () => db.query("SELECT 4"));
    await expect(db.query("SELECT * FROM no_such_table")).rejects.toThrow();
    expect(stats.statements).toBe(5);
    expect(stats.ms).toBeGreaterThan(0);
  });
});
