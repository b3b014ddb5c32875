// The amount of variable consideration included in the transaction price (ASC 606-10-32-8 and 32-11): the
// expected value or the most likely amount of the outcomes, limited by the constraint.
import type { EstimateMethod, Outcome } from "./book/model";
import type { Cents } from "./money";

/** Probabilities are held in parts per million. */
export const CERTAIN = 1_000_000;

/**
 * The estimate: for `expected-value` the probability-weighted sum rounded half away from zero to the cent, for
 * `most-likely` the amount of the single most likely outcome (undefined when two share the highest probability).
 */
export function estimateOf(
  method: EstimateMethod,
  outcomes: readonly Outcome[]
): Cents | undefined {
  if (method === "expected-value") {
    // Amounts up to 10^14 cents times 10^6: past 2^53, so in BigInt.
    const sum = outcomes.reduce((s, o) => s + BigInt(o.amount) * BigInt(o.probability), 0n);
    const whole = sum / BigInt(CERTAIN);
    return Number(2n * (sum % BigInt(CERTAIN)) >= BigInt(CERTAIN) ? whole + 1n : whole);
  }
  const top = mostLikely(outcomes);
  return top.length === 1 ? outcomes[top[0] ?? 0]?.amount : undefined;
}

/** Indexes of the outcomes with the highest probability. */
export function mostLikely(outcomes: readonly Outcome[]): number[] {
  const highest = Math.max(...outcomes.map((o) => o.probability));
  return outcomes.flatMap((o, i) => (o.probability === highest ? [i] : []));
}

/** What the transaction price includes: the estimate, at most the constraint. */
export function includedAmount(
  method: EstimateMethod,
  outcomes: readonly Outcome[],
  constraint: Cents | undefined
): Cents {
  const estimate = estimateOf(method, outcomes) ?? 0;
  return constraint === undefined ? estimate : Math.min(estimate, constraint);
}
