// Bad input: every kind of problem a user can make in a book or accounts file, each with the exact
// code, path and plain message they get back.
import { parseAccounts, parseBook, type Issue } from "../../src/core";

type Json = Record<string, unknown>;

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
        billings: [{ id: "I1", date: "2026-01-01", amount: "1500.00", obligation: "SUB" }],
        changes: [],
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

function withObligation(fields: Json, index = 0): Json {
  return withContract((_, obligations) => Object.assign(obligations[index] ?? {}, fields));
}

/** The valid book with fields added to its first billing. */
function withBilling(fields: Json): Json {
  return withContract((c) => Object.assign((c["billings"] as Json[])[0] ?? {}, fields));
}

function withChange(change: Json): Json {
  return withContract((c) => (c["changes"] = [change]));
}

/** The valid book with a credit of 100.00 on SET carrying this discount. */
function withCreditDiscount(discount: unknown): Json {
  return withChange({
    id: "X",
    type: "credit",
    date: "2026-03-01",
    obligation: "SET",
    amount: "100.00",
    treatment: "immediate",
    discount,
  });
}

const P = "contracts[0].obligations[0]";

const cases: [string, unknown, Issue][] = [
  [
    "the book is not an object",
    [],
    {
      code: "expected_object",
      path: "",
      message: "The book must be a JSON object with named fields.",
    },
  ],
  [
    "a lower-case currency",
    { ...validBook(), currency: "usd" },
    {
      code: "invalid_currency",
      path: "currency",
      message: "currency must be a three-letter ISO 4217 code such as USD.",
    },
  ],
  [
    "no contracts field",
    { currency: "USD" },
    { code: "missing_field", path: "contracts", message: "contracts is required." },
  ],
  [
    "contracts is not a list",
    { currency: "USD", contracts: {} },
    { code: "expected_list", path: "contracts", message: "contracts must be a list." },
  ],
  [
    "a contract that is a number",
    { currency: "USD", contracts: [5] },
    {
      code: "expected_object",
      path: "contracts[0]",
      message: "A contract must be a JSON object with named fields.",
    },
  ],
  [
    "a misspelt field",
    withObligation({ strat: "2026-01-01" }),
    {
      code: "unknown_field",
      path: `${P}.strat`,
      message: '"strat" is not a field of an obligation; check its spelling.',
    },
  ],
  [
    "an empty customer",
    withContract((c) => (c["customer"] = " ")),
    {
      code: "expected_text",
      path: "contracts[0].customer",
      message: "customer must be non-empty text.",
    },
  ],
  [
    "a contract id used twice",
    {
      currency: "USD",
      contracts: [
        (validBook()["contracts"] as Json[])[0],
        {
          id: "C1",
          customer: "B",
          obligations: [{ id: "X", price: 1, method: "point-in-time", start: "2026-01-01" }],
        },
      ],
    },
    {
      code: "duplicate_id",
      path: "contracts[1].id",
      message: 'Contract id "C1" is used more than once.',
    },
  ],
  [
    "an obligation id used twice",
    withObligation({ id: "SUB" }, 1),
    {
      code: "duplicate_id",
      path: "contracts[0].obligations[1].id",
      message: 'Obligation id "SUB" is used more than once.',
    },
  ],
  [
    "a contract without obligations",
    withContract((c) => {
      c["obligations"] = [];
      c["billings"] = [];
    }),
    {
      code: "no_obligations",
      path: "contracts[0].obligations",
      message: "A contract needs at least one obligation.",
    },
  ],
  [
    "a price with a thousands separator",
    withObligation({ price: "1,200.00" }),
    {
      code: "invalid_amount",
      path: `${P}.price`,
      message:
        'price must be an amount written as a number or decimal text, e.g. 1200 or "1200.50".',
    },
  ],
  [
    "a price with fractions of a cent",
    withObligation({ price: "1200.005" }),
    {
      code: "too_many_decimals",
      path: `${P}.price`,
      message: "price has more than 2 decimals; amounts are in cents.",
    },
  ],
  [
    "a price above 10^12",
    withObligation({ price: "1000000000000.01" }),
    {
      code: "amount_too_large",
      path: `${P}.price`,
      message: "price is larger than 1,000,000,000,000.",
    },
  ],
  [
    "a negative price",
    withObligation({ price: -5 }),
    { code: "negative_amount", path: `${P}.price`, message: "price cannot be negative." },
  ],
  [
    "a zero SSP",
    withContract((_, o) => {
      Object.assign(o[0] ?? {}, { ssp: 0 });
      Object.assign(o[1] ?? {}, { ssp: 1 });
    }),
    {
      code: "invalid_ssp",
      path: `${P}.ssp`,
      message: "ssp must be a positive number with at most 6 decimals.",
    },
  ],
  [
    "an SSP on some obligations only",
    withObligation({ ssp: "1500" }),
    {
      code: "ssp_incomplete",
      path: "contracts[0].obligations[1].ssp",
      message:
        "ssp is missing here but given for 1 of the contract's 2 obligations; give an ssp for every obligation or for none.",
    },
  ],
  [
    "an unknown method",
    withObligation({ method: "straight-line" }),
    {
      code: "unknown_method",
      path: `${P}.method`,
      message:
        "method must be one of daily, monthly, monthly-prorated, monthly-from-start, point-in-time, progress, manual.",
    },
  ],
  [
    "a go-live that is not a month",
    { ...validBook(), goLive: "2026-4" },
    {
      code: "invalid_period",
      path: "goLive",
      message: "goLive must be a month written YYYY-MM, e.g. 2026-03.",
    },
  ],
  [
    "monthly-from-start without months",
    withObligation({ method: "monthly-from-start" }),
    {
      code: "missing_field",
      path: `${P}.months`,
      message:
        "months is required for the monthly-from-start method: the number of monthly shares, e.g. 12.",
    },
  ],
  [
    "monthly-from-start with zero months",
    withObligation({ method: "monthly-from-start", months: 0 }),
    { code: "invalid_months", path: `${P}.months`, message: "months must be at least 1." },
  ],
  [
    "monthly-from-start with negative months",
    withObligation({ method: "monthly-from-start", months: "-12" }),
    { code: "invalid_months", path: `${P}.months`, message: "months must be at least 1." },
  ],
  [
    "monthly-from-start with a fraction of a month",
    withObligation({ method: "monthly-from-start", months: 12.5 }),
    {
      code: "invalid_months",
      path: `${P}.months`,
      message: "months must be a whole number of months, e.g. 12.",
    },
  ],
  [
    "monthly-from-start with months as words",
    withObligation({ method: "monthly-from-start", months: "twelve" }),
    {
      code: "invalid_months",
      path: `${P}.months`,
      message: "months must be a whole number of months, e.g. 12.",
    },
  ],
  [
    "monthly-from-start past the last month",
    withObligation({ method: "monthly-from-start", months: 2400 }),
    {
      code: "invalid_months",
      path: `${P}.months`,
      message: "months takes the service past 2199-12, the last month the engine knows.",
    },
  ],
  [
    "months on a monthly obligation",
    withObligation({ months: 12 }),
    {
      code: "field_not_for_method",
      path: `${P}.months`,
      message: "months applies only to the monthly-from-start method.",
    },
  ],
  [
    "29 February in a common year",
    withObligation({ start: "2025-02-29" }),
    {
      code: "invalid_date",
      path: `${P}.start`,
      message: "start must be a real calendar date written YYYY-MM-DD, e.g. 2026-01-31.",
    },
  ],
  [
    "a date written day-first",
    withObligation({ end: "31/12/2026" }),
    {
      code: "invalid_date",
      path: `${P}.end`,
      message: "end must be a real calendar date written YYYY-MM-DD, e.g. 2026-01-31.",
    },
  ],
  [
    "a date before 1900",
    withObligation({ start: "1899-12-31" }),
    {
      code: "date_out_of_range",
      path: `${P}.start`,
      message: "start must be between 1900-01-01 and 2199-12-31.",
    },
  ],
  [
    "a monthly obligation without end",
    withContract((_, o) => delete (o[0] ?? {})["end"]),
    { code: "missing_field", path: `${P}.end`, message: "end is required for the monthly method." },
  ],
  [
    "an end before the start",
    withObligation({ end: "2025-12-31" }),
    {
      code: "end_before_start",
      path: `${P}.end`,
      message: "end (2025-12-31) is before start (2026-01-01).",
    },
  ],
  [
    "a progress obligation without progress",
    withObligation({ method: "progress", end: undefined }),
    {
      code: "missing_progress",
      path: `${P}.progress`,
      message: "progress is required for the progress method: a list of { date, percent }.",
    },
  ],
  [
    "a percent above 100",
    withObligation({ method: "progress", progress: [{ date: "2026-02-01", percent: 101 }] }),
    {
      code: "invalid_percent",
      path: `${P}.progress[0].percent`,
      message: "percent must be a number from 0 to 100 with at most 4 decimals.",
    },
  ],
  [
    "progress dates out of order",
    withObligation({
      method: "progress",
      progress: [
        { date: "2026-03-01", percent: 10 },
        { date: "2026-02-01", percent: 20 },
      ],
    }),
    {
      code: "progress_out_of_order",
      path: `${P}.progress[1].date`,
      message: "progress dates must increase; 2026-02-01 does not come after 2026-03-01.",
    },
  ],
  [
    "a manual obligation without amounts",
    withObligation({ method: "manual" }),
    {
      code: "missing_manual",
      path: `${P}.manual`,
      message: "manual is required for the manual method: a list of { period, amount }.",
    },
  ],
  [
    "a manual period that is not a month",
    withObligation({ method: "manual", manual: [{ period: "2026-13", amount: "1200" }] }),
    {
      code: "invalid_period",
      path: `${P}.manual[0].period`,
      message: "period must be a month written YYYY-MM, e.g. 2026-03.",
    },
  ],
  [
    "a manual period given twice",
    withObligation({
      method: "manual",
      manual: [
        { period: "2026-01", amount: "600" },
        { period: "2026-01", amount: "600" },
      ],
    }),
    {
      code: "duplicate_period",
      path: `${P}.manual[1].period`,
      message: "period 2026-01 appears more than once.",
    },
  ],
  [
    "manual amounts that miss the price",
    withObligation({ method: "manual", manual: [{ period: "2026-01", amount: "1199.99" }] }),
    {
      code: "manual_total",
      path: `${P}.manual`,
      message: "manual amounts sum to 1199.99 but the obligation's allocated amount is 1200.00.",
    },
  ],
  [
    "progress points on a monthly obligation",
    withObligation({ progress: [] }),
    {
      code: "field_not_for_method",
      path: `${P}.progress`,
      message: "progress applies only to the progress method.",
    },
  ],
  [
    "an invoice for an unknown obligation",
    withContract(
      (c) => (c["billings"] = [{ id: "I1", date: "2026-01-01", amount: 10, obligation: "SUBS" }])
    ),
    {
      code: "unknown_obligation",
      path: "contracts[0].billings[0].obligation",
      message: 'No obligation "SUBS" in this contract.',
    },
  ],
  [
    "a negative invoice",
    withContract((c) => (c["billings"] = [{ id: "I1", date: "2026-01-01", amount: "-10" }])),
    {
      code: "negative_amount",
      path: "contracts[0].billings[0].amount",
      message: "amount cannot be negative.",
    },
  ],
  [
    "a discount of zero",
    withBilling({ discount: { amount: "0.00", account: "Discounts given" } }),
    {
      code: "not_positive",
      path: "contracts[0].billings[0].discount.amount",
      message: "amount must be greater than zero.",
    },
  ],
  [
    "a discount in fractions of a cent",
    withBilling({ discount: { amount: "12.345", account: "Discounts given" } }),
    {
      code: "too_many_decimals",
      path: "contracts[0].billings[0].discount.amount",
      message: "amount has more than 2 decimals; amounts are in cents.",
    },
  ],
  [
    "a discount without its account",
    withBilling({ discount: { amount: "10.00" } }),
    {
      code: "missing_field",
      path: "contracts[0].billings[0].discount.account",
      message: "account is required.",
    },
  ],
  [
    "a discount with an empty account",
    withBilling({ discount: { amount: "10.00", account: " " } }),
    {
      code: "expected_text",
      path: "contracts[0].billings[0].discount.account",
      message: "account must be non-empty text.",
    },
  ],
  [
    "a discount written as a bare amount",
    withBilling({ discount: "10.00" }),
    {
      code: "expected_object",
      path: "contracts[0].billings[0].discount",
      message: "discount must be a JSON object with named fields.",
    },
  ],
  [
    "a discount with a misspelt field",
    withBilling({ discount: { amount: "10.00", account: "Discounts given", acount: "x" } }),
    {
      code: "unknown_field",
      path: "contracts[0].billings[0].discount.acount",
      message: '"acount" is not a field of a discount; check its spelling.',
    },
  ],
  [
    "a credit's discount of zero",
    withCreditDiscount({ amount: "0.00", account: "Discounts given" }),
    {
      code: "not_positive",
      path: "contracts[0].changes[0].discount.amount",
      message: "amount must be greater than zero.",
    },
  ],
  [
    "a credit's discount without its account",
    withCreditDiscount({ amount: "10.00" }),
    {
      code: "missing_field",
      path: "contracts[0].changes[0].discount.account",
      message: "account is required.",
    },
  ],
  [
    "a credit's discount written as a bare amount",
    withCreditDiscount("10.00"),
    {
      code: "expected_object",
      path: "contracts[0].changes[0].discount",
      message: "discount must be a JSON object with named fields.",
    },
  ],
  [
    "a credit's discount with a misspelt field",
    withCreditDiscount({ amount: "10.00", account: "Discounts given", acount: "x" }),
    {
      code: "unknown_field",
      path: "contracts[0].changes[0].discount.acount",
      message: '"acount" is not a field of a discount; check its spelling.',
    },
  ],
  [
    "a discount on a modify",
    withChange({
      id: "X",
      type: "modify",
      date: "2026-03-01",
      obligation: "SET",
      price: "200.00",
      treatment: "prospective",
      discount: { amount: "10.00", account: "Discounts given" },
    }),
    {
      code: "unknown_field",
      path: "contracts[0].changes[0].discount",
      message: '"discount" is not a field of a modify change; check its spelling.',
    },
  ],
  [
    "an unknown change type",
    withChange({ id: "X", type: "cancel", date: "2026-03-01" }),
    {
      code: "unknown_change_type",
      path: "contracts[0].changes[0].type",
      message: "type must be modify, credit, add, price or estimate.",
    },
  ],
  [
    "an immediate modify",
    withChange({
      id: "X",
      type: "modify",
      date: "2026-03-01",
      obligation: "SUB",
      price: 10,
      treatment: "immediate",
    }),
    {
      code: "invalid_treatment",
      path: "contracts[0].changes[0].treatment",
      message: "treatment must be prospective or catch-up.",
    },
  ],
  [
    "a modify that changes nothing",
    withChange({
      id: "X",
      type: "modify",
      date: "2026-03-01",
      obligation: "SUB",
      treatment: "prospective",
    }),
    {
      code: "empty_modify",
      path: "contracts[0].changes[0]",
      message: "A modify change needs a new price, a new end, or both.",
    },
  ],
  [
    "a credit larger than the price",
    withChange({
      id: "X",
      type: "credit",
      date: "2026-03-01",
      obligation: "SET",
      amount: "300.01",
      treatment: "immediate",
    }),
    {
      code: "credit_too_large",
      path: "contracts[0].changes[0].amount",
      message: "The credit of 300.01 is more than the obligation's price of 300.00 at that date.",
    },
  ],
  [
    "a credit of zero",
    withChange({
      id: "X",
      type: "credit",
      date: "2026-03-01",
      obligation: "SET",
      amount: 0,
      treatment: "immediate",
    }),
    {
      code: "not_positive",
      path: "contracts[0].changes[0].amount",
      message: "amount must be greater than zero.",
    },
  ],
  [
    "a change to an obligation added later",
    withContract(
      (c) =>
        (c["changes"] = [
          {
            id: "X1",
            type: "credit",
            date: "2026-03-01",
            obligation: "NEW",
            amount: 1,
            treatment: "immediate",
          },
          {
            id: "X2",
            type: "add",
            date: "2026-04-01",
            obligation: { id: "NEW", price: 10, method: "point-in-time", start: "2026-04-01" },
          },
        ])
    ),
    {
      code: "unknown_obligation",
      path: "contracts[0].changes[0].obligation",
      message: 'Obligation "NEW" is only added on 2026-04-01, after this date.',
    },
  ],
  [
    "a new end on a point-in-time obligation",
    withChange({
      id: "X",
      type: "modify",
      date: "2026-03-01",
      obligation: "SET",
      end: "2026-06-30",
      treatment: "catch-up",
    }),
    {
      code: "end_not_for_method",
      path: "contracts[0].changes[0].end",
      message: "end cannot be changed on a point-in-time obligation; it has no service period.",
    },
  ],
  [
    "an added obligation with a bad start",
    withChange({
      id: "X",
      type: "add",
      date: "2026-03-01",
      obligation: { id: "NEW", price: 10, method: "point-in-time", start: "2026-3-1" },
    }),
    {
      code: "invalid_date",
      path: "contracts[0].changes[0].obligation.start",
      message: "start must be a real calendar date written YYYY-MM-DD, e.g. 2026-01-31.",
    },
  ],
  [
    "a change id used twice",
    withContract(
      (c) =>
        (c["changes"] = [
          {
            id: "X",
            type: "modify",
            date: "2026-03-01",
            obligation: "SUB",
            price: 10,
            treatment: "prospective",
          },
          {
            id: "X",
            type: "modify",
            date: "2026-04-01",
            obligation: "SUB",
            price: 20,
            treatment: "prospective",
          },
        ])
    ),
    {
      code: "duplicate_id",
      path: "contracts[0].changes[1].id",
      message: 'Change id "X" is used more than once.',
    },
  ],
  [
    "a change without type",
    withChange({ id: "X", date: "2026-03-01" }),
    { code: "missing_field", path: "contracts[0].changes[0].type", message: "type is required." },
  ],
  [
    "an obligation id that is a number",
    withObligation({ id: 7 }, 1),
    {
      code: "expected_text",
      path: "contracts[0].obligations[1].id",
      message: "id must be non-empty text.",
    },
  ],
];

