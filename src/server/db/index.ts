/**
 * The database: PostgreSQL when `DATABASE_URL` is set (any number of instances share it), else PGlite in the data
 * dir (one process). Migrated to the latest schema before it is handed out.
 */
import path from "node:path";

import { openEmbedded } from "./embedded";
import { migrate } from "./migrate";
import { MIGRATIONS } from "./migrations";
import { openPostgres } from "./postgres";
import { withStats, type DbStats } from "./stats";
import type { Db } from "./types";

export type { Db, DbKind, Queryable, Row } from "./types";
export type { DbStats } from "./stats";

export interface DbConfig {
  /** postgres://… ; undefined for the embedded database. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** PostgreSQL only: the most connections this process opens (REVREC_DB_POOL_MAX). */
  dbPoolMax: number;
}

/** Where the embedded database keeps its files. */
export function embeddedDir(dataDir: string): string {
  return path.join(dataDir, "db");
}

/** The database, migrated, counting what this process asks of it into `stats` (migrations aside). */
export async function openDb(config: DbConfig, stats?: DbStats): Promise<Db> {
  const db =
    config.databaseUrl !== undefined
      ? openPostgres(config.databaseUrl, { poolMax: config.dbPoolMax })
      : await openEmbedded(embeddedDir(config.dataDir));
  try {
    await migrate(db, MIGRATIONS);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return stats === undefined ? db : withStats(db, stats);
}
