import {
  buildJournal,
  buildSchedule,
  journalDifference,
  parseAccounts,
  parseBook,
  parseMonth,
  type AccountMap,
  type Book,
} from "../../src/core";

const accounts: AccountMap = {
  revenue: "Revenue",
  revenueByItem: {},
  deferredRevenue: "Deferred Revenue",
  contractAsset: "Contract Asset",
  billingsPostTo: "deferred",
  billingsPostToByItem: {},
};

/** A book of one contract, C1 for Acme, with these fields (obligations, billings, changes). */
function acmeBook(fields: Record<string, unknown>): Book {
  const result = parseBook({
    currency: "USD",
    contracts: [{ id: "C1", customer: "Acme", ...fields }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function book(price: string): Book {
  return acmeBook({
    obligations: [{ id: "O1", price, method: "monthly", start: "2026-01-01", end: "2026-12-31" }],
    billings: [{ id: "I1", date: "2026-01-01", amount: "1200.00" }],
  });
}

const march = parseMonth("2026-03") ?? 0;

describe("journalDifference", () => {
  it("is empty when nothing changed since posting", () => {
    const j = buildJournal(buildSchedule(book("1200.00")), accounts, march, march, "summary");
    expect(journalDifference(j, j.lines)).toEqual([]);
  });

  it("gives the balanced adjusting entry after the book changed", () => {
    const posted = buildJournal(buildSchedule(book("1200.00")), accounts, march, march, "summary");
    const current = buildJournal(buildSchedule(book("2400.00")), accounts, march, march, "summary");
    // March revenue went from 100.00 to 200.00; deferred revenue falls by 100.00 more.
    expect(journalDifference(current, posted.lines)).toEqual([
      { account: "Revenue", posting: "Credit", amount: 10000 },
      { account: "Deferred Revenue", posting: "Debit", amount: 10000 },
    ]);
  });
});

describe("schedule lookups", () => {
  it("finds contracts and obligations by id and knows their active months", () => {
    const s = buildSchedule(book("1200.00"));
    expect(s.currency).toBe("USD");
    expect(s.contract("C1")?.customer).toBe("Acme");
    expect(s.obligation("O1")?.contract).toBe("C1");
    expect(s.contract("nope")).toBeUndefined();
    expect(s.contract("C1")?.first).toBe(parseMonth("2026-01"));
    expect(s.contract("C1")?.last).toBe(parseMonth("2026-12"));
    expect(
      s.obligation("O1")?.revenue(parseMonth("2025-01") ?? 0, parseMonth("2030-01") ?? 0)
    ).toBe(120000);
  });
});

describe("a credit memo posted under its own item", () => {
  // A subscription (invoiced to deferred revenue) and training (invoiced to revenue). QBO posted a 300.00 credit memo
  // under the subscription item, so it debited deferred revenue, but it was matched to the training obligation.
  const mixed: AccountMap = {
    ...accounts,
    revenueByItem: { Training: "Training Revenue" },
    billingsPostToByItem: { Subscription: "deferred", Training: "revenue" },
  };
  function credited(item: string | undefined) {
    const input = acmeBook({
      obligations: [
        {
          id: "S",
          item: "Subscription",
          price: "1200.00",
          method: "monthly",
          start: "2026-01-01",
          end: "2026-12-31",
        },
        {
          id: "T",
          item: "Training",
          price: "600.00",
          method: "point-in-time",
          start: "2026-06-15",
        },
      ],
      billings: [
        { id: "I1", date: "2026-01-01", amount: "1200.00", obligation: "S" },
        { id: "I2", date: "2026-01-01", amount: "600.00", obligation: "T" },
      ],
      changes: [
        {
          id: "CM",
          type: "credit",
          date: "2026-03-10",
          amount: "300.00",
          obligation: "T",
          treatment: "prospective",
          ...(item === undefined ? {} : { item }),
        },
      ],
    });
    return buildJournal(buildSchedule(input), mixed, march, march, "summary").lines;
  }

  it("takes where QBO posted it from that item, not from the obligation's", () => {
    // Without the item the journal believes QBO debited Training Revenue and credits it back.
    expect(credited(undefined)).toContainEqual({
      account: "Training Revenue",
      posting: "Credit",
      amount: 30000,
    });
    // With it, the 300.00 already sits in deferred revenue: only March's subscription revenue moves, and deferred
    // revenue moves by its change less the credit memo QBO put there.
    const lines = credited("Subscription");
    expect(lines).not.toContainEqual(expect.objectContaining({ account: "Training Revenue" }));
    expect(lines).toEqual([
      { account: "Revenue", posting: "Credit", amount: 10000 },
      { account: "Deferred Revenue", posting: "Debit", amount: 10000 },
    ]);
  });
});

describe("a discounted credit memo", () => {
  // An invoice of 1,000.00 net (1,100.00 less a 100.00 discount) and, on 2026-03-10, a credit memo of 200.00 net
  // (220.00 less a 20.00 discount), both on the subscription (1,000.00 monthly over 2026).
  const discounted = buildSchedule(
    acmeBook({
      obligations: [
        {
          id: "O1",
          price: "1000.00",
          method: "monthly",
          start: "2026-01-01",
          end: "2026-12-31",
        },
      ],
      billings: [
        {
          id: "I1",
          date: "2026-01-01",
          amount: "1000.00",
          obligation: "O1",
          discount: { amount: "100.00", account: "Discounts given" },
        },
      ],
      changes: [
        {
          id: "CM1",
          type: "credit",
          date: "2026-03-10",
          amount: "200.00",
          obligation: "O1",
          treatment: "prospective",
          discount: { amount: "20.00", account: "Discounts given" },
        },
      ],
    })
  );
  const month = (m: string): number => parseMonth(m) ?? 0;

  it.each(["deferred", "revenue"] as const)(
    "leaves QBO's deferred revenue at the engine's balance to the cent (invoices posted to %s)",
    (postTo) => {
      const mode: AccountMap = { ...accounts, billingsPostTo: postTo };
      const income = postTo === "deferred" ? "Deferred Revenue" : "Revenue";
      // QBO's own postings, credits positive, as its ledger books them: the invoice credits the income account
      // with the gross and debits the discount account; the credit memo debits the income account with the gross
      // and credits the discount account (A/R takes the net each time and is left out).
      const ledger = new Map<string, number>();
      const post = (account: string, credit: number): void => {
        ledger.set(account, (ledger.get(account) ?? 0) + credit);
      };
      const c = discounted.contract("C1");
      if (c === undefined) throw new Error("no contract");
      for (const m of ["2026-01", "2026-02", "2026-03", "2026-04", "2026-12"]) {
        if (m === "2026-01") {
          post(income, 110000);
          post("Discounts given", -10000);
        }
        if (m === "2026-03") {
          post(income, -22000);
          post("Discounts given", 2000);
        }
        const from = m === "2026-12" ? month("2026-05") : month(m);
        const j = buildJournal(discounted, mode, from, month(m), "summary");
        for (const l of j.lines) post(l.account, l.posting === "Credit" ? l.amount : -l.amount);
        expect(ledger.get("Deferred Revenue") ?? 0).toBe(c.deferred(month(m)));
        expect(ledger.get("Revenue") ?? 0).toBe(c.cumulative(month(m)));
        expect(ledger.get("Discounts given") ?? 0).toBe(0);
      }
      // The credit lowered price and billed by the net 200.00 only.
      expect(c.billed(month("2026-03"), month("2026-03"))).toBe(-20000);
      expect(c.deferred(month("2026-12"))).toBe(0);
      expect(c.cumulative(month("2026-12"))).toBe(80000);
    }
  );

  it("debits the discount account back in the credit memo's month", () => {
    // March recognizes 63.33 (633.33 left over ten months); deferred falls 833.33 -> 570.00 (-263.33).
    // Posted to deferred: QBO took the gross 220.00 off it, so the entry moves it by -263.33 + 220.00 = -43.33.
    const march = month("2026-03");
    expect(buildJournal(discounted, accounts, march, march, "summary").lines).toEqual([
      { account: "Discounts given", posting: "Debit", amount: 2000 },
      { account: "Revenue", posting: "Credit", amount: 6333 },
      { account: "Deferred Revenue", posting: "Debit", amount: 4333 },
    ]);
    // Posted to revenue: QBO debited Revenue 220.00, credited back with the 63.33 recognized.
    const revenueMode = { ...accounts, billingsPostTo: "revenue" as const };
    expect(buildJournal(discounted, revenueMode, march, march, "summary").lines).toEqual([
      { account: "Discounts given", posting: "Debit", amount: 2000 },
      { account: "Revenue", posting: "Credit", amount: 28333 },
      { account: "Deferred Revenue", posting: "Debit", amount: 26333 },
    ]);
  });
});

describe("items named like Object prototype properties", () => {
  const ITEMS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];
  function journalFor(map: AccountMap, postTo: "deferred" | "revenue" = "deferred") {
    const input = acmeBook({
      obligations: ITEMS.map((item, k) => ({
        id: `O${k}`,
        item,
        price: "100.00",
        method: "point-in-time",
        start: "2026-03-01",
      })),
      billings: [{ id: "I1", date: "2026-03-01", amount: "500.00", obligation: "O0" }],
    });
    return buildJournal(
      buildSchedule(input),
      { ...map, billingsPostTo: postTo },
      march,
      march,
      "summary"
    ).lines;
  }

  it("post to the default revenue account when the accounts file does not name them", () => {
    expect(journalFor(accounts)).toEqual([
      { account: "Revenue", posting: "Credit", amount: 50000 },
      { account: "Deferred Revenue", posting: "Debit", amount: 50000 },
    ]);
    expect(journalFor(accounts, "revenue")).toEqual([]);
  });

  it("post to their own accounts when the accounts file names them", () => {
    const parsed = parseAccounts({
      revenue: "Revenue",
      deferredRevenue: "Deferred Revenue",
      contractAsset: "Contract Asset",
      billingsPostTo: "deferred",
      revenueByItem: JSON.parse('{"__proto__": "Proto Revenue", "constructor": "Ctor Revenue"}'),
      billingsPostToByItem: JSON.parse('{"__proto__": "revenue"}'),
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(Object.keys(parsed.value.revenueByItem).sort()).toEqual(["__proto__", "constructor"]);
    expect(Object.keys(parsed.value.billingsPostToByItem)).toEqual(["__proto__"]);
    const lines = journalFor(parsed.value);
    expect(lines).toContainEqual({ account: "Proto Revenue", posting: "Credit", amount: 10000 });
    expect(lines).toContainEqual({ account: "Ctor Revenue", posting: "Credit", amount: 10000 });
    expect(lines).toContainEqual({ account: "Revenue", posting: "Credit", amount: 30000 });
  });
});
