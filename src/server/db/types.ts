/**
 * The one database interface the backend uses, so that the same SQL runs on PostgreSQL (hosted, `DATABASE_URL`) and
 * on PGlite (embedded, the default). Rows come back with int8 columns as numbers on both (epoch milliseconds fit).
 */
export type Row = Record<string, unknown>;

/** Something SQL can be sent to: the database itself or one transaction. */
export interface Queryable {
  /** One statement with `$1`-style parameters. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DbKind = "embedded" | "postgres";

export interface Db extends Queryable {
  readonly kind: DbKind;
  /**
   * Run `fn` in one transaction (committed when it resolves, rolled back when it throws). The transaction holds a
   * connection of its own, so `SELECT … FOR UPDATE` in it waits for other instances' row locks.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Run `fn` while no other caller, in this process or any other instance on the same database, runs `exclusive`
   * with the same key. The lock is the database's: an instance that dies while holding it lets it go with its
   * connection, and the next waiter goes on.
   */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