describe("bad books", () => {
  it("covers at least 25 kinds of problem", () => {
    expect(new Set(cases.map(([, , issue]) => issue.code)).size).toBeGreaterThanOrEqual(25);
  });

  it("accepts the valid base book", () => {
    expect(parseBook(validBook()).ok).toBe(true);
  });

  it("accepts an unused end before the start (point-in-time, progress, manual) but not a malformed one", () => {
    const unused = {
      "point-in-time": {},
      progress: { progress: [{ date: "2026-01-20", percent: 100 }] },
      manual: { manual: [{ period: "2026-01", amount: 300 }] },
    };
    for (const [method, fields] of Object.entries(unused)) {
      const book = withObligation({ method, end: "2025-01-01", ...fields }, 1);
      expect([method, parseBook(book).ok]).toEqual([method, true]);
    }
    const malformed = parseBook(withObligation({ end: "2025-02-30" }, 1));
    expect(malformed.ok ? [] : malformed.issues.map((i) => i.code)).toEqual(["invalid_date"]);
  });

  it.each(cases)("%s", (_, book, issue) => {
    const result = parseBook(book);
    expect(result).toEqual({ ok: false, issues: [issue] });
  });

  it("lists every problem at once", () => {
    const book = withContract((c, o) => {
      Object.assign(o[0] ?? {}, { price: "abc", start: "2026-02-30" });
      c["billings"] = [{ id: "I1", date: "soon", amount: 1 }];
    });
    const result = parseBook(book);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([
      `${P}.price`,
      `${P}.start`,
      "contracts[0].billings[0].date",
    ]);
  });
});

