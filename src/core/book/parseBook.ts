// Validates book JSON (docs/book.md) into a Book. Every problem is reported, each with the exact
// path of the offending field, so a user can fix a whole file in one pass.
import { allocate, parseSsp } from "../allocate";
import { formatDay, type Day } from "../calendar";
import { formatAmount, type Cents } from "../money";
import { fail, ok, type Result } from "../result";
import { index, join, Reader, type Fields } from "./fields";
import { MESSAGES } from "./messages";
import {
  FULL_PROGRESS,
  METHODS,
  type Billing,
  type Book,
  type Change,
  type Contract,
  type ManualAmount,
  type Method,
  type Obligation,
  type ProgressPoint,
} from "./model";

const BOOK_FIELDS = ["currency", "contracts"];
const CONTRACT_FIELDS = ["id", "customer", "obligations", "billings", "changes"];
const OBLIGATION_FIELDS = [
  "id",
  "item",
  "class",
  "price",
  "ssp",
  "method",
  "start",
  "end",
  "progress",
  "manual",
];
const BILLING_FIELDS = ["id", "date", "amount", "obligation"];
const CHANGE_FIELDS = {
  modify: ["id", "type", "date", "obligation", "price", "end", "treatment"],
  credit: ["id", "type", "date", "amount", "obligation", "treatment"],
  add: ["id", "type", "date", "obligation"],
} as const;

/** Methods whose service runs from start to end; the others do not use `end`. */
export const PERIOD_METHODS: readonly Method[] = ["daily", "monthly", "monthly-prorated"];

export function parseBook(raw: unknown): Result<Book> {
  const r = new Reader();
  const fields = r.object(raw, "", "The book");
  if (fields === undefined) return fail(r.issues);
  r.onlyFields(fields, BOOK_FIELDS, "", "a book");
  const currency = r.text(fields, "currency", "", true);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    r.add("invalid_currency", "currency", MESSAGES.invalidCurrency);
  }
  const rawContracts = r.list(fields, "contracts", "", true) ?? [];
  const contracts: Contract[] = [];
  const contractIds = new Set<string>();
  const obligationIds = new Set<string>();
  rawContracts.forEach((rawContract, i) => {
    const path = index("contracts", i);
    const contract = readContract(r, rawContract, path, obligationIds);
    if (contract === undefined) return;
    if (contractIds.has(contract.id)) {
      r.add("duplicate_id", join(path, "id"), MESSAGES.duplicateId("Contract", contract.id));
    }
    contractIds.add(contract.id);
    contracts.push(contract);
  });
  if (r.issues.length > 0 || currency === undefined) return fail(r.issues);
  return ok({ currency, contracts });
}

function readContract(
  r: Reader,
  raw: unknown,
  path: string,
  obligationIds: Set<string>
): Contract | undefined {
  const fields = r.object(raw, path, "A contract");
  if (fields === undefined) return undefined;
  const before = r.issues.length;
  r.onlyFields(fields, CONTRACT_FIELDS, path, "a contract");
  const id = r.text(fields, "id", path, true);
  const customer = r.text(fields, "customer", path, true);

  const rawObligations = r.list(fields, "obligations", path, true);
  if (rawObligations !== undefined && rawObligations.length === 0) {
    r.add("no_obligations", join(path, "obligations"), MESSAGES.noObligations);
  }
  const obligations: Obligation[] = [];
  (rawObligations ?? []).forEach((rawObligation, j) => {
    const at = index(join(path, "obligations"), j);
    const obligation = readObligation(r, rawObligation, at, obligationIds);
    if (obligation !== undefined) obligations.push(obligation);
  });
  if (rawObligations !== undefined && obligations.length === rawObligations.length) {
    allocateContract(r, obligations, join(path, "obligations"));
  }

  const indexedChanges = readChanges(r, fields, path, obligationIds);
  // Ids as written, valid or not: a reference to an obligation that has its own problem is not
  // reported a second time.
  const written = writtenObligationIds(rawObligations, fields["changes"]);
  const billings = readBillings(r, fields, path, written);
  checkChangeReferences(r, obligations, indexedChanges, join(path, "changes"), written);

  if (r.issues.length > before || id === undefined || customer === undefined) return undefined;
  const changes = indexedChanges.map(({ change }) => change);
  return { id, customer, obligations, billings, changes };
}

function writtenObligationIds(
  rawObligations: unknown[] | undefined,
  rawChanges: unknown
): Set<string> {
  const ids = new Set<string>();
  const idOf = (raw: unknown): unknown =>
    typeof raw === "object" && raw !== null ? (raw as Fields)["id"] : undefined;
  for (const raw of rawObligations ?? []) {
    const id = idOf(raw);
    if (typeof id === "string") ids.add(id);
  }
  for (const raw of Array.isArray(rawChanges) ? rawChanges : []) {
    if (typeof raw !== "object" || raw === null || (raw as Fields)["type"] !== "add") continue;
    const id = idOf((raw as Fields)["obligation"]);
    if (typeof id === "string") ids.add(id);
  }
  return ids;
}

