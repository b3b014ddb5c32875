// The REVREC functions, host-neutral and synchronous: Excel-style arguments in (null for omitted, serial
// dates, 2-D ranges), numbers in currency units out, RevRecError for a cell that cannot be computed.
// functions.ts wraps these for Excel (waiting for a reload, CustomFunctions.Error); the formula harness
// registers these same implementations in HyperFormula.
import {
  allocate as allocateCents,
  buildJournal,
  entrySpan,
  formatMonth,
  JOURNAL_DETAILS,
  LAST_MONTH,
  LAST_YEAR,
  parseAmount,
  parseSsp,
  type Cents,
  type ContractSchedule,
  type Month,
  type Span,
} from "../core";
import { readAmount, readRatio } from "../core/tables";
import { choiceArg, grid, idCell, isBlank, monthsArg, periodArg, show } from "./args";
import { clip, invalid, notAvailable, RevRecError } from "./errors";
import type { BookStore } from "./store";
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
import { isTermsRange, isTermsRow, tableCell, termsSchedule } from "./terms";

/** Runs `f`, turning a RevRecError into that cell's error. */
function cell(f: () => number): Out {
  try {
    return f();
  } catch (e) {
    if (e instanceof RevRecError) return e;
    throw e;
  }
}

/**
 * Applies `f` to every id of the `contract` argument: one id -> one value (an error is thrown, so the cell
 * shows it); a range of ids -> a range of the same shape, blank ids -> blank cells, errors per cell.
 * With `terms`, a range whose rows hold obligation terms (isTermsRow) gives one result per row.
 */
export function overContracts(
  store: BookStore,
  name: string,
  raw: unknown,
  f: (t: Target, id: string) => number,
  terms?: (c: ContractSchedule) => number
): Matrix {
  // Fast path for the common call: one id, which Excel hands over as a 1×1 matrix.
  if (Array.isArray(raw) && raw.length === 1) {
    const row: unknown = raw[0];
    if (
      Array.isArray(row) &&
      row.length === 1 &&
      typeof row[0] === "string" &&
      row[0] !== "" &&
      row[0] === row[0].trim()
    ) {
      const { state, schedule } = loaded(store);
      return [[f(resolve(state, schedule, name, row[0]), row[0])]];
    }
  }
  const g = grid(name, raw);
  const width = g[0]?.length ?? 0;
  if (isTermsRange(g)) {
    if (!terms) {
      throw invalid(
        `${name}: obligation terms are accepted only by RECOGNIZED, CUMULATIVE and SCHEDULE; give a contract id`
      );
    }
    if (g.length === 1) return [[terms(termsSchedule(name, g[0] ?? []))]];
    return g.map((row) => [cell(() => terms(termsSchedule(name, row)))]);
  }
  const { state, schedule } = loaded(store);
  if (g.length === 1 && width === 1) {
    const id = idCell(name, g[0]?.[0]);
    if (id === undefined)
      throw invalid(
        `${name} is required: expected a contract or obligation id, or "*" for all contracts`
      );
    return [[f(resolve(state, schedule, name, id), id)]];
  }
  return g.map((row) =>
    row.map((v): Out => {
      const id = tryId(name, v);
      if (id === undefined || id instanceof RevRecError) return id ?? "";
      return cell(() => f(resolve(state, schedule, name, id), id));
    })
  );
}

/** An id cell, or the error it makes (a boolean, an error value). */
function tryId(name: string, v: unknown): string | undefined | RevRecError {
  try {
    return idCell(name, v);
  } catch (e) {
    if (e instanceof RevRecError) return e;
    throw e;
  }
}

const sum = (list: readonly ContractSchedule[], f: (c: ContractSchedule) => Cents): Cents => {
  let total = 0;
  for (const c of list) total += f(c);
  return total;
};

function perContract(
  name: string,
  id: string,
  t: Target,
  f: (c: ContractSchedule) => Cents
): number {
  if (t.kind === "all") return money(sum(t.contracts, f));
  if (t.kind === "contract") return money(f(t.contract));
  throw invalid(
    `${name}: ${JSON.stringify(id)} is an obligation of contract ${JSON.stringify(t.obligation.contract)}; billings and balances are kept per contract, so give the contract id`
  );
}

// ---------------------------------------------------------------- the functions

/** period and the optional to_period as one inclusive range of months. */
function periodRange(period: unknown, toPeriod: unknown): Span {
  const a = periodArg("period", period, false);
  const b = periodArg("to_period", toPeriod, true) ?? a;
  if (b.to < a.from) throw invalid("to_period: expected a period not before period");
  return { from: a.from, to: b.to };
}

export function recognized(
  store: BookStore,
  contract: unknown,
  period: unknown,
  toPeriod: unknown
): Matrix {
  const { from, to } = periodRange(period, toPeriod);
  return overContracts(
    store,
    "contract",
    contract,
    (t) => {
      if (t.kind === "all") return money(sum(t.contracts, (c) => c.revenue(from, to)));
      if (t.kind === "contract") return money(t.contract.revenue(from, to));
      return money(t.obligation.revenue(from, to));
    },
    (c) => money(c.revenue(from, to))
  );
}

