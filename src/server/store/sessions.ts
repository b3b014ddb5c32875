/** The task pane's sessions: only each token's SHA-256 is kept, bound to one company. */
import type { Db } from "../db";

export interface SessionRecord {
  companyKey: string;
  createdAt: number;
  lastUsedAt: number;
}

interface SessionRow {
  [column: string]: unknown;
  company_key: string;
  created_at: number;
  last_used_at: number;
}

export class Sessions {
  constructor(private readonly db: Db) {}

  async get(hash: string): Promise<SessionRecord | undefined> {
    const [row] = await this.db.query<SessionRow>(
      "SELECT company_key, created_at, last_used_at FROM sessions WHERE hash = $1",
      [hash]
    );
    return row === undefined
      ? undefined
      : { companyKey: row.company_key, createdAt: row.created_at, lastUsedAt: row.last_used_at };
  }

  async put(hash: string, s: SessionRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (hash, company_key, created_at, last_used_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (hash) DO UPDATE SET company_key = EXCLUDED.company_key, created_at = EXCLUDED.created_at,
         last_used_at = EXCLUDED.last_used_at`,
      [hash, s.companyKey, s.createdAt, s.lastUsedAt]
    );
  }

  async remove(hash: string): Promise<void> {
    await this.db.query("DELETE FROM sessions WHERE hash = $1", [hash]);
  }

  /** Drop sessions idle longer than `idleMs`. */
  async prune(now: number, idleMs: number): Promise<void> {
    await this.db.query("DELETE FROM sessions WHERE last_used_at < $1", [now - idleMs]);
  }
}
