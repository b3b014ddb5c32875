/**
 * The posting ledger: one row per company and DocNumber (its primary key), holding the requestid of the entry's
 * create before the first attempt, and the entry once made. The claim on the DocNumber itself is `Db.exclusive`.
 */
import type { Db } from "../db";

export interface PostingRecord {
  companyKey: string;
  docNumber: string;
  requestId: string;
  /** Hash of the request's content; a different content for the same DocNumber gets a new requestid. */
  bodyHash: string;
  createdAt: number;
  attempts: number;
  journalEntryId?: string;
  /**
   * When QuickBooks refused a create with this requestid unambiguously (a validation fault). QuickBooks replays the
   * answer stored for a requestid, so the next attempt, made after the cause is fixed, needs a new one.
   */
  refusedAt?: number;
  /** Written into the entry's private note: tells this backend's entry from one another backend made. */
  runId?: string;
}

interface PostingRow {
  [column: string]: unknown;
  company_key: string;
  doc_number: string;
  request_id: string;
  body_hash: string;
  created_at: number;
  attempts: number;
  journal_entry_id: string | null;
  refused_at: number | null;
  run_id: string | null;
}

function record(row: PostingRow): PostingRecord {
  const r: PostingRecord = {
    companyKey: row.company_key,
    docNumber: row.doc_number,
    requestId: row.request_id,
    bodyHash: row.body_hash,
    createdAt: row.created_at,
    attempts: row.attempts,
  };
  if (row.journal_entry_id !== null) r.journalEntryId = row.journal_entry_id;
  if (row.refused_at !== null) r.refusedAt = row.refused_at;
  if (row.run_id !== null) r.runId = row.run_id;
  return r;
}

export class Ledger {
  constructor(private readonly db: Db) {}

  /** The claim on a DocNumber, across instances: see Db.exclusive. */
  claim<T>(companyKey: string, docNumber: string, fn: () => Promise<T>): Promise<T> {
    return this.db.exclusive(`posting|${companyKey}|${docNumber}`, fn);
  }

  async get(companyKey: string, docNumber: string): Promise<PostingRecord | undefined> {
    const [row] = await this.db.query<PostingRow>(
      "SELECT * FROM postings WHERE company_key = $1 AND doc_number = $2",
      [companyKey, docNumber]
    );
    return row === undefined ? undefined : record(row);
  }

  async put(p: PostingRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO postings (company_key, doc_number, request_id, body_hash, created_at, attempts, journal_entry_id,
         refused_at, run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (company_key, doc_number) DO UPDATE SET request_id = EXCLUDED.request_id,
         body_hash = EXCLUDED.body_hash, created_at = EXCLUDED.created_at, attempts = EXCLUDED.attempts,
         journal_entry_id = EXCLUDED.journal_entry_id, refused_at = EXCLUDED.refused_at, run_id = EXCLUDED.run_id`,
      [
        p.companyKey,
        p.docNumber,
        p.requestId,
        p.bodyHash,
        p.createdAt,
        p.attempts,
        p.journalEntryId ?? null,
        p.refusedAt ?? null,
        p.runId ?? null,
      ]
    );
  }
}
