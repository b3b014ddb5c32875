// Reads a contract's changes and checks, in date order, that each names an obligation that exists
// at its date and leaves it a price that is not negative.
import { formatDay, type Day } from "../calendar";
import { formatAmount, type Cents } from "../money";
import { fieldsOf, index, join, writtenText, type Fields, type Reader } from "./fields";
import { MESSAGES } from "./messages";
import { dict } from "../dict";
import type { AddChange, Change, Method, Obligation } from "./model";
import { priceShares } from "../schedule/priceShares";
import { readDiscount } from "./readDiscount";
import { readEstimate } from "./readVariable";
import {
  checkManualTotal,
  PERIOD_METHODS,
  readablePrice,
  readableSsp,
  readObligation,
  RESIDUAL,
} from "./readObligation";

const CHANGE_FIELDS = {
  modify: ["id", "type", "date", "obligation", "price", "end", "treatment"],
  credit: ["id", "type", "date", "amount", "obligation", "treatment", "item", "discount"],
  add: ["id", "type", "date", "obligation", "reallocate", "remainingSsp"],
  price: ["id", "type", "date", "amount"],
  estimate: ["id", "type", "date", "variable", "outcomes", "constraint"],
} as const;

export interface IndexedChange {
  change: Change;
  /** Position in the file, for issue paths after sorting by date. */
  at: number;
}

/**
 * Bounds on prices the valid changes alone cannot tell. A modify with a problem, at whatever date,
 * may have set its obligation's price to its `price` (to anything when that is unreadable), so a
 * credit is reported too large only when it also exceeds that price; `any` holds for every
 * obligation (such a modify naming none readably). A credit with a problem can only have lowered
 * a price and is left out. An obligation whose allocation could not be made is bounded by Infinity.
 */
export interface PriceBounds {
  any: number;
  byObligation: Map<string, number>;
}

export function readChanges(
  r: Reader,
  fields: Fields,
  path: string,
  obligationIds: Set<string>
): { changes: IndexedChange[]; bounds: PriceBounds } {
  const rawChanges = r.list(fields, "changes", path, false) ?? [];
  const changes: IndexedChange[] = [];
  const bounds: PriceBounds = { any: Number.NEGATIVE_INFINITY, byObligation: new Map() };
  const ids = new Set<string>();
  rawChanges.forEach((raw, k) => {
    const at = index(join(path, "changes"), k);
    const change = readChange(r, raw, at, obligationIds);
    // The id as written: a change with other problems still cannot share its id.
    const id = writtenText(raw, "id");
    if (id !== undefined && ids.has(id))
      r.add("duplicate_id", join(at, "id"), MESSAGES.duplicateId("Change", id));
    if (id !== undefined) ids.add(id);
    if (change !== undefined) changes.push({ change, at: k });
    else boundPrice(raw, bounds);
  });
  // Changes apply in date order; equal dates keep file order (Array.prototype.sort is stable).
  return { changes: changes.sort((a, b) => a.change.date - b.change.date), bounds };
}

/** The price a modify with a problem may have set, as a bound on its obligation's price. */
function boundPrice(raw: unknown, bounds: PriceBounds): void {
  const fields = fieldsOf(raw);
  if (fields?.["type"] !== "modify" || fields["price"] === undefined) return;
  const price = readablePrice(fields["price"]) ?? Number.POSITIVE_INFINITY;
  const named = writtenText(raw, "obligation");
  if (named === undefined) bounds.any = Math.max(bounds.any, price);
  else raiseBound(bounds, named, price);
}

