/**
 * Connected companies and their OAuth tokens. The tokens are sealed (AES-256-GCM, envelope.ts) in one column; the
 * rest is plain. A refresh reads and rotates them under the company row's lock, so instances take turns.
 */
import type { Db, Queryable } from "../db";
import { ConfigError } from "../config";
import { decrypt, encrypt, isEnvelope } from "./envelope";

export interface CompanyRecord {
  /** `${environment}:${realmId}` */
  key: string;
  environment: string;
  realmId: string;
  companyName: string;
  accessToken: string;
  /** epoch ms */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  connectedAt: number;
  updatedAt: number;
}

interface CompanyRow {
  [column: string]: unknown;
  key: string;
  environment: string;
  realm_id: string;
  company_name: string;
  tokens: string;
  access_expires_at: number;
  refresh_expires_at: number;
  connected_at: number;
  updated_at: number;
}

interface Sealed {
  accessToken: string;
  refreshToken: string;
}

const COLUMNS =
  "key, environment, realm_id, company_name, tokens, access_expires_at, refresh_expires_at, connected_at, updated_at";

export class Companies {
  constructor(
    private readonly db: Db,
    private readonly key: Buffer
  ) {}

  private open(row: CompanyRow): CompanyRecord {
    let sealed: Sealed;
    try {
      const envelope: unknown = JSON.parse(row.tokens);
      if (!isEnvelope(envelope)) throw new Error("not an envelope");
      sealed = JSON.parse(decrypt(this.key, envelope)) as Sealed;
    } catch {
      throw new ConfigError(
        `The tokens of company ${row.key} cannot be decrypted with the configured key (REVREC_ENCRYPTION_KEY or the key file). Use the key they were written with, or disconnect and reconnect the company.`
      );
    }
    return {
      key: row.key,
      environment: row.environment,
      realmId: row.realm_id,
      companyName: row.company_name,
      accessToken: sealed.accessToken,
      accessExpiresAt: row.access_expires_at,
      refreshToken: sealed.refreshToken,
      refreshExpiresAt: row.refresh_expires_at,
      connectedAt: row.connected_at,
      updatedAt: row.updated_at,
    };
  }

  private seal(c: CompanyRecord): string {
    const sealed: Sealed = { accessToken: c.accessToken, refreshToken: c.refreshToken };
    return JSON.stringify(encrypt(this.key, JSON.stringify(sealed)));
  }

  async get(key: string): Promise<CompanyRecord | undefined> {
    const [row] = await this.db.query<CompanyRow>(
      `SELECT ${COLUMNS} FROM companies WHERE key = $1`,
      [key]
    );
    return row === undefined ? undefined : this.open(row);
  }

  async all(): Promise<CompanyRecord[]> {
    const rows = await this.db.query<CompanyRow>(`SELECT ${COLUMNS} FROM companies ORDER BY key`);
    return rows.map((r) => this.open(r));
  }

  /** The keys of every connected company (nothing decrypted). */
  async keys(): Promise<string[]> {
    const rows = await this.db.query<{ key: string }>("SELECT key FROM companies ORDER BY key");
    return rows.map((r) => r.key);
  }

  async put(c: CompanyRecord, q: Queryable = this.db): Promise<void> {
    await q.query(
      `INSERT INTO companies (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (key) DO UPDATE SET environment = EXCLUDED.environment, realm_id = EXCLUDED.realm_id,
         company_name = EXCLUDED.company_name, tokens = EXCLUDED.tokens,
         access_expires_at = EXCLUDED.access_expires_at, refresh_expires_at = EXCLUDED.refresh_expires_at,
         connected_at = EXCLUDED.connected_at, updated_at = EXCLUDED.updated_at`,
      [
        c.key,
        c.environment,
        c.realmId,
        c.companyName,
        this.seal(c),
        c.accessExpiresAt,
        c.refreshExpiresAt,
        c.connectedAt,
        c.updatedAt,
      ]
    );
  }

  async setName(key: string, name: string, now: number): Promise<void> {
    await this.db.query(
      "UPDATE companies SET company_name = $2, updated_at = $3 WHERE key = $1 AND company_name <> $2",
      [key, name, now]
    );
  }

  /** Forget the company; its sessions go with it. */
  async remove(key: string): Promise<void> {
    await this.db.query("DELETE FROM companies WHERE key = $1", [key]);
  }

  /**
   * Run `fn` holding the company row's lock (`SELECT … FOR UPDATE`): another instance's `locked` on the same company
   * waits until this one has committed, and then reads what it wrote. `save` writes within the same transaction.
   */
  locked<T>(
    key: string,
    fn: (c: CompanyRecord | undefined, save: (c: CompanyRecord) => Promise<void>) => Promise<T>
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<CompanyRow>(
        `SELECT ${COLUMNS} FROM companies WHERE key = $1 FOR UPDATE`,
        [key]
      );
      return fn(row === undefined ? undefined : this.open(row), (c) => this.put(c, tx));
    });
  }
}
