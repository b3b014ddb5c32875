// Reading Excel cell values: text, amounts, dates (serials or text), percents, months, booleans.
// Every reader returns the value or a message saying what was expected; callers attach table, row and column.
import { METHODS } from "../book/model";
import { dayFromParts, daysInMonth, formatDay } from "../calendar";
import { formatAmount, MAX_CENTS, parseAmount } from "../money";

/** A cell as Excel hands it over: "" (or null) is an empty cell; dates are serial numbers. */
export type TableCell = string | number | boolean | null | undefined;

export type Read<T> = { ok: true; value: T } | { ok: false; expected: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(expected: string): Read<T> => ({ ok: false, expected });

export function isEmpty(v: TableCell): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Shows a cell value in a message. */
export function show(v: TableCell): string {
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

/** Ids and names: text as is (trimmed), whole numbers as digits. */
export function readText(v: TableCell): Read<string> {
  if (typeof v === "string") return ok(v.trim());
  if (typeof v === "number" && Number.isFinite(v)) return ok(String(v));
  return bad("text");
}

/** A number typed as text: its sign, whole digits (without thousands commas) and decimal digits. */
export interface TextNumber {
  readonly negative: boolean;
  readonly whole: string;
  readonly fraction: string;
}

/**
 * Commas only as thousands separators (groups of exactly three after a first group of 1 to 3 digits that
 * does not start with 0), a dot before the decimals. Anything else is ambiguous: "12,34" is 12.34 in half
 * the world and 1234 in the other half.
 */
const TEXT_NUMBER = /^(-?)([1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Said beside what a text number cell expected when its commas or dots cannot be read unambiguously. */
export const SEPARATORS_RULE =
  "commas may only separate thousands, with a dot before the decimals, as in 1,234.56";

/** The one reader of numbers typed as text, for every numeric column of every table. */
export function readTextNumber(text: string): TextNumber | undefined {
  const m = TEXT_NUMBER.exec(text.trim());
  if (!m) return undefined;
  return { negative: m[1] === "-", whole: (m[2] ?? "").replace(/,/g, ""), fraction: m[3] ?? "" };
}

/** The number as core's decimal parsers read it: "-1234.5". */
function decimalText(n: TextNumber): string {
  return `${n.negative ? "-" : ""}${n.whole}${n.fraction === "" ? "" : `.${n.fraction}`}`;
}

/**
 * What a numeric cell expected; when its text has separators that are not a number under the rule,
 * the rule is said too, so that a comma-decimal writer sees why "12,34" is refused.
 */
function expectedNumber(v: string, what: string): string {
  return /[.,]/.test(v) && readTextNumber(v) === undefined ? `${what} (${SEPARATORS_RULE})` : what;
}

/**
 * An amount as a decimal string with two decimals ("1200.00"). Numbers are Excel doubles: they must be
 * within a millionth of a cent of a whole cent (so 1234.56 typed or computed reads exactly).
 */
export function readAmount(v: TableCell): Read<string> {
  const expected = "an amount with at most 2 decimals";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return bad(expected);
    const cents = Math.round(v * 100);
    if (Math.abs(v * 100 - cents) > 1e-6 || Math.abs(cents) > MAX_CENTS) return bad(expected);
    return ok(formatAmount(cents === 0 ? 0 : cents));
  }
  if (typeof v === "string") {
    const n = readTextNumber(v);
    const cents = n && parseAmount(decimalText(n));
    if (cents === undefined) return bad(expectedNumber(v, expected));
    return ok(formatAmount(cents));
  }
  return bad(expected);
}

/** A standalone selling price: a non-negative decimal (more decimals allowed: it only sets proportions). */
export function readRatio(v: TableCell): Read<string> {
  const expected = "a non-negative number";
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) return bad(expected);
    return ok(plainNumber(v));
  }
  if (typeof v === "string") {
    const n = readTextNumber(v);
    if (!n || n.negative) return bad(expectedNumber(v, expected));
    return ok(decimalText(n));
  }
  return bad(expected);
}

/** The SSP column: a standalone selling price, or the word residual (ASC 606-10-32-34(c), docs/book.md). */
export function readSsp(v: TableCell): Read<string> {
  if (typeof v === "string" && v.trim().toLowerCase() === "residual") return ok("residual");
  const ratio = readRatio(v);
  const expected = "a non-negative number or the word residual";
  return ratio.ok ? ratio : bad(typeof v === "string" ? expectedNumber(v, expected) : expected);
}

/** A finite double as plain decimal text (no exponent). */
function plainNumber(v: number): string {
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(20).replace(/\.?0+$/, "");
}

/** Excel's serial of 1970-01-01 in the 1900 date system. */
export const SERIAL_EPOCH = 25569;
/** 1900-03-01: serials below it are distorted by Excel's fictitious 1900-02-29. */
const FIRST_SERIAL = 61;
/** 9999-12-31, the last date Excel knows. */
const LAST_SERIAL = 2958465;

/** Days since 1970-01-01 of an Excel serial (time of day ignored), if it is a date Excel can show. */
export function serialToDays(serial: number): number | undefined {
  if (!Number.isFinite(serial) || serial < FIRST_SERIAL || serial >= LAST_SERIAL + 1)
    return undefined;
  return Math.floor(serial) - SERIAL_EPOCH;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]*Z?)?$/;

