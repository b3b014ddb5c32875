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
