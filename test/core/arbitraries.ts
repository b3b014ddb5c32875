// fast-check generators of valid book JSON (as a user would write it), for the property tests.
import fc from "fast-check";

const DAY_MS = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

/** A date 2024-01-01 + offset days, written YYYY-MM-DD (via Date in tests only, independent of core). */
export function isoDay(offset: number): string {
  return new Date(BASE + offset * DAY_MS).toISOString().slice(0, 10);
}

function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Mostly everyday amounts, sometimes one cent, sometimes near 10^12 (BigInt paths). */
const cents = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 10_000_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000_000_000_000 }) }
);

const startOffset = fc.integer({ min: 0, max: 4 * 366 });
const termDays = fc.oneof(fc.integer({ min: 0, max: 62 }), fc.integer({ min: 0, max: 36 * 31 }));
const method = fc.constantFrom(
  "daily",
  "monthly",
  "monthly-prorated",
  "point-in-time",
  "progress",
  "manual"
);

interface RawObligation {
  id: string;
  price: string;
  method: string;
  start: string;
  end?: string;
  ssp?: string;
  class?: string;
  item?: string;
  progress?: { date: string; percent: string }[];
  manual?: { period: string; amount: string }[];
}

/** The fields of one obligation given its id; manual amounts sum to the price. */
function obligation(
  id: string
): fc.Arbitrary<RawObligation & { startOffset: number; priceCents: number }> {
  return fc
    .record({
      price: cents,
      method,
      start: startOffset,
      term: termDays,
      klass: fc.option(fc.constantFrom("East", "West"), { nil: undefined }),
      item: fc.option(fc.constantFrom("Subscription", "Setup", "Support"), { nil: undefined }),
      percents: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 0, maxLength: 4 }),
      gaps: fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 5, maxLength: 5 }),
      manualSplit: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }),
    })
    .map((r) => {
      const o: RawObligation & { startOffset: number; priceCents: number } = {
        id,
        price: money(r.price),
        method: r.method,
        start: isoDay(r.start),
        startOffset: r.start,
        priceCents: r.price,
      };
      if (r.klass !== undefined) o.class = r.klass;
      if (r.item !== undefined) o.item = r.item;
      if (r.method === "daily" || r.method === "monthly" || r.method === "monthly-prorated") {
        o.end = isoDay(r.start + r.term);
      }
      if (r.method === "progress") {
        // Progress may go down between points but ends at 100% so the schedule completes.
        let day = r.start;
        o.progress = [...r.percents, 1_000_000].map((ppm, k) => {
          day += r.gaps[k] ?? 1;
          return {
            date: isoDay(day),
            percent: `${Math.floor(ppm / 10_000)}.${String(ppm % 10_000).padStart(4, "0")}`,
          };
        });
      }
      if (r.method === "manual") {
        const total = r.manualSplit.reduce((s, w) => s + w, 0);
        const month0 = new Date(BASE + r.start * DAY_MS);
        let assigned = 0;
        o.manual = r.manualSplit.map((w, k) => {
          const amount =
            k === r.manualSplit.length - 1
              ? r.price - assigned
              : total === 0
                ? 0
                : Math.trunc((r.price * w) / total);
          assigned += amount;
          const d = new Date(Date.UTC(month0.getUTCFullYear(), month0.getUTCMonth() + k * 2, 1));
          return { period: d.toISOString().slice(0, 7), amount: money(amount) };
        });
      }
      return o;
    });
}

/** Drops the generator's bookkeeping fields, leaving the obligation JSON. */
function withoutHelpers(
  o: RawObligation & { startOffset: number; priceCents: number }
): RawObligation {
  const copy: Partial<typeof o> = { ...o };
  delete copy.startOffset;
  delete copy.priceCents;
  return copy as RawObligation;
}

export interface RawBook {
  currency: string;
  contracts: RawContract[];
}

interface RawContract {
  id: string;
  customer: string;
  obligations: RawObligation[];
  billings: {
    id: string;
    date: string;
    amount: string;
    obligation?: string;
    discount?: { amount: string; account: string };
  }[];
  changes: Record<string, unknown>[];
  discountGroups?: { id: string; obligations: string[]; price: string }[];
  variableConsideration?: Record<string, unknown>[];
}