/** Days since 1970-01-01 of "YYYY-MM-DD" (a real calendar date; a time part is ignored). */
export function parseIsoDate(s: string): number | undefined {
  const m = ISO_DATE.exec(s.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y * 12 + mo - 1)) return undefined;
  return dayFromParts(y, mo, d);
}

/** A date: an Excel date serial or text YYYY-MM-DD; returned as YYYY-MM-DD. */
export function readDate(v: TableCell): Read<string> {
  const expected = "a date (an Excel date or text YYYY-MM-DD)";
  if (typeof v === "number") {
    const days = serialToDays(v);
    return days === undefined ? bad(expected) : ok(formatDay(days));
  }
  if (typeof v === "string") {
    const days = parseIsoDate(v);
    return days === undefined ? bad(expected) : ok(formatDay(days));
  }
  return bad(expected);
}

/** A month: text YYYY-MM, or a date (serial or YYYY-MM-DD) anywhere in it; returned as YYYY-MM. */
export function readMonth(v: TableCell): Read<string> {
  const expected = "a month YYYY-MM (or a date in it)";
  if (typeof v === "string") {
    const m = /^(\d{4})-(\d{2})$/.exec(v.trim());
    if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? ok(v.trim()) : bad(expected);
  }
  const d = readDate(v);
  return d.ok ? ok(d.value.slice(0, 7)) : bad(expected);
}

/** Percent complete, 0 to 100 ("45" or "45%" means 45%), at most 4 decimals. */
export function readPercent(v: TableCell): Read<number> {
  const expected = "a percent from 0 to 100 (45 means 45%)";
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string") {
    const digits = v.trim().replace(/%$/, "");
    const t = readTextNumber(digits);
    if (!t || t.negative) return bad(expectedNumber(digits, expected));
    n = Number(decimalText(t));
  } else return bad(expected);
  if (!Number.isFinite(n) || n < 0 || n > 100) return bad(expected);
  return ok(Math.round(n * 10000) / 10000);
}

/** A count (monthly-from-start's Months): any number, as a number or its text; the book says which counts fit. */
export function readCount(v: TableCell): Read<number> {
  const expected = "a number of months, e.g. 12";
  const n = typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? ok(n) : bad(expected);
}

/** TRUE/FALSE cells, also the text yes/no/true/false/1/0; empty is false. */
export function readBool(v: TableCell): Read<boolean> {
  if (isEmpty(v)) return ok(false);
  if (typeof v === "boolean") return ok(v);
  if (typeof v === "number" && (v === 0 || v === 1)) return ok(v === 1);
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (["true", "yes", "y", "1", "voided", "void"].includes(s)) return ok(true);
    if (["false", "no", "n", "0"].includes(s)) return ok(false);
  }
  return bad("TRUE or FALSE");
}

/** A recognition method; case, spaces and underscores are forgiven ("Point in time"). */
export function readMethod(v: TableCell): Read<string> {
  if (typeof v !== "string") return bad(`one of ${METHODS.join(", ")}`);
  const s = v
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  const found = METHODS.find((m) => m === s);
  return found ? ok(found) : bad(`one of ${METHODS.join(", ")}`);
}

/** One word of a fixed set, case-insensitive. */
export function readChoice(v: TableCell, choices: readonly string[]): Read<string> {
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    const found = choices.find((c) => c === s);
    if (found) return ok(found);
  }
  return bad(`one of ${choices.join(", ")}`);
}
