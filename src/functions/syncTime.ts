// When the tables were last synced from QuickBooks. The task pane writes it as the `lastSync` row of
// RevRecAccounts (Setting, Value), a UTC ISO 8601 text such as 2026-12-04T16:35:00Z; REVREC.ASOF shows it.
// The account mapping's reader passes that row over.
import { ACCOUNTS, LAST_SYNC_SETTING, settingKey, type TableRows } from "../core/tables";
import { show } from "./args";
import { invalid, type RevRecError } from "./errors";

/** Excel's serial of 1970-01-01 (serials count days from 1899-12-30). */
const UNIX_EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

const keyOf = (v: unknown): string => (typeof v === "string" ? settingKey(v) : "");

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

/** The sync time the accounts table's lastSync row holds (undefined without one). */
export function syncTimeOf(t: TableRows | undefined): number | RevRecError | undefined {
  if (!t) return undefined;
  const si = t.header.findIndex((h) => keyOf(h) === "setting");
  const vi = t.header.findIndex((h) => keyOf(h) === "value");
  const row =
    si < 0 ? undefined : t.rows.find((r) => keyOf(r[si]) === settingKey(LAST_SYNC_SETTING));
  return row === undefined ? undefined : readSyncTime(vi < 0 ? undefined : row[vi]);
}
