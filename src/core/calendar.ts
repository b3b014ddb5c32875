// Calendar arithmetic on plain integers: a Day counts days since 1970-01-01 (proleptic Gregorian),
// a Month is year * 12 + (month - 1). Integers make ranges, differences and array indexes trivial
// and keep the engine free of Date objects and time zones.

export type Month = number;
export type Day = number;

/** The years a book may use: dates 1900-01-01 to 2199-12-31 (beyond them a figure could only be 0 or a typo). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
export function dayFromParts(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1-12, day 1-31] of a Day (Howard Hinnant's civil_from_days). */
export function partsOfDay(d: Day): [number, number, number] {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(m: Month): number {
  const month = m % 12;
  if (month === 1) return isLeapYear(Math.floor(m / 12)) ? 29 : 28;
  return MONTH_DAYS[month] ?? 31;
}

export function monthOfDay(d: Day): Month {
  const [year, month] = partsOfDay(d);
  return year * 12 + month - 1;
}

export function firstDay(m: Month): Day {
  return dayFromParts(Math.floor(m / 12), (m % 12) + 1, 1);
}

export function lastDay(m: Month): Day {
  return firstDay(m + 1) - 1;
}

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM" to a Month; undefined when malformed or the month is not 01-12. */
export function parseMonth(s: string): Month | undefined {
  const match = MONTH_PATTERN.exec(s);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return year * 12 + month - 1;
}

export function formatMonth(m: Month): string {
  return `${pad(Math.floor(m / 12), 4)}-${pad((m % 12) + 1, 2)}`;
}

/** "YYYY-MM-DD" to a Day; undefined unless it is a real calendar date (2025-02-29 is not). */
export function parseDay(s: string): Day | undefined {
  const match = DAY_PATTERN.exec(s);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year * 12 + month - 1)) {
    return undefined;
  }
  return dayFromParts(year, month, day);
}

export function formatDay(d: Day): string {
  const [year, month, day] = partsOfDay(d);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