/** Outcomes of variable consideration: weights become probabilities summing to exactly 1, amounts per mille of `base`. */
const outcomesArbitrary = fc.array(
  fc.record({
    weight: fc.integer({ min: 1, max: 100 }),
    perMille: fc.integer({ min: 0, max: 1000 }),
  }),
  { minLength: 1, maxLength: 3 }
);
type RawOutcomes = { weight: number; perMille: number }[];

const variableArbitrary = fc.record({
  outcomes: outcomesArbitrary,
  mostLikely: fc.boolean(),
  constraintPerMille: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  tied: fc.option(fc.nat(), { nil: undefined }),
  // A re-estimate that many days after the contract's inception, with new outcomes.
  reestimate: fc.option(
    fc.record({ days: fc.integer({ min: 0, max: 3 * 366 }), outcomes: outcomesArbitrary }),
    { nil: undefined }
  ),
});

type RawVariable = typeof variableArbitrary extends fc.Arbitrary<infer T> ? T : never;

function outcomesJson(raw: RawOutcomes, base: number): { amount: string; probability: string }[] {
  const sum = raw.reduce((s, o) => s + o.weight, 0);
  const ppm = raw.map((o) => Math.floor((o.weight * 1_000_000) / sum));
  ppm[0] = (ppm[0] ?? 0) + 1_000_000 - ppm.reduce((s, p) => s + p, 0);
  return raw.map((o, k) => ({
    amount: money(Math.min(100_000_000_000_000, Math.floor((base * o.perMille) / 1000))),
    probability: ((ppm[k] ?? 0) / 1_000_000).toFixed(6),
  }));
}

/** A most likely amount needs one outcome more likely than the others; with a tie the expected value is used. */
function estimateMethod(raw: RawOutcomes, mostLikely: boolean): string {
  const top = Math.max(...raw.map((o) => o.weight));
  return mostLikely && raw.filter((o) => o.weight === top).length === 1
    ? "most-likely"
    : "expected-value";
}

