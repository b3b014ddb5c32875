// The disclosure functions, host-neutral like impl.ts: RPO, ROLLFORWARD, DISAGGREGATE, DETAIL and ASOF. The
// figures come from core/disclosure; this file reads Excel's arguments and lays out the spills.
import {
  categoryRevenue,
  contractDetail,
  DIMENSIONS,
  groupByCategory,
  groupContracts,
  formatDay,
  remainingObligation,
  ROLL_FORWARD_FIELDS,
  spanLabel,
  totalRollForward,
  type Book,
  type CategoryGroups,
  type Contract,
  type ContractSchedule,
  type Dimension,
  type Schedule,
  type Selected,
  type Span,
} from "../core";
import { choiceArg, grid, idCell, isBlank, monthsArg, periodArg } from "./args";
import { invalid, notAvailable } from "./errors";
import { overContracts } from "./impl";
import {
  everything,
  loaded,
  MAX_MONTHS,
  money,
  resolve,
  type Matrix,
  type Out,
  type Target,
} from "./targets";
import type { BookStore, Loaded } from "./store";

export function rpo(
  store: BookStore,
  contract: unknown,
  period: unknown,
  withinMonths: unknown
): Matrix {
  const end = periodArg("period", period, false).to;
  const within = isBlank(withinMonths)
    ? undefined
    : monthsArg("within_months", withinMonths, MAX_MONTHS);
  return overContracts(store, "contract", contract, (t) => {
    if (t.kind === "obligation") return money(remainingObligation(t.obligation, end, within));
    const list = t.kind === "all" ? t.contracts : [t.contract];
    let total = 0;
    for (const c of list) total += remainingObligation(c, end, within);
    return money(total);
  });
}

/** `period_or_range`: one period, or a range of period cells (blank cells skipped), in reading order. */
function periodsArg(raw: unknown): Span[] {
  const spans: Span[] = [];
  for (const row of grid("period_or_range", raw)) {
    for (const v of row) if (!isBlank(v)) spans.push(periodArg("period_or_range", v, false));
  }
  if (spans.length === 0) {
    throw invalid(
      'period_or_range is required: expected a period such as "2026", or a range of period cells'
    );
  }
  return spans;
}

/** The `contracts` argument as the targets it names; blank or "*" is every contract. */
function targetsArg(state: Loaded, schedule: Schedule, raw: unknown, what: string): Target[] {
  const ids: string[] = [];
  for (const row of grid("contracts", raw)) {
    for (const v of row) {
      const id = idCell("contracts", v);
      if (id !== undefined) ids.push(id);
    }
  }
  if (ids.length === 0) return [everything(state, schedule, `${what} "*"`)];
  return ids.map((id) => resolve(state, schedule, "contracts", id));
}

/** The contracts named, for balances: an obligation id is an error that names its contract. */
function contractsOf(targets: readonly Target[]): ContractSchedule[] {
  const out: ContractSchedule[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    if (t.kind === "obligation") {
      throw invalid(
        `contracts: "${t.obligation.id}" is an obligation of contract "${t.obligation.contract}"; balances are kept per contract, so give the contract id`
      );
    }
    for (const c of t.kind === "all" ? t.contracts : [t.contract]) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
    }
  }
  return out;
}

export const ROLLFORWARD_HEADER = [
  "Period",
  "Opening deferred revenue",
  "Opening contract asset",
  "Opening refund liability",
  "Billed",
  "Recognized from opening deferred revenue",
  "Other revenue recognized",
  "Closing deferred revenue",
  "Closing contract asset",
  "Closing refund liability",
];

export function rollforward(store: BookStore, periodOrRange: unknown, contracts: unknown): Matrix {
  const spans = periodsArg(periodOrRange);
  const { state, schedule } = loaded(store);
  const list = contractsOf(targetsArg(state, schedule, contracts, "ROLLFORWARD"));
  const out: Matrix = [ROLLFORWARD_HEADER.slice()];
  for (const span of spans) {
    const r = totalRollForward(list, span.from, span.to);
    out.push([spanLabel(span), ...ROLL_FORWARD_FIELDS.map((f) => money(r[f]))]);
  }
  return out;
}

/** The obligations of several targets, each once (a target "*" alone is grouped by groupContracts instead). */
function* obligationsOf(targets: readonly Target[], schedule: Schedule): Generator<Selected> {
  const seen = new Set<string>();
  for (const t of targets) {
    if (t.kind === "obligation") {
      const contract = schedule.contract(t.obligation.contract);
      if (contract !== undefined && !seen.has(t.obligation.id)) {
        seen.add(t.obligation.id);
        yield { contract, obligation: t.obligation };
      }
      continue;
    }
    for (const contract of t.kind === "all" ? t.contracts : [t.contract]) {
      for (const obligation of contract.obligations) {
        if (seen.has(obligation.id)) continue;
        seen.add(obligation.id);
        yield { contract, obligation };
      }
    }
  }
}

