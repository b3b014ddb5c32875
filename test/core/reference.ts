// An independent reference model for the straight-line methods, used to cross-check the engine:
// calendar from JavaScript's Date (UTC), weights as exact rationals in BigInt, cumulative amounts
// rounded half away from zero. It shares no code with src/core.

const DAY_MS = 86_400_000;

function utcDay(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

function monthKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 7);
}

/** The last day of each of `count` calendar months, the first being the month of `startDay`. */
function countedMonthEnds(startDay: number, count: number): number[] {
  const s = new Date(startDay * DAY_MS);
  return Array.from(
    { length: count },
    (_, k) => Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + k + 1, 1) / DAY_MS - 1
  );
}

function monthEnds(startDay: number, endDay: number): number[] {
  const ends: number[] = [];
  const s = new Date(startDay * DAY_MS);
  for (let k = 0; ; k++) {
    const end = Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + k + 1, 1) / DAY_MS - 1;
    ends.push(end);
    if (end >= endDay) return ends;
  }
}

function roundHalfAway(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = n / denominator;
  const rounded = 2n * (n - q * denominator) >= denominator ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/**
 * Cents recognized per month ("YYYY-MM") for daily, monthly, monthly-prorated, point-in-time, and
 * monthly-from-start (`months` equal shares, the first in the start's month, as QuickBooks counts them).
 */
export function referenceSchedule(
  method: string,
  priceCents: number,
  start: string,
  end: string | undefined,
  months = 1
): Map<string, number> {
  const s = utcDay(start);
  const e = method === "point-in-time" ? s : utcDay(end ?? start);
  const ends = method === "monthly-from-start" ? countedMonthEnds(s, months) : monthEnds(s, e);
  // weight earned by each month end, and the total
  const L = 377_580n; // lcm(28, 29, 30, 31): every month fraction is a whole number of 1/L
  const weights: bigint[] = ends.map((monthEnd, k) => {
    const monthStart = k === 0 ? s : (ends[k - 1] ?? 0) + 1;
    const daysInMonth = BigInt(new Date(monthEnd * DAY_MS).getUTCDate());
    const covered = BigInt(Math.min(monthEnd, e) - Math.max(monthStart, s) + 1);
    if (method === "daily") return covered;
    if (method === "monthly" || method === "point-in-time" || method === "monthly-from-start")
      return 1n;
    return (covered * L) / daysInMonth;
  });
  const total = weights.reduce((a, b) => a + b, 0n);
  const out = new Map<string, number>();
  let earned = 0n;
  let previous = 0n;
  ends.forEach((monthEnd, k) => {
    earned += weights[k] ?? 0n;
    const cumulative = roundHalfAway(BigInt(priceCents) * earned, total);
    out.set(monthKey(monthEnd), Number(cumulative - previous));
    previous = cumulative;
  });
  return out;
}

// --- allocation (ASC 606-10-32-28 to 32-38), written again from the standard's wording ---

/** A decimal string as an exact fraction numerator / 10^6 (SSPs have at most 6 decimals). */
function micro(text: string): bigint {
  const [whole = "0", fraction = ""] = text.trim().split(".");
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6) || "0");
}

/**
 * Hamilton's method: each share of `total` cents is total × w / Σw; whole cents first, then one cent each to the
 * largest fractional parts, earlier obligations first on ties.
 */