function contract(c: number, withVariable: boolean): fc.Arbitrary<RawContract> {
  return fc
    .record({
      obligations: fc
        .array(fc.nat(), { minLength: 1, maxLength: 4 })
        .chain((ids) => fc.tuple(...ids.map((_, k) => obligation(`C${c}-O${k}`)))),
      withSsp: fc.boolean(),
      ssps: fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 4, maxLength: 4 }),
      // A discount group over the first half of the obligations at this percent of the price (ASC 606-10-32-37).
      groupShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      // The last obligation priced by the residual approach, when that leaves it something.
      residual: fc.boolean(),
      billings: fc.array(
        fc.record({
          day: startOffset,
          amount: cents,
          onObligation: fc.boolean(),
          // A discount QBO booked to one of two discount accounts (the amount stays net of it).
          discount: fc.option(
            fc.record({
              cents: fc.integer({ min: 1, max: 10_000_000 }),
              account: fc.constantFrom("Discounts given", "Promotions"),
            }),
            { nil: undefined }
          ),
        }),
        { maxLength: 4 }
      ),
      changes: fc.array(
        fc.record({
          kind: fc.constantFrom("modify-price", "modify-end", "credit", "add", "price"),
          day: fc.integer({ min: 0, max: 5 * 366 }),
          target: fc.nat(),
          treatment: fc.constantFrom("prospective", "catch-up", "immediate"),
          factor: fc.integer({ min: 50, max: 200 }),
          extra: fc.integer({ min: -200, max: 400 }),
          added: obligation(`C${c}-ADD`),
          // A credit memo's discount, as on billings (the credit's amount stays net of it).
          discount: fc.option(
            fc.record({
              cents: fc.integer({ min: 1, max: 10_000_000 }),
              account: fc.constantFrom("Discounts given", "Promotions"),
            }),
            { nil: undefined }
          ),
        }),
        { maxLength: 3 }
      ),
      customer: fc.constantFrom("Acme", "Beta", "Gamma"),
      variable: withVariable
        ? fc.option(variableArbitrary, { nil: undefined })
        : fc.constant(undefined),
    })
    .map((r) => {
      // With SSPs the manual amounts would have to match the allocation; keep manual contracts SSP-free.
      const useSsp = r.withSsp && !r.obligations.some((o) => o.method === "manual");
      const obligations: RawObligation[] = r.obligations.map((o, k) => {
        const raw = withoutHelpers(o);
        return useSsp ? { ...raw, ssp: String(r.ssps[k] ?? 1) } : raw;
      });
      const sellingPrices = useSsp ? allocationBasis(r, obligations) : {};
      const billings = r.billings.map((b, k) => {
        const billing: RawContract["billings"][number] = {
          id: `B${k}`,
          date: isoDay(b.day),
          amount: money(b.amount),
        };
        if (b.onObligation) billing.obligation = obligations[k % obligations.length]?.id ?? "";
        if (b.discount !== undefined)
          billing.discount = { amount: money(b.discount.cents), account: b.discount.account };
        return billing;
      });
      const changes: Record<string, unknown>[] = [];
      let added = 0;
      r.changes.forEach((ch, k) => {
        const target = r.obligations[ch.target % r.obligations.length];
        if (target === undefined) return;
        const date = isoDay(ch.day);
        const treatment = ch.treatment === "immediate" ? "catch-up" : ch.treatment;
        if (ch.kind === "add" && added === 0) {
          added++;
          const add: Record<string, unknown> = {
            id: `X${k}`,
            type: "add",
            date,
            obligation: withoutHelpers(ch.added),
          };
          // Every other add pools the remaining consideration (25-13(a)), its SSP 50-200% of its price.
          if (ch.factor % 2 === 0) {
            add["reallocate"] = true;
            // An ssp has at most 9 digits before the point.
            const ssp = Math.min(
              99_999_999_900,
              Math.max(1, Math.floor((ch.added.priceCents * ch.factor) / 100))
            );
            add["obligation"] = { ...withoutHelpers(ch.added), ssp: money(ssp) };
          }
          changes.push(add);
        } else if (ch.kind === "modify-price") {
          // At least half the original price, so the small credits below can never exceed it.
          changes.push({
            id: `X${k}`,
            type: "modify",
            date,
            obligation: target.id,
            price: money(
              Math.min(100_000_000_000_000, Math.floor((target.priceCents * ch.factor) / 100))
            ),
            treatment,
          });
        } else if (ch.kind === "modify-end" && target.end !== undefined) {
          const end = isoDay(Math.max(target.startOffset, target.startOffset + ch.extra));
          changes.push({
            id: `X${k}`,
            type: "modify",
            date,
            obligation: target.id,
            end,
            treatment,
          });
        } else if (ch.kind === "price") {
          // A rise of up to 10% of the contract's price. A cut can take an obligation whose inception amount is a
          // cent or two below zero (refused, price_change_too_large): the golden cases and bad-input tests cover cuts.
          const total = r.obligations.reduce((sum, o) => sum + o.priceCents, 0);
          const amount = Math.trunc((total * (ch.factor - 50)) / 1500);
          if (amount !== 0)
            changes.push({ id: `X${k}`, type: "price", date, amount: money(amount) });
        } else if (ch.kind === "credit" && !useSsp && target.priceCents >= 10) {
          const amount = Math.max(1, Math.floor(target.priceCents / 10));
          const credit: Record<string, unknown> = {
            id: `X${k}`,
            type: "credit",
            date,
            obligation: target.id,
            amount: money(amount),
            treatment: immediateAllowed(target, ch.day) ? ch.treatment : treatment,
          };
          if (ch.discount !== undefined)
            credit["discount"] = { amount: money(ch.discount.cents), account: ch.discount.account };
          changes.push(credit);
        }
      });
      const variable =
        r.variable === undefined ? {} : variableConsideration(r, obligations, changes);
      return {
        id: `C${c}`,
        customer: r.customer,
        obligations,
        ...sellingPrices,
        ...variable,
        billings,
        changes,
      };
    });
}

