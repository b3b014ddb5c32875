// Laws of the disclosures, on generated books (fast-check): the roll-forward ties, disaggregation adds up to the
// revenue, nothing remains at the end of a contract, and DETAIL's lines add up to the figures they explain.
import fc from "fast-check";
import {
  buildSchedule,
  contractDetail,
  DIMENSIONS,
  disaggregate,
  parseBook,
  remainingObligation,
  rollForward,
  rollForwardDifference,
  totalRollForward,
  type Book,
  type Month,
} from "../../src/core";
import { bookArbitrary, type RawBook } from "./arbitraries";

const RUNS = { numRuns: 400 };

function parsed(raw: RawBook): Book {
  const result = parseBook(raw);
  if (!result.ok)
    throw new Error(`generator made an invalid book: ${JSON.stringify(result.issues)}`);
  return result.value;
}

function same(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected)
    throw new Error(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}

/** A span of 1 to 24 months somewhere in the generated books' years (2024 to 2030). */
const span = fc
  .tuple(fc.integer({ min: 2023 * 12, max: 2030 * 12 }), fc.integer({ min: 0, max: 23 }))
  .map(([from, n]): { from: Month; to: Month } => ({ from, to: from + n }));

describe("disclosure properties", () => {
  test("the roll-forward ties per contract and in total, and its revenue is the period's", () => {
    fc.assert(
      fc.property(bookArbitrary, span, (raw, { from, to }) => {
        const s = buildSchedule(parsed(raw));
        for (const c of s.contracts) {
          const r = rollForward(c, from, to);
          same(rollForwardDifference(r), 0, `${c.id} ties`);
          same(r.recognizedFromOpening + r.otherRecognized, c.revenue(from, to), `${c.id} revenue`);
          same(
            r.recognizedFromOpening <= r.openingDeferred,
            true,
            `${c.id} from opening <= opening`
          );
        }
        same(rollForwardDifference(totalRollForward(s.contracts, from, to)), 0, "total ties");
      }),
      RUNS
    );
  });

  test("every dimension's categories add up to the revenue of all contracts", () => {
    fc.assert(
      fc.property(bookArbitrary, span, (raw, { from, to }) => {
        const book = parsed(raw);
        const s = buildSchedule(book);
        let total = 0;
        for (const c of s.contracts) total += c.revenue(from, to);
        const selected = s.contracts.flatMap((contract) =>
          contract.obligations.map((obligation) => ({ contract, obligation }))
        );
        for (const d of DIMENSIONS) {
          const rows = disaggregate(d, selected, [{ from, to }]);
          same(
            rows.reduce((sum, r) => sum + (r.revenue[0] ?? 0), 0),
            total,
            `${d} total`
          );
        }
      }),
      RUNS
    );
  });

  test("nothing remains at the end of a contract whose obligations complete; within N months plus the rest is all of it", () => {
    fc.assert(
      fc.property(bookArbitrary, fc.integer({ min: 1, max: 36 }), (raw, n) => {
        const book = parsed(raw);
        const s = buildSchedule(book);
        for (const c of s.contracts) {
          // A progress obligation is done only when its progress reaches 100%, which a book need not say yet.
          const open = c.obligations.some((o) => o.method === "progress");
          if (!open) same(remainingObligation(c, c.last), 0, `${c.id} RPO at its end`);
          for (const o of c.obligations) {
            if (o.method === "progress") continue;
            same(remainingObligation(o, o.last), 0, `${o.id} RPO at its end`);
            const m = o.first;
            same(
              remainingObligation(o, m, n) + o.revenue(m + n + 1, o.last),
              remainingObligation(o, m),
              `${o.id} within ${n} months + later = all`
            );
          }
        }
      }),
      RUNS
    );
  });

  test("DETAIL's lines add up to RECOGNIZED and BILLED, and its balances are DEFERRED and UNBILLED", () => {
    fc.assert(
      fc.property(bookArbitrary, span, (raw, { from, to }) => {
        const book = parsed(raw);
        const s = buildSchedule(book);
        for (const source of book.contracts) {
          const c = s.contract(source.id);
          if (!c) throw new Error(`no schedule for ${source.id}`);
          const lines = contractDetail(source, c, from, to);
          same(
            lines.reduce((t, l) => t + l.revenue, 0),
            c.revenue(from, to),
            `${c.id} revenue`
          );
          same(
            lines.reduce((t, l) => t + l.billed, 0),
            c.billed(from, to),
            `${c.id} billed`
          );
          const closing = lines[lines.length - 1]?.balance;
          same(closing?.deferred, c.deferred(to), `${c.id} closing deferred`);
          same(closing?.unbilled, c.unbilled(to), `${c.id} closing unbilled`);
          same(lines[0]?.balance?.deferred, c.deferred(from - 1), `${c.id} opening deferred`);
        }
      }),
      RUNS
    );
  });
});