describe("a book too large to keep exact to the cent", () => {
  // Cents are held in doubles, exact up to 2^53 (Number.MAX_SAFE_INTEGER): about 90 trillion. Each
  // amount may be up to 10^12, so 91 of them at the limit could add up past it.
  const book = (count: number): Json => ({
    currency: "USD",
    contracts: [
      {
        id: "C1",
        customer: "Acme",
        obligations: Array.from({ length: count }, (_, k) => ({
          id: `O${k}`,
          price: "999999999999.99",
          method: "point-in-time",
          start: "2026-01-01",
        })),
      },
    ],
  });

  it("is refused where its amounts, added without sign, pass Number.MAX_SAFE_INTEGER cents", () => {
    expect(parseBook(book(91))).toEqual({
      ok: false,
      issues: [
        {
          code: "book_too_large",
          path: "contracts[0].obligations[90].price",
          message:
            "price brings the book's amounts, added without sign, past 90,071,992,547,409.91; totals that large cannot be kept exact to the cent, so split the book.",
        },
      ],
    });
  });

  it("is accepted up to that limit, and sums exactly", () => {
    const result = parseBook(book(90));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const total = result.value.contracts[0]?.obligations.reduce((s, o) => s + o.allocated, 0);
    expect(total).toBe(90 * 99_999_999_999_999);
    expect(Number.isSafeInteger(total)).toBe(true);
  });
});

