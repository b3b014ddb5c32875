// Excel arguments -> what the engine takes. Excel passes null for an omitted optional argument, dates as
// serial numbers, ranges as 2-D arrays (row-major); every reader says which argument and what it expects.
import { FIRST_YEAR, LAST_YEAR, parseSpan, spanInBookYears, type Span } from "../core";
import { invalid } from "./errors";

const PERIOD_EXPECTED =
  'a month "2026-03", a quarter "2026-Q1", a year "2026", or a date in the period (an Excel date or "2026-03-15")';

/** Shows a cell value in a message. */
export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || v === undefined) return "an empty value";
  if (Array.isArray(v)) return "a range";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "a value of another kind";
}

/** Empty: omitted (null), an empty cell or an empty string. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A scalar argument; a 1×1 range is accepted as its one value. */
export function scalar(name: string, v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const row: unknown = v.length === 1 ? v[0] : undefined;
  if (Array.isArray(row) && row.length === 1) return row[0];
  throw invalid(`${name}: expected one value, not a range`);
}

/** A period (core's parseSpan), only FIRST_YEAR–LAST_YEAR. Undefined only when `optional` and blank. */
const spans = new Map<string | number, Span>();

export function periodArg(name: string, raw: unknown, optional: false): Span;
export function periodArg(name: string, raw: unknown, optional: true): Span | undefined;
export function periodArg(name: string, raw: unknown, optional: boolean): Span | undefined {
  const v = scalar(name, raw);
  if (typeof v === "string" || typeof v === "number") {
    const hit = spans.get(v);
    if (hit) return hit;
    const span = readPeriod(name, v, optional);
    if (span) {
      if (spans.size >= 10_000) spans.clear();
      spans.set(v, span);
    }
    return span;
  }
  return readPeriod(name, v, optional);
}

function readPeriod(name: string, v: unknown, optional: boolean): Span | undefined {
  if (isBlank(v)) {
    if (optional) return undefined;
    throw invalid(`${name} is required: expected ${PERIOD_EXPECTED}`);
  }
  const span = parseSpan(v);
  if (!span) throw invalid(`${name}: expected ${PERIOD_EXPECTED}; got ${show(v)}`);
  if (!spanInBookYears(span)) {
    throw invalid(
      `${name}: ${show(v)} is outside the years the book covers, ${FIRST_YEAR} to ${LAST_YEAR}`
    );
  }
  return span;
}

/** A whole number of months from 1 to `max`. */
export function monthsArg(name: string, raw: unknown, max = 1200): number {
  const v = scalar(name, raw);
  const n = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= max) return n;
  throw invalid(`${name}: expected a whole number of months from 1 to ${max}; got ${show(v)}`);
}

/** An id cell: text (trimmed) or a number written as digits; undefined for an empty cell. */
export function idCell(name: string, v: unknown): string | undefined {
  if (isBlank(v)) return undefined;
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  throw invalid(
    `${name}: expected a contract or obligation id (text), or "*" for all contracts; got ${show(v)}`
  );
}

/** A range argument as a rectangular 2-D array (a single value becomes 1×1). */
export function grid(name: string, v: unknown): readonly (readonly unknown[])[] {
  if (!Array.isArray(v)) return [[v]];
  const rows: unknown[][] = [];
  let width = -1;
  for (const r of v) {
    if (!Array.isArray(r)) return [v];
    if (width >= 0 && r.length !== width) throw invalid(`${name}: expected a rectangular range`);
    width = r.length;
    rows.push(r);
  }
  if (rows.length === 0 || width <= 0)
    throw invalid(`${name}: expected a value or a range, got an empty range`);
  return rows;
}

/** A choice from a fixed set of words, or `fallback` when blank. */
export function choiceArg<T extends string>(
  name: string,
  raw: unknown,
  choices: readonly T[],
  fallback: T
): T {
  const v = scalar(name, raw);
  if (isBlank(v)) return fallback;
  if (typeof v === "string") {
    const found = choices.find((c) => c === v.trim().toLowerCase());
    if (found) return found;
  }
  throw invalid(`${name}: expected ${choices.map((c) => `"${c}"`).join(" or ")}; got ${show(v)}`);
}
