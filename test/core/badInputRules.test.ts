// Bad input for the allocation and change rules (issue 14): each problem with the exact code, path and plain
// message a user gets back, in the style of badInput.test.ts.
import { parseBook, type Issue } from "../../src/core";

type Json = Record<string, unknown>;

/** A subscription of 1,200.00 over 2026 (100.00 a month) and a setup of 300.00 delivered 2026-01-15. */
function validBook(): Json {
  return {
    currency: "USD",
    contracts: [
      {
        id: "C1",
        customer: "Acme",
        obligations: [
          {
            id: "SUB",
            price: "1200.00",
            method: "monthly",
            start: "2026-01-01",
            end: "2026-12-31",
          },
          { id: "SET", price: "300", method: "point-in-time", start: "2026-01-15" },
        ],
        billings: [{ id: "I1", date: "2026-01-01", amount: "1500.00" }],
      },
    ],
  };
}

/** The valid book with one edit applied to its first contract. */
function withContract(edit: (c: Json, obligations: Json[]) => void): Json {
  const book = validBook();
  const contract = (book["contracts"] as Json[])[0] as Json;
  edit(contract, contract["obligations"] as Json[]);
  return book;
}

function withChanges(...changes: Json[]): Json {
  return withContract((c) => (c["changes"] = changes));
}

function credit(amount: string, date: string, treatment = "immediate", obligation = "SUB"): Json {
  return { id: `CM-${date}`, type: "credit", date, obligation, amount, treatment };
}

/** Example 34 Case C's products (SSPs 40, 55, 45) and D, whose SSP is highly variable, sold together for `price`. */
function caseC(price: string, dSsp: unknown = "residual"): Json {
  const ob = (id: string, ssp: unknown): Json => ({
    id,
    price: id === "A" ? price : "0",
    ssp,
    method: "point-in-time",
    start: "2026-01-15",
  });
  return {
    currency: "USD",
    contracts: [
      {
        id: "C1",
        customer: "Acme",
        obligations: [ob("A", 40), ob("B", "55"), ob("C", "45.000000"), ob("D", dSsp)],
      },
    ],
  };
}

/** Case C with discount groups: "BC" at 60.00 unless given. */
function caseCGroups(price: string, groups: unknown, dSsp: unknown = "residual"): Json {
  const book = caseC(price, dSsp);
  const contract = (book["contracts"] as Json[])[0] as Json;
  contract["discountGroups"] = groups;
  return book;
}

const BC = { id: "BC", obligations: ["B", "C"], price: "60.00" };
const G = "contracts[0].discountGroups";

/** Support added on 2026-07-01 with these extra fields on the add (and on its obligation). */
function withAdd(fields: Json, obligation: Json = { ssp: "1500" }): Json {
  return withChanges({
    id: "A",
    type: "add",
    date: "2026-07-01",
    obligation: {
      id: "SUP",
      price: "1000",
      method: "monthly",
      start: "2026-07-01",
      end: "2026-12-31",
      ...obligation,
    },
    ...fields,
  });
}

const A = "contracts[0].changes[0]";

