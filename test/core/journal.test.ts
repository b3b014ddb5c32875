import {
  buildJournal,
  buildSchedule,
  journalDifference,
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

function book(price: string): Book {
  const result = parseBook({
    currency: "USD",
    contracts: [
      {
        id: "C1",
        customer: "Acme",
        obligations: [
          { id: "O1", price, method: "monthly", start: "2026-01-01", end: "2026-12-31" },
        ],
        billings: [{ id: "I1", date: "2026-01-01", amount: "1200.00" }],
      },
    ],
  });
  if (!result.ok) throw new Error("invalid test book");
  return result.value;
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
