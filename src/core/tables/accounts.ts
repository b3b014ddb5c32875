// RevRecAccounts (Setting, Value) -> the accounts JSON of the journal (issue 2 §3), checked by parseAccounts.
import { dict, own } from "../dict";
import type { AccountsJson } from "./book";
import { isEmpty, readMonth, readText } from "./cells";
import { ACCOUNTS } from "./schema";
import type { TableIssue } from "./issues";
import type { TableRows } from "./rowReader";

const KEYS: Record<
  string,
  "revenue" | "deferredRevenue" | "contractAsset" | "refundLiability" | "billingsPostTo"
> = {
  revenue: "revenue",
  deferredrevenue: "deferredRevenue",
  contractasset: "contractAsset",
  refundliability: "refundLiability",
  billingspostto: "billingsPostTo",
};

/**
 * The row of RevRecAccounts where the task pane records when the tables were last synced (REVREC.ASOF reads it).
 * It is not part of the account mapping.
 */
export const LAST_SYNC_SETTING = "lastSync";

/** A setting name as the table's readers compare it: case and spaces ignored. */
export const settingKey = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, "");
/** The go-live setting: "goLive", also written "Go-live" or "Go live". */
const GO_LIVE = /^go\s*-?\s*live$/i;

/**
 * The goLive row's month (YYYY-MM; a date cell counts as its month), or its text as written when it is not a month
 * (parseBook then says what is wrong); undefined without one.
 */
export function goLiveFromTable(t: TableRows | undefined): string | undefined {
  const norm = (s: unknown): string => String(s).trim().toLowerCase();
  const si = t?.header.findIndex((h) => norm(h) === "setting") ?? -1;
  const vi = t?.header.findIndex((h) => norm(h) === "value") ?? -1;
  const row = t?.rows.find((cells) => GO_LIVE.test(String(cells[si] ?? "").trim()));
  const cell = row?.[vi];
  if (cell === undefined || isEmpty(cell)) return undefined;
  const month = readMonth(cell);
  return month.ok ? month.value : String(cell);
}

function issue(row: number | undefined, column: string, message: string): TableIssue {
  const where = `${ACCOUNTS.name}${row === undefined ? "" : ` row ${row}`}, ${column}`;
  const i: TableIssue = {
    code: "table.accounts",
    path: where,
    message: `${where}: ${message}`,
    table: ACCOUNTS.name,
    column,
  };
  if (row !== undefined) i.row = row;
  return i;
}

/**
 * Reads the account mapping. Settings: revenue, deferredRevenue, contractAsset, refundLiability (optional), billingsPostTo
 * (deferred | revenue), one revenueByItem[ITEM] row per item with its own revenue account and one
 * billingsPostTo[ITEM] row (deferred | revenue) per item whose invoices post their own way.
 * Setting names ignore case and spaces ("Deferred Revenue" works). The lastSync row is the pane's, not a
 * mapping, and is passed over. Undefined when the table is absent.
 */
export function accountsFromTable(t: TableRows | undefined): {
  accounts: AccountsJson | undefined;
  issues: TableIssue[];
} {
  if (!t) return { accounts: undefined, issues: [] };
  const issues: TableIssue[] = [];
  const si = t.header.findIndex((h) => settingKey(String(h)) === "setting");
  const vi = t.header.findIndex((h) => settingKey(String(h)) === "value");
  if (si < 0 || vi < 0) {
    issues.push(
      issue(
        undefined,
        si < 0 ? "Setting" : "Value",
        "the table needs the columns Setting and Value"
      )
    );
    return { accounts: undefined, issues };
  }
  const accounts: AccountsJson = { revenueByItem: dict() };
  t.rows.forEach((cells, i) => {
    const row = i + 1;
    const s = cells[si];
    const v = cells[vi];
    if (isEmpty(s) && isEmpty(v)) return;
    // The book's setting, read by goLiveFromTable; an empty one means none.
    if (GO_LIVE.test(String(s).trim())) return;
    const setting = readText(s);
    if (setting.ok && settingKey(setting.value) === settingKey(LAST_SYNC_SETTING)) return;
    const value = readText(v);
    if (!setting.ok || setting.value === "") {
      issues.push(
        issue(
          row,
          "Setting",
          "is empty; expected revenue, deferredRevenue, contractAsset, refundLiability, billingsPostTo, revenueByItem[ITEM] or billingsPostTo[ITEM]"
        )
      );
      return;
    }
    if (!value.ok || value.value === "") {
      const postTo = /^billings\s*post\s*to\s*(\[.*\])?$/i.test(setting.value.trim());
      issues.push(
        issue(
          row,
          "Value",
          postTo
            ? `is empty; expected deferred or revenue for ${setting.value}`
            : `is empty; expected the account for ${setting.value}`
        )
      );
      return;
    }
    const byItem = /^revenue\s*by\s*item\s*\[(.*)\]$/i.exec(setting.value.trim());
    if (byItem) {
      accounts.revenueByItem[byItem[1] ?? ""] = value.value;
      return;
    }
    const postToItem = /^billings\s*post\s*to\s*\[(.*)\]$/i.exec(setting.value.trim());
    if (postToItem) {
      const byItem = (accounts.billingsPostToByItem ??= dict());
      byItem[postToItem[1] ?? ""] = value.value.trim().toLowerCase();
      return;
    }
    const key = own(KEYS, settingKey(setting.value));
    if (!key) {
      issues.push(
        issue(
          row,
          "Setting",
          `unknown setting ${JSON.stringify(setting.value)}; expected revenue, deferredRevenue, contractAsset, refundLiability, billingsPostTo, revenueByItem[ITEM] or billingsPostTo[ITEM]`
        )
      );
      return;
    }
    accounts[key] = key === "billingsPostTo" ? value.value.toLowerCase() : value.value;
  });
  return { accounts, issues };
}
