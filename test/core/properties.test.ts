// Laws every schedule, balance and journal must obey, checked on generated books (fast-check).
// Runs in total: 6 properties x 1,700 generated books = 10,200 full books per run (issue 2 asks for at
// least 10,000), plus 1,500 one-obligation books for the cross-check against the reference model.
import fc from "fast-check";
import {
  allocate,
  buildJournal,
  formatDay,
  formatMonth,
  monthOfDay,
  buildSchedule,
  journalReport,
  parseBook,
  scheduleReport,
  type AccountMap,
  type Book,
  type Discount,
  type Journal,
  type Schedule,
} from "../../src/core";
import { bookArbitrary, isoDay, type RawBook } from "./arbitraries";
import { referenceBalances, referenceSchedule } from "./reference";

/** Runs of each property over whole generated books (bookArbitrary). */
const RUNS = { numRuns: 1700 };
/** Runs of the one-obligation cross-check, which does not generate whole books. */
const ONE_OBLIGATION_RUNS = { numRuns: 1500 };

/** Plain comparison: jest's expect is too slow to call hundreds of times per generated book. */
function same(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected)
    throw new Error(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}

function parsed(raw: RawBook): Book {
  const result = parseBook(raw);
  if (!result.ok)
    throw new Error(`generator made an invalid book: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** Months from one before the earliest activity to one after the latest. */
function span(s: Schedule): [number, number] {
  const firsts = s.contracts.map((c) => c.first);
  const lasts = s.contracts.map((c) => c.last);
  return [Math.min(...firsts) - 1, Math.max(...lasts) + 1];
}

const ACCOUNTS: AccountMap = {
  revenue: "Revenue",
  revenueByItem: { Setup: "Services Revenue" },
  deferredRevenue: "Deferred Revenue",
  contractAsset: "Contract Asset",
  billingsPostTo: "deferred",
  billingsPostToByItem: {},
};

type PostTo = AccountMap["billingsPostTo"];
const postTo = fc.constantFrom<PostTo>("deferred", "revenue");
/** A random subset of the generator's items (arbitraries.ts) posting their own way. */
const postToByItem = fc
  .record({
    Subscription: fc.option(postTo, { nil: undefined }),
    Setup: fc.option(postTo, { nil: undefined }),
    Support: fc.option(postTo, { nil: undefined }),
  })
  .map((r) => {
    const out: Record<string, PostTo> = {};
    for (const [item, where] of Object.entries(r)) if (where !== undefined) out[item] = where;
    return out;
  });

function totals(j: Journal): { debits: number; credits: number } {
  let debits = 0;
  let credits = 0;
  for (const l of j.lines) {
    same(Number.isSafeInteger(l.amount) && l.amount > 0, true, `positive amount ${l.amount}`);
    if (l.posting === "Debit") debits += l.amount;
    else credits += l.amount;
  }
  return { debits, credits };
}

describe("schedule laws", () => {
  it("every obligation's schedule sums exactly to its allocated amount", () => {
    fc.assert(
      fc.property(bookArbitrary, (raw) => {
        const s = buildSchedule(parsed(raw));
        for (const c of s.contracts) {
          for (const o of c.obligations) {
            same(o.revenue(o.first, o.last), o.allocated, `${o.id} total`);
            same(o.cumulative(o.first - 1), 0, `${o.id} before its first month`);
            same(o.cumulative(o.last + 100), o.allocated, `${o.id} long after`);
          }
          same(c.revenue(c.first, c.last), c.allocated, `${c.id} total`);
        }
      }),
      RUNS
    );
  });

  it("allocation sums to the contract price, with and without SSPs", () => {
    fc.assert(
      fc.property(
        bookArbitrary,
        fc.array(fc.integer({ min: 0, max: 100_000_000_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 999_999_999 }), { minLength: 6, maxLength: 6 }),
        (raw, prices, sspUnits) => {
          for (const c of parsed(raw).contracts) {
            const price = c.obligations.reduce((sum, o) => sum + o.price, 0);
            same(
              c.obligations.reduce((sum, o) => sum + o.allocated, 0),
              price,
              `${c.id} allocated`
            );
          }
          const ssps = prices.map((_, k) =>
            (String(sspUnits[k]) + "000000").replace(/(\d{6})$/, ".$1")
          );
          const shares = allocate(prices, ssps);
          const total = prices.reduce((a, b) => a + b, 0);
          same(shares.ok && shares.value.reduce((a, b) => a + b, 0), total, "allocate()");
        }
      ),
      RUNS
    );
  });

  it("billed to date − recognized to date = deferred − unbilled − refund, per contract and period, and the refund agrees with the reference's running account of the customer", () => {
    let withRefund = 0;
    fc.assert(
      fc.property(bookArbitrary, (raw) => {
        const book = parsed(raw);
        const s = buildSchedule(book);
        const [from, to] = span(s);
        for (const source of book.contracts) {
          const c = s.contract(source.id);
          if (c === undefined) throw new Error(`no schedule for ${source.id}`);
          const documents = [
            ...source.billings.map((b) => ({ date: formatDay(b.date), cents: b.amount })),
            ...source.changes.flatMap((ch) =>
              ch.type === "credit" ? [{ date: formatDay(ch.date), cents: -ch.amount }] : []
            ),
          ];
          const toDate = new Map<string, number>();
          for (let m = from; m <= to; m++) toDate.set(formatMonth(m), c.cumulative(m));
          const reference = referenceBalances(documents, toDate);
          for (let m = from; m <= to; m++) {
            const net = c.billed(from, m) - c.cumulative(m);
            const refund = c.refund(m);
            same(c.deferred(m) - c.unbilled(m) - refund, net, `${c.id} net at ${m}`);
            same(Math.min(c.deferred(m), c.unbilled(m)), 0, `${c.id} both balances at ${m}`);
            // Never negative, and a credit beyond the invoices is never also unbilled revenue: with a refund,
            // the contract asset is the revenue recognized to date (nothing stays invoiced).
            same(refund >= 0, true, `${c.id} refund never negative at ${m}`);
            if (refund > 0) {
              same(
                c.unbilled(m),
                Math.max(c.cumulative(m), 0),
                `${c.id} asset beside a refund at ${m}`
              );
              withRefund++;
            }
            const r = reference.get(formatMonth(m));
            same(refund, r?.refund, `${c.id} refund vs reference at ${m}`);
            same(c.deferred(m), r?.deferred, `${c.id} deferred vs reference at ${m}`);
            same(c.unbilled(m), r?.unbilled, `${c.id} unbilled vs reference at ${m}`);
          }
        }
      }),
      RUNS
    );
    // The generated books do reach the case: credits ahead of the invoices.
    expect(withRefund).toBeGreaterThan(0);
  });

  it("a change never alters a period before the period of its date", () => {
    fc.assert(
      fc.property(bookArbitrary, (raw) => {
        const book = parsed(raw);
        for (const c of book.contracts) {
          for (let k = 0; k < c.changes.length; k++) {
            const change = c.changes[k];
            if (change === undefined) continue;
            const before = buildSchedule({
              ...book,
              contracts: [{ ...c, changes: c.changes.slice(0, k) }],
            });
            const after = buildSchedule({
              ...book,
              contracts: [{ ...c, changes: c.changes.slice(0, k + 1) }],
            });
            const changeMonth = Number(isoMonth(change.date));
            const cb = before.contracts[0];
            const ca = after.contracts[0];
            if (cb === undefined || ca === undefined) continue;
            const lo = Math.min(cb.first, ca.first) - 1;
            for (let m = lo; m < changeMonth; m++) {
              for (const o of cb.obligations) {
                same(after.obligation(o.id)?.revenue(m, m), o.revenue(m, m), `${o.id} at ${m}`);
              }
              same(ca.billed(m, m), cb.billed(m, m), `billed at ${m}`);
              same(ca.deferred(m), cb.deferred(m), `deferred at ${m}`);
            }
          }
        }
      }),
      RUNS
    );
  });
});

describe("cross-check against an independent model", () => {
  it("straight-line methods match a BigInt reference computed with Date arithmetic", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "daily",
          "monthly",
          "monthly-prorated",
          "monthly-from-start",
          "point-in-time"
        ),
        fc.integer({ min: 0, max: 100_000_000_000_000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 1200 }),
        (method, price, start, term) => {
          const obligation: Record<string, string> = {
            id: "O",
            method,
            price: `${Math.floor(price / 100)}.${String(price % 100).padStart(2, "0")}`,
            start: isoDay(start),
          };
          // QuickBooks' count of months, from 1 to 60: the term in days says how many.
          const months = 1 + (term % 60);
          if (method === "monthly-from-start") obligation["months"] = String(months);
          else if (method !== "point-in-time") obligation["end"] = isoDay(start + term);
          const s = buildSchedule(
            parsed({
              currency: "USD",
              contracts: [
                { id: "C", customer: "X", obligations: [obligation], billings: [], changes: [] },
              ],
            } as unknown as RawBook)
          );
          const o = s.obligation("O");
          const expected = referenceSchedule(
            method,
            price,
            obligation["start"] ?? "",
            obligation["end"],
            months
          );
          let m = o?.first ?? 0;
          for (const [period, cents] of expected) {
            same(formatMonth(m), period, "month order");
            same(o?.revenue(m, m), cents, `${method} ${period}`);
            m++;
          }
          same(o?.cumulative(m - 1), price, "total");
        }
      ),
      ONE_OBLIGATION_RUNS
    );
  });
});

describe("journal laws", () => {
  it("journals balance, add up over consecutive months and leave the engine's balances in the ledger", () => {
    fc.assert(
      fc.property(
        bookArbitrary,
        postTo,
        postToByItem,
        fc.constantFrom<"summary" | "customer">("summary", "customer"),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 12 }),
        fc.boolean(),
        (raw, global, byItem, detail, offset, length, refundAccount) => {
          const book = parsed(raw);
          const s = buildSchedule(book);
          const accounts: AccountMap = {
            ...ACCOUNTS,
            billingsPostTo: global,
            billingsPostToByItem: byItem,
          };
          // Half the runs map the refund liability to its own account; the rest leave it on the contract asset's.
          if (refundAccount) accounts.refundLiability = "Refund Liability";
          const [first] = span(s);
          const from = first + offset;
          const to = from + length;
          const whole = buildJournal(s, accounts, from, to, detail);
          const { debits, credits } = totals(whole);
          same(debits, credits, "debits = credits");
          // Posting month by month leaves the same balances as one entry for the range.
          const net = new Map<string, number>();
          const add = (j: Journal, sign: number): void => {
            for (const l of j.lines) {
              const key = `${l.account}|${l.class ?? ""}|${l.customer ?? ""}`;
              net.set(
                key,
                (net.get(key) ?? 0) + sign * (l.posting === "Credit" ? l.amount : -l.amount)
              );
            }
          };
          add(whole, -1);
          for (let m = from; m <= to; m++) add(buildJournal(s, accounts, m, m, detail), 1);
          for (const [key, value] of net) same(value, 0, `monthly entries vs range entry, ${key}`);

          // The ledger after every entry since the first activity, plus the invoices and credit memos
          // themselves as QBO posts them (from the book, not the schedule), each to its item's income account:
          // deferred revenue for items that post there, else the item's revenue account. A discounted invoice
          // credits it with the gross amount and debits its discount account with the discount; a discounted
          // credit memo is the mirror (gross debited, discount credited). The ledger holds the engine's
          // balances, each revenue account holds exactly what was recognized for its items, and each discount
          // account nets to zero (the transaction price, and so the revenue, is already net of the discount).
          const revenueAccount = (item: string | undefined): string =>
            (item === undefined ? undefined : ACCOUNTS.revenueByItem[item]) ?? ACCOUNTS.revenue;
          const ledger = new Map<string, number>();
          const post = (account: string, credit: number): void => {
            ledger.set(account, (ledger.get(account) ?? 0) + credit);
          };
          const discountAccounts = new Set<string>();
          /** QBO's postings for a document: sign 1 for an invoice, -1 for a credit memo. */
          const qbo = (
            sign: 1 | -1,
            date: number,
            item: string | undefined,
            net: number,
            discount: Discount | undefined
          ): void => {
            const month = monthOfDay(date);
            if (month < first || month > to) return;
            const where = (item === undefined ? undefined : byItem[item]) ?? global;
            const income = where === "deferred" ? ACCOUNTS.deferredRevenue : revenueAccount(item);
            post(income, sign * (net + (discount?.amount ?? 0)));
            if (discount !== undefined) {
              discountAccounts.add(discount.account);
              post(discount.account, -sign * discount.amount);
            }
          };
          for (const c of book.contracts) {
            const itemOf = (id: string | undefined): string | undefined =>
              id === undefined ? undefined : s.obligation(id)?.item;
            for (const b of c.billings) qbo(1, b.date, itemOf(b.obligation), b.amount, b.discount);
            for (const ch of c.changes) {
              if (ch.type !== "credit") continue;
              qbo(-1, ch.date, ch.item ?? itemOf(ch.obligation), ch.amount, ch.discount);
            }
          }
          const history = buildJournal(s, accounts, first, to, detail);
          for (const l of history.lines)
            post(l.account, l.posting === "Credit" ? l.amount : -l.amount);
          const deferredAccount = ledger.get(ACCOUNTS.deferredRevenue) ?? 0;
          const assetAccount = -(ledger.get(ACCOUNTS.contractAsset) ?? 0);
          const refundLedger = -(ledger.get("Refund Liability") ?? 0);
          let deferred = 0;
          let unbilled = 0;
          let refund = 0;
          const recognized = new Map<string, number>();
          for (const c of s.contracts) {
            deferred += c.deferred(to);
            unbilled += c.unbilled(to);
            refund += c.refund(to);
            for (const o of c.obligations) {
              const account = revenueAccount(o.item);
              recognized.set(account, (recognized.get(account) ?? 0) + o.cumulative(to));
            }
          }
          for (const account of new Set([...recognized.keys(), ACCOUNTS.revenue])) {
            same(
              ledger.get(account) ?? 0,
              recognized.get(account) ?? 0,
              `${account} account = recognized to date`
            );
          }
          for (const account of discountAccounts) {
            same(ledger.get(account) ?? 0, 0, `${account} account nets to zero`);
          }
          same(deferredAccount, deferred, "deferred revenue account = engine deferred");
          // The entry debits the refund account with the credit beyond the invoices (docs/book.md, "Balances").
          if (refundAccount) {
            same(assetAccount, unbilled, "contract asset account = engine unbilled");
            same(refundLedger, refund, "refund account (debit) = engine refund");
          } else {
            same(assetAccount, unbilled + refund, "contract asset account = unbilled + refund");
          }
        }
      ),
      RUNS
    );
  });
});

describe("determinism", () => {
  it("the same book gives the same schedule and journal, also after a JSON round trip", () => {
    fc.assert(
      fc.property(bookArbitrary, (raw) => {
        const a = buildSchedule(parsed(raw));
        const b = buildSchedule(parsed(JSON.parse(JSON.stringify(raw)) as RawBook));
        const [from, to] = span(a);
        const report = (s: Schedule): string =>
          JSON.stringify([
            scheduleReport(s, from, to),
            journalReport(buildJournal(s, ACCOUNTS, from, to, "customer")),
          ]);
        same(report(b), report(a), "second build");
      }),
      RUNS
    );
  });
});

function isoMonth(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
