// Properties of the allocation and change rules of issue 14 on generated books, each comparing the engine with the
// independent reference (reference.ts) or with a law of the standard.
import fc from "fast-check";
import { buildSchedule, parseBook, parseMonth, type Book } from "../../src/core";
import { variableBookArbitrary as bookArbitrary, type RawBook } from "./arbitraries";
import { referenceAllocation, referenceIncluded, referencePriceShares } from "./reference";

const RUNS = { numRuns: 1000 };

function parsed(raw: RawBook): Book {
  const result = parseBook(raw);
  if (!result.ok)
    throw new Error(`generator made an invalid book: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** "-12.30" as cents, read without core's money module. */
function cents(text: string): number {
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return text.startsWith("-") ? -value : value;
}

function same(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/** What the reference includes for variable consideration `v` with the outcomes and constraint `written` states. */
function includedOf(v: Record<string, unknown>, written: Record<string, unknown>): number {
  const outcomes = written["outcomes"] as { amount: string; probability: string }[];
  const constraint = written["constraint"];
  return referenceIncluded(
    String(v["method"]),
    outcomes.map((o) => ({ cents: cents(o.amount), probability: o.probability })),
    typeof constraint === "string" ? cents(constraint) : undefined
  );
}

describe("allocation", () => {
  it("sums to the transaction price exactly and matches the reference (groups, residual, relative SSP)", () => {
    fc.assert(
      fc.property(bookArbitrary, (raw) => {
        const book = parsed(raw);
        raw.contracts.forEach((rc, k) => {
          const c = book.contracts[k];
          if (c === undefined) throw new Error(`contract ${rc.id} missing`);
          const allocated = c.obligations.map((o) => o.allocated);
          const prices = rc.obligations.map((o) => cents(o.price));
          same(
            allocated.reduce((a, b) => a + b, 0),
            prices.reduce((a, b) => a + b, 0),
            `${rc.id} total`
          );
          const ssps = rc.obligations.map((o) => o.ssp);
          if (ssps.some((s) => s === undefined)) {
            same(allocated, prices, `${rc.id} without ssp`);
            return;
          }
          const ids = rc.obligations.map((o) => o.id);
          const expected = referenceAllocation({
            prices,
            ssps: ssps.map((s) => s ?? ""),
            groups: (rc.discountGroups ?? []).map((g) => ({
              members: g.obligations.map((id) => ids.indexOf(id)),
              priceCents: cents(g.price),
            })),
          });
          same(allocated, expected, `${rc.id} allocation`);
        });
      }),
      RUNS
    );
  });
});

describe("price changes", () => {
  it("conserve consideration: each obligation ends at its inception amount, plus its shares, less its credits; pooling adds conserve the contract's", () => {
    fc.assert(
      fc.property(bookArbitrary, (raw) => {
        const book = parsed(raw);
        const s = buildSchedule(book);
        book.contracts.forEach((c) => {
          // A modify states a new price of its own; the law is about what changes the price by an amount.
          if (c.changes.some((ch) => ch.type === "modify" && ch.price !== undefined)) return;
          const inception = c.obligations.map((o) => o.allocated);
          const expected = new Map(c.obligations.map((o) => [o.id, o.allocated]));
          // An amount of transaction price to one obligation, or over all on the inception basis.
          const spread = (amount: number, tiedTo: string | undefined): void => {
            const shares =
              tiedTo === undefined
                ? referencePriceShares(amount, inception)
                : c.obligations.map((o) => (o.id === tiedTo ? amount : 0));
            shares.forEach((share, k) => {
              const id = c.obligations[k]?.id ?? "";
              expected.set(id, (expected.get(id) ?? 0) + share);
            });
          };
          const rawContract = raw.contracts.find((rc) => rc.id === c.id);
          const included = new Map<string, number>();
          for (const v of rawContract?.variableConsideration ?? []) {
            const amount = includedOf(v, v);
            included.set(String(v["id"]), amount);
            spread(amount, typeof v["obligation"] === "string" ? v["obligation"] : undefined);
          }
          for (const ch of c.changes) {
            if (ch.type === "estimate") {
              const v = rawContract?.variableConsideration?.find((x) => x["id"] === ch.variable);
              const written = rawContract?.changes.find((x) => x["id"] === ch.id);
              if (v === undefined || written === undefined)
                throw new Error("estimate not generated");
              const amount = includedOf(v, written);
              spread(
                amount - (included.get(ch.variable) ?? 0),
                c.variableConsideration?.find((x) => x.id === ch.variable)?.obligation
              );
              included.set(ch.variable, amount);
            } else if (ch.type === "price") {
              spread(ch.amount, undefined);
            } else if (ch.type === "credit") {
              expected.set(ch.obligation, (expected.get(ch.obligation) ?? 0) - ch.amount);
            } else if (ch.type === "add") {
              expected.set(ch.obligation.id, ch.obligation.price);
            }
          }
          const contract = s.contract(c.id);
          // A pooling add moves consideration between obligations, never in or out of the contract.
          const pooled = c.changes.some((ch) => ch.type === "add" && ch.reallocate === true);
          let total = 0;
          for (const [id, amount] of expected) {
            if (!pooled) same(s.obligation(id)?.allocated, amount, `${c.id} ${id} allocated`);
            total += amount;
          }
          same(contract?.allocated, total, `${c.id} transaction price`);
          same(contract?.revenue(contract.first, contract.last), total, `${c.id} recognized`);
        });
      }),
      RUNS
    );
  });
});

describe("re-estimates of variable consideration", () => {
  it("never change a period before their own: every earlier month recognizes what the book without them does", () => {
    fc.assert(
      fc.property(bookArbitrary, (raw) => {
        raw.contracts.forEach((rc) => {
          const estimate = rc.changes.find((ch) => ch["type"] === "estimate");
          if (estimate === undefined) return;
          const without: RawBook = {
            ...raw,
            contracts: raw.contracts.map((x) =>
              x === rc ? { ...x, changes: x.changes.filter((ch) => ch !== estimate) } : x
            ),
          };
          const withIt = buildSchedule(parsed(raw));
          const before = buildSchedule(parsed(without));
          const month = parseMonth(String(estimate["date"]).slice(0, 7)) ?? 0;
          for (const o of withIt.contract(rc.id)?.obligations ?? []) {
            for (let m = o.first; m < month; m++) {
              same(o.cumulative(m), before.obligation(o.id)?.cumulative(m), `${o.id} at ${m}`);
            }
          }
        });
      }),
      RUNS
    );
  });
});
