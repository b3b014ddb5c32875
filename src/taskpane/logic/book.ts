import { buildSchedule, formatMonth, parseAccounts, parseBook } from "../../core";
import type { AccountMap, Schedule } from "../../core";
import { ACCOUNTS, BOOK_TABLES, accountsFromTable, tablesToBook } from "../../core/tables";
import type { AccountsJson } from "../../core/tables";
import type { TableData } from "../../workbook";
import type { Account, Item } from "../../wire";
import { DEFAULT_RULE, validateSettings } from "./rules";
import type { AccountSettings } from "./rules";
import { resolveAccount } from "./close";

/** Every table the pane reads to close a period. */
export const BOOK_TABLE_NAMES: readonly string[] = [
  ...BOOK_TABLES.map((t) => t.name),
  ACCOUNTS.name,
];

export interface LoadedBook {
  schedule: Schedule | undefined;
  map: AccountMap | undefined;
  /** Problems in the tables, each naming its table, row and column. */
  issues: string[];
  /** The part of `issues` about the contract tables: rows left out of the schedule (and of reports). */
  scheduleIssues: string[];
  /** RevRecAccounts' go-live month, YYYY-MM, when the book has one. */
  goLive?: string;
}

/** The workbook's tables -> the engine's schedule and account map, with every problem in the cell's terms. */
export function loadBook(tables: ReadonlyMap<string, TableData>): LoadedBook {
  const issues: string[] = [];
  const tb = tablesToBook(tables);
  for (const i of tb.issues) issues.push(i.message);
  let schedule: Schedule | undefined;
  let goLive: string | undefined;
  if (tb.book) {
    const parsed = parseBook(tb.book);
    if (parsed.ok) {
      schedule = buildSchedule(parsed.value);
      if (parsed.value.goLive !== undefined) goLive = formatMonth(parsed.value.goLive);
    } else for (const i of parsed.issues) issues.push(tb.explain(i, tb.book).message);
  } else if (!tables.has("RevRecContracts")) {
    issues.push("There is no RevRecContracts table yet. Sync with QuickBooks first (Sync tab).");
  }
  const scheduleIssues = [...issues];
  const acc = accountsFromTable(tables.get(ACCOUNTS.name));
  for (const i of acc.issues) issues.push(i.message);
  let map: AccountMap | undefined;
  if (acc.accounts) {
    const parsed = parseAccounts(acc.accounts);
    if (parsed.ok) map = parsed.value;
    else for (const i of parsed.issues) issues.push(`${ACCOUNTS.name}: ${i.message}`);
  } else if (acc.issues.length === 0) {
    issues.push("The accounts are not set yet. Choose them on the Rules tab and save.");
  }
  const loaded: LoadedBook = { schedule, map, issues, scheduleIssues };
  if (goLive !== undefined) loaded.goLive = goLive;
  return loaded;
}

/**
 * RevRecAccounts' accounts whose kind in QuickBooks is wrong for their role (deferred revenue must be a liability,
 * contract asset an asset, revenue an income account), in the Rules tab's words. Accounts QuickBooks does not
 * have are left to the preview's unknown-account message.
 */
export function accountKindIssues(map: AccountMap, accounts: readonly Account[]): string[] {
  const known = new Set<string>();
  const id = (field: string, identifier: string): string => {
    const a = resolveAccount(identifier, accounts);
    if (a) known.add(field);
    return a?.id ?? "";
  };
  const revenueByItem: Record<string, string> = {};
  for (const [item, account] of Object.entries(map.revenueByItem))
    revenueByItem[item] = id(`revenueByItem.${item}`, account);
  const settings = {
    rules: {},
    defaultRule: DEFAULT_RULE,
    accounts: {
      deferredRevenue: id("deferredRevenue", map.deferredRevenue),
      contractAsset: id("contractAsset", map.contractAsset),
      revenue: id("revenue", map.revenue),
      revenueByItem,
      billingsPostTo: map.billingsPostTo,
      billingsPostToByItem: map.billingsPostToByItem,
    },
  };
  return validateSettings(settings, accounts)
    .filter((i) => known.has(i.field))
    .map((i) => `${ACCOUNTS.name}: ${i.message} Choose the accounts on the Rules tab and save.`);
}

/** The Rules tab's account choices (ids) as the RevRecAccounts table holds them (QuickBooks names). */
export function toAccountsJson(
  m: AccountSettings,
  accounts: readonly Account[],
  items: readonly Item[]
): AccountsJson {
  const name = (id: string) => accounts.find((a) => a.id === id)?.fullyQualifiedName ?? id;
  const revenueByItem: Record<string, string> = {};
  for (const [itemId, accountId] of Object.entries(m.revenueByItem)) {
    const item = items.find((i) => i.id === itemId);
    if (item && accountId) revenueByItem[item.name] = name(accountId);
  }
  const billingsPostToByItem: Record<string, string> = {};
  for (const [itemId, where] of Object.entries(m.billingsPostToByItem)) {
    const item = items.find((i) => i.id === itemId);
    if (item) billingsPostToByItem[item.name] = where;
  }
  const json: AccountsJson = { revenueByItem, billingsPostTo: m.billingsPostTo };
  if (Object.keys(billingsPostToByItem).length > 0)
    json.billingsPostToByItem = billingsPostToByItem;
  if (m.revenue) json.revenue = name(m.revenue);
  if (m.deferredRevenue) json.deferredRevenue = name(m.deferredRevenue);
  if (m.contractAsset) json.contractAsset = name(m.contractAsset);
  return json;
}

/** RevRecAccounts (names) -> the Rules tab's choices (ids); names QuickBooks lacks stay as typed. */
export function fromAccountsJson(
  json: AccountsJson,
  accounts: readonly Account[],
  items: readonly Item[]
): AccountSettings {
  const id = (n: string | undefined) => (n ? (resolveAccount(n, accounts)?.id ?? n) : "");
  const revenueByItem: Record<string, string> = {};
  for (const [itemName, account] of Object.entries(json.revenueByItem)) {
    const item = items.find((i) => i.name === itemName || i.fullyQualifiedName === itemName);
    if (item) revenueByItem[item.id] = id(account);
  }
  const billingsPostToByItem: Record<string, "deferred" | "revenue"> = {};
  for (const [itemName, where] of Object.entries(json.billingsPostToByItem ?? {})) {
    const item = items.find((i) => i.name === itemName || i.fullyQualifiedName === itemName);
    if (item && (where === "deferred" || where === "revenue"))
      billingsPostToByItem[item.id] = where;
  }
  return {
    revenue: id(json.revenue),
    deferredRevenue: id(json.deferredRevenue),
    contractAsset: id(json.contractAsset),
    revenueByItem,
    billingsPostTo: json.billingsPostTo === "revenue" ? "revenue" : "deferred",
    billingsPostToByItem,
  };
}
