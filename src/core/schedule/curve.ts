// A curve says how much of an amount is earned by a point in time: cumulative weight W(t) out of
// a total T, so cumulative revenue = amount × W(t) / T rounded half away from zero. Rounding the
// cumulative amount (not each period) makes every schedule sum to its amount exactly.
// Curves are small classes rather than closures: a book of 100,000 obligations builds one or more
// per obligation, and plain objects with shared methods keep that cheap.
import { daysInMonth, firstDay, lastDay, monthOfDay, type Day, type Month } from "../calendar";
import { FULL_PROGRESS, type ManualAmount, type ProgressPoint } from "../book/model";
import type { Cents } from "../money";

export interface Curve {
  /** Months in which W can change; W is 0 before `first` and T from `last` on. */
  readonly first: Month;
  readonly last: Month;
  /** Total weight (positive). */
  readonly total: number;
  /** Cumulative weight at the end of month m. */
  atMonthEnd(m: Month): number;
  /** Cumulative weight at the end of day d (only daily curves differ from their month end). */
  atDay(d: Day): number;
  /**
   * Cents earned by the end of month m whatever the amount, on top of amount × W / T; they add up
   * to zero once complete. Only manual amounts that sum to zero have them (see manualCurve).
   */
  readonly fixedAt?: (m: Month) => Cents;
}

/** Month-based curves: the weight only changes at month boundaries. */
abstract class MonthCurve implements Curve {
  abstract readonly first: Month;
  abstract readonly last: Month;
  abstract readonly total: number;
  abstract atMonthEnd(m: Month): number;
  atDay(d: Day): number {
    return this.atMonthEnd(monthOfDay(d));
  }
}

/** The whole amount at once in month m: delivery, or a remainder with no service left. */
class PointCurve extends MonthCurve {
  readonly total = 1;
  readonly last: Month;
  constructor(readonly first: Month) {
    super();
    this.last = first;
  }
  atMonthEnd(m: Month): number {
    return m >= this.first ? 1 : 0;
  }
}

export function pointCurve(m: Month): Curve {
  return new PointCurve(m);
}

/** Equal weight per day from `from` to `to`, both included. */
class DailyCurve implements Curve {
  readonly first: Month;
  readonly last: Month;
  readonly total: number;
  constructor(
    private readonly from: Day,
    private readonly to: Day
  ) {
    this.first = monthOfDay(from);
    this.last = monthOfDay(to);
    this.total = to - from + 1;
  }
  atDay(d: Day): number {
    return d < this.from ? 0 : d >= this.to ? this.total : d - this.from + 1;
  }
  atMonthEnd(m: Month): number {
    return m < this.first ? 0 : m >= this.last ? this.total : this.atDay(lastDay(m));
  }
}

export function dailyCurve(from: Day, to: Day): Curve {
  return to < from ? pointCurve(monthOfDay(from)) : new DailyCurve(from, to);
}

/** Equal weight for every calendar month the service touches. */
class MonthlyCurve extends MonthCurve {
  readonly total: number;
  constructor(
    readonly first: Month,
    readonly last: Month
  ) {
    super();
    this.total = last - first + 1;
  }
  atMonthEnd(m: Month): number {
    return m < this.first ? 0 : m >= this.last ? this.total : m - this.first + 1;
  }
}

export function monthlyCurve(fromMonth: Month, toMonth: Month): Curve {
  return toMonth < fromMonth ? pointCurve(fromMonth) : new MonthlyCurve(fromMonth, toMonth);
}

/**
 * Each month weighs days covered / days in that month. Only the first and last months can be
 * partial, so with the common denominator n_first × n_last every weight is an exact integer.
 */
class ProratedCurve extends MonthCurve {
  readonly first: Month;
  readonly last: Month;
  readonly total: number;
  private readonly wFirst: number;
  private readonly wFull: number;
  constructor(from: Day, to: Day) {
    super();
    const fm = monthOfDay(from);
    const tm = monthOfDay(to);
    const nFirst = daysInMonth(fm);
    const nLast = daysInMonth(tm);
    this.first = fm;
    this.last = tm;
    this.wFirst = (lastDay(fm) - from + 1) * nLast;
    this.wFull = nFirst * nLast;
    const wLast = (to - firstDay(tm) + 1) * nFirst;
    this.total = this.wFirst + (tm - fm - 1) * this.wFull + wLast;
  }
  atMonthEnd(m: Month): number {
    if (m < this.first) return 0;
    return m >= this.last ? this.total : this.wFirst + (m - this.first) * this.wFull;
  }
}