const DIMENSION_LABELS = { item: "Item", class: "Class", customer: "Customer", timing: "Timing" };

/**
 * The categories of every obligation, per loaded state and dimension: a sheet asks DISAGGREGATE of "*" for
 * several periods and dimensions after each load, and the grouping is the same for all of them.
 */
const allGroups = new WeakMap<Loaded, Map<Dimension, CategoryGroups>>();

function groupsOf(
  state: Loaded,
  schedule: Schedule,
  dimension: Dimension,
  targets: readonly Target[]
): CategoryGroups {
  const only = targets.length === 1 ? targets[0] : undefined;
  if (only?.kind !== "all") return groupByCategory(dimension, obligationsOf(targets, schedule));
  let byDimension = allGroups.get(state);
  if (byDimension === undefined) allGroups.set(state, (byDimension = new Map()));
  let groups = byDimension.get(dimension);
  if (groups === undefined) {
    groups = groupContracts(dimension, only.contracts);
    byDimension.set(dimension, groups);
  }
  return groups;
}

export function disaggregateRevenue(
  store: BookStore,
  dimension: unknown,
  periodOrRange: unknown,
  contracts: unknown
): Matrix {
  if (isBlank(dimension)) {
    throw invalid(
      `dimension is required: expected ${DIMENSIONS.map((d) => `"${d}"`).join(" or ")}`
    );
  }
  const d = choiceArg("dimension", dimension, DIMENSIONS, "item");
  const spans = periodsArg(periodOrRange);
  const { state, schedule } = loaded(store);
  const targets = targetsArg(state, schedule, contracts, "DISAGGREGATE");
  const rows = categoryRevenue(d, groupsOf(state, schedule, d, targets), spans);
  const out: Matrix = [[DIMENSION_LABELS[d], ...spans.map(spanLabel)]];
  const total = spans.map(() => 0);
  for (const r of rows) {
    out.push([r.category, ...r.revenue.map(money)]);
    r.revenue.forEach((c, k) => (total[k] = (total[k] ?? 0) + c));
  }
  out.push(["Total", ...total.map(money)]);
  return out;
}

export const DETAIL_HEADER = [
  "Line",
  "Id",
  "Date",
  "Detail",
  "Revenue",
  "Billed",
  "Deferred",
  "Unbilled",
];

const contractsByBook = new WeakMap<Book, Map<string, Contract>>();

function sourceOf(book: Book | undefined, id: string): Contract | undefined {
  if (book === undefined) return undefined;
  let byId = contractsByBook.get(book);
  if (byId === undefined) {
    byId = new Map(book.contracts.map((c) => [c.id, c]));
    contractsByBook.set(book, byId);
  }
  return byId.get(id);
}

export function detail(store: BookStore, contract: unknown, period: unknown): Matrix {
  const span = periodArg("period", period, false);
  const g = grid("contract", contract);
  const id = g.length === 1 && g[0]?.length === 1 ? idCell("contract", g[0][0]) : undefined;
  if (id === undefined) throw invalid("contract: expected one contract id");
  if (id === "*") {
    throw invalid('contract: DETAIL explains one contract; give its id instead of "*"');
  }
  const { state, schedule } = loaded(store);
  const t = resolve(state, schedule, "contract", id);
  if (t.kind !== "contract") {
    const owner = t.kind === "obligation" ? t.obligation.contract : "";
    throw invalid(
      `contract: "${id}" is an obligation of contract "${owner}"; DETAIL explains a contract, so give the contract id`
    );
  }
  const source = sourceOf(state.book, t.contract.id);
  if (source === undefined)
    throw notAvailable(`contract ${t.contract.id}: its terms are not loaded`);
  const out: Matrix = [DETAIL_HEADER.slice()];
  for (const l of contractDetail(source, t.contract, span.from, span.to)) {
    const balance: Out[] = l.balance
      ? [money(l.balance.deferred), money(l.balance.unbilled)]
      : ["", ""];
    out.push([
      l.kind,
      l.id,
      formatDay(l.date),
      l.detail,
      money(l.revenue),
      money(l.billed),
      ...balance,
    ]);
  }
  return out;
}

export function asOf(store: BookStore): Matrix {
  const { syncedAt } = store.state;
  if (syncedAt === undefined) {
    throw notAvailable(
      "no sync time: sync from QuickBooks in the task pane (it writes lastSync in the RevRecAccounts table)"
    );
  }
  if (typeof syncedAt !== "number") throw syncedAt;
  return [[syncedAt]];
}
