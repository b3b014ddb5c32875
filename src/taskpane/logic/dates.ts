/** Calendar helpers for the pane (UTC, so the analyst's time zone never shifts a date). */

const EPOCH_SERIAL = 25569;

/** "YYYY-MM-DD" of an Excel date cell (serial) or text; undefined when it is not a date. */
export function cellDate(v: unknown): string | undefined {
  if (typeof v === "number" && Number.isFinite(v) && v >= 61) {
    return new Date(Math.round((Math.floor(v) - EPOCH_SERIAL) * 86400000))
      .toISOString()
      .slice(0, 10);
  }
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v.trim())) return v.trim().slice(0, 10);
  return undefined;
}

/**
 * The last day of a term of `months` months starting on `start`: the day before the same day `months` later,
 * so 12 months from 2026-04-01 end 2027-03-31; from 2026-01-31, one month ends 2026-02-28 and two end 2026-03-30.
 */
export function termEnd(start: string, months: number): string {
  const [y, m, d] = start.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return start;
  const prev = new Date(Date.UTC(y, m - 1, d - 1));
  const py = prev.getUTCFullYear();
  const pm = prev.getUTCMonth();
  const pd = prev.getUTCDate();
  const lastOf = (yy: number, mm: number) => new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const endOfMonth = pd === lastOf(py, pm);
  const target = new Date(Date.UTC(py, pm + months, 1));
  const last = lastOf(target.getUTCFullYear(), target.getUTCMonth());
  target.setUTCDate(endOfMonth ? last : Math.min(pd, last));
  return target.toISOString().slice(0, 10);
}

/** "2026-03" -> "2026-03-31". */
export function lastDayOf(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
}

/** The month before "YYYY-MM". */
export function previousMonth(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 2, 1)).toISOString().slice(0, 7);
}

/** The months from..to inclusive, "YYYY-MM". */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    if (out.length > 1200) break;
  }
  return out;
}
