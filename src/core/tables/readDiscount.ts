import type { DiscountJson } from "./book";
import { parseAmount } from "../money";
import type { RowReader } from "./rowReader";

/**
 * A row's Discount and Discount Account (RevRecBillings, and credit rows of RevRecChanges). A Discount of 0 with no
 * account is no discount; otherwise parseBook checks both parts.
 */
export function readDiscount(r: RowReader): DiscountJson | undefined {
  const amount = r.amount("Discount");
  const account = r.text("Discount Account") || undefined;
  if ((amount === undefined || parseAmount(amount) === 0) && account === undefined)
    return undefined;
  const discount: DiscountJson = {};
  if (amount !== undefined) discount.amount = amount;
  if (account !== undefined) discount.account = account;
  return discount;
}
