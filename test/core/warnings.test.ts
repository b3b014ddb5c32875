// The CLI's warnings about balances a contract keeps once everything in the book has happened.
import { buildSchedule, endingBalanceWarnings, parseBook } from "../../src/core";

function warningsFor(changes: unknown[], billed = "1200.00"): string[] {
  const book = parseBook({
    currency: "USD",
    contracts: [
      {
        id: "C1",
        customer: "Acme",
        obligations: [
          { id: "O1", price: "1200.00", method: "monthly", start: "2026-01-01", end: "2026-12-31" },
        ],
        billings: [{ id: "I1", date: "2026-01-01", amount: billed }],
        changes,
      },
    ],
  });
  if (!book.ok) throw new Error(JSON.stringify(book.issues));
  return endingBalanceWarnings(buildSchedule(book.value));
}

const credit = { id: "CM", type: "credit", date: "2026-04-10", obligation: "O1", amount: "300.00" };

describe("ending balance warnings", () => {
  it("say nothing when credit memos and billings settle the contract", () => {
    expect(warningsFor([{ ...credit, treatment: "catch-up" }])).toEqual([]);
  });

  it("name a contract that keeps unbilled revenue no invoice bills", () => {
    // The upgrade to 1,800.00 is before the credit memo: 1,500.00 recognized, 900.00 billed.
    const modify = { id: "M", type: "modify", date: "2026-04-10", obligation: "O1", price: "1800" };
    expect(
      warningsFor([
        { ...credit, treatment: "catch-up" },
        { ...modify, treatment: "catch-up" },
      ])
    ).toEqual([
      "contract C1 ends (2026-12) with 600.00 of unbilled revenue that no invoice in the book bills; check its credit memos and modifies.",
    ]);
  });

  it("name a contract that keeps deferred revenue no obligation recognizes", () => {
    // The price cut written twice: a credit memo of 300.00 and a modify to 900.00 (before the credit): 600.00.
    const modify = { id: "M", type: "modify", date: "2026-04-10", obligation: "O1", price: "900" };
    expect(
      warningsFor([
        { ...credit, treatment: "catch-up" },
        { ...modify, treatment: "catch-up" },
      ])
    ).toEqual([
      "contract C1 ends (2026-12) with 300.00 of deferred revenue that no obligation recognizes; check its credit memos and modifies.",
    ]);
  });

  it("leave contracts without credit memos alone (billing in arrears is normal)", () => {
    expect(warningsFor([], "300.00")).toEqual([]);
  });
});
