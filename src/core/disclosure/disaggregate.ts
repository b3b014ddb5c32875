// Revenue disaggregated into categories (ASC 606-10-50-5): by item, class, customer or timing of transfer.
// Categories are per obligation, so the total of any dimension is the contracts' revenue.
import type { Method } from "../book/model";
import type { Month } from "../calendar";
import type { Cents } from "../money";
import type { ContractSchedule, ObligationSchedule } from "../schedule/types";

export type Dimension = "item" | "class" | "customer" | "timing";
export const DIMENSIONS: readonly Dimension[] = ["item", "class", "customer", "timing"];

export const OVER_TIME = "Over time";
export const POINT_IN_TIME = "Point in time";
export const NO_ITEM = "(no item)";
export const NO_CLASS = "(no class)";

/** A point-in-time obligation transfers at delivery; every other method recognizes over time (606-10-25-27). */
export function timingOf(method: Method): string {
  return method === "point-in-time" ? POINT_IN_TIME : OVER_TIME;
}

/** One obligation with the contract it belongs to. */
export interface Selected {
  readonly contract: ContractSchedule;
  readonly obligation: ObligationSchedule;
}

function category(
  dimension: Dimension,
  contract: ContractSchedule,
  obligation: ObligationSchedule
): string {
  switch (dimension) {
    case "item":
      return obligation.item ?? NO_ITEM;
    case "class":
      return obligation.class ?? NO_CLASS;
    case "customer":
      return contract.customer;
    case "timing":
      return timingOf(obligation.method);
  }
}

export interface CategoryRevenue {
  readonly category: string;
  /** One amount per span, in the order given. */
  readonly revenue: readonly Cents[];
}

/** The obligations of each category: what disaggregate sums, kept to answer many spans without regrouping. */
export type CategoryGroups = ReadonlyMap<string, readonly ObligationSchedule[]>;

export function groupByCategory(
  dimension: Dimension,
  selected: Iterable<Selected>
): CategoryGroups {
  const groups = new Map<string, ObligationSchedule[]>();
  for (const s of selected)
    add(groups, category(dimension, s.contract, s.obligation), s.obligation);
  return groups;
}

/**
 * groupByCategory of every obligation of `contracts`, without a pair made per obligation: a 100,000-contract
 * book has over 200,000 of them, and the first DISAGGREGATE of "*" after each load or edit groups them all.
 */
export function groupContracts(
  dimension: Dimension,
  contracts: readonly ContractSchedule[]
): CategoryGroups {
  const groups = new Map<string, ObligationSchedule[]>();
  for (const c of contracts)
    for (const o of c.obligations) add(groups, category(dimension, c, o), o);
  return groups;
}

function add(groups: Map<string, ObligationSchedule[]>, key: string, o: ObligationSchedule): void {
  const list = groups.get(key);
  if (list === undefined) groups.set(key, [o]);
  else list.push(o);
}

/**
 * Revenue per category and span. Categories with no revenue in any span are left out; timing lists over time
 * before point in time, the other dimensions sort by name.
 */
export function disaggregate(
  dimension: Dimension,
  selected: Iterable<Selected>,
  spans: readonly { readonly from: Month; readonly to: Month }[]
): CategoryRevenue[] {
  return categoryRevenue(dimension, groupByCategory(dimension, selected), spans);
}

/** disaggregate's figures from the groups it would make. */
export function categoryRevenue(
  dimension: Dimension,
  groups: CategoryGroups,
  spans: readonly { readonly from: Month; readonly to: Month }[]
): CategoryRevenue[] {
  const sums = new Map<string, Cents[]>();
  for (const [key, obligations] of groups) {
    sums.set(
      key,
      spans.map(({ from, to }) => {
        let total = 0;
        for (const o of obligations) total += o.revenue(from, to);
        return total;
      })
    );
  }
  const order =
    dimension === "timing"
      ? (a: string, b: string) => (a === b ? 0 : a === OVER_TIME ? -1 : 1)
      : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...sums.entries()]
    .filter(([, revenue]) => revenue.some((c) => c !== 0))
    .sort(([a], [b]) => order(a, b))
    .map(([cat, revenue]) => ({ category: cat, revenue }));
}
