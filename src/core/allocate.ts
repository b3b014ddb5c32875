// Relative standalone-selling-price allocation (ASC 606-10-32-31): the contract's total price is
// split in proportion to SSPs, cents distributed by largest remainder so the shares sum exactly.
import { readScaled } from "./decimal";
import type { Cents } from "./money";
import { fail, ok, type Issue, type Result } from "./result";

/** SSPs may carry up to 6 decimals (unit prices are often quoted finer than cents). */
export const SSP_SCALE = 6;
const SSP_MAX_DIGITS = 9;

export const SSP_MESSAGES = {
  invalid:
    "The standalone selling price must be a positive decimal number with at most 6 decimals.",
  count: "There must be one standalone selling price per price.",
} as const;

/** Reads an SSP as an integer count of 10^-6 units, or undefined unless it is a positive decimal. */
export function parseSsp(raw: unknown): number | undefined {
  const read = readScaled(raw, SSP_SCALE, SSP_MAX_DIGITS);
  return "value" in read && read.value > 0 ? read.value : undefined;
}

/**
 * Allocates sum(prices) across the obligations in proportion to `ssps`.
 * Each share is floored; the leftover cents go one each to the largest remainders, and on equal
 * remainders to the obligation listed first. Exact for any size via BigInt.
 */
export function allocate(prices: readonly Cents[], ssps: readonly string[]): Result<Cents[]> {
  if (prices.length !== ssps.length) {
    return fail([{ code: "ssp_count", path: "", message: SSP_MESSAGES.count }]);
  }
  const issues: Issue[] = [];
  const weights: bigint[] = [];
  ssps.forEach((ssp, i) => {
    const units = parseSsp(ssp);
    if (units === undefined)
      issues.push({ code: "invalid_ssp", path: `[${i}]`, message: SSP_MESSAGES.invalid });
    else weights.push(BigInt(units));
  });
  if (issues.length > 0) return fail(issues);
  return ok(
    allocateByWeights(
      prices.reduce((sum, p) => sum + p, 0),
      weights
    )
  );
}

/** Splits `total` cents by positive integer weights with largest-remainder rounding. */
export function allocateByWeights(total: Cents, weights: readonly bigint[]): Cents[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  const bigTotal = BigInt(total);
  const negative = bigTotal < 0n;
  const magnitude = negative ? -bigTotal : bigTotal;
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  for (const w of weights) {
    const exact = magnitude * w;
    floors.push(exact / sum);
    remainders.push(exact % sum);
  }
  let leftover = Number(magnitude - floors.reduce((s, f) => s + f, 0n));
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const shares = floors.map(Number);
  for (const { i } of order) {
    if (leftover === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    leftover -= 1;
  }
  return negative ? shares.map((s) => (s === 0 ? 0 : -s)) : shares;
}

/** 10^-6 SSP units per cent: an amount in cents times this is in SSP units. */
export const UNITS_PER_CENT = 10n ** BigInt(SSP_SCALE - 2);

/** An obligation's basis for allocation: its SSP in 10^-6 units, or the residual (ASC 606-10-32-34(c)). */
export type SspBasis = bigint | "residual";

/** Obligations sold together at an observable price: the discount is theirs alone (32-37). */
export interface GroupBasis {
  /** Indexes of the member obligations (none of them residual). */
  members: readonly number[];
  price: Cents;
}

export type AllocationProblem =
  /** The residual obligation would get `residualUnits` (zero or less): the approach does not fit. */
  | {
      kind: "residual_not_positive";
      index: number;
      remainder: Cents;
      othersUnits: bigint;
      residualUnits: bigint;
    }
  /** The groups' prices leave the obligations outside every group `remainder` (< 0, or ≠ 0 with none). */
  | { kind: "groups_off"; remainder: Cents; outside: number };

/**
 * Allocates `total` on a contract's selling-price basis. Each discount group gets its price, split within the
 * group by relative SSP; the obligations outside every group share the rest by relative SSP, where a residual
 * obligation's SSP is that rest less the others' SSPs. Without groups and residual this is `allocate`.
 */
export function allocateOnBasis(
  total: Cents,
  basis: readonly SspBasis[],
  groups: readonly GroupBasis[]
): { kind: "ok"; shares: Cents[] } | AllocationProblem {
  const shares = basis.map(() => 0);
  const grouped = new Set<number>();
  let remainder = total;
  for (const g of groups) {
    const weights = g.members.map((i) => weightOf(basis[i]));
    allocateByWeights(g.price, weights).forEach((share, k) => {
      const i = g.members[k] ?? 0;
      shares[i] = share;
      grouped.add(i);
    });
    remainder -= g.price;
  }
  const outside = basis.map((_, i) => i).filter((i) => !grouped.has(i));
  if (outside.length === 0 ? remainder !== 0 : remainder < 0) {
    return { kind: "groups_off", remainder, outside: outside.length };
  }
  if (outside.length === 0) return { kind: "ok", shares };
  const residual = outside.find((i) => basis[i] === "residual");
  let othersUnits = 0n;
  for (const i of outside) if (i !== residual) othersUnits += weightOf(basis[i]);
  const residualUnits = BigInt(remainder) * UNITS_PER_CENT - othersUnits;
  if (residual !== undefined && residualUnits <= 0n) {
    return {
      kind: "residual_not_positive",
      index: residual,
      remainder,
      othersUnits,
      residualUnits,
    };
  }
  const weights = outside.map((i) => (i === residual ? residualUnits : weightOf(basis[i])));
  allocateByWeights(remainder, weights).forEach((share, k) => {
    shares[outside[k] ?? 0] = share;
  });
  return { kind: "ok", shares };
}

function weightOf(basis: SspBasis | undefined): bigint {
  return typeof basis === "bigint" ? basis : 0n;
}

/** SSP units as a decimal amount with at least 2 decimals: 140000000 -> "140.00", 12345000 -> "12.345". */
export function formatSspUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const scale = 10n ** BigInt(SSP_SCALE);
  let fraction = String(abs % scale).padStart(SSP_SCALE, "0");
  while (fraction.length > 2 && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}${abs / scale}.${fraction}`;
}