function readObligation(
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
  let ssp: string | undefined;
  if (fields["ssp"] !== undefined) {
    if (parseSsp(fields["ssp"]) === undefined) {
      r.add("invalid_ssp", join(path, "ssp"), MESSAGES.invalidSsp);
    } else {
      ssp = String(fields["ssp"]).trim();
    }
  }
  const method = readMethod(r, fields, path);
  const start = r.day(fields, "start", path, true);
  const needsEnd = method !== undefined && PERIOD_METHODS.includes(method);
  const end = r.day(fields, "end", path, needsEnd);
  if (needsEnd && fields["end"] === undefined) {
    // r.day already reported the missing field; say why it is needed instead.
    const last = r.issues[r.issues.length - 1];
    if (last !== undefined) last.message = MESSAGES.missingEnd(method);
  }
  if (start !== undefined && end !== undefined && end < start) {
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
  if (progress !== undefined) obligation.progress = progress;
  if (manual !== undefined) obligation.manual = manual;
  return obligation;
}

function readMethod(r: Reader, fields: Fields, path: string): Method | undefined {
  const raw = fields["method"];
  if (raw === undefined) {
    r.add("missing_field", join(path, "method"), MESSAGES.missingField("method"));
    return undefined;
  }
  const method = METHODS.find((m) => m === raw);
  if (method === undefined) r.add("unknown_method", join(path, "method"), MESSAGES.unknownMethod);
  return method;
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

/** Relative-SSP allocation, then the manual-total check that depends on it. */
function allocateContract(r: Reader, obligations: Obligation[], path: string): void {
  const withSsp = obligations.filter((o) => o.ssp !== undefined).length;
  if (withSsp > 0 && withSsp < obligations.length) {
    obligations.forEach((o, j) => {
      if (o.ssp === undefined) {
        r.add(
          "ssp_incomplete",
          join(index(path, j), "ssp"),
          MESSAGES.sspIncomplete(withSsp, obligations.length)
        );
      }
    });
    return;
  }
  if (withSsp === obligations.length) {
    const shares = allocate(
      obligations.map((o) => o.price),
      obligations.map((o) => o.ssp ?? "")
    );
    if (shares.ok) obligations.forEach((o, j) => (o.allocated = shares.value[j] ?? o.price));
  }
  obligations.forEach((o, j) => checkManualTotal(r, o, join(index(path, j), "manual")));
}

function checkManualTotal(r: Reader, o: Obligation, path: string): void {
  if (o.manual === undefined) return;
  const sum = o.manual.reduce((s, a) => s + a.amount, 0);
  if (sum !== o.allocated) {
    r.add("manual_total", path, MESSAGES.manualTotal(formatAmount(sum), formatAmount(o.allocated)));
  }
}

function readBillings(r: Reader, fields: Fields, path: string, known: Set<string>): Billing[] {
  const rawBillings = r.list(fields, "billings", path, false) ?? [];
  const billings: Billing[] = [];
  const ids = new Set<string>();
  rawBillings.forEach((raw, k) => {
    const at = index(join(path, "billings"), k);
    const billing = r.object(raw, at, "A billing");
    if (billing === undefined) return;
    r.onlyFields(billing, BILLING_FIELDS, at, "a billing");
    const id = r.text(billing, "id", at, true);
    if (id !== undefined && ids.has(id)) {
      r.add("duplicate_id", join(at, "id"), MESSAGES.duplicateId("Billing", id));
    }
    if (id !== undefined) ids.add(id);
    const date = r.day(billing, "date", at, true);
    const amount = r.amount(billing, "amount", at, "non-negative");
    const obligation = r.text(billing, "obligation", at, false);
    if (obligation !== undefined && !known.has(obligation)) {
      r.add("unknown_obligation", join(at, "obligation"), MESSAGES.unknownObligation(obligation));
    }
    if (id === undefined || date === undefined || amount === undefined) return;
    billings.push(
      obligation === undefined ? { id, date, amount } : { id, date, amount, obligation }
    );
  });
  return billings;
}

interface IndexedChange {
  change: Change;
  /** Position in the file, for issue paths after sorting by date. */
  at: number;
}

function readChanges(
  r: Reader,
  fields: Fields,
  path: string,
  obligationIds: Set<string>
): IndexedChange[] {
  const rawChanges = r.list(fields, "changes", path, false) ?? [];
  const changes: IndexedChange[] = [];
  const ids = new Set<string>();
  rawChanges.forEach((raw, k) => {
    const at = index(join(path, "changes"), k);
    const change = readChange(r, raw, at, obligationIds);
    if (change === undefined) return;
    if (ids.has(change.id))
      r.add("duplicate_id", join(at, "id"), MESSAGES.duplicateId("Change", change.id));
    ids.add(change.id);
    changes.push({ change, at: k });
  });
  // Changes apply in date order; equal dates keep file order (Array.prototype.sort is stable).
  return changes.sort((a, b) => a.change.date - b.change.date);
}

function readChange(
  r: Reader,
  raw: unknown,
  path: string,
  obligationIds: Set<string>
): Change | undefined {
  const fields = r.object(raw, path, "A change");
  if (fields === undefined) return undefined;
  const before = r.issues.length;
  const type = fields["type"];
  if (type !== "modify" && type !== "credit" && type !== "add") {
    if (type === undefined)
      r.add("missing_field", join(path, "type"), MESSAGES.missingField("type"));
    else r.add("unknown_change_type", join(path, "type"), MESSAGES.unknownChangeType);
    return undefined;
  }
  r.onlyFields(fields, CHANGE_FIELDS[type], path, `a ${type} change`);
  const id = r.text(fields, "id", path, true);
  const date = r.day(fields, "date", path, true);
  if (type === "add") {
    const obligation = readObligation(
      r,
      fields["obligation"],
      join(path, "obligation"),
      obligationIds
    );
    if (obligation !== undefined) {
      const manualPath = join(join(path, "obligation"), "manual");
      checkManualTotal(r, obligation, manualPath);
    }
    if (
      r.issues.length > before ||
      id === undefined ||
      date === undefined ||
      obligation === undefined
    ) {
      return undefined;
    }
    return { id, type, date, obligation };
  }
  const obligation = r.text(fields, "obligation", path, true);
  const treatment = readTreatment(r, fields, path, type === "credit");
  if (type === "modify") {
    const price =
      fields["price"] === undefined ? undefined : r.amount(fields, "price", path, "non-negative");
    const end = r.day(fields, "end", path, false);
    if (fields["price"] === undefined && fields["end"] === undefined) {
      r.add("empty_modify", path, MESSAGES.emptyModify);
    }
    if (r.issues.length > before || id === undefined || date === undefined) return undefined;
    if (obligation === undefined || treatment === undefined || treatment === "immediate")
      return undefined;
    const change: Change = { id, type, date, obligation, treatment };
    if (price !== undefined) change.price = price;
    if (end !== undefined) change.end = end;
    return change;
  }
  const amount = r.amount(fields, "amount", path, "positive");
  if (r.issues.length > before || id === undefined || date === undefined) return undefined;
  if (obligation === undefined || treatment === undefined || amount === undefined) return undefined;
  return { id, type, date, amount, obligation, treatment };
}

function readTreatment(
  r: Reader,
  fields: Fields,
  path: string,
  allowImmediate: boolean
): "prospective" | "catch-up" | "immediate" | undefined {
  const raw = fields["treatment"];
  const at = join(path, "treatment");
  if (raw === undefined) {
    r.add("missing_field", at, MESSAGES.missingField("treatment"));
    return undefined;
  }
  if (raw === "prospective" || raw === "catch-up" || (allowImmediate && raw === "immediate"))
    return raw;
  const allowed = allowImmediate ? "prospective, catch-up or immediate" : "prospective or catch-up";
  r.add("invalid_treatment", at, MESSAGES.invalidTreatment(allowed));
  return undefined;
}

interface ObligationState {
  method: Method;
  start: Day;
  price: Cents;
}

/** Walks the changes in date order: each must name an obligation that exists at its date. */
function checkChangeReferences(
  r: Reader,
  obligations: Obligation[],
  changes: IndexedChange[],
  path: string,
  written: Set<string>
): void {
  const states = new Map<string, ObligationState>();
  for (const o of obligations)
    states.set(o.id, { method: o.method, start: o.start, price: o.allocated });
  const addedOn = new Map<string, Day>();
  for (const { change } of changes)
    if (change.type === "add") addedOn.set(change.obligation.id, change.date);

  for (const { change, at } of changes) {
    const changePath = index(path, at);
    if (change.type === "add") {
      const o = change.obligation;
      states.set(o.id, { method: o.method, start: o.start, price: o.allocated });
      continue;
    }
    const state = states.get(change.obligation);
    if (state === undefined && written.has(change.obligation) && !addedOn.has(change.obligation)) {
      continue; // the obligation itself is invalid and already reported
    }
    if (state === undefined) {
      const later = addedOn.get(change.obligation);
      const message =
        later === undefined
          ? MESSAGES.unknownObligation(change.obligation)
          : MESSAGES.obligationNotYetAdded(change.obligation, formatDay(later));
      r.add("unknown_obligation", join(changePath, "obligation"), message);
      continue;
    }
    if (change.type === "modify") {
      if (change.end !== undefined && !PERIOD_METHODS.includes(state.method)) {
        r.add(
          "end_not_for_method",
          join(changePath, "end"),
          MESSAGES.endNotForMethod(state.method)
        );
      } else if (change.end !== undefined && change.end < state.start) {
        r.add(
          "end_before_start",
          join(changePath, "end"),
          MESSAGES.endBeforeStart(formatDay(change.end), formatDay(state.start))
        );
      }
      if (change.price !== undefined) state.price = change.price;
    } else {
      if (change.amount > state.price) {
        r.add(
          "credit_too_large",
          join(changePath, "amount"),
          MESSAGES.creditTooLarge(formatAmount(change.amount), formatAmount(state.price))
        );
      }
      state.price -= change.amount;
    }
  }
}
