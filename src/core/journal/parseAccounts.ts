// Validates the accounts file that maps the engine's figures to QBO accounts.
import { join, Reader } from "../book/fields";
import { MESSAGES } from "../book/messages";
import { dict } from "../dict";
import { fail, ok, type Result } from "../result";
import type { AccountMap } from "./types";

const ACCOUNT_FIELDS = [
  "revenue",
  "revenueByItem",
  "deferredRevenue",
  "contractAsset",
  "refundLiability",
  "billingsPostTo",
  "billingsPostToByItem",
];

export const ACCOUNT_MESSAGES = {
  billingsPostTo:
    'billingsPostTo must be "deferred" (invoices credit the deferred revenue account, the QBO setup for items with a deferred income account) or "revenue" (invoices credit revenue).',
  billingsPostToByItem: (item: string): string =>
    `${item} must be "deferred" (its invoices credit the deferred revenue account) or "revenue" (its invoices credit revenue).`,
} as const;

export function parseAccounts(raw: unknown): Result<AccountMap> {
  const r = new Reader();
  const fields = r.object(raw, "", "The accounts file");
  if (fields === undefined) return fail(r.issues);
  r.onlyFields(fields, ACCOUNT_FIELDS, "", "an accounts file");
  const revenue = r.text(fields, "revenue", "", true);
  const deferredRevenue = r.text(fields, "deferredRevenue", "", true);
  const contractAsset = r.text(fields, "contractAsset", "", true);
  const refundLiability = r.text(fields, "refundLiability", "", false);
  const revenueByItem = dict<string>();
  const rawByItem = fields["revenueByItem"];
  if (rawByItem !== undefined) {
    const byItem = r.object(rawByItem, "revenueByItem", "revenueByItem");
    if (byItem !== undefined) {
      for (const item of Object.keys(byItem)) {
        const account = r.text(byItem, item, "revenueByItem", true);
        if (account !== undefined) revenueByItem[item] = account;
      }
    }
  }
  const billingsPostToByItem = dict<"deferred" | "revenue">();
  const rawPostToByItem = fields["billingsPostToByItem"];
  if (rawPostToByItem !== undefined) {
    const byItem = r.object(rawPostToByItem, "billingsPostToByItem", "billingsPostToByItem");
    if (byItem !== undefined) {
      for (const [item, where] of Object.entries(byItem)) {
        if (where === "deferred" || where === "revenue") billingsPostToByItem[item] = where;
        else
          r.add(
            "invalid_billings_post_to",
            join("billingsPostToByItem", item),
            ACCOUNT_MESSAGES.billingsPostToByItem(item)
          );
      }
    }
  }
  const postTo = fields["billingsPostTo"];
  if (postTo === undefined) {
    r.add("missing_field", "billingsPostTo", MESSAGES.missingField("billingsPostTo"));
  } else if (postTo !== "deferred" && postTo !== "revenue") {
    r.add("invalid_billings_post_to", join("", "billingsPostTo"), ACCOUNT_MESSAGES.billingsPostTo);
  }
  if (
    r.issues.length > 0 ||
    revenue === undefined ||
    deferredRevenue === undefined ||
    contractAsset === undefined ||
    (postTo !== "deferred" && postTo !== "revenue")
  ) {
    return fail(r.issues);
  }
  const map: AccountMap = {
    revenue,
    revenueByItem,
    deferredRevenue,
    contractAsset,
    billingsPostTo: postTo,
    billingsPostToByItem,
  };
  if (refundLiability !== undefined) map.refundLiability = refundLiability;
  return ok(map);
}
