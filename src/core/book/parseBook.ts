// Validates book JSON (docs/book.md) into a Book. Every problem is reported, each with the exact
// path of the offending field, so a user can fix a whole file in one pass.
import { fail, ok, type Result } from "../result";
import { fieldsOf, index, join, Reader, writtenText, type Fields } from "./fields";
import { MESSAGES } from "./messages";
import type { Billing, Book, Contract, Obligation } from "./model";
import { checkChangeReferences, raiseBound, readChanges } from "./readChanges";
import { allocateContract } from "./allocateContract";
import { checkImmediateCredits } from "./checkImmediateCredits";
import { readDiscount } from "./readDiscount";
import { readDiscountGroups } from "./readDiscountGroups";
import { readObligation } from "./readObligation";
import { checkEstimates, readVariableConsideration } from "./readVariable";

const BOOK_FIELDS = ["currency", "contracts", "goLive"];
const CONTRACT_FIELDS = [
  "id",
  "customer",
  "obligations",
  "discountGroups",
  "variableConsideration",
  "billings",
  "changes",
];
const BILLING_FIELDS = ["id", "date", "amount", "obligation", "discount"];

export function parseBook(raw: unknown): Result<Book> {
  const r = new Reader();
  const fields = r.object(raw, "", "The book");
  if (fields === undefined) return fail(r.issues);
  r.onlyFields(fields, BOOK_FIELDS, "", "a book");
  const currency = r.text(fields, "currency", "", true);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    r.add("invalid_currency", "currency", MESSAGES.invalidCurrency);
  }
  const goLive = fields["goLive"] === undefined ? undefined : r.month(fields, "goLive", "");
  const rawContracts = r.list(fields, "contracts", "", true) ?? [];
  const contracts: Contract[] = [];
  const contractIds = new Set<string>();
  const obligationIds = new Set<string>();
  rawContracts.forEach((rawContract, i) => {
    const path = index("contracts", i);
    const contract = readContract(r, rawContract, path, obligationIds);
    // The id as written: a contract with other problems still cannot share its id.
    const id = writtenText(rawContract, "id");
    if (id !== undefined && contractIds.has(id)) {
      r.add("duplicate_id", join(path, "id"), MESSAGES.duplicateId("Contract", id));
    }
    if (id !== undefined) contractIds.add(id);
    if (contract !== undefined) contracts.push(contract);
  });
  if (r.issues.length > 0 || currency === undefined) return fail(r.issues);
  const book: Book = { currency, contracts };
  if (goLive !== undefined) book.goLive = goLive;
  return ok(book);
}

function readContract(
  r: Reader,
  raw: unknown,
  path: string,
  obligationIds: Set<string>
): Contract | undefined {
  const fields = r.object(raw, path, "A contract");
  if (fields === undefined) return undefined;
  const before = r.issues.length;
  r.onlyFields(fields, CONTRACT_FIELDS, path, "a contract");
  const id = r.text(fields, "id", path, true);
  const customer = r.text(fields, "customer", path, true);

  const rawObligations = r.list(fields, "obligations", path, true);
  if (rawObligations !== undefined && rawObligations.length === 0) {
    r.add("no_obligations", join(path, "obligations"), MESSAGES.noObligations);
  }
  const read = (rawObligations ?? []).map((rawObligation, j) =>
    readObligation(r, rawObligation, index(join(path, "obligations"), j), obligationIds)
  );
  const obligations = read.filter((o): o is Obligation => o !== undefined);
  const groups = readDiscountGroups(r, fields, path, rawObligations ?? []);
  const unallocated = allocateContract(r, rawObligations ?? [], read, path, groups);
  const own = new Set((rawObligations ?? []).map((o) => writtenText(o, "id") ?? ""));
  const variables = readVariableConsideration(r, fields, path, own);

  const { changes: indexedChanges, bounds } = readChanges(r, fields, path, obligationIds);
  for (const o of unallocated) raiseBound(bounds, o.id, Number.POSITIVE_INFINITY);
  // Ids as written, valid or not: a reference to an obligation that has its own problem is not
  // reported a second time.
  const written = writtenObligationIds(rawObligations, fields["changes"]);
  const billings = readBillings(r, fields, path, written);
  checkChangeReferences(r, obligations, indexedChanges, join(path, "changes"), written, bounds);
  if (variables !== undefined)
    checkEstimates(r, variables, obligations, indexedChanges, join(path, "changes"));
  const variableConsideration = variables ?? [];
  if (r.issues.length === before) {
    checkImmediateCredits(
      r,
      { obligations, variableConsideration },
      indexedChanges,
      join(path, "changes")
    );
  }

  if (r.issues.length > before || id === undefined || customer === undefined) return undefined;
  const changes = indexedChanges.map(({ change }) => change);
  const contract: Contract = { id, customer, obligations, billings, changes };
  if (groups !== undefined && groups.length > 0) contract.discountGroups = groups;
  if (variableConsideration.length > 0) contract.variableConsideration = variableConsideration;
  return contract;
}

function writtenObligationIds(
  rawObligations: unknown[] | undefined,
  rawChanges: unknown
): Set<string> {
  const ids = new Set<string>();
  const add = (id: string | undefined): void => {
    if (id !== undefined) ids.add(id);
  };
  for (const raw of rawObligations ?? []) add(writtenText(raw, "id"));
  for (const raw of Array.isArray(rawChanges) ? rawChanges : []) {
    const fields = fieldsOf(raw);
    if (fields?.["type"] !== "add") continue;
    add(writtenText(fields["obligation"], "id"));
  }
  return ids;
}

function readBillings(r: Reader, fields: Fields, path: string, known: Set<string>): Billing[] {
  const rawBillings = r.list(fields, "billings", path, false) ?? [];
  const billings: Billing[] = [];
  const ids = new Set<string>();
  rawBillings.forEach((raw, k) => {
    const at = index(join(path, "billings"), k);
    const billing = r.object(raw, at, "A billing");
    if (billing === undefined) return;
    r.onlyFields(billing, BILLING_FIELDS, at, "a billing");
    const id = r.uniqueId(billing, at, ids, "Billing");
    const date = r.day(billing, "date", at, true);
    const amount = r.amount(billing, "amount", at, "non-negative");
    const obligation = r.text(billing, "obligation", at, false);
    if (obligation !== undefined && !known.has(obligation)) {
      r.add("unknown_obligation", join(at, "obligation"), MESSAGES.unknownObligation(obligation));
    }
    const discount = readDiscount(r, billing, at);
    if (id === undefined || date === undefined || amount === undefined) return;
    if (discount === null) return;
    const read: Billing = { id, date, amount };
    if (obligation !== undefined) read.obligation = obligation;
    if (discount !== undefined) read.discount = discount;
    billings.push(read);
  });
  return billings;
}
