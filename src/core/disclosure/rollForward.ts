// The contract balances roll-forward (ASC 606-10-50-8): opening balances, billings, revenue split into what
// came out of the opening contract liability and the rest, closing balances. Balances are per contract, so a
// total adds contracts' roll-forwards and never nets one contract's liability against another's asset.
import type { Month } from "../calendar";
import type { Cents } from "../money";
import type { ContractSchedule } from "../schedule/types";

export interface RollForward {
  readonly openingDeferred: Cents;
  readonly openingUnbilled: Cents;
  /** Refund liability (customer credits beyond invoices, docs/book.md "Balances"). */
  readonly openingRefund: Cents;
  readonly billed: Cents;
  /** Revenue of the period that was in the contract liability at its start (50-8(b)). */
  readonly recognizedFromOpening: Cents;
  readonly otherRecognized: Cents;
  readonly closingDeferred: Cents;
  readonly closingUnbilled: Cents;
  readonly closingRefund: Cents;
}

/** The columns in disclosure order. */
export const ROLL_FORWARD_FIELDS: readonly (keyof RollForward)[] = [
  "openingDeferred",
  "openingUnbilled",
  "openingRefund",
  "billed",
  "recognizedFromOpening",
  "otherRecognized",
  "closingDeferred",
  "closingUnbilled",
  "closingRefund",
];

/**
 * One contract over the months from..to. Revenue first uses up the opening liability (what was billed ahead is
 * what gets delivered first), so the part from the opening balance is the revenue, capped by that balance.
 */
export function rollForward(c: ContractSchedule, from: Month, to: Month): RollForward {
  const openingDeferred = c.deferred(from - 1);
  const revenue = c.revenue(from, to);
  const recognizedFromOpening = Math.min(Math.max(revenue, 0), openingDeferred);
  return {
    openingDeferred,
    openingUnbilled: c.unbilled(from - 1),
    openingRefund: c.refund(from - 1),
    billed: c.billed(from, to),
    recognizedFromOpening,
    otherRecognized: revenue - recognizedFromOpening,
    closingDeferred: c.deferred(to),
    closingUnbilled: c.unbilled(to),
    closingRefund: c.refund(to),
  };
}

/** The contracts' roll-forwards added field by field. */
export function totalRollForward(
  contracts: readonly ContractSchedule[],
  from: Month,
  to: Month
): RollForward {
  const t = {
    openingDeferred: 0,
    openingUnbilled: 0,
    openingRefund: 0,
    billed: 0,
    recognizedFromOpening: 0,
    otherRecognized: 0,
    closingDeferred: 0,
    closingUnbilled: 0,
    closingRefund: 0,
  };
  for (const c of contracts) {
    const r = rollForward(c, from, to);
    for (const f of ROLL_FORWARD_FIELDS) t[f] += r[f];
  }
  return t;
}

/**
 * closing − opening − movements, on the net balance (deferred − contract asset − refund, which is billed −
 * recognized to date): 0 when the roll-forward ties. Billing raises the net balance and revenue lowers it; which
 * balance moves depends on the sign of the net and on whether credits have passed the invoices.
 */
export function rollForwardDifference(r: RollForward): Cents {
  const opening = r.openingDeferred - r.openingUnbilled - r.openingRefund;
  const closing = r.closingDeferred - r.closingUnbilled - r.closingRefund;
  return closing - (opening + r.billed - r.recognizedFromOpening - r.otherRecognized);
}
