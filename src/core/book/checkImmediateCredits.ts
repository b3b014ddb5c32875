// An immediate credit reverses revenue at once, which ASC 606 allows only for what is already satisfied
// (32-44): a credit beyond what the obligation has recognized by the end of its period would book revenue
// below zero for goods not yet transferred, so it is refused and the catch-up treatment named instead.
import { formatMonth, monthOfDay, type Day } from "../calendar";
import { formatAmount } from "../money";
import { cumulativeAtMonthEnd, planObligation } from "../schedule/plan";
import { withPriceShares } from "../schedule/priceShares";
import { index, join, type Reader } from "./fields";
import { MESSAGES } from "./messages";
import type { Contract, Obligation } from "./model";
import type { IndexedChange } from "./readChanges";

/** Run once the contract is otherwise valid: it needs the schedule of each obligation before the credit. */
export function checkImmediateCredits(
  r: Reader,
  contract: Pick<Contract, "obligations">,
  changes: readonly IndexedChange[],
  path: string
): void {
  const obligations = new Map<string, { o: Obligation; addedOn?: Day }>();
  for (const o of contract.obligations) obligations.set(o.id, { o });
  changes.forEach(({ change, at }, k) => {
    if (change.type === "add") {
      obligations.set(change.obligation.id, { o: change.obligation, addedOn: change.date });
      return;
    }
    if (change.type !== "credit" || change.treatment !== "immediate") return;
    const target = obligations.get(change.obligation);
    if (target === undefined) return;
    const before = withPriceShares(
      contract.obligations,
      changes.slice(0, k).map((c) => c.change)
    );
    const month = monthOfDay(change.date);
    const plan = planObligation(target.o, before, target.addedOn);
    const recognized = cumulativeAtMonthEnd(plan.segments, month);
    if (change.amount <= recognized) return;
    r.add(
      "immediate_not_satisfied",
      join(index(path, at), "treatment"),
      MESSAGES.immediateNotSatisfied(
        formatAmount(change.amount),
        formatAmount(Math.max(recognized, 0)),
        formatMonth(month)
      )
    );
  });
}
