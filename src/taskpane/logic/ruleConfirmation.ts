import type { TableData } from "../../workbook";
import type { Item } from "../../wire";
import { cellDate } from "./dates";
import type { Settings } from "./rules";
import type { InvoiceMonths } from "./suggestRules";

/** The items whose rule the analyst confirmed (settings saved before confirmation existed: all of theirs). */
export function confirmedItems(settings: Settings): ReadonlySet<string> {
  return new Set(settings.confirmed ?? Object.keys(settings.rules));
}

/** The active items without a confirmed rule: the close waits for them. */
export function unconfirmedItems(items: readonly Item[], settings: Settings): Item[] {
  const confirmed = confirmedItems(settings);
  return items.filter((i) => i.active && !confirmed.has(i.id));
}

/** What the Close tab says while items have no confirmed rule; undefined when every item has one. */
export function unconfirmedMessage(items: readonly Item[]): string | undefined {
  if (items.length === 0) return undefined;
  const names = items.map((i) => i.name);
  const list =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `No confirmed recognition rule for ${list ?? ""}. Review the suggestions on the Rules tab and click Save rules before closing.`;
}

/** The months each customer was invoiced for each item (by item name), from the synced RevRecContracts rows. */
export function invoiceMonthsByItem(contracts: TableData | undefined): Map<string, InvoiceMonths> {
  const out = new Map<string, Map<string, string[]>>();
  if (!contracts) return new Map();
  const at = (name: string) => contracts.header.indexOf(name);
  const [item, customer, start] = [at("Item"), at("Customer"), at("Start")];
  for (const row of contracts.rows) {
    const month = cellDate(row[start])?.slice(0, 7);
    const name = String(row[item] ?? "");
    if (month === undefined || name === "") continue;
    const byCustomer = out.get(name) ?? new Map<string, string[]>();
    const who = String(row[customer] ?? "");
    byCustomer.set(who, [...(byCustomer.get(who) ?? []), month]);
    out.set(name, byCustomer);
  }
  return new Map([...out].map(([name, byCustomer]) => [name, [...byCustomer.values()]]));
}
