// An obligation's plan: its original terms and then one segment per change. Each segment takes
// over the month-end cumulative amount from its effective month on, which is how a change can
// never alter a period before the period of its date.
import { firstDay, monthOfDay, type Day, type Month } from "../calendar";
import type { Obligation } from "../book/model";
import { mulDiv, type Cents } from "../money";
import {
  completionAt,
  dailyCurve,
  manualCurve,
  monthlyCurve,
  pointCurve,
  progressCurve,
  proratedCurve,
  type Curve,
} from "./curve";
import type { PlanChange } from "./changeTypes";

export interface Segment {
  /** First month whose month-end cumulative this segment decides. */
  effective: Month;
  /** Recognized before this segment's curve starts earning. */
  base: Cents;
  /** Spread along the curve on top of `base`. */
  amount: Cents;
  curve: Curve;
}

export interface Plan {
  segments: Segment[];
  /** Price after all changes: what the schedule sums to once complete. */
  allocated: Cents;
}

const BEFORE_ALL = Number.NEGATIVE_INFINITY;

export function cumulativeAtMonthEnd(segments: readonly Segment[], m: Month): Cents {
  const s = activeSegment(segments, m);
  if (s === undefined) return 0;
  const fixed = s.curve.fixedAt === undefined ? 0 : s.curve.fixedAt(m);
  return s.base + fixed + mulDiv(s.amount, s.curve.atMonthEnd(m), s.curve.total);
}

function cumulativeAtDay(segments: readonly Segment[], d: Day): Cents {
  const s = activeSegment(segments, monthOfDay(d));
  if (s === undefined) return 0;
  const fixed = s.curve.fixedAt === undefined ? 0 : s.curve.fixedAt(monthOfDay(d));
  return s.base + fixed + mulDiv(s.amount, s.curve.atDay(d), s.curve.total);
}

/** Recognized through the day before d (what a change on d keeps, for daily obligations). */
export function cumulativeBefore(segments: readonly Segment[], d: Day): Cents {
  return cumulativeAtDay(segments, d - 1);
}

function activeSegment(segments: readonly Segment[], m: Month): Segment | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i];
    if (s !== undefined && s.effective <= m) return s;
  }
  return undefined;
}

/** The curve of an obligation's terms from inception (also what catch-up recomputes). */
function inceptionCurve(o: Obligation, end: Day | undefined): Curve {
  const startMonth = monthOfDay(o.start);
  switch (o.method) {
    case "daily":
      return dailyCurve(o.start, end ?? o.start);
    case "monthly":
    case "monthly-from-start":
      return monthlyCurve(startMonth, monthOfDay(end ?? o.start));
    case "monthly-prorated":
      return proratedCurve(o.start, end ?? o.start);
    case "point-in-time":
      return pointCurve(startMonth);
    case "progress":
      return progressCurve(o.progress ?? [], 0, startMonth);
    case "manual":
      return manualCurve(o.manual ?? [], Math.min(startMonth, o.manual?.[0]?.period ?? startMonth));
  }
}

/**
 * The curve that spreads what remains from date D on (prospective treatment): from D itself for
 * `daily`, from the first day of D's month for the month-based methods.
 */
function remainingCurve(o: Obligation, end: Day | undefined, date: Day): Curve {
  const month = monthOfDay(date);
  const from = Math.max(o.start, firstDay(month));
  switch (o.method) {
    case "daily":
      return dailyCurve(Math.max(o.start, date), end ?? o.start);
    case "monthly":
    case "monthly-from-start":
      return monthlyCurve(monthOfDay(from), monthOfDay(end ?? o.start));
    case "monthly-prorated":
      return proratedCurve(from, end ?? o.start);
    case "point-in-time":
      return pointCurve(monthOfDay(from));
    case "progress": {
      const baseline = completionAt(o.progress ?? [], firstDay(month) - 1);
      // Until progress reaches the baseline again nothing more is earned; later points spread the rest.
      return progressCurve(o.progress ?? [], baseline, month);
    }
    case "manual":
      return manualCurve(o.manual ?? [], month);
  }
}

/** Builds the plan of one obligation given its changes (already in date order). */
export function planObligation(o: Obligation, changes: readonly PlanChange[], addedOn?: Day): Plan {
  const segments: Segment[] = [];
  let price = o.allocated;
  let end = o.end;
  // A modify's price is before the credit memos and price changes applied so far: they stay applied.
  let adjusted = 0;
  for (const change of changes) {
    if (change.type === "share" && change.inception === true && change.obligation === o.id) {
      price += change.amount;
      adjusted += change.amount;
    }
  }
  if (addedOn === undefined) {
    segments.push({ effective: BEFORE_ALL, base: 0, amount: price, curve: inceptionCurve(o, end) });
  } else {
    // Added by a change: nothing before the period of D; whatever the terms earned by then is
    // caught up in that period.
    segments.push({
      effective: monthOfDay(addedOn),
      base: 0,
      amount: price,
      curve: inceptionCurve(o, end),
    });
  }
  for (const change of changes) {
    if (change.type === "add" || change.obligation !== o.id) continue;
    if (change.type === "share" && change.inception === true) continue;
    const month = monthOfDay(change.date);
    const newPrice = priceAfter(change, price, adjusted);
    if (change.type === "credit") adjusted -= change.amount;
    if (change.type === "share") adjusted += change.amount;
    // A reprice starts a new contract (25-13(a)): what moved the old price is in the new one.
    if (change.type === "reprice") adjusted = 0;
    const newEnd = change.type === "modify" ? (change.end ?? end) : end;
    if (change.type === "credit" && change.treatment === "immediate") {
      const current = activeSegment(segments, month);
      if (current !== undefined)
        segments.push({ ...current, effective: month, base: current.base - change.amount });
    } else if (
      change.type === "share" ||
      (change.type !== "reprice" && change.treatment === "catch-up")
    ) {
      segments.push({
        effective: month,
        base: 0,
        amount: newPrice,
        curve: inceptionCurve(o, newEnd),
      });
    } else {
      const base =
        o.method === "daily"
          ? cumulativeBefore(segments, change.date)
          : cumulativeAtMonthEnd(segments, month - 1);
      const curve = remainingCurve(o, newEnd, change.date);
      segments.push({ effective: month, base, amount: newPrice - base, curve });
    }
    price = newPrice;
    end = newEnd;
  }
  return { segments, allocated: price };
}

/** The obligation's price after `change`, given its price before and what credits and price changes moved. */
function priceAfter(
  change: Exclude<PlanChange, { type: "add" }>,
  price: Cents,
  adjusted: Cents
): Cents {
  if (change.type === "modify") return change.price === undefined ? price : change.price + adjusted;
  if (change.type === "credit") return price - change.amount;
  if (change.type === "reprice") return change.price;
  return price + change.amount;
}
