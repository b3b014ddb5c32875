// A contract-level price change (ASC 606-10-32-43) is split on the basis the contract was allocated on at
// inception: the amounts allocated then (relative SSP with discount groups and the residual, or the prices as
// written). Later changes in selling prices are ignored, as the standard says.
import { allocateByWeights } from "../allocate";
import type { Obligation } from "../book/model";
import type { Cents } from "../money";

/**
 * `amount` split over the contract's own obligations in proportion to their inception amounts (equally when
 * those are all zero), with the largest-remainder rule of the allocation.
 */
export function priceShares(obligations: readonly Obligation[], amount: Cents): Cents[] {
  const basis = obligations.map((o) => BigInt(o.allocated));
  const weights = basis.some((w) => w > 0n) ? basis : basis.map(() => 1n);
  return allocateByWeights(amount, weights);
}
