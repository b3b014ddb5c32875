/**
 * Versioned migrations, applied in order at start in one transaction and recorded in `schema_migrations`. Instances
 * starting at once take turns on a transaction-scoped advisory lock, so each migration runs once.
 */
import type { Db } from "./types";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The advisory lock key migrations take (an arbitrary constant: "RRmg"). */
const MIGRATION_LOCK = 0x52526d67;

/** Migrations must be numbered 1, 2, 3, … in order: a gap or a repeat is a mistake in the list. */
export function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `Migration ${m.version} (${m.name}) is at position ${i + 1}: migrations must be numbered 1, 2, 3, … in order.`
      );
  });
}

/** Apply the migrations `db` lacks; returns the versions applied now. */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<number[]> {
  checkOrder(migrations);
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
    );
    const done = new Set(
      (await tx.query<{ version: number }>("SELECT version FROM schema_migrations")).map(
        (r) => r.version
      )
    );
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}
