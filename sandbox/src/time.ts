/**
 * Timestamps as QBO writes them: Pacific local time with its offset (US daylight-saving rules since 2007),
 * e.g. 2025-06-15T10:16:17-07:00 in MetaData and 2025-06-15T10:16:17.482-07:00 in the envelope `time`.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function nthSundayUtc(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1);
  const dow = new Date(first).getUTCDay();
  const firstSunday = 1 + ((7 - dow) % 7);
  return Date.UTC(year, month, firstSunday + 7 * (n - 1));
}

/** Offset of Pacific time from UTC in hours (-7 in summer, -8 in winter). */
export function pacificOffsetHours(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const dstStart = nthSundayUtc(year, 2, 2) + 10 * HOUR; // 02:00 PST
  const dstEnd = nthSundayUtc(year, 10, 1) + 9 * HOUR; // 02:00 PDT
  return ms >= dstStart && ms < dstEnd ? -7 : -8;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

export function pacificIso(ms: number, millis = false): string {
  const off = pacificOffsetHours(ms);
  const d = new Date(ms + off * HOUR);
  const base =
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = millis ? `.${pad(d.getUTCMilliseconds(), 3)}` : "";
  return `${base}${frac}-${pad(-off)}:00`;
}

/** The Pacific calendar date (YYYY-MM-DD) of an instant. */
export function pacificDate(ms: number): string {
  return pacificIso(ms).slice(0, 10);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Parse a QBO date or datetime (date-only values are taken as Pacific midnight). */
export function parseInstant(s: string): number | undefined {
  if (isDate(s)) {
    const utcMidnight = Date.parse(`${s}T00:00:00Z`);
    return utcMidnight - pacificOffsetHours(utcMidnight + 8 * HOUR) * HOUR;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * DAY;
  return new Date(t).toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${pad(nm)}-${pad(Math.min(d, last))}`;
}

export function endOfMonth(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(last)}`;
}
