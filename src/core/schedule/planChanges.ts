// What each obligation's plan applies, derived from a contract's changes in order: a price change becomes one
// share per obligation (priceShares), and an add that reallocates (ASC 606-10-25-13(a)) pools the consideration
// not yet recognized with the added price and reprices every remaining obligation from its date. A price change
// after such an add goes to the obligations on the inception basis, and the share of an obligation that was pooled
// is split again over its pool on the pool's basis (32-45(a), Example 6 of the standard). Variable consideration
// enters at inception as its constrained estimate and each re-estimate as a change of it, on the same basis or on
// its one obligation.
import { allocateByWeights, parseSsp, UNITS_PER_CENT } from "../allocate";
import { monthOfDay, type Day } from "../calendar";
import type { AddChange, Contract, EstimateMethod, Obligation } from "../book/model";
import type { Cents } from "../money";
import { cumulativeAtMonthEnd, cumulativeBefore, planObligation } from "./plan";
import type { PlanChange } from "./changeTypes";
import { priceShares } from "./priceShares";
import { includedAmount } from "../variable";

export function planChanges(
  c: Pick<Contract, "obligations" | "changes" | "variableConsideration">
): PlanChange[] {
  const out: PlanChange[] = [];
  /** Obligations in effect so far, with the date they were added on (none for the contract's own). */
  const existing: { o: Obligation; addedOn?: Day }[] = c.obligations.map((o) => ({ o }));
  /** The latest pool each obligation is in. */
  const pools = new Map<string, Pool>();
  /**
   * `amount` of transaction price to `tiedTo` alone (32-40) or to the contract's obligations on the inception
   * basis; an obligation's part is split again over the pool it is in.
   */
  const spread = (
    head: { id: string; date: Day; inception?: true },
    amount: Cents,
    tiedTo: string | undefined
  ): void => {
    const parts =
      tiedTo === undefined
        ? priceShares(c.obligations, amount).map((a, k) => ({ id: c.obligations[k]?.id ?? "", a }))
        : [{ id: tiedTo, a: amount }];
    for (const { id, a } of parts) {
      const p = pools.get(id);
      const split = p === undefined ? [a] : allocateByWeights(a, p.weights);
      split.forEach((part, j) => {
        const obligation = p === undefined ? id : (p.members[j] ?? id);
        out.push({ ...head, type: "share", obligation, amount: part });
      });
    }
  };
  // Variable consideration is in the transaction price from inception, as its constrained estimate.
  const included = new Map<
    string,
    { obligation?: string; method: EstimateMethod; amount: Cents }
  >();
  const inception = Math.min(...c.obligations.map((o) => o.start));
  for (const v of c.variableConsideration ?? []) {
    const amount = includedAmount(v.method, v.outcomes, v.constraint);
    included.set(v.id, { ...v, amount });
    spread({ id: v.id, date: inception, inception: true }, amount, v.obligation);
  }
  for (const ch of c.changes) {
    if (ch.type === "price") {
      spread(ch, ch.amount, undefined);
    } else if (ch.type === "estimate") {
      // A change in the estimate is a change in the transaction price (32-42), caught up on its obligations.
      const v = included.get(ch.variable);
      if (v === undefined) continue;
      const amount = includedAmount(v.method, ch.outcomes, ch.constraint);
      if (amount !== v.amount) spread(ch, amount - v.amount, v.obligation);
      v.amount = amount;
    } else if (ch.type === "add" && ch.reallocate === true) {
      const added = pool(ch, existing, out, pools);
      existing.push({ o: added.obligation, addedOn: ch.date });
      out.push(added);
    } else {
      if (ch.type === "add") existing.push({ o: ch.obligation, addedOn: ch.date });
      out.push(ch);
    }
  }
  return out;
}

/**
 * Pushes a reprice for each remaining obligation (one with consideration not yet recognized, or a remaining SSP
 * given) and returns the add with its obligation's share of the pool as its amount. Each remaining obligation
 * keeps what it recognized before the add and takes its share from then on, prospectively.
 */
interface Pool {
  members: string[];
  /** Each member's share of the pooled consideration: the basis a later price change is split on. */
  weights: bigint[];
}

function pool(
  add: AddChange,
  existing: readonly { o: Obligation; addedOn?: Day }[],
  out: PlanChange[],
  pools: Map<string, Pool>
): AddChange {
  const remaining: { o: Obligation; kept: Cents; weight: bigint }[] = [];
  let consideration = add.obligation.price;
  for (const { o, addedOn } of existing) {
    const plan = planObligation(o, out, addedOn);
    const kept =
      o.method === "daily"
        ? cumulativeBefore(plan.segments, add.date)
        : cumulativeAtMonthEnd(plan.segments, monthOfDay(add.date) - 1);
    const unrecognized = plan.allocated - kept;
    const given = parseSsp(add.remainingSsp?.[o.id]);
    const weight = given === undefined ? BigInt(unrecognized) * UNITS_PER_CENT : BigInt(given);
    if (weight <= 0n) continue;
    remaining.push({ o, kept, weight });
    consideration += unrecognized;
  }
  const weights = [...remaining.map((x) => x.weight), BigInt(parseSsp(add.obligation.ssp) ?? 1)];
  const shares = allocateByWeights(consideration, weights);
  remaining.forEach(({ o, kept }, k) => {
    const price = kept + (shares[k] ?? 0);
    out.push({ id: add.id, type: "reprice", date: add.date, obligation: o.id, price });
  });
  const allocated = shares[remaining.length] ?? add.obligation.price;
  const members = [...remaining.map(({ o }) => o.id), add.obligation.id];
  const basis = shares.map((share) => BigInt(Math.max(share, 0)));
  const p: Pool = { members, weights: basis.some((w) => w > 0n) ? basis : basis.map(() => 1n) };
  for (const id of members) pools.set(id, p);
  return { ...add, obligation: { ...add.obligation, allocated } };
}