describe("independent problems are all listed in one pass", () => {
  const codes = (book: unknown): [string, string][] => {
    const result = parseBook(book);
    return result.ok ? [] : result.issues.map((i) => [i.path, i.code]);
  };
  const credit = (amount: string | number, extra: Json = {}): Json => ({
    id: "CM",
    type: "credit",
    date: "2026-06-01",
    obligation: "SUB",
    amount,
    treatment: "immediate",
    ...extra,
  });

  it("a contract id used twice, both contracts having problems of their own", () => {
    const book = validBook();
    const contracts = book["contracts"] as Json[];
    const copy = JSON.parse(JSON.stringify(contracts[0])) as Json;
    Object.assign((copy["obligations"] as Json[])[0] ?? {}, { id: "SUB2" });
    Object.assign((copy["obligations"] as Json[])[1] ?? {}, { id: "SET2" });
    copy["billings"] = [];
    Object.assign((contracts[0]?.["obligations"] as Json[])[0] ?? {}, { price: "abc" });
    Object.assign((copy["obligations"] as Json[])[1] ?? {}, { start: "2026-02-30" });
    contracts.push(copy);
    expect(codes(book)).toEqual([
      [`${P}.price`, "invalid_amount"],
      ["contracts[1].obligations[1].start", "invalid_date"],
      ["contracts[1].id", "duplicate_id"],
    ]);
  });

  it("a change id used twice, one of the changes having a problem of its own", () => {
    const book = withContract((c) => {
      c["changes"] = [
        { id: "X", type: "modify", date: "2026-03-01", obligation: "SUB", price: 10 },
        { id: "X", type: "credit", date: "2026-04-01", obligation: "SUB", amount: 5 },
      ];
    });
    expect(codes(book)).toEqual([
      ["contracts[0].changes[0].treatment", "missing_field"],
      ["contracts[0].changes[1].treatment", "missing_field"],
      ["contracts[0].changes[1].id", "duplicate_id"],
    ]);
  });

  it("a missing ssp beside an obligation with another problem", () => {
    const book = withObligation({ ssp: "1000", start: "soon" });
    expect(codes(book)).toEqual([
      [`${P}.start`, "invalid_date"],
      ["contracts[0].obligations[1].ssp", "ssp_incomplete"],
    ]);
  });

  it("manual amounts off their allocated amount beside an obligation with another problem", () => {
    const manual = { method: "manual", manual: [{ period: "2026-01", amount: 250 }] };
    // Without SSPs the allocated amount is the price (300.00).
    const plain = withContract((_, o) => {
      Object.assign(o[0] ?? {}, { start: "soon" });
      Object.assign(o[1] ?? {}, manual);
    });
    expect(codes(plain)).toEqual([
      [`${P}.start`, "invalid_date"],
      ["contracts[0].obligations[1].manual", "manual_total"],
    ]);
    // With SSPs 1:1 the allocation of 1,500.00 is still known (750.00 each): the sibling's price and ssp are readable.
    const allocated = withContract((_, o) => {
      Object.assign(o[0] ?? {}, { start: "soon", ssp: 1 });
      Object.assign(o[1] ?? {}, manual, { ssp: 1 });
    });
    const result = parseBook(allocated);
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({ path: `${P}.start`, code: "invalid_date" }),
      {
        path: "contracts[0].obligations[1].manual",
        code: "manual_total",
        message: "manual amounts sum to 250.00 but the obligation's allocated amount is 750.00.",
      },
    ]);
  });

  it("a credit larger than the price beside an obligation and a billing with problems", () => {
    const book = withContract((c, o) => {
      Object.assign(o[1] ?? {}, { start: "soon" });
      c["billings"] = [{ id: "I1", date: "2026-01-01", amount: "-1" }];
      c["changes"] = [credit(5000)];
    });
    expect(codes(book)).toEqual([
      ["contracts[0].obligations[1].start", "invalid_date"],
      ["contracts[0].billings[0].amount", "negative_amount"],
      ["contracts[0].changes[0].amount", "credit_too_large"],
    ]);
  });

  it("no credit_too_large when the price at that date cannot be known", () => {
    // With SSPs and the sibling's price unreadable, SUB's allocated amount is unknown.
    const unallocated = withContract((c, o) => {
      Object.assign(o[0] ?? {}, { ssp: 1 });
      Object.assign(o[1] ?? {}, { ssp: 1, price: "lots" });
      c["changes"] = [credit(1300)];
    });
    expect(codes(unallocated)).toEqual([["contracts[0].obligations[1].price", "invalid_amount"]]);
    // An earlier modify of SUB that has a problem may have raised its price.
    const modified = withContract((c) => {
      c["changes"] = [
        { id: "M", type: "modify", date: "2026-03-01", obligation: "SUB", price: 5000 },
        credit(2000),
      ];
    });
    expect(codes(modified)).toEqual([["contracts[0].changes[0].treatment", "missing_field"]]);
  });

  it("credit_too_large beside changes with problems that cannot have raised the price enough", () => {
    // A modify to 1,000.00 and a credit, both with problems: the 2,000.00 credit is too large either way.
    const book = withContract((c) => {
      c["changes"] = [
        { id: "M", type: "modify", date: "2026-13-01", obligation: "SUB", price: 1000 },
        { id: "C", type: "credit", date: "2026-03-01", obligation: "SUB", amount: -5 },
        credit(2000),
      ];
    });
    expect(codes(book)).toEqual([
      ["contracts[0].changes[0].date", "invalid_date"],
      ["contracts[0].changes[0].treatment", "missing_field"],
      ["contracts[0].changes[1].treatment", "missing_field"],
      ["contracts[0].changes[1].amount", "not_positive"],
      ["contracts[0].changes[2].amount", "credit_too_large"],
    ]);
  });
});

