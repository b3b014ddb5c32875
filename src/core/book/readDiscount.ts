// Reads the optional discount of a billing or a credit change (docs/book.md, "Billings" and "credit").
import { join, type Fields, type Reader } from "./fields";
import type { Discount } from "./model";

const DISCOUNT_FIELDS = ["amount", "account"];

/** The optional `discount` of `fields` at `at`: undefined when absent, null when it has a problem (reported). */
export function readDiscount(r: Reader, fields: Fields, at: string): Discount | undefined | null {
  const raw = fields["discount"];
  if (raw === undefined) return undefined;
  const path = join(at, "discount");
  const discount = r.object(raw, path, "discount");
  if (discount === undefined) return null;
  r.onlyFields(discount, DISCOUNT_FIELDS, path, "a discount");
  const amount = r.amount(discount, "amount", path, "positive");
  const account = r.text(discount, "account", path, true);
  if (amount === undefined || account === undefined) return null;
  return { amount, account };
}
