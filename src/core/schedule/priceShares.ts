// A contract-level price change (ASC 606-10-32-43) becomes one share per obligation, split on the basis the
// contract was allocated on at inception: the amounts allocated then (relative SSP with discount groups and the
// residual, or the prices as written). Later changes in selling prices are ignored, as the standard says.
import { allocateByWeights } from "../allocate";
import type { Change, Obligation } from "../book/model";
import type { Cents } from "../money";

/** One obligation's part of a contract-level price change, caught up on that obligation. */
export interface PriceShare {
  id: string;
  type: "share";
  date: number;
  obligation: string;
  amount: Cents;
}

/** What a plan applies to an obligation: the book's changes, with price changes split into shares. */
export type PlanChange = Exclude<Change, { type: "price" }> | PriceShare;

/**
 * `amount` split over the contract's own obligations in proportion to their inception amounts (equally when
 * those are all zero), with the largest-remainder rule of the allocation.
 */
export function priceShares(obligations: readonly Obligation[], amount: Cents): Cents[] {
  const basis = obligations.map((o) => BigInt(o.allocated));
  const weights = basis.some((w) => w > 0n) ? basis : basis.map(() => 1n);
  return allocateByWeights(amount, weights);
}

/** The contract's changes in order, each price change replaced by its shares (in obligation order). */
export function withPriceShares(
  obligations: readonly Obligation[],
  changes: readonly Change[]
): PlanChange[] {
  const out: PlanChange[] = [];
  for (const ch of changes) {
    if (ch.type !== "price") {
      out.push(ch);
      continue;
    }
    priceShares(obligations, ch.amount).forEach((amount, k) => {
      const obligation = obligations[k]?.id ?? "";
      out.push({ id: ch.id, type: "share", date: ch.date, obligation, amount });
    });
  }
  return out;
}
