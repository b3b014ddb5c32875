/** Calendar helpers for the pane, on the engine's integer calendar: no Date objects, so no time zone shifts a date. */
import { formatDay, previousMonth } from "../../core";
import { serialToDays } from "../../core/tables";

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
 * The periods the Close tab offers, latest first: the `count` months that have ended by `today` ("YYYY-MM-DD").
 * The month under way is not among them: its revenue is not known until it ends.
 */
export function closablePeriods(today: string, count: number): string[] {
  const out: string[] = [];
  let m = previousMonth(today.slice(0, 7));
  for (let i = 0; i < count; i++, m = previousMonth(m)) out.push(m);
  return out;
}