export function cumulative(store: BookStore, contract: unknown, period: unknown): Matrix {
  const m = periodArg("period", period, false).to;
  return overContracts(
    store,
    "contract",
    contract,
    (t) => {
      if (t.kind === "all") return money(sum(t.contracts, (c) => c.cumulative(m)));
      if (t.kind === "contract") return money(t.contract.cumulative(m));
      return money(t.obligation.cumulative(m));
    },
    (c) => money(c.cumulative(m))
  );
}

export function billed(
  store: BookStore,
  contract: unknown,
  period: unknown,
  toPeriod: unknown
): Matrix {
  const { from, to } = periodRange(period, toPeriod);
  return overContracts(store, "contract", contract, (t, id) =>
    perContract("contract", id, t, (c) => c.billed(from, to))
  );
}

export function deferred(store: BookStore, contract: unknown, period: unknown): Matrix {
  const m = periodArg("period", period, false).to;
  return overContracts(store, "contract", contract, (t, id) =>
    perContract("contract", id, t, (c) => c.deferred(m))
  );
}

export function unbilled(store: BookStore, contract: unknown, period: unknown): Matrix {
  const m = periodArg("period", period, false).to;
  return overContracts(store, "contract", contract, (t, id) =>
    perContract("contract", id, t, (c) => c.unbilled(m))
  );
}

export function refund(store: BookStore, contract: unknown, period: unknown): Matrix {
  const m = periodArg("period", period, false).to;
  return overContracts(store, "contract", contract, (t, id) =>
    perContract("contract", id, t, (c) => c.refund(m))
  );
}

export function allocated(store: BookStore, contract: unknown): Matrix {
  return overContracts(store, "contract", contract, (t) => {
    if (t.kind === "all") return money(sum(t.contracts, (c) => c.allocated));
    if (t.kind === "contract") return money(t.contract.allocated);
    return money(t.obligation.allocated);
  });
}

export const SCHEDULE_HEADER = ["Period", "Revenue", "Billed", "Deferred", "Unbilled"];

export function schedule(store: BookStore, contract: unknown, from: unknown, to: unknown): Matrix {
  const a = periodArg("from", from, true);
  const b = periodArg("to", to, true);
  const g = grid("contract", contract);
  if (g.length !== 1)
    throw invalid('contract: expected one contract id, "*", or one row of obligation terms');
  const row = g[0] ?? [];
  let list: readonly ContractSchedule[];
  if (isTermsRow(row)) {
    list = [termsSchedule("contract", row)];
  } else {
    if (row.length !== 1)
      throw invalid('contract: expected one contract id, "*", or one row of obligation terms');
    const { state, schedule: s } = loaded(store);
    const id = idCell("contract", row[0]);
    if (id === undefined)
      throw invalid('contract is required: expected a contract id, or "*" for all contracts');
    const t = resolve(state, s, "contract", id);
    if (t.kind === "obligation") {
      throw invalid(
        `contract: ${JSON.stringify(id)} is an obligation of contract ${JSON.stringify(t.obligation.contract)}; SCHEDULE shows billings and balances, which are kept per contract`
      );
    }
    list = t.kind === "all" ? t.contracts : [t.contract];
  }
  let first = a?.from;
  let last = b?.to;
  if (first === undefined || last === undefined) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of list) {
      lo = Math.min(lo, c.first);
      hi = Math.max(hi, c.last);
    }
    if (!Number.isFinite(lo))
      throw notAvailable("contract: no activity to schedule; give from and to");
    first ??= lo;
    last ??= hi;
  }
  if (last < first) throw invalid("to: expected a period not before from");
  if (last - first + 1 > MAX_MONTHS) throw invalid(`to: at most ${MAX_MONTHS} months from from`);
  const out: Matrix = [SCHEDULE_HEADER.slice()];
  for (let m: Month = first; m <= last; m++) {
    out.push([
      formatMonth(m),
      money(sum(list, (c) => c.revenue(m, m))),
      money(sum(list, (c) => c.billed(m, m))),
      money(sum(list, (c) => c.deferred(m))),
      money(sum(list, (c) => c.unbilled(m))),
    ]);
  }
  return out;
}

