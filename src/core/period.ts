// Periods as users write them, on the integer calendar: the one place that reads "2026-03", "2026-Q1", "2026"
// and dates in a period, and names last days, neighbours and ranges of "YYYY-MM" months. The functions, the
// pane, the server and the CLI all use it.
import {
  FIRST_YEAR,
  LAST_YEAR,
  daysInMonth,
  firstDay,
  formatDay,
  formatMonth,
  lastDay,
  monthOfDay,
  parseDay,
  parseMonth,
  type Month,
} from "./calendar";
import { parseIsoDate, serialToDays } from "./tables/cells";

/** A month "YYYY-MM" as a JSON-schema pattern, for the backend's route schemas. */
export const MONTH_PATTERN_SOURCE = "^\\d{4}-(0[1-9]|1[0-2])$";

/** An inclusive range of months: a month, a quarter or a year. */
export interface Span {
  from: Month;
  to: Month;
}

export const FIRST_MONTH: Month = FIRST_YEAR * 12;
export const LAST_MONTH: Month = LAST_YEAR * 12 + 11;

/** Whole numbers in this range are read as years, not date serials (=YEAR(TODAY()) works). */
const NUMBER_YEAR_MIN = 1900;
const NUMBER_YEAR_MAX = 9999;

const yearSpan = (y: number): Span => ({ from: y * 12, to: y * 12 + 11 });
const monthSpan = (m: Month): Span => ({ from: m, to: m });

/**
 * The months a period value names, whatever its year; undefined when it is not a period. Whole numbers
 * 1900–9999 are years; other numbers are Excel date serials, whose month is taken. Text is a month
 * "2026-03", a quarter "2026-Q1", a year "2026" or a date "2026-03-15".
 */
export function parseSpan(v: unknown): Span | undefined {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= NUMBER_YEAR_MIN && v <= NUMBER_YEAR_MAX) return yearSpan(v);
    const days = serialToDays(v);
    return days === undefined ? undefined : monthSpan(monthOfDay(days));
  }
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthSpan(Number(m[1]) * 12 + month - 1) : undefined;
  }
  if ((m = /^(\d{4})-?Q([1-4])$/i.exec(s))) {
    const k = Number(m[1]) * 12 + (Number(m[2]) - 1) * 3;
    return { from: k, to: k + 2 };
  }
  if ((m = /^(\d{4})$/.exec(s))) return yearSpan(Number(m[1]));
  const days = parseIsoDate(s);
  return days === undefined ? undefined : monthSpan(monthOfDay(days));
}

/** True when the span lies within the years a book may use. */
export function spanInBookYears(span: Span): boolean {
  return span.from >= FIRST_MONTH && span.to <= LAST_MONTH;
}

function month(period: string): Month {
  const m = parseMonth(period);
  if (m === undefined) throw new RangeError(`Not a period: ${period}`);
  return m;
}

/** "2026-03" -> "2026-03-31". */
export function lastDayOf(period: string): string {
  return formatDay(lastDay(month(period)));
}

/** "2026-03" -> "2026-03-01". */
export function firstDayOf(period: string): string {
  return formatDay(firstDay(month(period)));
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
 * The last day of a term of `months` months starting on `start`: the day before the same day `months` later,
 * so 12 months from 2026-04-01 end 2027-03-31; from 2026-01-31, one month ends 2026-02-28 and two end 2026-03-30.
 * A start that is not a date is returned as it is.
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
