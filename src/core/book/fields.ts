// Field readers for parseBook: each reads one JSON field, records an Issue (with the field's exact
// path) when it is wrong, and returns the typed value or undefined.
import {
  FIRST_YEAR,
  LAST_YEAR,
  dayFromParts,
  firstDay,
  lastDay,
  parseDay,
  parseMonth,
  type Day,
  type Month,
} from "../calendar";
import { readScaled } from "../decimal";
import { MAX_AMOUNT_DIGITS, MAX_BOOK_CENTS, MAX_CENTS, type Cents } from "../money";
import type { Issue } from "../result";
import { MESSAGES } from "./messages";

export type Fields = Record<string, unknown>;

/** The fields of a plain object (not null, not an array), or undefined. */
export function fieldsOf(raw: unknown): Fields | undefined {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw)
    ? (raw as Fields)
    : undefined;
}

const MIN_DAY = dayFromParts(FIRST_YEAR, 1, 1);
const MAX_DAY = dayFromParts(LAST_YEAR, 12, 31);

export class Reader {
  readonly issues: Issue[] = [];
  /** Every amount read so far, added without sign (see MAX_BOOK_CENTS). */
  private amountTotal = 0;

  add(code: string, path: string, message: string): void {
    this.issues.push({ code, path, message });
  }

  /** The object's fields, or undefined (with an issue) when it is not a plain object. */
  object(raw: unknown, path: string, what: string): Fields | undefined {
    const fields = fieldsOf(raw);
    if (fields !== undefined) return fields;
    this.add("expected_object", path, MESSAGES.expectedObject(what));
    return undefined;
  }

  /** Flags fields outside `known`: a misspelt "strat" should not silently drop a start date. */
  onlyFields(fields: Fields, known: readonly string[], path: string, what: string): void {
    for (const name of Object.keys(fields)) {
      if (!known.includes(name)) {
        this.add("unknown_field", join(path, name), MESSAGES.unknownField(name, what));
      }
    }
  }

  list(fields: Fields, name: string, path: string, required: boolean): unknown[] | undefined {
    const raw = fields[name];
    if (raw === undefined) {
      if (required) this.add("missing_field", join(path, name), MESSAGES.missingField(name));
      return required ? undefined : [];
    }
    if (Array.isArray(raw)) return raw;
    this.add("expected_list", join(path, name), MESSAGES.expectedList(name));
    return undefined;
  }

  text(fields: Fields, name: string, path: string, required: boolean): string | undefined {
    const raw = fields[name];
    if (raw === undefined) {
      if (required) this.add("missing_field", join(path, name), MESSAGES.missingField(name));
      return undefined;
    }
    if (typeof raw === "string" && raw.trim() !== "") return raw;
    this.add("expected_text", join(path, name), MESSAGES.expectedText(name));
    return undefined;
  }

  /** A required field that must be one of `choices`; otherwise `code` with `message`. */
  choice<T extends string>(
    fields: Fields,
    name: string,
    path: string,
    choices: readonly T[],
    problem: { code: string; message: string }
  ): T | undefined {
    const raw = fields[name];
    if (raw === undefined) {
      this.add("missing_field", join(path, name), MESSAGES.missingField(name));
      return undefined;
    }
    const found = choices.find((c) => c === raw);
    if (found === undefined) this.add(problem.code, join(path, name), problem.message);
    return found;
  }

  /** The required `id` of a listed object, reported when an earlier one in `ids` has it (then added to `ids`). */
  uniqueId(fields: Fields, path: string, ids: Set<string>, what: string): string | undefined {
    const id = this.text(fields, "id", path, true);
    if (id !== undefined && ids.has(id)) {
      this.add("duplicate_id", join(path, "id"), MESSAGES.duplicateId(what, id));
    }
    if (id !== undefined) ids.add(id);
    return id;
  }

  amount(
    fields: Fields,
    name: string,
    path: string,
    sign: "any" | "non-negative" | "positive"
  ): Cents | undefined {
    const raw = fields[name];
    const at = join(path, name);
    if (raw === undefined) {
      this.add("missing_field", at, MESSAGES.missingField(name));
      return undefined;
    }
    const read = readScaled(raw, 2, MAX_AMOUNT_DIGITS);
    if (!("value" in read)) {
      if (read.problem === "too_precise")
        this.add("too_many_decimals", at, MESSAGES.tooManyDecimals(name));
      else if (read.problem === "too_large")
        this.add("amount_too_large", at, MESSAGES.amountTooLarge(name));
      else this.add("invalid_amount", at, MESSAGES.invalidAmount(name));
      return undefined;
    }
    if (Math.abs(read.value) > MAX_CENTS) {
      this.add("amount_too_large", at, MESSAGES.amountTooLarge(name));
      return undefined;
    }
    if (sign === "non-negative" && read.value < 0) {
      this.add("negative_amount", at, MESSAGES.negativeAmount(name));
      return undefined;
    }
    if (sign === "positive" && read.value <= 0) {
      this.add("not_positive", at, MESSAGES.notPositive(name));
      return undefined;
    }
    // Reported once, at the amount that passes the limit.
    const before = this.amountTotal;
    this.amountTotal += Math.abs(read.value);
    if (before <= MAX_BOOK_CENTS && this.amountTotal > MAX_BOOK_CENTS) {
      this.add("book_too_large", at, MESSAGES.bookTooLarge(name));
    }
    return read.value;
  }

  day(fields: Fields, name: string, path: string, required: boolean): Day | undefined {
    const raw = fields[name];
    const at = join(path, name);
    if (raw === undefined) {
      if (required) this.add("missing_field", at, MESSAGES.missingField(name));
      return undefined;
    }
    const d = typeof raw === "string" ? parseDay(raw) : undefined;
    if (d === undefined) {
      this.add("invalid_date", at, MESSAGES.invalidDate(name));
      return undefined;
    }
    if (d < MIN_DAY || d > MAX_DAY) {
      this.add("date_out_of_range", at, MESSAGES.dateOutOfRange(name));
      return undefined;
    }
    return d;
  }

  month(fields: Fields, name: string, path: string): Month | undefined {
    const raw = fields[name];
    const at = join(path, name);
    if (raw === undefined) {
      this.add("missing_field", at, MESSAGES.missingField(name));
      return undefined;
    }
    const m = typeof raw === "string" ? parseMonth(raw) : undefined;
    if (m === undefined) {
      this.add("invalid_period", at, MESSAGES.invalidPeriod(name));
      return undefined;
    }
    if (firstDay(m) < MIN_DAY || lastDay(m) > MAX_DAY) {
      this.add("date_out_of_range", at, MESSAGES.dateOutOfRange(name));
      return undefined;
    }
    return m;
  }
}

/**
 * A text field as written, read without reporting anything: for checks that do not depend on the
 * rest of the object being valid (duplicate ids, references).
 */
export function writtenText(raw: unknown, name: string): string | undefined {
  const value = fieldsOf(raw)?.[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}
