// An immediate credit reverses revenue at once, which ASC 606 allows only for what is already satisfied
// (32-44): a credit beyond what the obligation has recognized by the end of its period would book revenue
// below zero for goods not yet transferred, so it is refused and the catch-up treatment named instead.
// A credit after an add that pools the remaining consideration is judged here too: only the schedule knows the
// price the pool gave its obligation.
import { formatMonth, monthOfDay } from "../calendar";
import { formatAmount } from "../money";
import { cumulativeAtMonthEnd, planObligation } from "../schedule/plan";
import { planChanges } from "../schedule/planChanges";
import { index, join, type Reader } from "./fields";
import { MESSAGES } from "./messages";
import type { Contract } from "./model";
import type { IndexedChange } from "./readChanges";

/** Run once the contract is otherwise valid: it needs the schedule of each obligation before the credit. */
export function checkImmediateCredits(
  r: Reader,
  contract: Pick<Contract, "obligations" | "variableConsideration">,
  changes: readonly IndexedChange[],
  path: string
): void {
  changes.forEach(({ change, at }, k) => {
    if (change.type !== "credit") return;
    const pooled = changes.some((c, j) => j < k && c.change.type === "add" && c.change.reallocate);
    if (change.treatment !== "immediate" && !pooled) return;
    const before = planChanges({
      ...contract,
      changes: changes.slice(0, k).map((c) => c.change),
    });
    const own = contract.obligations.find((o) => o.id === change.obligation);
    // An added obligation as planned (a pooling add sets its amount), with the date it was added on.
    const added = before.find((c) => c.type === "add" && c.obligation.id === change.obligation);
    const plan =
      own !== undefined
        ? planObligation(own, before)
        : added?.type === "add"
          ? planObligation(added.obligation, before, added.date)
          : undefined;
    if (plan === undefined) return;
    if (pooled && change.amount > plan.allocated) {
      r.add(
        "credit_too_large",
        join(index(path, at), "amount"),
        MESSAGES.creditTooLarge(formatAmount(change.amount), formatAmount(plan.allocated))
      );
      return;
    }
    if (change.treatment !== "immediate") return;
    const month = monthOfDay(change.date);
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
