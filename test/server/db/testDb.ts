/**
 * Databases for tests: each call gives a fresh one. Embedded: PGlite in memory. PostgreSQL: a new database
 * `revrec_t_<random>` on the server named by REVREC_TEST_PG_URL, dropped afterwards. With CI=1 or
 * REVREC_REQUIRE_PG=1 the PostgreSQL cases run even without the URL, and fail saying so.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { openEmbedded } from "../../../src/server/db/embedded";
import { migrate } from "../../../src/server/db/migrate";
import { MIGRATIONS } from "../../../src/server/db/migrations";
import { openPostgres } from "../../../src/server/db/postgres";
import { embeddedDir, type Db, type DbKind } from "../../../src/server/db";
import { seedDataDir } from "./template";

const PG_URL = process.env["REVREC_TEST_PG_URL"];
const REQUIRE_PG = process.env["CI"] === "1" || process.env["REVREC_REQUIRE_PG"] === "1";

/** The backends to run database tests on. */
export const BACKENDS: DbKind[] =
  PG_URL !== undefined || REQUIRE_PG ? ["embedded", "postgres"] : ["embedded"];

function pgUrl(): string {
  if (PG_URL === undefined)
    throw new Error(
      "REVREC_TEST_PG_URL is not set, and CI=1 or REVREC_REQUIRE_PG=1 asks for the PostgreSQL tests (see TESTING.md)."
    );
  return PG_URL;
}

/** A new empty PostgreSQL database; `drop` removes it. */
export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = pgUrl();
  const name = `revrec_t_${randomBytes(6).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      try {
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await d.end();
      }
    },
  };
}

export interface TestDb {
  db: Db;
  /** Another handle on the same database (a second instance); embedded has only one. */
  another?: () => Db;
  close(): Promise<void>;
}

/** Everything in the database gone, schema_migrations too (for tests of migrating). */
export const WIPE =
  "DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP TABLE IF EXISTS schema_migrations";

/** The rows gone, the schema kept: between tests of one file. */
export async function emptyTables(db: Db): Promise<void> {
  const tables = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'"
  );
  if (tables.length > 0) await db.exec(`TRUNCATE ${tables.map((t) => t.name).join(", ")}`);
}

/**
 * A fresh database of `kind`, migrated unless asked not to. One per test file (tests in a file share it and empty
 * its tables between them); an embedded one is a copy of the template (template.ts).
 */
export async function freshDb(kind: DbKind, opts: { migrated?: boolean } = {}): Promise<TestDb> {
  const migrated = opts.migrated ?? true;
  if (kind === "embedded") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "revrec-db-"));
    await seedDataDir(dir);
    const db = await openEmbedded(embeddedDir(dir));
    if (!migrated) await db.exec(WIPE);
    return {
      db,
      close: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await freshPgDatabase();
  const db = openPostgres(url);
  const others: Db[] = [];
  if (migrated) await migrate(db, MIGRATIONS);
  return {
    db,
    another: () => {
      const o = openPostgres(url);
      others.push(o);
      return o;
    },
    close: async () => {
      await Promise.all([db, ...others].map((d) => d.close()));
      await drop();
    },
  };
}
