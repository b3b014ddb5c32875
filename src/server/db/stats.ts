/**
 * What this process asked of its database: statements sent and the milliseconds spent waiting for them (inside
 * transactions and under locks too), so the cost of a post or a sync can be read off (`npm run bench`).
 */
import type { Db, Queryable, Row } from "./types";

export interface DbStats {
  statements: number;
  ms: number;
}

function counted(q: Queryable, stats: DbStats): Queryable {
  const timed = async <T>(run: () => Promise<T>): Promise<T> => {
    stats.statements++;
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      stats.ms += performance.now() - t0;
    }
  };
  return {
    query: <R extends Row = Row>(sql: string, params?: readonly unknown[]) =>
      timed(() => q.query<R>(sql, params)),
    exec: (sql: string) => timed(() => q.exec(sql)),
  };
}

/** The same database, counting into `stats`. */
export function withStats(db: Db, stats: DbStats): Db {
  return {
    kind: db.kind,
    ...counted(db, stats),
    transaction: (fn) => db.transaction((tx) => fn(counted(tx, stats))),
    exclusive: (key, fn) => db.exclusive(key, fn),
    close: () => db.close(),
  };
}
