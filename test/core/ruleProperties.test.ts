// Properties of the allocation and change rules of issue 14 on generated books, each comparing the engine with the
// independent reference (reference.ts) or with a law of the standard.
import fc from "fast-check";
import { parseBook, type Book } from "../../src/core";
import { bookArbitrary, type RawBook } from "./arbitraries";
import { referenceAllocation } from "./reference";

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
