// How a disclosure labels a span of months: the way a person writes it (2026-03, 2026-Q1, 2026, 2026-01..2026-05).
import { formatMonth } from "../calendar";
import type { Span } from "../period";

export function spanLabel({ from, to }: Span): string {
  const year = Math.floor(from / 12);
  const first = from - year * 12;
  if (from === to) return formatMonth(from);
  if (first === 0 && to === from + 11) return String(year);
  if (first % 3 === 0 && to === from + 2) return `${year}-Q${first / 3 + 1}`;
  return `${formatMonth(from)}..${formatMonth(to)}`;
}
