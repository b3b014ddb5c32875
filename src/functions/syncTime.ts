// When the tables were last synced from QuickBooks. The task pane writes it as the `lastSync` row of
// RevRecAccounts (Setting, Value), a UTC ISO 8601 text such as 2026-12-04T16:35:00Z; REVREC.ASOF shows it.
// The row is taken out before the account mapping is read, so the mapping never sees an unknown setting.
import { ACCOUNTS, type TableRows } from "../core/tables";
import { show } from "./args";
import { invalid, type RevRecError } from "./errors";

export const LAST_SYNC_SETTING = "lastSync";

/** Excel's serial of 1970-01-01 (serials count days from 1899-12-30). */
const UNIX_EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

const norm = (v: unknown): string =>
  typeof v === "string" ? v.trim().toLowerCase().replace(/\s+/g, "") : "";

/** An Excel date-time serial (UTC) of the value the pane wrote, or the error ASOF shows. */
function readSyncTime(v: unknown): number | RevRecError {
  // Excel may have turned the text into a date-time serial.
  if (typeof v === "number" && Number.isFinite(v) && v > 0) return v;
  const ms = typeof v === "string" && ISO_UTC.test(v.trim()) ? Date.parse(v.trim()) : NaN;
  if (Number.isFinite(ms)) return ms / DAY_MS + UNIX_EPOCH_SERIAL;
  return invalid(
    `${ACCOUNTS.name} ${LAST_SYNC_SETTING}: expected a UTC date-time such as "2026-12-04T16:35:00Z"; got ${show(v)}`
  );
}

/** The accounts table without its lastSync row, and the sync time that row holds (undefined without one). */
export function takeSyncTime(t: TableRows | undefined): {
  accounts: TableRows | undefined;
  syncedAt: number | RevRecError | undefined;
} {
  if (!t) return { accounts: t, syncedAt: undefined };
  const si = t.header.findIndex((h) => norm(h) === "setting");
  const vi = t.header.findIndex((h) => norm(h) === "value");
  const at = si < 0 ? -1 : t.rows.findIndex((r) => norm(r[si]) === LAST_SYNC_SETTING.toLowerCase());
  const row = t.rows[at];
  if (row === undefined) return { accounts: t, syncedAt: undefined };
  return {
    // The row stays as a blank one, so the mapping's messages keep the row numbers the analyst sees.
    accounts: { header: t.header, rows: t.rows.map((r, i) => (i === at ? [] : r)) },
    syncedAt: readSyncTime(vi < 0 ? undefined : row[vi]),
  };
}