export function waterfall(
  store: BookStore,
  from: unknown,
  months: unknown,
  contracts: unknown
): Matrix {
  const start = periodArg("from", from, false).from;
  const n = monthsArg("months", months, MAX_MONTHS);
  if (start + n - 1 > LAST_MONTH) {
    throw invalid(
      `months: the book ends in ${LAST_YEAR}, so from ${formatMonth(start)} at most ${LAST_MONTH - start + 1}`
    );
  }
  const { state, schedule: s } = loaded(store);
  type Row =
    { label: string; revenue: (m: Month) => Cents } | { label: string; error: RevRecError };
  const rows: Row[] = [];
  const g = grid("contracts", contracts);
  const ids = g.length === 1 && g[0]?.length === 1 && isBlank(g[0][0]) ? [["*"]] : g;
  for (const line of ids) {
    for (const v of line) {
      const id = idCell("contracts", v);
      if (id === undefined) continue;
      if (id === "*") {
        everything(state, s, 'contracts "*"');
        for (const c of s.contracts) rows.push({ label: c.id, revenue: (m) => c.revenue(m, m) });
        continue;
      }
      try {
        const t = resolve(state, s, "contracts", id);
        if (t.kind === "contract")
          rows.push({ label: id, revenue: (m) => t.contract.revenue(m, m) });
        else if (t.kind === "obligation")
          rows.push({ label: id, revenue: (m) => t.obligation.revenue(m, m) });
      } catch (e) {
        if (!(e instanceof RevRecError)) throw e;
        rows.push({ label: id, error: e });
      }
    }
  }
  const head: Out[] = ["Contract"];
  for (let k = 0; k < n; k++) head.push(formatMonth(start + k));
  const totals = new Array<number>(n).fill(0);
  let failed: RevRecError | undefined;
  const out: Matrix = [head];
  for (const r of rows) {
    const line: Out[] = [r.label];
    if ("error" in r) {
      failed ??= r.error;
      for (let k = 0; k < n; k++) line.push(r.error);
    } else {
      for (let k = 0; k < n; k++) {
        const c = r.revenue(start + k);
        totals[k] = (totals[k] ?? 0) + c;
        line.push(money(c));
      }
    }
    out.push(line);
  }
  const total: Out[] = ["Total"];
  for (let k = 0; k < n; k++) {
    total.push(
      failed
        ? invalid(clip(`the total includes a row that cannot be computed: ${failed.message}`))
        : money(totals[k] ?? 0)
    );
  }
  out.push(total);
  return out;
}

export const JOURNAL_HEADER = ["Account", "Debit", "Credit", "Class", "Customer"];

export function journal(store: BookStore, period: unknown, detail: unknown): Matrix {
  const span = periodArg("period", period, false);
  const d = choiceArg("detail", detail, JOURNAL_DETAILS, "summary");
  const { state, schedule: s } = loaded(store);
  everything(state, s, "JOURNAL");
  if (!state.accounts) {
    const problem = state.accountsProblem ?? "no account mapping";
    throw problem.startsWith("no account mapping") ? notAvailable(problem) : invalid(clip(problem));
  }
  const covered = entrySpan(state.book?.goLive, span.from, span.to);
  if (!covered.ok) throw notAvailable(`JOURNAL: ${covered.issues[0]?.message ?? "before go-live"}`);
  const j = buildJournal(s, state.accounts, covered.value.from, covered.value.to, d);
  const out: Matrix = [JOURNAL_HEADER.slice()];
  for (const l of j.lines) {
    out.push([
      l.account,
      l.posting === "Debit" ? money(l.amount) : 0,
      l.posting === "Credit" ? money(l.amount) : 0,
      l.class ?? "",
      l.customer ?? "",
    ]);
  }
  return out;
}

/** A cell of a range for a message: "prices, row 2", "column 3", "row 2, column 3", or just the name. */
function cellName(name: string, g: readonly (readonly unknown[])[], i: number): string {
  const width = g[0]?.length ?? 1;
  const row = `row ${Math.floor(i / width) + 1}`;
  const column = `column ${(i % width) + 1}`;
  if (g.length > 1 && width > 1) return `${name}, ${row}, ${column}`;
  if (g.length > 1) return `${name}, ${row}`;
  if (width > 1) return `${name}, ${column}`;
  return name;
}

const SSP_EXPECTED =
  "a standalone selling price: a number above 0 with at most 6 decimals, under 1,000,000,000";

/** The engine's rules (docs/book.md): prices are amounts of 0 or more, SSPs positive (core's parseSsp). */
export function allocate(prices: unknown, ssps: unknown): Matrix {
  const p = grid("prices", prices);
  const q = grid("ssps", ssps);
  const flatP = p.flat();
  const flatQ = q.flat();
  if (flatP.length !== flatQ.length) {
    throw invalid(`ssps: expected as many cells as prices (${flatP.length}); got ${flatQ.length}`);
  }
  const cents = flatP.map((v, i) => {
    const r = readAmount(tableCell(v));
    const c = r.ok ? parseAmount(r.value) : undefined;
    if (c === undefined || c < 0)
      throw invalid(
        `${cellName("prices", p, i)}: expected an amount of 0 or more with at most 2 decimals; got ${show(v)}`
      );
    return c;
  });
  const ratios = flatQ.map((v, i) => {
    const r = readRatio(tableCell(v));
    if (!r.ok || parseSsp(r.value) === undefined)
      throw invalid(`${cellName("ssps", q, i)}: expected ${SSP_EXPECTED}; got ${show(v)}`);
    return r.value;
  });
  const result = allocateCents(cents, ratios);
  if (!result.ok) throw invalid(clip(`ssps: ${result.issues[0]?.message ?? "cannot allocate"}`));
  let k = 0;
  return p.map((row) => row.map(() => money(result.value[k++] ?? 0)));
}
