// The validated book: what parseBook returns and buildSchedule consumes. Amounts are cents,
// dates are Day/Month integers; docs/book.md describes the JSON these come from.
import type { Day, Month } from "../calendar";
import type { Cents } from "../money";

export type Method =
  | "daily"
  | "monthly"
  | "monthly-prorated"
  | "monthly-from-start"
  | "point-in-time"
  | "progress"
  | "manual";

export const METHODS: readonly Method[] = [
  "daily",
  "monthly",
  "monthly-prorated",
  "monthly-from-start",
  "point-in-time",
  "progress",
  "manual",
];

/** Completion is held in parts per million: 100% = 1,000,000 (percent with up to 4 decimals). */
export const FULL_PROGRESS = 1_000_000;

export interface ProgressPoint {
  date: Day;
  /** Cumulative completion as of `date`, in parts per million. */
  ppm: number;
}

export interface ManualAmount {
  period: Month;
  amount: Cents;
}

export interface Obligation {
  id: string;
  item?: string;
  class?: string;
  /** The price as written. */
  price: Cents;
  /** Standalone selling price as a normalized decimal string, when given. */
  ssp?: string;
  /** The price after relative-SSP allocation (equal to `price` without SSPs). */
  allocated: Cents;
  method: Method;
  start: Day;
  /** monthly-from-start: the last day of its last month, from `months` (QuickBooks' "N months from the start's month"). */
  end?: Day;
  /** monthly-from-start: the number of equal monthly shares, the first in the start date's month. */
  months?: number;
  progress?: ProgressPoint[];
  manual?: ManualAmount[];
}

/**
 * A discount on an invoice line: QBO credited the line's income account (deferred revenue or revenue) with the gross
 * amount and debited `account` with `amount`; the billing's own amount is net of it. On a credit memo line it is the
 * mirror: QBO debited the income account with the gross and credited `account`; the credit's amount is net of it.
 */
export interface Discount {
  /** Positive. */
  amount: Cents;
  /** The account QBO debited for the discount (DiscountAccountRef). */
  account: string;
}

export interface Billing {
  id: string;
  date: Day;
  /** Net of any discount: what the customer is charged (the transaction price billed). */
  amount: Cents;
  obligation?: string;
  discount?: Discount;
}

export type Treatment = "prospective" | "catch-up";

export interface ModifyChange {
  id: string;
  type: "modify";
  date: Day;
  obligation: string;
  price?: Cents;
  end?: Day;
  treatment: Treatment;
}

export interface CreditChange {
  id: string;
  type: "credit";
  date: Day;
  amount: Cents;
  obligation: string;
  treatment: Treatment | "immediate";
  /**
   * The item QBO posted the credit memo under, when it is not the obligation's: it decides where the credit memo
   * was posted (billingsPostToByItem) and, when to revenue, which revenue account it debited.
   */
  item?: string;
  /** The credit memo line's discount; `amount` is net of it (QBO debited the income account with the gross). */
  discount?: Discount;
}

export interface AddChange {
  id: string;
  type: "add";
  date: Day;
  obligation: Obligation;
  /**
   * A termination of the old contract and the creation of a new one (ASC 606-10-25-13(a)): the consideration not
   * yet recognized plus the added obligation's price are pooled and allocated over the remaining obligations and
   * the added one by relative SSP.
   */
  reallocate?: true;
  /** With `reallocate`: SSPs of the remaining part of existing obligations, by id (default what is unrecognized). */
  remainingSsp?: Record<string, string>;
}

/**
 * A change in the contract's transaction price after inception (ASC 606-10-32-42 to 32-45): allocated to the
 * contract's own obligations on the inception basis and caught up on each, so the share of what is satisfied is
 * recognized at once.
 */
export interface PriceChange {
  id: string;
  type: "price";
  date: Day;
  /** Signed, not zero. */
  amount: Cents;
}

/** A possible amount of variable consideration and how likely it is. */
export interface Outcome {
  /** Not negative. */
  amount: Cents;
  /** In parts per million: 1 = 1,000,000; the outcomes of an estimate sum to exactly 1. */
  probability: number;
}

export type EstimateMethod = "expected-value" | "most-likely";

/**
 * Variable consideration (ASC 606-10-32-5 to 32-14): an estimate of an amount the contract may pay on top of its
 * prices, by the expected value or the most likely amount of `outcomes`, included up to `constraint` (the amount
 * it is highly probable will not reverse). Allocated to `obligation` alone when given (32-40), else on the
 * contract's inception basis.
 */
export interface VariableConsideration {
  id: string;
  method: EstimateMethod;
  outcomes: Outcome[];
  constraint?: Cents;
  obligation?: string;
}

/** A re-estimate of variable consideration: new outcomes and constraint, caught up on its obligations (32-42). */
export interface EstimateChange {
  id: string;
  type: "estimate";
  date: Day;
  /** The id of the contract's variable consideration. */
  variable: string;
  outcomes: Outcome[];
  /** Default none: the whole estimate is included. */
  constraint?: Cents;
}

export type Change = ModifyChange | CreditChange | AddChange | PriceChange | EstimateChange;

/**
 * Obligations sold together at an observable price (ASC 606-10-32-37): they are allocated `price` by relative SSP,
 * so the contract's discount falls within them only.
 */
export interface DiscountGroup {
  id: string;
  /** Ids of the contract's own obligations. */
  obligations: string[];
  price: Cents;
}

export interface Contract {
  id: string;
  customer: string;
  obligations: Obligation[];
  /** Default none: the contract's discount is shared by all its obligations. */
  discountGroups?: DiscountGroup[];
  /** Default none. */
  variableConsideration?: VariableConsideration[];
  billings: Billing[];
  /** In effective-date order (stable for equal dates). */
  changes: Change[];
}

export interface Book {
  currency: string;
  contracts: Contract[];
  /**
   * The first month RevRec posts entries for; recognition before it was booked elsewhere (docs/book.md, "Go-live").
   * Absent: every month from the first activity.
   */
  goLive?: Month;
}
