// A curve says how much of an amount is earned by a point in time: cumulative weight W(t) out of
// a total T, so cumulative revenue = amount × W(t) / T rounded half away from zero. Rounding the
// cumulative amount (not each period) makes every schedule sum to its amount exactly.
import { daysInMonth, firstDay, lastDay, monthOfDay, type Day, type Month } from "../calendar";
import { FULL_PROGRESS, type ManualAmount, type ProgressPoint } from "../book/model";

export interface Curve {
  /** Months in which W can change; W is 0 before `first` and T from `last` on. */
  readonly first: Month;
  readonly last: Month;
  /** Total weight; 0 means the whole amount is earned in `first` (nothing left to spread over). */
  readonly total: number;
  /** Cumulative weight at the end of month m. */
  atMonthEnd(m: Month): number;
  /** Cumulative weight at the end of day d (only daily curves differ from their month end). */
  atDay(d: Day): number;
}

/** The whole amount at once in month m: delivery, or a remainder with no service left. */
export function pointCurve(m: Month): Curve {
  const at = (month: Month): number => (month >= m ? 1 : 0);
  return { first: m, last: m, total: 1, atMonthEnd: at, atDay: (d) => at(monthOfDay(d)) };
}

/** Equal weight per day from `from` to `to`, both included. */
export function dailyCurve(from: Day, to: Day): Curve {
  if (to < from) return pointCurve(monthOfDay(from));
  const total = to - from + 1;
  const atDay = (d: Day): number => (d < from ? 0 : d >= to ? total : d - from + 1);
  return {
    first: monthOfDay(from),
    last: monthOfDay(to),
    total,
    atDay,
    atMonthEnd: (m) => atDay(lastDay(m)),
  };
}

/** Equal weight for every calendar month the service touches. */
export function monthlyCurve(fromMonth: Month, toMonth: Month): Curve {
  if (toMonth < fromMonth) return pointCurve(fromMonth);
  const total = toMonth - fromMonth + 1;
  const at = (m: Month): number => (m < fromMonth ? 0 : m >= toMonth ? total : m - fromMonth + 1);
  return {
    first: fromMonth,
    last: toMonth,
    total,
    atMonthEnd: at,
    atDay: (d) => at(monthOfDay(d)),
  };
}

/**
 * Each month weighs days covered / days in that month. Only the first and last months can be
 * partial, so with the common denominator n_first × n_last every weight is an exact integer.
 */
export function proratedCurve(from: Day, to: Day): Curve {
  const fm = monthOfDay(from);
  const tm = monthOfDay(to);
  if (to < from || fm === tm) return pointCurve(fm);
  const nFirst = daysInMonth(fm);
  const nLast = daysInMonth(tm);
  const wFirst = (lastDay(fm) - from + 1) * nLast;
  const wFull = nFirst * nLast;
  const wLast = (to - firstDay(tm) + 1) * nFirst;
  const total = wFirst + (tm - fm - 1) * wFull + wLast;
  const at = (m: Month): number => (m < fm ? 0 : m >= tm ? total : wFirst + (m - fm) * wFull);
  return { first: fm, last: tm, total, atMonthEnd: at, atDay: (d) => at(monthOfDay(d)) };
}

/**
 * Cumulative completion (parts per million) as of each month end, measured from `baseline`:
 * W = completion − baseline, T = 100% − baseline. With baseline 0 this is "A × percent / 100".
 */
export function progressCurve(
  points: readonly ProgressPoint[],
  baseline: number,
  fallback: Month
): Curve {
  const total = FULL_PROGRESS - baseline;
  if (total <= 0) return pointCurve(fallback);
  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  const first =
    firstPoint === undefined ? fallback : Math.min(fallback, monthOfDay(firstPoint.date));
  const last = lastPoint === undefined ? fallback : Math.max(fallback, monthOfDay(lastPoint.date));
  const atDay = (d: Day): number => completionAt(points, d) - baseline;
  return { first, last, total, atDay, atMonthEnd: (m) => atDay(lastDay(m)) };
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

/**
 * Manual amounts as weights, counting only periods from `fromMonth` on; with nothing left to
 * weigh, the whole amount falls in `fromMonth`.
 */
export function manualCurve(amounts: readonly ManualAmount[], fromMonth: Month): Curve {
  const used = amounts.filter((a) => a.period >= fromMonth);
  const sum = used.reduce((s, a) => s + a.amount, 0);
  const firstUsed = used[0];
  const lastUsed = used[used.length - 1];
  if (sum === 0 || firstUsed === undefined || lastUsed === undefined) return pointCurve(fromMonth);
  // mulDiv needs a positive total; a negative sum flips both signs, leaving the ratio unchanged.
  const sign = sum < 0 ? -1 : 1;
  const at = (m: Month): number => {
    let w = 0;
    for (const a of used) {
      if (a.period > m) break;
      w += a.amount;
    }
    return sign * w;
  };
  return {
    first: firstUsed.period,
    last: lastUsed.period,
    total: sign * sum,
    atMonthEnd: at,
    atDay: (d) => at(monthOfDay(d)),
  };
}
