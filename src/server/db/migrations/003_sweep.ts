import type { Migration } from "../migrate";

/**
 * The periodic CDC sweep's claim: one row whose `last_at` an instance moves forward when its turn to sweep comes
 * (an update that only succeeds once the interval has passed), so that one instance sweeps per interval however many
 * run. Times are epoch milliseconds.
 */
export const migration003: Migration = {
  version: 3,
  name: "sweep",
  sql: `
CREATE TABLE sync_sweeps (
  name text PRIMARY KEY,
  last_at bigint NOT NULL
);
`,
};