/**
 * One variable consideration of up to the contract's price, tied to one obligation or not, and maybe a re-estimate
 * (pushed onto `changes`) dated on or after the contract's inception.
 */
function variableConsideration(
  r: {
    obligations: { priceCents: number; startOffset: number }[];
    variable?: RawVariable | undefined;
  },
  obligations: RawObligation[],
  changes: Record<string, unknown>[]
): Pick<RawContract, "variableConsideration"> {
  const v = r.variable;
  if (v === undefined) return {};
  const base = r.obligations.reduce((sum, o) => sum + o.priceCents, 0);
  const method = estimateMethod(v.outcomes, v.mostLikely);
  const json: Record<string, unknown> = {
    id: "V",
    method,
    outcomes: outcomesJson(v.outcomes, base),
  };
  if (v.constraintPerMille !== undefined)
    json["constraint"] = money(
      Math.min(100_000_000_000_000, Math.floor((base * v.constraintPerMille) / 1000))
    );
  if (v.tied !== undefined) json["obligation"] = obligations[v.tied % obligations.length]?.id;
  // A lower estimate after a pooling add is split over the pool, so it could leave less than a later credit.
  if (v.reestimate !== undefined && !changes.some((ch) => ch["type"] === "credit")) {
    const inception = Math.min(...r.obligations.map((o) => o.startOffset));
    // The method stays the variable consideration's: new outcomes with a tie for the most likely are not written.
    if (method === "expected-value" || estimateMethod(v.reestimate.outcomes, true) === method)
      changes.push({
        id: "VE",
        type: "estimate",
        date: isoDay(inception + v.reestimate.days),
        variable: "V",
        outcomes: outcomesJson(v.reestimate.outcomes, base),
      });
  }
  return { variableConsideration: [json] };
}

/**
 * Sometimes a discount group over the first half of the obligations (all of them, at the whole price, when there is
 * one) and sometimes the residual on the last one outside it, when the SSPs of the others leave it something.
 * Sets the residual on `obligations`; returns the groups to spread into the contract.
 */
function allocationBasis(
  r: {
    obligations: { priceCents: number }[];
    ssps: number[];
    groupShare: number | undefined;
    residual: boolean;
  },
  obligations: RawObligation[]
): Pick<RawContract, "discountGroups"> {
  const total = r.obligations.reduce((sum, o) => sum + o.priceCents, 0);
  const n = obligations.length;
  // A group's price is an amount, at most 10^12 like any other.
  const grouped =
    r.groupShare === undefined || total > 100_000_000_000_000 ? 0 : Math.max(1, Math.floor(n / 2));
  const groupPrice = grouped === n ? total : Math.floor((total * (r.groupShare ?? 0)) / 100);
  const last = obligations[n - 1];
  if (r.residual && grouped < n && last !== undefined) {
    const others = r.ssps.slice(grouped, n - 1).reduce((sum, ssp) => sum + ssp * 100, 0);
    if (total - groupPrice > others) last.ssp = "residual";
  }
  if (grouped === 0) return {};
  const members = obligations.slice(0, grouped).map((o) => o.id);
  return { discountGroups: [{ id: "G", obligations: members, price: money(groupPrice) }] };
}

/**
 * An immediate credit may reverse only what is already recognized (docs/book.md, "credit"): a delivery before the
 * credit has recognized its whole price, which the generator's credits never exceed.
 */
function immediateAllowed(target: { method: string; startOffset: number }, day: number): boolean {
  return target.method === "point-in-time" && day >= target.startOffset;
}

/** A valid book of 1-3 contracts, some with variable consideration when `withVariable` (not expressible in tables). */
function books(withVariable: boolean): fc.Arbitrary<RawBook> {
  return fc
    .integer({ min: 1, max: 3 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, c) => contract(c, withVariable))))
    .map((contracts) => ({ currency: "USD", contracts }));
}

/** A valid book of 1-3 contracts. */
export const bookArbitrary: fc.Arbitrary<RawBook> = books(false);

/** Also variable consideration and its re-estimates (docs/book.md), which the workbook tables do not hold. */
export const variableBookArbitrary: fc.Arbitrary<RawBook> = books(true);