export function proratedCurve(from: Day, to: Day): Curve {
  if (to < from || monthOfDay(from) === monthOfDay(to)) return pointCurve(monthOfDay(from));
  return new ProratedCurve(from, to);
}

/**
 * Cumulative completion (parts per million) as of each month end, measured from `baseline`:
 * W = completion − baseline, T = 100% − baseline. With baseline 0 this is "A × percent / 100".
 */
class ProgressCurve implements Curve {
  readonly first: Month;
  readonly last: Month;
  readonly total: number;
  constructor(
    private readonly points: readonly ProgressPoint[],
    private readonly baseline: number,
    fallback: Month
  ) {
    const firstPoint = points[0];
    const lastPoint = points[points.length - 1];
    this.total = FULL_PROGRESS - baseline;
    this.first =
      firstPoint === undefined ? fallback : Math.min(fallback, monthOfDay(firstPoint.date));
    this.last = lastPoint === undefined ? fallback : Math.max(fallback, monthOfDay(lastPoint.date));
  }
  atDay(d: Day): number {
    return completionAt(this.points, d) - this.baseline;
  }
  atMonthEnd(m: Month): number {
    return this.atDay(lastDay(m));
  }
}

export function progressCurve(
  points: readonly ProgressPoint[],
  baseline: number,
  fallback: Month
): Curve {
  // Complete (or beyond) at the baseline: nothing left to measure, so the rest falls in `fallback`.
  if (FULL_PROGRESS - baseline <= 0) return pointCurve(fallback);
  return new ProgressCurve(points, baseline, fallback);
}

/** Completion as of day d: the last point dated on or before d (points are in date order). */
export function completionAt(points: readonly ProgressPoint[], d: Day): number {
  let ppm = 0;
  for (const point of points) {
    if (point.date > d) break;
    ppm = point.ppm;
  }
  return ppm;
}

/** Manual amounts as weights (sign-flipped when their sum is negative, so the total is positive). */
class ManualCurve extends MonthCurve {
  readonly first: Month;
  readonly last: Month;
  readonly total: number;
  private readonly sign: number;
  constructor(
    private readonly used: readonly ManualAmount[],
    sum: number
  ) {
    super();
    this.first = used[0]?.period ?? 0;
    this.last = used[used.length - 1]?.period ?? 0;
    this.sign = sum < 0 ? -1 : 1;
    this.total = this.sign * sum;
  }
  atMonthEnd(m: Month): number {
    let w = 0;
    for (const a of this.used) {
      if (a.period > m) break;
      w += a.amount;
    }
    return this.sign * w;
  }
}

/**
 * Manual amounts that sum to zero (+100.00 then −100.00 on a 0.00 price) cannot be weights: they
 * are earned as written (fixedAt), and the amount spread on top of them, if any, falls in the
 * first month.
 */
class ZeroSumManualCurve extends MonthCurve {
  readonly total = 1;
  readonly last: Month;
  constructor(
    private readonly used: readonly ManualAmount[],
    readonly first: Month
  ) {
    super();
    this.last = Math.max(first, used[used.length - 1]?.period ?? first);
  }
  atMonthEnd(m: Month): number {
    return m >= this.first ? 1 : 0;
  }
  readonly fixedAt = (m: Month): Cents => {
    let sum = 0;
    for (const a of this.used) {
      if (a.period > m) break;
      sum += a.amount;
    }
    return sum;
  };
}

/**
 * Manual amounts as weights, counting only periods from `fromMonth` on. With nothing left, the
 * whole amount falls in `fromMonth`; with amounts that sum to zero, they are kept as written and
 * the amount falls in `fromMonth` on top of them.
 */
export function manualCurve(amounts: readonly ManualAmount[], fromMonth: Month): Curve {
  const used = amounts.filter((a) => a.period >= fromMonth);
  if (used.length === 0) return pointCurve(fromMonth);
  const sum = used.reduce((s, a) => s + a.amount, 0);
  return sum === 0 ? new ZeroSumManualCurve(used, fromMonth) : new ManualCurve(used, sum);
}
