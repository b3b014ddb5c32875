import type { Method } from "../book/model";
import type { Month } from "../calendar";
import type { Cents } from "../money";

export interface ObligationSchedule {
  readonly id: string;
  readonly contract: string;
  readonly item?: string;
  readonly class?: string;
  /** How it recognizes (its timing of transfer for disclosures). */
  readonly method: Method;
  /** After allocation and all changes; what the schedule sums to once complete. */
  readonly allocated: Cents;
  /** Recognized in the inclusive range of months. */
  revenue(from: Month, to: Month): Cents;
  /** Recognized to date at the end of m. */
  cumulative(m: Month): Cents;
  /** First and last months in which the schedule can move. */
  readonly first: Month;
  readonly last: Month;
}

/** One invoice (positive) or credit memo (negative) as it affects billed amounts. */
export interface BilledAmount {
  readonly month: Month;
  readonly amount: Cents;
  /** The obligation the invoice line or credit memo is for, when known. */
  readonly obligation?: string;
  /** The item QBO posted the document under, when it is not the obligation's (a credit memo's own item). */
  readonly item?: string;
  /**
   * The document's discount, signed like `amount` (positive on an invoice, negative on a credit memo): QBO posted the
   * gross, amount + discount.amount, to the income account and debited discount.account with discount.amount (so a
   * credit memo's discount was credited to it).
   */
  readonly discount?: { readonly amount: Cents; readonly account: string };
}

export interface ContractSchedule {
  readonly id: string;
  readonly customer: string;
  readonly obligations: readonly ObligationSchedule[];
  readonly allocated: Cents;
  revenue(from: Month, to: Month): Cents;
  cumulative(m: Month): Cents;
  /** Invoices less credit memos dated in the range. */
  billed(from: Month, to: Month): Cents;
  /** Contract liability at the end of m: max(max(billed to date, 0) − recognized to date, 0). */
  deferred(m: Month): Cents;
  /** Contract asset at the end of m: max(recognized to date − max(billed to date, 0), 0). */
  unbilled(m: Month): Cents;
  /**
   * Refund liability (customer credit, ASC 606-10-32-10) at the end of m: credits to date beyond the invoices to
   * date, max(−billed to date, 0). deferred − unbilled − refund = billed − recognized to date.
   */
  refund(m: Month): Cents;
  /** Invoices and credit memos in date order (credit memos negative). */
  readonly billingLines: readonly BilledAmount[];
  /** Months with any activity (revenue or billing). */
  readonly first: Month;
  readonly last: Month;
}

export interface Schedule {
  readonly currency: string;
  /** In book order. */
  readonly contracts: readonly ContractSchedule[];
  contract(id: string): ContractSchedule | undefined;
  /** Obligation ids are unique in a book. */
  obligation(id: string): ObligationSchedule | undefined;
}