const cases: [string, unknown, Issue][] = [
  [
    "a pooling add whose obligation has no ssp",
    withAdd({ reallocate: true }, {}),
    {
      code: "missing_field",
      path: `${A}.obligation.ssp`,
      message:
        'An add with "reallocate": true splits the pooled consideration by relative SSP, so its obligation needs an ssp (a number).',
    },
  ],
  [
    "a pooling add whose obligation takes the residual",
    withAdd({ reallocate: true }, { ssp: "residual" }),
    {
      code: "invalid_ssp",
      path: `${A}.obligation.ssp`,
      message:
        'An add with "reallocate": true splits the pooled consideration by relative SSP, so its obligation needs an ssp (a number).',
    },
  ],
  [
    "reallocate written as text",
    withAdd({ reallocate: "yes" }),
    {
      code: "expected_boolean",
      path: `${A}.reallocate`,
      message: "reallocate must be true or false.",
    },
  ],
  [
    "remaining SSPs on an add that does not pool",
    withAdd({ remainingSsp: { SUB: "6000" } }),
    {
      code: "field_needs_reallocate",
      path: `${A}.remainingSsp`,
      message:
        'remainingSsp applies only to an add with "reallocate": true, which pools the remaining consideration.',
    },
  ],
  [
    "a remaining SSP for an unknown obligation",
    withAdd({ reallocate: true, remainingSsp: { SUBS: "6000" } }),
    {
      code: "unknown_obligation",
      path: `${A}.remainingSsp.SUBS`,
      message: 'No obligation "SUBS" in this contract.',
    },
  ],
  [
    "a credit larger than the price a pool gave the obligation",
    withChanges(
      {
        id: "A",
        type: "add",
        date: "2026-07-01",
        reallocate: true,
        obligation: {
          id: "SUP",
          price: "0",
          ssp: "1500",
          method: "point-in-time",
          start: "2026-07-01",
        },
      },
      credit("800.00", "2026-08-01", "catch-up", "SUB")
    ),
    {
      // The pool: SUB's unrecognized 600.00 and SUP's 0.00 over weights 600 : 1,500 -> SUB 171.43 on top of
      // the 600.00 it kept.
      code: "credit_too_large",
      path: "contracts[0].changes[1].amount",
      message: "The credit of 800.00 is more than the obligation's price of 771.43 at that date.",
    },
  ],
  [
    "a remaining SSP of zero",
    withAdd({ reallocate: true, remainingSsp: { SUB: 0 } }),
    {
      code: "invalid_ssp",
      path: `${A}.remainingSsp.SUB`,
      message: "ssp must be a positive number with at most 6 decimals.",
    },
  ],
  [
    "a price change of zero",
    withChanges({ id: "P", type: "price", date: "2026-03-01", amount: "0.00" }),
    {
      code: "zero_amount",
      path: "contracts[0].changes[0].amount",
      message: "amount must not be zero; a price change moves the contract's price up or down.",
    },
  ],
  [
    "a price cut larger than an obligation's price",
    withChanges(credit("280.00", "2026-02-01", "catch-up", "SET"), {
      id: "P",
      type: "price",
      date: "2026-03-01",
      amount: "-150.00",
    }),
    {
      code: "price_change_too_large",
      path: "contracts[0].changes[1].amount",
      message:
        'The price change of -150.00 would take obligation "SET" below zero: its share is -30.00 and its price at that date 20.00.',
    },
  ],
  [
    "a price change naming an obligation",
    withChanges({ id: "P", type: "price", date: "2026-03-01", amount: "10", obligation: "SUB" }),
    {
      code: "unknown_field",
      path: "contracts[0].changes[0].obligation",
      message: '"obligation" is not a field of a price change; check its spelling.',
    },
  ],
  [
    "a price change without an amount",
    withChanges({ id: "P", type: "price", date: "2026-03-01" }),
    {
      code: "missing_field",
      path: "contracts[0].changes[0].amount",
      message: "amount is required.",
    },
  ],
  [
    "discount groups that leave the other obligations less than nothing",
    caseCGroups("100", [BC, { id: "A", obligations: ["A"], price: "50" }]),
    {
      code: "groups_off_price",
      path: G,
      message:
        "The discount groups' prices add up to 110.00, more than the contract's price of 100.00; the obligations outside them would get less than nothing.",
    },
  ],
  [
    "discount groups holding every obligation at another total",
    caseCGroups("130", [BC, { id: "AD", obligations: ["A", "D"], price: "69.99" }], 30),
    {
      code: "groups_off_price",
      path: G,
      message:
        "The discount groups' prices add up to 129.99 but the contract's price is 130.00; with every obligation in a group they must be equal.",
    },
  ],
  [
    "a residual left nothing by the discount groups",
    caseCGroups("100", [BC]),
    {
      code: "residual_not_positive",
      path: "contracts[0].obligations[3].ssp",
      message: `ssp "residual" would leave this obligation 0.00 (the 40.00 the discount groups leave of the contract's price of 100.00 less the other obligations' ssp of 40.00); the residual approach fits only when something is left, so give this obligation an ssp.`,
    },
  ],
  [
    "a residual obligation in a discount group",
    caseCGroups("130", [{ ...BC, obligations: ["B", "C", "D"] }]),
    {
      code: "residual_in_group",
      path: `${G}[0].obligations[2]`,
      message:
        'Obligation "D" takes the residual and cannot also be in a discount group; the residual is what the groups and the other obligations leave.',
    },
  ],
  [
    "an obligation in two discount groups",
    caseCGroups("130", [BC, { id: "AB", obligations: ["A", "B"], price: "70" }]),
    {
      code: "obligation_in_two_groups",
      path: `${G}[1].obligations[1]`,
      message:
        'Obligation "B" is already in discount group "BC"; an obligation shares one discount only.',
    },
  ],
  [
    "a discount group naming an unknown obligation",
    caseCGroups("130", [{ ...BC, obligations: ["B", "E"] }]),
    {
      code: "unknown_obligation",
      path: `${G}[0].obligations[1]`,
      message: 'No obligation "E" in this contract.',
    },
  ],
  [
    "a discount group on a contract without ssps",
    withContract((c) => (c["discountGroups"] = [{ id: "G", obligations: ["SET"], price: "200" }])),
    {
      code: "group_needs_ssp",
      path: `${G}[0].obligations[0]`,
      message:
        'Obligation "SET" has no ssp; a discount group splits its price by relative ssp, so give every obligation of the contract an ssp.',
    },
  ],
  [
    "an empty discount group",
    caseCGroups("130", [BC, { id: "E", obligations: [], price: "0" }]),
    {
      code: "empty_group",
      path: `${G}[1].obligations`,
      message: "A discount group needs at least one obligation.",
    },
  ],
  [
    "a discount group id used twice",
    caseCGroups("130", [BC, { ...BC, obligations: ["A"], price: "40" }]),
    {
      code: "duplicate_id",
      path: `${G}[1].id`,
      message: 'Discount group id "BC" is used more than once.',
    },
  ],
  [
    "a misspelt field of a discount group",
    caseCGroups("130", [{ ...BC, prices: "60" }]),
    {
      code: "unknown_field",
      path: `${G}[0].prices`,
      message: '"prices" is not a field of a discount group; check its spelling.',
    },
  ],
  [
    "discount groups as an object",
    caseCGroups("130", BC),
    {
      code: "expected_list",
      path: G,
      message: "discountGroups must be a list.",
    },
  ],
  [
    "a residual that leaves the obligation less than nothing",
    caseC("130"),
    {
      code: "residual_not_positive",
      path: "contracts[0].obligations[3].ssp",
      message: `ssp "residual" would leave this obligation -10.00 (the contract's price of 130.00 less the other obligations' ssp of 140.00); the residual approach fits only when something is left, so give this obligation an ssp.`,
    },
  ],
  [
    "a residual of exactly nothing",
    caseC("140.00"),
    {
      code: "residual_not_positive",
      path: "contracts[0].obligations[3].ssp",
      message: `ssp "residual" would leave this obligation 0.00 (the contract's price of 140.00 less the other obligations' ssp of 140.00); the residual approach fits only when something is left, so give this obligation an ssp.`,
    },
  ],
  [
    "two residual obligations in one contract",
    withContract((_, obligations) => {
      Object.assign(obligations[0] ?? {}, { ssp: "residual" });
      Object.assign(obligations[1] ?? {}, { ssp: "residual" });
    }),
    {
      code: "residual_twice",
      path: "contracts[0].obligations[1].ssp",
      message:
        'ssp "residual" is already on obligation "SUB"; a contract can use the residual approach for one obligation only.',
    },
  ],
  [
    "a residual written in capitals",
    caseC("200", "Residual"),
    {
      code: "invalid_ssp",
      path: "contracts[0].obligations[3].ssp",
      message: "ssp must be a positive number with at most 6 decimals.",
    },
  ],
  [
    "an immediate credit beyond what the obligation has recognized",
    withChanges(credit("400.01", "2026-04-10")),
    {
      code: "immediate_not_satisfied",
      path: "contracts[0].changes[0].treatment",
      message:
        'Use "treatment": "catch-up": an immediate credit of 400.01 is more than the 400.00 the obligation has recognized by the end of 2026-04, and the part not yet satisfied cannot be reversed at once.',
    },
  ],
  [
    "an immediate credit before a delivery",
    withChanges(credit("50.00", "2025-12-20", "immediate", "SET")),
    {
      code: "immediate_not_satisfied",
      path: "contracts[0].changes[0].treatment",
      message:
        'Use "treatment": "catch-up": an immediate credit of 50.00 is more than the 0.00 the obligation has recognized by the end of 2025-12, and the part not yet satisfied cannot be reversed at once.',
    },
  ],
  [
    "a second immediate credit on the result of the first, on the same day",
    withChanges(credit("300.00", "2026-03-05"), { ...credit("0.01", "2026-03-05"), id: "CM-2" }),
    {
      code: "immediate_not_satisfied",
      path: "contracts[0].changes[1].treatment",
      message:
        'Use "treatment": "catch-up": an immediate credit of 0.01 is more than the 0.00 the obligation has recognized by the end of 2026-03, and the part not yet satisfied cannot be reversed at once.',
    },
  ],
  [
    "a modify price below the credits before it",
    withChanges(credit("300.00", "2026-04-10", "prospective"), {
      id: "M",
      type: "modify",
      date: "2026-04-10",
      obligation: "SUB",
      price: "299.99",
      treatment: "catch-up",
    }),
    {
      code: "price_below_credits",
      path: "contracts[0].changes[1].price",
      message:
        "The price of 299.99 is less than the 300.00 that credit memos and price changes have already taken off this obligation; a modify's price is before them, and they stay applied.",
    },
  ],
];

describe("bad books: allocation and change rules", () => {
  it.each(cases)("%s", (_, raw, issue) => {
    expect(parseBook(raw)).toEqual({ ok: false, issues: [issue] });
  });

  it("allocates a residual of 0.01 and the others their ssp", () => {
    const book = parseBook(caseC("140.01"));
    expect(book.ok && book.value.contracts[0]?.obligations.map((o) => o.allocated)).toEqual([
      4000, 5500, 4500, 1,
    ]);
  });

  it("accepts an immediate credit up to what is recognized by the end of its period", () => {
    expect(parseBook(withChanges(credit("400.00", "2026-04-10"))).ok).toBe(true);
    expect(parseBook(withChanges(credit("300.00", "2026-01-31", "immediate", "SET"))).ok).toBe(
      true
    );
  });
});
