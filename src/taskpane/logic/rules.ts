import type { Account, Item } from "../../wire";
import type { Grouping } from "./grouping";

/** How an item's revenue is recognized. The method names are the book's (docs/book.md). */
export interface ItemRule {
  method: string;
  /** Length of the service period in months (ignored for point-in-time methods). */
  termMonths: number;
  startFrom: "serviceDate" | "invoiceDate";
}

export interface AccountSettings {
  deferredRevenue: string;
  contractAsset: string;
  /** Revenue account for items without their own. */
  revenue: string;
  revenueByItem: Record<string, string>;
  /** Where QuickBooks posts invoices: straight to deferred revenue, or to revenue (then the entry reclassifies). */
  billingsPostTo: "deferred" | "revenue";
  /** Item id -> where QuickBooks posts that item's invoices (its income account); others use billingsPostTo. */
  billingsPostToByItem: Record<string, "deferred" | "revenue">;
}

export interface Settings {
  rules: Record<string, ItemRule>;
  defaultRule: ItemRule;
  accounts: AccountSettings;
  /**
   * Items whose rule the analyst confirmed by saving the Rules tab; the others' rules are suggestions. Settings
   * saved before rules were confirmed have none: they were saved from the Rules tab, so every rule in them was chosen.
   */
  confirmed?: string[];
  /** How documents are grouped into contracts; absent: one contract per document. */
  grouping?: Grouping;
}

export const SETTINGS_KEY = "RevRec.Settings";

export const DEFAULT_RULE: ItemRule = {
  method: "monthly",
  termMonths: 12,
  startFrom: "serviceDate",
};

/** The book's recognition methods (src/core/tables), with the words the Rules tab shows. */
export const METHODS: readonly { value: string; label: string }[] = [
  { value: "monthly", label: "Straight line, by month" },
  { value: "monthly-prorated", label: "Straight line, by month, prorated" },
  { value: "monthly-from-start", label: "Monthly from start (QBO)" },
  { value: "daily", label: "Straight line, by day" },
  { value: "point-in-time", label: "Point in time (on delivery)" },
  { value: "progress", label: "Percent complete" },
  { value: "manual", label: "Manual amounts" },
];

/** Methods that recognize everything at once and need no term. */
export function needsTerm(method: string): boolean {
  return method !== "point-in-time";
}

/** A problem with the settings, in words an accountant would use, for the field it names. */
export interface SettingsIssue {
  field: string;
  message: string;
}

function byId(accounts: readonly Account[], id: string): Account | undefined {
  return accounts.find((a) => a.id === id);
}

/**
 * Where QuickBooks posts an item's invoices, from its income account: a liability (deferred revenue) or an
 * income account. Undefined when the item has neither.
 */
export function postsTo(
  item: Item,
  accounts: readonly Account[]
): "deferred" | "revenue" | undefined {
  const income = item.incomeAccount ? byId(accounts, item.incomeAccount.id) : undefined;
  if (income?.classification === "Liability") return "deferred";
  if (income?.classification === "Revenue") return "revenue";
  return undefined;
}

/** Where the entry assumes an item's invoices were posted: the item's own choice, else the default. */
export function itemPostsTo(settings: AccountSettings, itemId: string): "deferred" | "revenue" {
  const own = Object.prototype.hasOwnProperty.call(settings.billingsPostToByItem, itemId)
    ? settings.billingsPostToByItem[itemId]
    : undefined;
  return own ?? settings.billingsPostTo;
}

/** Guesses settings from the company's accounts and items (the analyst reviews them on the Rules tab). */
export function suggestSettings(accounts: readonly Account[], items: readonly Item[]): Settings {
  const find = (pred: (a: Account) => boolean): string =>
    accounts.find((a) => a.active && pred(a))?.id ?? "";
  const deferred = find(
    (a) =>
      a.classification === "Liability" &&
      (a.accountSubType === "DeferredRevenue" || /deferred|unearned/i.test(a.name))
  );
  const asset = find(
    (a) => a.classification === "Asset" && /contract asset|unbilled/i.test(a.name)
  );
  const revenue = find((a) => a.classification === "Revenue");
  const revenueByItem: Record<string, string> = {};
  const billingsPostToByItem: Record<string, "deferred" | "revenue"> = {};
  let toDeferred = 0;
  for (const item of items) {
    const posts = postsTo(item, accounts);
    if (posts !== undefined) billingsPostToByItem[item.id] = posts;
    if (posts === "revenue" && item.incomeAccount) revenueByItem[item.id] = item.incomeAccount.id;
    if (posts === "deferred") toDeferred += 1;
  }
  const rules: Record<string, ItemRule> = {};
  for (const item of items) {
    rules[item.id] =
      item.type === "Service"
        ? { ...DEFAULT_RULE }
        : { method: "point-in-time", termMonths: 0, startFrom: "invoiceDate" };
  }
  return {
    rules,
    confirmed: [],
    defaultRule: { ...DEFAULT_RULE },
    accounts: {
      deferredRevenue: deferred,
      contractAsset: asset,
      revenue,
      revenueByItem,
      billingsPostTo: toDeferred > items.length / 2 ? "deferred" : "revenue",
      billingsPostToByItem,
    },
  };
}

