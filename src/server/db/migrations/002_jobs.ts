import type { Migration } from "../migrate";

/**
 * Sync jobs as a queue every instance works from (`FOR UPDATE SKIP LOCKED`): at most one running job per company
 * (a partial unique index), a lease its instance renews while it works (a job whose lease ran out is taken over by
 * another instance), the result kept for any instance to answer the pane's poll; the cursor of each company's last
 * sync (where a webhook's or the sweep's incremental sync starts); the starts of QuickBooks calls per realm, for
 * Intuit's limits across instances. Times are epoch milliseconds.
 */
export const migration002: Migration = {
  version: 2,
  name: "jobs",
  sql: `
CREATE TABLE sync_jobs (
  id text PRIMARY KEY,
  company_key text NOT NULL,
  mode text NOT NULL,
  cursor text,
  origin text NOT NULL,
  state text NOT NULL,
  phase text NOT NULL,
  progress jsonb NOT NULL,
  error jsonb,
  result jsonb,
  owner text,
  lease_until bigint,
  attempts integer NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  started_at bigint NOT NULL,
  finished_at bigint
);
CREATE UNIQUE INDEX sync_jobs_one_running ON sync_jobs (company_key) WHERE state = 'running';
CREATE INDEX sync_jobs_waiting ON sync_jobs (created_at) WHERE state IN ('queued', 'running');
CREATE INDEX sync_jobs_finished ON sync_jobs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE sync_cursors (
  company_key text PRIMARY KEY,
  cursor text NOT NULL,
  updated_at bigint NOT NULL
);

CREATE TABLE qbo_realms (
  realm_id text PRIMARY KEY
);
CREATE TABLE qbo_calls (
  realm_id text NOT NULL,
  id text NOT NULL,
  started_at bigint NOT NULL,
  running_until bigint,
  PRIMARY KEY (realm_id, id)
);
CREATE INDEX qbo_calls_started ON qbo_calls (realm_id, started_at);
`,
};