function hamilton(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const exact = weights.map((w) => ({ whole: (total * w) / sum, part: (total * w) % sum }));
  let left = total - exact.reduce((a, e) => a + e.whole, 0n);
  const ranked = exact
    .map((e, i) => ({ part: e.part, i }))
    .sort((a, b) => (b.part > a.part ? 1 : b.part < a.part ? -1 : a.i - b.i));
  const shares = exact.map((e) => e.whole);
  for (const { i } of ranked) {
    if (left <= 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares;
}

export interface ReferenceContract {
  /** Cents, one per obligation (their sum is the transaction price). */
  prices: number[];
  /** As written: a decimal or "residual". */
  ssps: string[];
  groups: { members: number[]; priceCents: number }[];
}

/**
 * Each discount group is sold at its price, so its discount stays inside it (32-37); the obligations outside every
 * group share what is left by relative SSP (32-31), where the residual obligation's SSP is what is left less the
 * others' SSPs (32-34(c)). Undefined when the residual would be zero or less.
 */
export function referenceAllocation(c: ReferenceContract): number[] | undefined {
  const out = c.prices.map(() => 0n);
  let left = BigInt(c.prices.reduce((a, b) => a + b, 0));
  const inGroup = new Set<number>();
  for (const g of c.groups) {
    const shares = hamilton(
      BigInt(g.priceCents),
      g.members.map((i) => micro(c.ssps[i] ?? "0"))
    );
    g.members.forEach((i, k) => {
      out[i] = shares[k] ?? 0n;
      inGroup.add(i);
    });
    left -= BigInt(g.priceCents);
  }
  const rest = c.ssps.map((_, i) => i).filter((i) => !inGroup.has(i));
  if (rest.length > 0) {
    // In micro-units of currency: a cent is 10^4 of them.
    const known = rest.filter((i) => c.ssps[i] !== "residual");
    const residual = left * 10_000n - known.reduce((a, i) => a + micro(c.ssps[i] ?? "0"), 0n);
    const weights = rest.map((i) =>
      c.ssps[i] === "residual" ? residual : micro(c.ssps[i] ?? "0")
    );
    if (known.length < rest.length && residual <= 0n) return undefined;
    hamilton(left, weights).forEach((share, k) => (out[rest[k] ?? 0] = share));
  }
  return out.map(Number);
}

/**
 * A change in the transaction price split on the inception basis (32-43): `amount` cents over the inception amounts
 * by Hamilton's method, equally when they are all zero; a cut is split as a rise and negated.
 */
export function referencePriceShares(amount: number, inception: number[]): number[] {
  const weights = inception.some((a) => a > 0) ? inception.map(BigInt) : inception.map(() => 1n);
  const shares = hamilton(BigInt(Math.abs(amount)), weights).map(Number);
  return amount < 0 ? shares.map((s) => (s === 0 ? 0 : -s)) : shares;
}

// --- variable consideration (ASC 606-10-32-8 and 32-11), written again from the standard's wording ---

/**
 * The amount included in the transaction price: the probability-weighted sum of the outcomes (rounded to the
 * nearest cent, halves up: amounts are never negative) or the amount of the most probable one, at most the
 * constraint when there is one. Amounts are cents; probabilities decimal text.
 */
export function referenceIncluded(
  method: string,
  outcomes: { cents: number; probability: string }[],
  constraintCents: number | undefined
): number {
  let estimate: bigint;
  if (method === "expected-value") {
    const weighted = outcomes.reduce((s, o) => s + BigInt(o.cents) * micro(o.probability), 0n);
    estimate = roundHalfAway(weighted, 1_000_000n);
  } else {
    const best = outcomes.reduce((a, b) => (micro(b.probability) > micro(a.probability) ? b : a));
    estimate = BigInt(best.cents);
  }
  const included = Number(estimate);
  return constraintCents === undefined ? included : Math.min(included, constraintCents);
}

// --- contract balances with the refund liability (ASC 606-10-32-10), as a running account of the customer ---

export interface ReferenceBalances {
  deferred: number;
  unbilled: number;
  refund: number;
}

/**
 * The balances at the end of each month ("YYYY-MM" keys of `recognizedToDate`, in order), from the documents
 * (invoices positive, credit memos negative, cents, with their "YYYY-MM-DD" dates): an invoice first uses up any
 * credit the customer holds and the rest stays invoiced; a credit first takes back what is invoiced and the rest is
 * held for the customer (the refund liability). Revenue is set against what stays invoiced only.
 */
export function referenceBalances(
  documents: readonly { date: string; cents: number }[],
  recognizedToDate: ReadonlyMap<string, number>
): Map<string, ReferenceBalances> {
  const byMonth = new Map<string, number[]>();
  for (const d of documents) {
    const key = d.date.slice(0, 7);
    byMonth.set(key, [...(byMonth.get(key) ?? []), d.cents]);
  }
  const out = new Map<string, ReferenceBalances>();
  let invoiced = 0n;
  let credit = 0n;
  const pending = [...byMonth.keys()].sort();
  for (const [month, earnedCents] of recognizedToDate) {
    while (pending.length > 0 && (pending[0] ?? "") <= month) {
      for (const cents of byMonth.get(pending.shift() ?? "") ?? []) {
        const a = BigInt(cents);
        if (a >= 0n) {
          const used = a < credit ? a : credit;
          credit -= used;
          invoiced += a - used;
        } else {
          const taken = -a < invoiced ? -a : invoiced;
          invoiced -= taken;
          credit += -a - taken;
        }
      }
    }
    const earned = BigInt(earnedCents);
    out.set(month, {
      deferred: Number(invoiced > earned ? invoiced - earned : 0n),
      unbilled: Number(earned > invoiced ? earned - invoiced : 0n),
      refund: Number(credit),
    });
  }
  return out;
}