describe("bad accounts files", () => {
  const valid = {
    revenue: "Revenue",
    deferredRevenue: "Deferred Revenue",
    contractAsset: "Contract Asset",
    billingsPostTo: "deferred",
  };

  it("accepts a file without revenueByItem or billingsPostToByItem", () => {
    expect(parseAccounts(valid)).toEqual({
      ok: true,
      value: { ...valid, revenueByItem: {}, billingsPostToByItem: {} },
    });
  });

  it("reads where each item's invoices post", () => {
    const raw = { ...valid, billingsPostToByItem: { Training: "revenue", Support: "deferred" } };
    expect(parseAccounts(raw)).toEqual({
      ok: true,
      value: { ...raw, revenueByItem: {} },
    });
  });

  it.each<[string, unknown, Issue]>([
    [
      "an unknown billingsPostTo",
      { ...valid, billingsPostTo: "income" },
      {
        code: "invalid_billings_post_to",
        path: "billingsPostTo",
        message:
          'billingsPostTo must be "deferred" (invoices credit the deferred revenue account, the QBO setup for items with a deferred income account) or "revenue" (invoices credit revenue).',
      },
    ],
    [
      "no deferred revenue account",
      { ...valid, deferredRevenue: undefined },
      { code: "missing_field", path: "deferredRevenue", message: "deferredRevenue is required." },
    ],
    [
      "an item mapped to a number",
      { ...valid, revenueByItem: { Setup: 4000 } },
      {
        code: "expected_text",
        path: "revenueByItem.Setup",
        message: "Setup must be non-empty text.",
      },
    ],
    [
      "an item posting to an unknown place",
      { ...valid, billingsPostToByItem: { Training: "income" } },
      {
        code: "invalid_billings_post_to",
        path: "billingsPostToByItem.Training",
        message:
          'Training must be "deferred" (its invoices credit the deferred revenue account) or "revenue" (its invoices credit revenue).',
      },
    ],
    [
      "per-item settings as a list",
      { ...valid, billingsPostToByItem: [["Training", "revenue"]] },
      {
        code: "expected_object",
        path: "billingsPostToByItem",
        message: "billingsPostToByItem must be a JSON object with named fields.",
      },
    ],
    [
      "a misspelt billingsPostToByItem",
      { ...valid, billingsPostToItem: { Training: "revenue" } },
      {
        code: "unknown_field",
        path: "billingsPostToItem",
        message: '"billingsPostToItem" is not a field of an accounts file; check its spelling.',
      },
    ],
    [
      "a list instead of an object",
      [valid],
      {
        code: "expected_object",
        path: "",
        message: "The accounts file must be a JSON object with named fields.",
      },
    ],
  ])("%s", (_, raw, issue) => {
    expect(parseAccounts(raw)).toEqual({ ok: false, issues: [issue] });
  });
});
