/**
 * The store, in the database (db/): companies and their sealed tokens, sessions, the posting ledger and sign-ins in
 * progress. One implementation for the embedded database and for PostgreSQL.
 */
import type { Db, DbKind } from "../db";
import { PendingSignIns } from "../pendingSignIns";
import { Companies } from "./companies";
import { Ledger } from "./ledger";
import { checkTokenKey } from "./secrets";
import { Sessions } from "./sessions";

export type { CompanyRecord } from "./companies";
export type { PostingRecord } from "./ledger";
export type { SessionRecord } from "./sessions";
export { resolveKey } from "./envelope";
export { sharedSecret } from "./secrets";
export { importTokenFile } from "./tokenFile";

export class Store {
  readonly companies: Companies;
  readonly sessions: Sessions;
  readonly ledger: Ledger;
  readonly signIns: PendingSignIns;

  private constructor(
    readonly db: Db,
    key: Buffer
  ) {
    this.companies = new Companies(db, key);
    this.sessions = new Sessions(db);
    this.ledger = new Ledger(db);
    this.signIns = new PendingSignIns(db);
  }

  /** Whether the database answers. */
  async health(): Promise<{ kind: DbKind; ok: boolean }> {
    try {
      await this.db.query("SELECT 1");
      return { kind: this.db.kind, ok: true };
    } catch {
      return { kind: this.db.kind, ok: false };
    }
  }

  /** The store on `db`, its tokens sealed with `key` (refused when the database's tokens were sealed with another). */
  static async open(db: Db, key: Buffer): Promise<Store> {
    await checkTokenKey(db, key);
    return new Store(db, key);
  }
}
