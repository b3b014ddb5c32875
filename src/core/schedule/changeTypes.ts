// The changes an obligation's plan applies (planChanges derives them from the book's changes).
import type { Change } from "../book/model";
import type { Cents } from "../money";

/** One obligation's part of a contract-level price change, caught up on that obligation. */
export interface PriceShare {
  id: string;
  type: "share";
  date: number;
  obligation: string;
  amount: Cents;
  /** Variable consideration included from inception (not a change): part of the obligation's first price. */
  inception?: true;
}

/** A remaining obligation's new price after a pooling add (25-13(a)), applied prospectively. */
export interface Reprice {
  id: string;
  type: "reprice";
  date: number;
  obligation: string;
  price: Cents;
}

export type PlanChange = Exclude<Change, { type: "price" | "estimate" }> | PriceShare | Reprice;
