// Bad input for variable consideration and its re-estimates: each problem with the exact code, path and plain
// message a user gets back, in the style of badInput.test.ts.
import { buildSchedule, parseBook, parseMonth, type Issue } from "../../src/core";

type Json = Record<string, unknown>;

const outcome = (amount: unknown, probability: unknown): Json => ({ amount, probability });
const BONUS: Json = {
  id: "BONUS",
  method: "most-likely",
  outcomes: [outcome("150", "0.7"), outcome("0", "0.3")],
};

/** A subscription of 1,200.00 over 2026 and a setup of 300.00 delivered 2026-01-15, with a bonus and changes. */
function bookWith(variable: Json[], changes: Json[] = []): Json {
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
        variableConsideration: variable,
        changes,
      },
    ],
  };
}

const estimate = (fields: Json): Json => ({
  id: "RE",
  type: "estimate",
  date: "2026-06-01",
  variable: "BONUS",
  outcomes: [outcome("150", "0.2"), outcome("0", "0.8")],
  ...fields,
});

const V = "contracts[0].variableConsideration[0]";
const E = "contracts[0].changes[0]";

const cases: [string, unknown, Issue][] = [
  [
    "probabilities that do not sum to 1",
    bookWith([{ ...BONUS, outcomes: [outcome("150", "0.7"), outcome("0", "0.2")] }]),
    {
      code: "probabilities_not_one",
      path: `${V}.outcomes`,
      message: "The outcomes' probabilities add up to 0.9; they must add up to exactly 1.",
    },
  ],
  [
    "a negative outcome",
    bookWith([{ ...BONUS, outcomes: [outcome("-150", "0.7"), outcome("0", "0.3")] }]),
    {
      code: "negative_amount",
      path: `${V}.outcomes[0].amount`,
      message:
        "An outcome's amount cannot be negative; a price concession expected from the start belongs in the obligations' prices.",
    },
  ],
  [
    "a probability above 1",
    bookWith([{ ...BONUS, outcomes: [outcome("150", "1.5")] }]),
    {
      code: "invalid_probability",
      path: `${V}.outcomes[0].probability`,
      message: "probability must be a number from 0 to 1 with at most 6 decimals, e.g. 0.25.",
    },
  ],
  [
    "no outcomes",
    bookWith([{ ...BONUS, outcomes: [] }]),
    {
      code: "no_outcomes",
      path: `${V}.outcomes`,
      message:
        "outcomes needs at least one { amount, probability }: the amounts the variable consideration may come to.",
    },
  ],
  [
    "an unknown method",
    bookWith([{ ...BONUS, method: "average" }]),
    {
      code: "unknown_estimate_method",
      path: `${V}.method`,
      message: "method must be expected-value or most-likely.",
    },
  ],
  [
    "a most likely amount with two equally likely outcomes",
    bookWith([{ ...BONUS, outcomes: [outcome("150", "0.5"), outcome("0", "0.5")] }]),
    {
      code: "most_likely_tie",
      path: `${V}.outcomes`,
      message:
        'Outcomes 1 and 2 are equally likely (0.5 each); the most likely amount needs one outcome more likely than the others, so use "expected-value" or revisit the probabilities.',
    },
  ],
  [
    "an unknown obligation",
    bookWith([{ ...BONUS, obligation: "NOPE" }]),
    {
      code: "unknown_obligation",
      path: `${V}.obligation`,
      message: 'No obligation "NOPE" in this contract.',
    },
  ],
  [
    "a negative constraint",
    bookWith([{ ...BONUS, constraint: "-1" }]),
    {
      code: "negative_amount",
      path: `${V}.constraint`,
      message: "constraint cannot be negative.",
    },
  ],
  [
    "a misspelt field",
    bookWith([{ ...BONUS, obligaton: "SUB" }]),
    {
      code: "unknown_field",
      path: `${V}.obligaton`,
      message: '"obligaton" is not a field of a variable consideration; check its spelling.',
    },
  ],
  [
    "a re-estimate of an unknown variable consideration",
    bookWith([BONUS], [estimate({ variable: "PENALTY" })]),
    {
      code: "unknown_variable",
      path: `${E}.variable`,
      message: 'No variable consideration "PENALTY" in this contract.',
    },
  ],
  [
    "a re-estimate before inception",
    bookWith([BONUS], [estimate({ date: "2025-12-31" })]),
    {
      code: "estimate_before_inception",
      path: `${E}.date`,
      message:
        "The re-estimate is dated 2025-12-31, before the contract's inception on 2026-01-01; the estimate at inception is the variable consideration's own outcomes.",
    },
  ],
  [
    "a re-estimate whose probabilities do not sum to 1",
    bookWith([BONUS], [estimate({ outcomes: [outcome("150", "0.25"), outcome("0", "0.8")] })]),
    {
      code: "probabilities_not_one",
      path: `${E}.outcomes`,
      message: "The outcomes' probabilities add up to 1.05; they must add up to exactly 1.",
    },
  ],
  [
    "a most-likely re-estimate with a tie",
    bookWith([BONUS], [estimate({ outcomes: [outcome("150", "0.5"), outcome("0", "0.5")] })]),
    {
      code: "most_likely_tie",
      path: `${E}.outcomes`,
      message:
        'Outcomes 1 and 2 are equally likely (0.5 each); the most likely amount needs one outcome more likely than the others, so use "expected-value" or revisit the probabilities.',
    },
  ],
];

describe("variable consideration: bad input", () => {
  test.each(cases)("%s", (_, book, issue) => {
    const result = parseBook(book);
    expect(result.ok ? [] : result.issues).toEqual([issue]);
  });
});

describe("variable consideration: what it adds to the price", () => {
  const allocated = (book: unknown): Record<string, string> => {
    const parsed = parseBook(book);
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "));
    const out: Record<string, string> = {};
    for (const o of buildSchedule(parsed.value).contracts[0]?.obligations ?? [])
      out[o.id] = (o.allocated / 100).toFixed(2);
    return out;
  };

  test("an expected value is rounded half away from zero to the cent", () => {
    // 100.01 x 0.5 = 50.005 -> 50.01, on the inception basis 1,200 : 300 -> 40.01 and 10.00.
    const book = bookWith([
      {
        id: "EV",
        method: "expected-value",
        outcomes: [outcome("100.01", "0.5"), outcome("0", "0.5")],
      },
    ]);
    expect(allocated(book)).toEqual({ SUB: "1240.01", SET: "310.00" });
  });

  test("the constraint caps the estimate; tied to one obligation it goes there alone (32-40)", () => {
    expect(allocated(bookWith([{ ...BONUS, constraint: "100", obligation: "SET" }]))).toEqual({
      SUB: "1200.00",
      SET: "400.00",
    });
  });

  test("a re-estimate changes the price by the difference, and only from its month", () => {
    const parsed = parseBook(bookWith([{ ...BONUS, obligation: "SUB" }], [estimate({})]));
    if (!parsed.ok) throw new Error("invalid");
    const sub = buildSchedule(parsed.value).obligation("SUB");
    const may = parseMonth("2026-05") ?? 0;
    // 1,350 a year (112.50 a month) to May; from June 1,200: 6 x 100 - 5 x 112.50 = 37.50 in June.
    expect(sub?.allocated).toBe(120000);
    expect(sub?.revenue(may, may)).toBe(11250);
    expect(sub?.revenue(may + 1, may + 1)).toBe(3750);
  });
});
