/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in this process, its files in the data dir. One
 * process only: PGlite opens its directory alone, so `exclusive` is a lock in this process.
 */
import { PGlite, types } from "@electric-sql/pglite";

import { KeyedMutex } from "./keyedMutex";
import type { Db, Queryable, Row } from "./types";

/** int8 as a number, as the hosted database's parser does. */
const PARSERS = { [types.INT8]: (v: string): number => Number(v) };

function queryable(q: Pick<PGlite, "query" | "exec">): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      return (await q.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

/** Open (creating when missing) the database in `dir`; undefined keeps it in memory (tests). */
export async function openEmbedded(dir: string | undefined): Promise<Db> {
  const pg = await PGlite.create(dir, { parsers: PARSERS });
  const mutex = new KeyedMutex();
  return {
    kind: "embedded",
    ...queryable(pg),
    transaction: (fn) => pg.transaction((tx) => fn(queryable(tx))),
    exclusive: (key, fn) => mutex.run(key, fn),
    close: () => pg.close(),
  };
}
