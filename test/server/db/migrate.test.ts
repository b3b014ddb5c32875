import { checkOrder, migrate, type Migration } from "../../../src/server/db/migrate";
import { MIGRATIONS } from "../../../src/server/db/migrations";
import type { Db, DbKind } from "../../../src/server/db";
import { BACKENDS, WIPE, freshDb, type TestDb } from "./testDb";

const extra: Migration = {
  version: MIGRATIONS.length + 1,
  name: "test_extra",
  sql: "CREATE TABLE test_extra (id integer PRIMARY KEY); INSERT INTO test_extra VALUES (1);",
};

describe("migration order", () => {
  test("a list out of order is refused with the position named", () => {
    expect(() => checkOrder([{ version: 2, name: "b", sql: "" }])).toThrow(
      "Migration 2 (b) is at position 1: migrations must be numbered 1, 2, 3, … in order."
    );
  });
});

describe.each(BACKENDS)("migrations on %s", (kind: DbKind) => {
  let t: TestDb;
  /** Another instance on the same database (PGlite is one process: the same handle). */
  const open = async (): Promise<Db> => t.another?.() ?? t.db;

  beforeAll(async () => {
    t = await freshDb(kind, { migrated: false });
  });
  afterAll(() => t.close());
  beforeEach(() => t.db.exec(WIPE));

  test("a fresh database gets every migration once, recorded in schema_migrations", async () => {
    const db = await open();
    expect(await migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db, MIGRATIONS)).toEqual([]);
    const rows = await db.query<{ version: number; name: string }>(
      "SELECT version, name FROM schema_migrations ORDER BY version"
    );
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  test("a later migration is applied on its own to a database that has the earlier ones", async () => {
    const db = await open();
    await migrate(db, MIGRATIONS);
    expect(await migrate(db, [...MIGRATIONS, extra])).toEqual([extra.version]);
    expect(await db.query("SELECT id FROM test_extra")).toEqual([{ id: 1 }]);
  });

  test("four instances starting at once apply each migration once", async () => {
    const instances = await Promise.all([open(), open(), open(), open()]);
    const applied = await Promise.all(instances.map((d) => migrate(d, [...MIGRATIONS, extra])));
    expect(applied.flat().sort((a, b) => a - b)).toEqual(
      [...MIGRATIONS, extra].map((m) => m.version)
    );
    expect(await instances[0]?.query("SELECT id FROM test_extra")).toEqual([{ id: 1 }]);
  });

  test("a migration that fails leaves nothing of itself and is not recorded", async () => {
    const db = await open();
    await migrate(db, MIGRATIONS);
    const broken: Migration = {
      ...extra,
      sql: "CREATE TABLE test_extra (id integer); SELECT nope;",
    };
    await expect(migrate(db, [...MIGRATIONS, broken])).rejects.toThrow(
      'column "nope" does not exist'
    );
    expect(
      await db.query("SELECT version FROM schema_migrations WHERE version = $1", [extra.version])
    ).toEqual([]);
    expect(await db.query("SELECT to_regclass('test_extra') AS t")).toEqual([{ t: null }]);
  });
});