/** Checks the account mapping against the company's real accounts. */
export function validateSettings(
  settings: Settings,
  accounts: readonly Account[]
): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const check = (
    field: string,
    id: string,
    label: string,
    classification: string,
    kind: string
  ) => {
    if (!id) {
      issues.push({ field, message: `Choose the ${label} account.` });
      return;
    }
    const a = byId(accounts, id);
    if (!a)
      issues.push({
        field,
        message: `The ${label} account no longer exists in QuickBooks. Choose another.`,
      });
    else if (!a.active)
      issues.push({
        field,
        message: `${a.name} is inactive in QuickBooks. Choose an active account.`,
      });
    else if (a.classification !== classification)
      issues.push({
        field,
        message: `${a.name} is ${article(a.classification)} account; ${label} must be ${kind}.`,
      });
  };
  const { accounts: m } = settings;
  check("deferredRevenue", m.deferredRevenue, "deferred revenue", "Liability", "a liability");
  check("contractAsset", m.contractAsset, "contract asset", "Asset", "an asset");
  check("revenue", m.revenue, "revenue", "Revenue", "an income account");
  for (const [item, id] of Object.entries(m.revenueByItem)) {
    if (id) check(`revenueByItem.${item}`, id, "item's revenue", "Revenue", "an income account");
  }
  if (m.deferredRevenue && m.deferredRevenue === m.contractAsset)
    issues.push({
      field: "contractAsset",
      message: "Contract asset and deferred revenue must be different accounts.",
    });
  if (settings.grouping?.by === "customField" && settings.grouping.field.trim() === "")
    issues.push({
      field: "grouping",
      message:
        "Name the QuickBooks custom field to group documents by (as it is named on the invoice).",
    });
  for (const [item, rule] of Object.entries(settings.rules)) {
    if (
      needsTerm(rule.method) &&
      (!Number.isInteger(rule.termMonths) || rule.termMonths < 1 || rule.termMonths > 600)
    )
      issues.push({
        field: `rules.${item}`,
        message: "The term must be a whole number of months, from 1 to 600.",
      });
  }
  return issues;
}

function article(classification: string): string {
  const c = classification.toLowerCase();
  return /^[aeiou]/.test(c) ? `an ${c}` : `a ${c}`;
}

export function parseSettings(text: string | undefined): Settings | undefined {
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as Partial<Settings>;
    if (!raw || typeof raw !== "object" || !raw.accounts || !raw.rules || !raw.defaultRule)
      return undefined;
    const { grouping: savedGrouping, ...settings } = raw as Settings;
    const grouping = readGrouping(savedGrouping);
    // Settings saved before invoices could post per item have no per-item choices.
    return {
      ...settings,
      ...(grouping === undefined ? {} : { grouping }),
      ...(Array.isArray(raw.confirmed)
        ? { confirmed: raw.confirmed.filter((id): id is string => typeof id === "string") }
        : {}),
      accounts: {
        ...settings.accounts,
        billingsPostToByItem: settings.accounts.billingsPostToByItem ?? {},
      },
    };
  } catch {
    return undefined;
  }
}

/** A saved grouping key, or undefined (no grouping) for one this version cannot read. */
function readGrouping(g: unknown): Grouping | undefined {
  if (typeof g !== "object" || g === null) return undefined;
  const by: unknown = Reflect.get(g, "by");
  const field: unknown = Reflect.get(g, "field");
  if (by === "none" || by === "poNumber" || by === "recurring") return { by };
  if (by === "customField" && typeof field === "string") return { by, field };
  return undefined;
}

/** An item whose "Invoices post to" choice disagrees with its income account in QuickBooks. */
export interface BillingMismatch {
  item: Item;
  /** What the Rules tab says (the entry assumes). */
  chosen: "deferred" | "revenue";
  /** What the item's QuickBooks income account does. */
  actual: "deferred" | "revenue";
}

/**
 * Active items whose invoices QuickBooks posts elsewhere than the Rules tab says: their invoices already went
 * to deferred revenue while the entry assumes revenue, or the other way round.
 */
export function billingMismatches(
  settings: Settings,
  accounts: readonly Account[],
  items: readonly Item[]
): BillingMismatch[] {
  const out: BillingMismatch[] = [];
  for (const item of items) {
    if (!item.active) continue;
    const actual = postsTo(item, accounts);
    const chosen = itemPostsTo(settings.accounts, item.id);
    if (actual !== undefined && actual !== chosen) out.push({ item, chosen, actual });
  }
  return out;
}
