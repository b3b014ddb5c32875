import type { Account, Item } from "../api/types";

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
}

export interface Settings {
  rules: Record<string, ItemRule>;
  defaultRule: ItemRule;
  accounts: AccountSettings;
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
  let toDeferred = 0;
  for (const item of items) {
    const income = item.incomeAccount ? byId(accounts, item.incomeAccount.id) : undefined;
    if (income?.classification === "Revenue") revenueByItem[item.id] = income.id;
    if (income?.classification === "Liability") toDeferred += 1;
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
    defaultRule: { ...DEFAULT_RULE },
    accounts: {
      deferredRevenue: deferred,
      contractAsset: asset,
      revenue,
      revenueByItem,
      billingsPostTo: toDeferred > items.length / 2 ? "deferred" : "revenue",
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
    return raw as Settings;
  } catch {
    return undefined;
  }
}

/**
 * Items whose QuickBooks income account disagrees with "where QuickBooks posts your invoices": their invoices
 * already went to deferred revenue while the entry assumes revenue, or the other way round.
 */
export function billingMismatches(
  settings: Settings,
  accounts: readonly Account[],
  items: readonly Item[]
): Item[] {
  const want = settings.accounts.billingsPostTo === "deferred" ? "Liability" : "Revenue";
  return items.filter((item) => {
    if (!item.active || !item.incomeAccount) return false;
    const income = byId(accounts, item.incomeAccount.id);
    return (
      income !== undefined &&
      (income.classification === "Liability" || income.classification === "Revenue") &&
      income.classification !== want
    );
  });
}
