// Every message a user can get about a book, in one place, so wording stays plain and consistent.
// `field` is the last segment of the path (e.g. "start", "price").

export const MESSAGES = {
  expectedObject: (what: string) => `${what} must be a JSON object with named fields.`,
  expectedList: (field: string) => `${field} must be a list.`,
  missingField: (field: string) => `${field} is required.`,
  expectedText: (field: string) => `${field} must be non-empty text.`,
  unknownField: (field: string, what: string) =>
    `"${field}" is not a field of ${what}; check its spelling.`,
  invalidCurrency: "currency must be a three-letter ISO 4217 code such as USD.",
  duplicateId: (what: string, id: string) => `${what} id "${id}" is used more than once.`,
  noObligations: "A contract needs at least one obligation.",
  invalidAmount: (field: string) =>
    `${field} must be an amount written as a number or decimal text, e.g. 1200 or "1200.50".`,
  tooManyDecimals: (field: string) => `${field} has more than 2 decimals; amounts are in cents.`,
  amountTooLarge: (field: string) => `${field} is larger than 1,000,000,000,000.`,
  bookTooLarge: (field: string) =>
    `${field} brings the book's amounts, added without sign, past 90,071,992,547,409.91; totals that large cannot be kept exact to the cent, so split the book.`,
  negativeAmount: (field: string) => `${field} cannot be negative.`,
  notPositive: (field: string) => `${field} must be greater than zero.`,
  invalidSsp: "ssp must be a positive number with at most 6 decimals.",
  residualTwice: (first: string) =>
    `ssp "residual" is already on obligation "${first}"; a contract can use the residual approach for one obligation only.`,
  residualNotPositive: (residual: string, available: string, others: string) =>
    `ssp "residual" would leave this obligation ${residual} (${available} less the other obligations' ssp of ${others}); the residual approach fits only when something is left, so give this obligation an ssp.`,
  emptyGroup: "A discount group needs at least one obligation.",
  groupNeedsSsp: (id: string) =>
    `Obligation "${id}" has no ssp; a discount group splits its price by relative ssp, so give every obligation of the contract an ssp.`,
  residualInGroup: (id: string) =>
    `Obligation "${id}" takes the residual and cannot also be in a discount group; the residual is what the groups and the other obligations leave.`,
  inTwoGroups: (id: string, group: string) =>
    `Obligation "${id}" is already in discount group "${group}"; an obligation shares one discount only.`,
  groupsExceedPrice: (groups: string, total: string) =>
    `The discount groups' prices add up to ${groups}, more than the contract's price of ${total}; the obligations outside them would get less than nothing.`,
  groupsOffPrice: (groups: string, total: string) =>
    `The discount groups' prices add up to ${groups} but the contract's price is ${total}; with every obligation in a group they must be equal.`,
  sspIncomplete: (have: number, of: number) =>
    `ssp is missing here but given for ${have} of the contract's ${of} obligations; give an ssp for every obligation or for none.`,
  unknownMethod:
    "method must be one of daily, monthly, monthly-prorated, monthly-from-start, point-in-time, progress, manual.",
  missingMonths:
    "months is required for the monthly-from-start method: the number of monthly shares, e.g. 12.",
  monthsNotWhole: "months must be a whole number of months, e.g. 12.",
  monthsNotPositive: "months must be at least 1.",
  monthsPastRange: "months takes the service past 2199-12, the last month the engine knows.",
  invalidDate: (field: string) =>
    `${field} must be a real calendar date written YYYY-MM-DD, e.g. 2026-01-31.`,
  dateOutOfRange: (field: string) => `${field} must be between 1900-01-01 and 2199-12-31.`,
  missingEnd: (method: string) => `end is required for the ${method} method.`,
  endBeforeStart: (end: string, start: string) => `end (${end}) is before start (${start}).`,
  missingProgress: "progress is required for the progress method: a list of { date, percent }.",
  invalidPercent: "percent must be a number from 0 to 100 with at most 4 decimals.",
  progressOrder: (date: string, previous: string) =>
    `progress dates must increase; ${date} does not come after ${previous}.`,
  missingManual: "manual is required for the manual method: a list of { period, amount }.",
  invalidPeriod: (field: string) => `${field} must be a month written YYYY-MM, e.g. 2026-03.`,
  duplicatePeriod: (period: string) => `period ${period} appears more than once.`,
  manualTotal: (sum: string, allocated: string) =>
    `manual amounts sum to ${sum} but the obligation's allocated amount is ${allocated}.`,
  fieldNotForMethod: (field: string, method: string) =>
    `${field} applies only to the ${method} method.`,
  unknownObligation: (id: string) => `No obligation "${id}" in this contract.`,
  obligationNotYetAdded: (id: string, added: string) =>
    `Obligation "${id}" is only added on ${added}, after this date.`,
  unknownChangeType: "type must be modify, credit, add, price or estimate.",
  unknownEstimateMethod: "method must be expected-value or most-likely.",
  noOutcomes:
    "outcomes needs at least one { amount, probability }: the amounts the variable consideration may come to.",
  negativeOutcome:
    "An outcome's amount cannot be negative; a price concession expected from the start belongs in the obligations' prices.",
  invalidProbability:
    "probability must be a number from 0 to 1 with at most 6 decimals, e.g. 0.25.",
  probabilitiesNotOne: (sum: string) =>
    `The outcomes' probabilities add up to ${sum}; they must add up to exactly 1.`,
  mostLikelyTie: (which: string, probability: string) =>
    `Outcomes ${which} are equally likely (${probability} each); the most likely amount needs one outcome more likely than the others, so use "expected-value" or revisit the probabilities.`,
  unknownVariable: (id: string) => `No variable consideration "${id}" in this contract.`,
  estimateBeforeInception: (date: string, inception: string) =>
    `The re-estimate is dated ${date}, before the contract's inception on ${inception}; the estimate at inception is the variable consideration's own outcomes.`,
  invalidTreatment: (allowed: string) => `treatment must be ${allowed}.`,
  emptyModify: "A modify change needs a new price, a new end, or both.",
  creditTooLarge: (amount: string, price: string) =>
    `The credit of ${amount} is more than the obligation's price of ${price} at that date.`,
  endNotForMethod: (method: string) =>
    `end cannot be changed on a ${method} obligation; it has no service period.`,
  priceBelowCredits: (price: string, taken: string) =>
    `The price of ${price} is less than the ${taken} that credit memos and price changes have already taken off this obligation; a modify's price is before them, and they stay applied.`,
  expectedBoolean: (field: string) => `${field} must be true or false.`,
  remainingNeedsReallocate:
    'remainingSsp applies only to an add with "reallocate": true, which pools the remaining consideration.',
  reallocateNeedsSsp:
    'An add with "reallocate": true splits the pooled consideration by relative SSP, so its obligation needs an ssp (a number).',
  zeroPriceChange: "amount must not be zero; a price change moves the contract's price up or down.",
  priceChangeTooLarge: (amount: string, id: string, share: string, price: string) =>
    `The price change of ${amount} would take obligation "${id}" below zero: its share is ${share} and its price at that date ${price}.`,
  immediateNotSatisfied: (amount: string, recognized: string, period: string) =>
    `An immediate credit of ${amount} is more than the ${recognized} the obligation has recognized by the end of ${period}; the part not yet satisfied cannot be reversed at once, so use "treatment": "catch-up".`,
} as const;
