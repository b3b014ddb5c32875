// RevRecBillings: one row per invoice (or invoice line tied to an obligation).
import type { BillingJson } from "./book";
import type { BookDraft } from "./draft";
import { readDiscount } from "./readDiscount";
import { readers, type Located } from "./rowReader";

export function readBillings(table: Located | undefined, draft: BookDraft): void {
  for (const r of readers(table)) {
    if (draft.skipVoided(r)) continue;
    const obligation = r.text("Obligation") || undefined;
    const contract = draft.contractOf(r, obligation, true);
    const id = r.text("Billing") || `row ${r.row}`;
    const date = r.date("Date", true);
    const amount = r.amount("Amount", true);
    const discount = readDiscount(r);
    r.checkUnused();
    if (
      !draft.settle(r, contract) ||
      contract === undefined ||
      date === undefined ||
      amount === undefined
    )
      continue;
    const b: BillingJson = { id, date, amount };
    if (obligation !== undefined) b.obligation = obligation;
    if (discount !== undefined) b.discount = discount;
    draft.contracts.get(contract)?.billings.push(b);
    draft.sources.get(contract)?.billings.push(r.row);
  }
}
