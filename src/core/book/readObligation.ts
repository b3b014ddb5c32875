// Reads one obligation (also the one inside an `add` change), its progress points and manual amounts.
import { parseSsp } from "../allocate";
import { formatDay, lastDay, LAST_YEAR, monthOfDay, type Day } from "../calendar";
import { formatAmount, parseAmount, type Cents } from "../money";
import { index, join, type Fields, type Reader } from "./fields";
import { MESSAGES } from "./messages";
import {
  FULL_PROGRESS,
  METHODS,
  type ManualAmount,
  type Method,
  type Obligation,
  type ProgressPoint,
} from "./model";

const OBLIGATION_FIELDS = [
  "id",
  "item",
  "class",
  "price",
  "ssp",
  "method",
  "start",
  "end",
  "months",
  "progress",
  "manual",
];
/** Methods whose service runs from start to end (a modify can move it); the others do not use `end`. */
export const PERIOD_METHODS: readonly Method[] = [
  "daily",
  "monthly",
  "monthly-prorated",
  "monthly-from-start",
];
/** monthly-from-start takes its end from `months`; the other period methods need `end` written. */
const needsWrittenEnd = (method: Method | undefined): method is Method =>
  method !== undefined && method !== "monthly-from-start" && PERIOD_METHODS.includes(method);

export function readObligation(
  r: Reader,
  raw: unknown,
  path: string,
  obligationIds: Set<string>
): Obligation | undefined {
  const fields = r.object(raw, path, "An obligation");
  if (fields === undefined) return undefined;
  const before = r.issues.length;
  r.onlyFields(fields, OBLIGATION_FIELDS, path, "an obligation");
  const id = r.text(fields, "id", path, true);
  if (id !== undefined) {
    if (obligationIds.has(id)) {
      r.add("duplicate_id", join(path, "id"), MESSAGES.duplicateId("Obligation", id));
    }
    obligationIds.add(id);
  }
  const item = r.text(fields, "item", path, false);
  const klass = r.text(fields, "class", path, false);
  const price = r.amount(fields, "price", path, "non-negative");
  const ssp = readableSsp(fields["ssp"]);
  if (fields["ssp"] !== undefined && ssp === undefined) {
    r.add("invalid_ssp", join(path, "ssp"), MESSAGES.invalidSsp);
  }
  const method = r.choice(fields, "method", path, METHODS, {
    code: "unknown_method",
    message: MESSAGES.unknownMethod,
  });
  const start = r.day(fields, "start", path, true);
  const needsEnd = needsWrittenEnd(method);
  // A missing end is reported with the method that needs it, not just "end is required".
  const written = r.day(fields, "end", path, false);
  const months = readMonths(r, fields, path, method, start);
  const end = months === undefined ? written : lastDay(monthOfDay(start ?? 0) + months - 1);
  if (needsEnd && fields["end"] === undefined) {
    r.add("missing_field", join(path, "end"), MESSAGES.missingEnd(method));
  }
  // Only the methods with a service period use `end`; the others accept any valid date there.
  if (needsEnd && start !== undefined && end !== undefined && end < start) {
    r.add(
      "end_before_start",
      join(path, "end"),
      MESSAGES.endBeforeStart(formatDay(end), formatDay(start))
    );
  }
  const progress = readProgress(r, fields, path, method);
  const manual = readManual(r, fields, path, method);

  if (r.issues.length > before) return undefined;
  if (id === undefined || price === undefined || method === undefined || start === undefined) {
    return undefined;
  }
  const obligation: Obligation = { id, price, allocated: price, method, start };
  if (item !== undefined) obligation.item = item;
  if (klass !== undefined) obligation.class = klass;
  if (ssp !== undefined) obligation.ssp = ssp;
  if (end !== undefined) obligation.end = end;
  if (months !== undefined) obligation.months = months;
  if (progress !== undefined) obligation.progress = progress;
  if (manual !== undefined) obligation.manual = manual;
  return obligation;
}

/** The whole number of months of a monthly-from-start obligation (no other method takes one). */
function readMonths(
  r: Reader,
  fields: Fields,
  path: string,
  method: Method | undefined,
  start: Day | undefined
): number | undefined {
  const at = join(path, "months");
  const raw = fields["months"];
  if (method !== "monthly-from-start") {
    if (raw !== undefined && method !== undefined) {
      r.add("field_not_for_method", at, MESSAGES.fieldNotForMethod("months", "monthly-from-start"));
    }
    return undefined;
  }
  if (raw === undefined) {
    r.add("missing_field", at, MESSAGES.missingMonths);
    return undefined;
  }
  const n = typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    r.add("invalid_months", at, MESSAGES.monthsNotWhole);
    return undefined;
  }
  if (n < 1) {
    r.add("invalid_months", at, MESSAGES.monthsNotPositive);
    return undefined;
  }
  if (start !== undefined && monthOfDay(start) + n - 1 > LAST_YEAR * 12 + 11) {
    r.add("invalid_months", at, MESSAGES.monthsPastRange);
    return undefined;
  }
  return n;
}

