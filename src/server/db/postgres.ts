/**
 * The hosted database: PostgreSQL through node-postgres. Two pools: queries and transactions use one; `exclusive`
 * holds a connection of the other for as long as its advisory lock is held, so lock holders never take the
 * connections that the work they do under the lock needs.
 */
import { createHash } from "node:crypto";

import pg from "pg";

import { KeyedMutex } from "./keyedMutex";
import type { Db, Queryable, Row } from "./types";

const INT8 = 20;

/** int8 as a number (node-postgres gives strings by default; epoch milliseconds fit a double). */
const typeParsers = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === INT8 ? (v: string): number => Number(v) : pg.types.getTypeParser(oid, format ?? "text"),
};

function queryable(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      return (await q.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string): Promise<void> {
      await q.query(sql);
    },
  };
}

/** The two int4 keys of `pg_advisory_lock` for a lock name (a collision only makes two names wait for each other). */
export function advisoryKeys(key: string): [number, number] {
  const h = createHash("sha256").update(key).digest();
  return [h.readInt32BE(0), h.readInt32BE(4)];
}

export interface PostgresOptions {
  /**
   * The most connections this process opens (REVREC_DB_POOL_MAX, default 20, at least 2): half (rounded down) for
   * `exclusive` callers' locks, the rest for queries and transactions. Every instance opens up to this many, so
   * instances × this must stay under the server's max_connections.
   */
  poolMax?: number;
}

export const DEFAULT_POOL_MAX = 20;

/** How `poolMax` connections are shared: [queries and transactions, advisory locks held]. */
export function poolSplit(poolMax: number): [number, number] {
  const locks = Math.max(1, Math.floor(poolMax / 2));
  return [Math.max(1, poolMax - locks), locks];
}

export function openPostgres(url: string, opts: PostgresOptions = {}): Db {
  const [queries, locks] = poolSplit(opts.poolMax ?? DEFAULT_POOL_MAX);
  const pool = new pg.Pool({ connectionString: url, max: queries, types: typeParsers });
  // Lock holders wait for one of these; the work they do under the lock uses `pool`, so they never starve it.
  const lockPool = new pg.Pool({ connectionString: url, max: locks, types: typeParsers });
  // A dropped idle connection must not crash the process; the next query opens a new one.
  pool.on("error", () => undefined);
  lockPool.on("error", () => undefined);
  const mutex = new KeyedMutex();

  /**
   * A connection of `from` for `fn`. A connection lost meanwhile (the server ended it) fails the query in progress;
   * its 'error' event must not crash the process, and it is destroyed rather than reused.
   */
  async function withClient<T>(
    from: pg.Pool,
    fn: (client: pg.PoolClient, broken: () => void) => Promise<T>
  ): Promise<T> {
    const client = await from.connect();
    let healthy = true;
    const broken = (): void => {
      healthy = false;
    };
    client.on("error", broken);
    try {
      return await fn(client, broken);
    } finally {
      client.off("error", broken);
      client.release(!healthy);
    }
  }

  function transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return withClient(pool, async (client, broken) => {
      await client.query("BEGIN");
      try {
        const result = await fn(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(broken);
        throw e;
      }
    });
  }

  function advisory<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const [a, b] = advisoryKeys(key);
    return withClient(lockPool, async (client, broken) => {
      await client.query("SELECT pg_advisory_lock($1, $2)", [a, b]);
      try {
        return await fn();
      } finally {
        // A connection that could not unlock may still hold the lock: it is destroyed, not reused.
        await client.query("SELECT pg_advisory_unlock($1, $2)", [a, b]).catch(broken);
      }
    });
  }

  return {
    kind: "postgres",
    ...queryable(pool),
    transaction,
    // One connection per key and process: a double click waits in this process, not on a second connection.
    exclusive: (key, fn) => mutex.run(key, () => advisory(key, fn)),
    close: async () => {
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}
