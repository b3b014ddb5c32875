/** Calendar helpers for the pane, on the engine's integer calendar: no Date objects, so no time zone shifts a date. */
import {
  daysInMonth,
  firstDay,
  formatDay,
  formatMonth,
  lastDay,
  monthOfDay,
  parseDay,
  parseMonth,
  type Month,
} from "../../core";
import { serialToDays } from "../../core/tables";

function month(period: string): Month {
  const m = parseMonth(period);
  if (m === undefined) throw new RangeError(`Not a period: ${period}`);
  return m;
}

/** "YYYY-MM-DD" of an Excel date cell (serial) or text; undefined when it is not a date. */
export function cellDate(v: unknown): string | undefined {
  if (typeof v === "number") {
    const days = serialToDays(v);
    return days === undefined ? undefined : formatDay(days);
  }
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v.trim())) return v.trim().slice(0, 10);
  return undefined;
}

/**
 * The last day of a term of `months` months starting on `start`: the day before the same day `months` later,
 * so 12 months from 2026-04-01 end 2027-03-31; from 2026-01-31, one month ends 2026-02-28 and two end 2026-03-30.
 */
export function termEnd(start: string, months: number): string {
  const day = parseDay(start);
  if (day === undefined) return start;
  const prev = day - 1;
  const from = monthOfDay(prev);
  const target = from + months;
  const last = daysInMonth(target);
  const d = prev === lastDay(from) ? last : Math.min(prev - firstDay(from) + 1, last);
  return formatDay(firstDay(target) + d - 1);
}

/** "2026-03" -> "2026-03-31". */
export function lastDayOf(period: string): string {
  return formatDay(lastDay(month(period)));
}

/** The month before "YYYY-MM". */
export function previousMonth(period: string): string {
  return formatMonth(month(period) - 1);
}

/** "2026-10" -> "2026-11". */
export function nextMonth(period: string): string {
  return formatMonth(month(period) + 1);
}

/** The months from..to inclusive, "YYYY-MM" (at most a century's worth). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = month(to);
  for (let m = month(from); m <= end && out.length <= 1200; m++) out.push(formatMonth(m));
  return out;
}

/**
 * The periods the Close tab offers, latest first: the `count` months that have ended by `today` ("YYYY-MM-DD").
 * The month under way is not among them: its revenue is not known until it ends.
 */
export function closablePeriods(today: string, count: number): string[] {
  const out: string[] = [];
  let m = previousMonth(today.slice(0, 7));
  for (let i = 0; i < count; i++, m = previousMonth(m)) out.push(m);
  return out;
}
