import type { Migration } from "../migrate";

/**
 * The store: companies and their tokens (encrypted, `tokens` holds the AES-256-GCM envelope), sessions (only the
 * token's SHA-256), pending sign-ins, the posting ledger (one claim per company and DocNumber) and server-wide
 * secrets every instance shares (the sign-in ticket key). Times are epoch milliseconds.
 */
export const migration001: Migration = {
  version: 1,
  name: "store",
  sql: `
CREATE TABLE companies (
  key text PRIMARY KEY,
  environment text NOT NULL,
  realm_id text NOT NULL,
  company_name text NOT NULL,
  tokens text NOT NULL,
  access_expires_at bigint NOT NULL,
  refresh_expires_at bigint NOT NULL,
  connected_at bigint NOT NULL,
  updated_at bigint NOT NULL
);

CREATE TABLE sessions (
  hash text PRIMARY KEY,
  company_key text NOT NULL REFERENCES companies (key) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  last_used_at bigint NOT NULL
);
CREATE INDEX sessions_company_key ON sessions (company_key);

CREATE TABLE pending_sign_ins (
  state text PRIMARY KEY,
  binding text NOT NULL,
  created_at bigint NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX pending_sign_ins_binding ON pending_sign_ins (binding, seq);
CREATE INDEX pending_sign_ins_created_at ON pending_sign_ins (created_at);

CREATE TABLE postings (
  company_key text NOT NULL,
  doc_number text NOT NULL,
  request_id text NOT NULL,
  body_hash text NOT NULL,
  created_at bigint NOT NULL,
  attempts integer NOT NULL,
  journal_entry_id text,
  refused_at bigint,
  run_id text,
  PRIMARY KEY (company_key, doc_number)
);

CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);
`,
};
