// The lastSync row of RevRecAccounts: when the tables were last synced from QuickBooks, for REVREC.ASOF.
import { ACCOUNTS, LAST_SYNC_SETTING, header, settingKey } from "../../core/tables";
import type { TableChanges, TableData } from "../../workbook";

/**
 * `change` (the accounts mapping a first sync writes, or nothing else) with the lastSync row set to `syncedAt`.
 * One change for the table, because the changes of one batch are each planned on the table as it was.
 */
export function withLastSync(
  change: TableChanges | undefined,
  accounts: TableData | undefined,
  syncedAt: string
): TableChanges {
  const base: TableChanges = change ?? {
    table: ACCOUNTS.name,
    sheet: ACCOUNTS.sheet,
    header: header(ACCOUNTS),
    key: "Setting",
    insert: [],
    update: [],
    remove: [],
  };
  const si = accounts?.header.indexOf("Setting") ?? -1;
  // The row an analyst retyped as "Last Sync" is the one updated, so the table never holds two.
  const existing = accounts?.rows
    .map((r) => r[si])
    .find((k) => typeof k === "string" && settingKey(k) === settingKey(LAST_SYNC_SETTING));
  return existing === undefined
    ? { ...base, insert: [...base.insert, [LAST_SYNC_SETTING, syncedAt]] }
    : { ...base, update: [...base.update, { key: String(existing), values: { Value: syncedAt } }] };
}