export function raiseBound(bounds: PriceBounds, obligation: string, price: number): void {
  const bound = bounds.byObligation.get(obligation) ?? Number.NEGATIVE_INFINITY;
  bounds.byObligation.set(obligation, Math.max(bound, price));
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
  if (
    type !== "modify" &&
    type !== "credit" &&
    type !== "add" &&
    type !== "price" &&
    type !== "estimate"
  ) {
    if (type === undefined)
      r.add("missing_field", join(path, "type"), MESSAGES.missingField("type"));
    else r.add("unknown_change_type", join(path, "type"), MESSAGES.unknownChangeType);
    return undefined;
  }
  r.onlyFields(fields, CHANGE_FIELDS[type], path, `a ${type} change`);
  const id = r.text(fields, "id", path, true);
  const date = r.day(fields, "date", path, true);
  if (type === "add") {
    if (fields["obligation"] === undefined) {
      r.add("missing_field", join(path, "obligation"), MESSAGES.missingField("obligation"));
      return undefined;
    }
    const obligation = readObligation(
      r,
      fields["obligation"],
      join(path, "obligation"),
      obligationIds
    );
    const reallocate = readReallocate(r, fields, path, obligation);
    // A reallocated obligation's manual amounts are weights: the pool decides its amount.
    if (obligation !== undefined && reallocate === undefined) {
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
    const add: AddChange = { id, type, date, obligation };
    if (reallocate !== undefined) {
      add.reallocate = true;
      add.remainingSsp = reallocate;
    }
    return add;
  }
  if (type === "estimate") {
    const estimate = readEstimate(r, fields, path);
    if (r.issues.length > before || id === undefined || date === undefined) return undefined;
    return estimate === undefined ? undefined : { id, type, date, ...estimate };
  }
  if (type === "price") {
    const amount = r.amount(fields, "amount", path, "any");
    if (amount === 0) r.add("zero_amount", join(path, "amount"), MESSAGES.zeroPriceChange);
    if (r.issues.length > before || id === undefined || date === undefined) return undefined;
    if (amount === undefined) return undefined;
    return { id, type, date, amount };
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
  const item = r.text(fields, "item", path, false);
  const discount = readDiscount(r, fields, path);
  if (r.issues.length > before || id === undefined || date === undefined) return undefined;
  if (obligation === undefined || treatment === undefined || amount === undefined) return undefined;
  if (discount === null) return undefined;
  const credit: Change = { id, type, date, amount, obligation, treatment };
  if (item !== undefined && item !== "") credit.item = item;
  if (discount !== undefined) credit.discount = discount;
  return credit;
}

/**
 * `reallocate` and `remainingSsp` of an add (docs/book.md, "add"): the remaining SSPs by obligation id when the add
 * pools the remaining consideration, undefined when it does not (or has a problem, reported).
 */
function readReallocate(
  r: Reader,
  fields: Fields,
  path: string,
  obligation: Obligation | undefined
): Record<string, string> | undefined {
  const raw = fields["reallocate"];
  const rawRemaining = fields["remainingSsp"];
  if (raw !== undefined && raw !== true && raw !== false) {
    r.add("expected_boolean", join(path, "reallocate"), MESSAGES.expectedBoolean("reallocate"));
    return undefined;
  }
  if (raw !== true) {
    if (rawRemaining !== undefined)
      r.add(
        "field_needs_reallocate",
        join(path, "remainingSsp"),
        MESSAGES.remainingNeedsReallocate
      );
    return undefined;
  }
  if (obligation !== undefined && obligation.ssp === undefined) {
    r.add("missing_field", join(join(path, "obligation"), "ssp"), MESSAGES.reallocateNeedsSsp);
  } else if (obligation?.ssp === RESIDUAL) {
    r.add("invalid_ssp", join(join(path, "obligation"), "ssp"), MESSAGES.reallocateNeedsSsp);
  }
  const remaining = dict<string>();
  if (rawRemaining === undefined) return remaining;
  const at = join(path, "remainingSsp");
  const byObligation = r.object(rawRemaining, at, "remainingSsp");
  for (const [id, ssp] of Object.entries(byObligation ?? {})) {
    const read = readableSsp(ssp);
    if (read === undefined || read === RESIDUAL)
      r.add("invalid_ssp", join(at, id), MESSAGES.invalidSsp);
    else remaining[id] = read;
  }
  return remaining;
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
  /** What credit memos and price changes moved the price by: a modify's price is before them (docs/book.md). */
  adjusted: Cents;
}

/** Walks the changes in date order: each must name an obligation that exists at its date. */
export function checkChangeReferences(
  r: Reader,
  obligations: Obligation[],
  changes: IndexedChange[],
  path: string,
  written: Set<string>,
  bounds: PriceBounds
): void {
  const states = new Map<string, ObligationState>();
  for (const o of obligations)
    states.set(o.id, { method: o.method, start: o.start, price: o.allocated, adjusted: 0 });
  const addedOn = new Map<string, Day>();
  for (const { change } of changes)
    if (change.type === "add") addedOn.set(change.obligation.id, change.date);

  for (const { change, at } of changes) {
    const changePath = index(path, at);
    // A re-estimate's references are checked with the variable consideration (readVariable).
    if (change.type === "estimate") continue;
    if (change.type === "price") {
      checkPriceChange(r, obligations, states, change.amount, join(changePath, "amount"));
      continue;
    }
    if (change.type === "add") {
      if (change.remainingSsp !== undefined) checkPool(r, states, change.remainingSsp, changePath);
      const o = change.obligation;
      states.set(o.id, { method: o.method, start: o.start, price: o.allocated, adjusted: 0 });
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
      if (change.price !== undefined && change.price + state.adjusted < 0) {
        r.add(
          "price_below_credits",
          join(changePath, "price"),
          MESSAGES.priceBelowCredits(formatAmount(change.price), formatAmount(-state.adjusted))
        );
      }
      if (change.price !== undefined) state.price = change.price + state.adjusted;
    } else {
      const bound = Math.max(
        state.price,
        bounds.any,
        bounds.byObligation.get(change.obligation) ?? Number.NEGATIVE_INFINITY
      );
      if (change.amount > bound) {
        r.add(
          "credit_too_large",
          join(changePath, "amount"),
          MESSAGES.creditTooLarge(formatAmount(change.amount), formatAmount(state.price))
        );
      }
      state.price -= change.amount;
      state.adjusted -= change.amount;
    }
  }
}

/** Applies a price change's shares (schedule/priceShares) to the states; none may take a price below zero. */
function checkPriceChange(
  r: Reader,
  obligations: readonly Obligation[],
  states: Map<string, ObligationState>,
  amount: Cents,
  path: string
): void {
  priceShares(obligations, amount).forEach((share, k) => {
    const o = obligations[k];
    const state = o === undefined ? undefined : states.get(o.id);
    if (o === undefined || state === undefined) return;
    if (state.price + share < 0) {
      const message = MESSAGES.priceChangeTooLarge(
        formatAmount(amount),
        o.id,
        formatAmount(share),
        formatAmount(state.price)
      );
      r.add("price_change_too_large", path, message);
    }
    state.price += share;
    state.adjusted += share;
  });
}

/**
 * A pooling add names remaining SSPs only of obligations that exist at its date. It reprices every existing
 * obligation from what the schedule has recognized by then, which reading cannot know: their prices become
 * unknown, so later credits are not judged too large here.
 */
function checkPool(
  r: Reader,
  states: Map<string, ObligationState>,
  remainingSsp: Record<string, string>,
  path: string
): void {
  for (const id of Object.keys(remainingSsp)) {
    if (!states.has(id)) {
      r.add(
        "unknown_obligation",
        join(join(path, "remainingSsp"), id),
        MESSAGES.unknownObligation(id)
      );
    }
  }
  for (const state of states.values()) {
    state.price = Number.POSITIVE_INFINITY;
    state.adjusted = 0;
  }
}