function readProgress(
  r: Reader,
  fields: Fields,
  path: string,
  method: Method | undefined
): ProgressPoint[] | undefined {
  const at = join(path, "progress");
  if (method !== "progress") {
    if (fields["progress"] !== undefined && method !== undefined) {
      r.add("field_not_for_method", at, MESSAGES.fieldNotForMethod("progress", "progress"));
    }
    return undefined;
  }
  if (fields["progress"] === undefined) {
    r.add("missing_progress", at, MESSAGES.missingProgress);
    return undefined;
  }
  const rawPoints = r.list(fields, "progress", path, true);
  if (rawPoints === undefined) return undefined;
  const points: ProgressPoint[] = [];
  let previous: Day | undefined;
  rawPoints.forEach((rawPoint, k) => {
    const pointPath = index(at, k);
    const point = r.object(rawPoint, pointPath, "A progress point");
    if (point === undefined) return;
    r.onlyFields(point, ["date", "percent"], pointPath, "a progress point");
    const date = r.day(point, "date", pointPath, true);
    const ppm = readPercent(r, point, pointPath);
    if (date !== undefined && previous !== undefined && date <= previous) {
      r.add(
        "progress_out_of_order",
        join(pointPath, "date"),
        MESSAGES.progressOrder(formatDay(date), formatDay(previous))
      );
    }
    if (date !== undefined) previous = date;
    if (date !== undefined && ppm !== undefined) points.push({ date, ppm });
  });
  return points;
}

function readPercent(r: Reader, fields: Fields, path: string): number | undefined {
  const raw = fields["percent"];
  if (raw === undefined) {
    r.add("missing_field", join(path, "percent"), MESSAGES.missingField("percent"));
    return undefined;
  }
  const units = parseScaledPercent(raw);
  if (units === undefined) r.add("invalid_percent", join(path, "percent"), MESSAGES.invalidPercent);
  return units;
}

/** Percent with up to 4 decimals, as parts per million of completion. */
function parseScaledPercent(raw: unknown): number | undefined {
  if (typeof raw !== "number" && typeof raw !== "string") return undefined;
  const text = String(raw).trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) return undefined;
  const fraction = match[2] ?? "";
  if (/[^0]/.test(fraction.slice(4))) return undefined;
  const whole = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  if (whole.length > 3) return undefined;
  const ppm = Number(whole) * 10_000 + Number(fraction.slice(0, 4).padEnd(4, "0"));
  return ppm <= FULL_PROGRESS ? ppm : undefined;
}

function readManual(
  r: Reader,
  fields: Fields,
  path: string,
  method: Method | undefined
): ManualAmount[] | undefined {
  const at = join(path, "manual");
  if (method !== "manual") {
    if (fields["manual"] !== undefined && method !== undefined) {
      r.add("field_not_for_method", at, MESSAGES.fieldNotForMethod("manual", "manual"));
    }
    return undefined;
  }
  if (fields["manual"] === undefined) {
    r.add("missing_manual", at, MESSAGES.missingManual);
    return undefined;
  }
  const rawAmounts = r.list(fields, "manual", path, true);
  if (rawAmounts === undefined) return undefined;
  const amounts: ManualAmount[] = [];
  const seen = new Set<number>();
  rawAmounts.forEach((rawAmount, k) => {
    const amountPath = index(at, k);
    const entry = r.object(rawAmount, amountPath, "A manual amount");
    if (entry === undefined) return;
    r.onlyFields(entry, ["period", "amount"], amountPath, "a manual amount");
    const period = r.month(entry, "period", amountPath);
    const amount = r.amount(entry, "amount", amountPath, "any");
    if (period !== undefined && seen.has(period)) {
      r.add(
        "duplicate_period",
        join(amountPath, "period"),
        MESSAGES.duplicatePeriod(String(entry["period"]))
      );
    }
    if (period !== undefined) seen.add(period);
    if (period !== undefined && amount !== undefined) amounts.push({ period, amount });
  });
  return amounts.sort((a, b) => a.period - b.period);
}

/** Written as an obligation's ssp to price it by the residual approach (ASC 606-10-32-34(c)). */
export const RESIDUAL = "residual";

/** An ssp as written, normalized; undefined when absent or neither a positive decimal nor "residual". */
export function readableSsp(raw: unknown): string | undefined {
  if (raw === RESIDUAL) return RESIDUAL;
  return parseSsp(raw) === undefined ? undefined : String(raw).trim();
}

/** A price as written, read without reporting anything; undefined unless a valid price. */
export function readablePrice(raw: unknown): Cents | undefined {
  const cents = typeof raw === "string" || typeof raw === "number" ? parseAmount(raw) : undefined;
  return cents !== undefined && cents >= 0 ? cents : undefined;
}

export function checkManualTotal(r: Reader, o: Obligation, path: string): void {
  if (o.manual === undefined) return;
  const sum = o.manual.reduce((s, a) => s + a.amount, 0);
  if (sum !== o.allocated) {
    r.add("manual_total", path, MESSAGES.manualTotal(formatAmount(sum), formatAmount(o.allocated)));
  }
}
