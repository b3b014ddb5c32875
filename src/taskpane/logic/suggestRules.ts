import { monthsBetween } from "../../core";
import type { Item } from "../../wire";
import type { ItemRule } from "./rules";

/** A rule the Rules tab proposes for an item, and the evidence it rests on, in words. */
export interface RuleSuggestion {
  rule: ItemRule;
  why: string;
}

/** The months ("YYYY-MM") a customer was invoiced for an item, one list per customer. */
export type InvoiceMonths = readonly (readonly string[])[];

/**
 * Over time, month by month. An item QuickBooks defers revenue for gets QuickBooks' own count, N months from the
 * service date's month (monthly-from-start), so the workbook's figures match QuickBooks' schedules.
 */
const overTime = (termMonths: number, item: Item): ItemRule => ({
  method: item.deferredRevenue === true ? "monthly-from-start" : "monthly",
  termMonths,
  startFrom: "serviceDate",
});
const onDelivery: ItemRule = { method: "point-in-time", termMonths: 0, startFrom: "invoiceDate" };

/** Words in an item's name, what they say about when its revenue is earned, and the term they name if any. */
const WORDS: readonly { pattern: RegExp; over?: number; says: string }[] = [
  { pattern: /\bmonthly\b/i, over: 1, says: "monthly" },
  { pattern: /\bquarterly\b/i, over: 3, says: "quarterly" },
  { pattern: /\b(annual|yearly)\b/i, over: 12, says: "annual" },
  { pattern: /\b(subscription|support|maintenance|hosting|saas)\b/i, over: 0, says: "" },
  { pattern: /\b(implementation|set-?up|onboarding|installation|training)\b/i, says: "" },
  { pattern: /\blicen[cs]e\b/i, says: "" },
];

/**
 * The usual number of months between a customer's invoices for the item (the median of every customer's gaps),
 * with how many customers were invoiced more than once; undefined when no customer was.
 */
export function invoiceSpacing(
  invoices: InvoiceMonths
): { months: number; customers: number } | undefined {
  const gaps: number[] = [];
  let customers = 0;
  for (const months of invoices) {
    const sorted = [...new Set(months)].sort();
    if (sorted.length < 2) continue;
    customers += 1;
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      if (a !== undefined && b !== undefined) gaps.push(monthsBetween(a, b).length - 1);
    }
  }
  if (gaps.length === 0) return undefined;
  gaps.sort((x, y) => x - y);
  const months = gaps[Math.floor((gaps.length - 1) / 2)] ?? 0;
  return months > 0 ? { months, customers } : undefined;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * The rule the evidence points to for an item: QuickBooks' own deferred revenue setting on the item, the words of
 * its name, the spacing of its invoices to each customer, its type. Undefined when nothing points anywhere: the
 * analyst chooses.
 */
export function suggestRule(item: Item, invoices: InvoiceMonths): RuleSuggestion | undefined {
  const spacing = invoiceSpacing(invoices);
  const spaced = spacing
    ? `invoiced every ${plural(spacing.months, "month")} (${plural(spacing.customers, "customer")})`
    : undefined;
  const word = WORDS.find((w) => w.pattern.test(item.name));
  const named = word ? (word.pattern.exec(item.name)?.[0] ?? "").toLowerCase() : "";
  if (word && word.over === undefined)
    return {
      rule: onDelivery,
      why: `The name says \u201c${named}\u201d: earned when delivered.`,
    };
  if (word?.over !== undefined && word.over > 0)
    return {
      rule: overTime(word.over, item),
      why: `The name says \u201c${named}\u201d: earned over ${plural(word.over, "month")}.`,
    };
  if (word || item.deferredRevenue === true) {
    const because = word
      ? `The name says \u201c${named}\u201d: earned over the service period`
      : "QuickBooks marks the item\u2019s revenue as deferred";
    return spacing
      ? { rule: overTime(spacing.months, item), why: `${because}, ${spaced ?? ""}.` }
      : { rule: overTime(12, item), why: `${because}; no repeat invoices, so 12 months.` };
  }
  if (spacing)
    return {
      rule: overTime(spacing.months, item),
      why: `Invoiced every ${plural(spacing.months, "month")} (${plural(spacing.customers, "customer")}): earned over that period.`,
    };
  if (item.type !== "Service")
    return { rule: onDelivery, why: `A ${item.type.toLowerCase()} item: earned when delivered.` };
  return undefined;
}
