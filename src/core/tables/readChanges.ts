// RevRecChanges: contract modifications, credit memos and added obligations, one row each.
import type { AddJson, ChangeJson, CreditJson, ModifyJson, PriceJson } from "./book";
import { CHANGE_TYPES, CREDIT_TREATMENTS, MODIFY_TREATMENTS } from "./columnFormats";
import type { BookDraft } from "./draft";
import { readDiscount } from "./readDiscount";
import { readObligation } from "./readObligation";
import { readers, type Located, type RowReader } from "./rowReader";
import { CHANGES } from "./schema";

export function readChanges(table: Located | undefined, draft: BookDraft): void {
  for (const r of readers(table)) {
    if (draft.skipVoided(r)) continue;
    const type = r.choice("Type", CHANGE_TYPES, true);
    const obligationId = r.text("Obligation", type !== "price") || undefined;
    const ownContract = type === "add" || type === "price";
    const contract = draft.contractOf(r, ownContract ? undefined : obligationId, ownContract);
    const id = r.text("Change") || `row ${r.row}`;
    const date = r.date("Date", true);
    const head = { r, id, date, obligationId };
    let change: ChangeJson | undefined;
    if (type === "modify") change = readModify(head);
    else if (type === "credit") change = readCredit(head);
    else if (type === "add") change = readAdd(head, draft, contract);
    else if (type === "price") change = readPrice(head);
    r.checkUnused();
    if (!draft.settle(r, contract) || contract === undefined || !change) continue;
    draft.contracts.get(contract)?.changes.push(change);
    draft.sources.get(contract)?.changes.push(r.row);
  }
}

/** The cells every change row has. */
interface ChangeHead {
  r: RowReader;
  id: string;
  date: string | undefined;
  obligationId: string | undefined;
}

function readModify({ r, id, date, obligationId }: ChangeHead): ModifyJson | undefined {
  const treatment = r.choice("Treatment", MODIFY_TREATMENTS, true);
  const price = r.amount("Price");
  const end = r.date("End");
  if (price === undefined && end === undefined && r.issues.length === 0) {
    r.fail("Price", "table.required", "a modify change needs a new Price or a new End");
  }
  if (date === undefined || obligationId === undefined || treatment === undefined) return undefined;
  const change: ModifyJson = { id, type: "modify", date, obligation: obligationId, treatment };
  if (price !== undefined) change.price = price;
  if (end !== undefined) change.end = end;
  return change;
}

function readCredit({ r, id, date, obligationId }: ChangeHead): CreditJson | undefined {
  const treatment = r.choice("Treatment", CREDIT_TREATMENTS, true);
  const amount = r.amount("Amount", true);
  const item = r.text("Item");
  const discount = readDiscount(r);
  if (
    date === undefined ||
    obligationId === undefined ||
    treatment === undefined ||
    amount === undefined
  )
    return undefined;
  const change: CreditJson = {
    id,
    type: "credit",
    date,
    amount,
    obligation: obligationId,
    treatment,
  };
  if (item !== undefined && item !== "") change.item = item;
  if (discount !== undefined) change.discount = discount;
  return change;
}

/** A change in the contract's price: the contract's own, so it names no obligation. */
function readPrice({ r, id, date, obligationId }: ChangeHead): PriceJson | undefined {
  const amount = r.amount("Amount", true);
  if (obligationId !== undefined) {
    r.fail(
      "Obligation",
      "table.price-obligation",
      "a price change is allocated to all of the contract's obligations; leave Obligation empty and fill Contract"
    );
  }
  if (date === undefined || amount === undefined || obligationId !== undefined) return undefined;
  return { id, type: "price", date, amount };
}

/** A new obligation; known to the tables read after this row (progress) once its contract is known. */
function readAdd(
  { r, id, date }: ChangeHead,
  draft: BookDraft,
  contract: string | undefined
): AddJson | undefined {
  const ob = readObligation(r, date);
  if (ob && draft.obligationContract.has(ob.id)) {
    r.fail(
      "Obligation",
      "table.duplicate-obligation",
      `obligation id ${JSON.stringify(ob.id)} is already used; an added obligation needs a new id`
    );
    return undefined;
  }
  const reallocate = r.bool("Reallocate");
  if (!ob || date === undefined) return undefined;
  if (contract !== undefined) draft.addObligation(ob, contract, CHANGES.name, r.row);
  const add: AddJson = { id, type: "add", date, obligation: ob };
  if (reallocate) add.reallocate = true;
  return add;
}
