// Validates book JSON (docs/book.md) into a Book. Every problem is reported, each with the exact
// path of the offending field, so a user can fix a whole file in one pass.
import { allocate } from "../allocate";
import { fail, ok, type Result } from "../result";
import { index, join, Reader, type Fields } from "./fields";
import { MESSAGES } from "./messages";
import type { Billing, Book, Contract, Discount, Obligation } from "./model";
import { checkChangeReferences, readChanges } from "./readChanges";
import { checkManualTotal, readObligation } from "./readObligation";

const BOOK_FIELDS = ["currency", "contracts"];
const CONTRACT_FIELDS = ["id", "customer", "obligations", "billings", "changes"];
const BILLING_FIELDS = ["id", "date", "amount", "obligation", "discount"];
const DISCOUNT_FIELDS = ["amount", "account"];

export function parseBook(raw: unknown): Result<Book> {
  const r = new Reader();
  const fields = r.object(raw, "", "The book");
  if (fields === undefined) return fail(r.issues);
  r.onlyFields(fields, BOOK_FIELDS, "", "a book");
  const currency = r.text(fields, "currency", "", true);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    r.add("invalid_currency", "currency", MESSAGES.invalidCurrency);
  }
  const rawContracts = r.list(fields, "contracts", "", true) ?? [];
  const contracts: Contract[] = [];
  const contractIds = new Set<string>();
  const obligationIds = new Set<string>();
  rawContracts.forEach((rawContract, i) => {
    const path = index("contracts", i);
    const contract = readContract(r, rawContract, path, obligationIds);
    if (contract === undefined) return;
    if (contractIds.has(contract.id)) {
      r.add("duplicate_id", join(path, "id"), MESSAGES.duplicateId("Contract", contract.id));
    }
    contractIds.add(contract.id);
    contracts.push(contract);
  });
  if (r.issues.length > 0 || currency === undefined) return fail(r.issues);
  return ok({ currency, contracts });
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
  const obligations: Obligation[] = [];
  (rawObligations ?? []).forEach((rawObligation, j) => {
    const at = index(join(path, "obligations"), j);
    const obligation = readObligation(r, rawObligation, at, obligationIds);
    if (obligation !== undefined) obligations.push(obligation);
  });
  if (rawObligations !== undefined && obligations.length === rawObligations.length) {
    allocateContract(r, obligations, join(path, "obligations"));
  }

  const indexedChanges = readChanges(r, fields, path, obligationIds);
  // Ids as written, valid or not: a reference to an obligation that has its own problem is not
  // reported a second time.
  const written = writtenObligationIds(rawObligations, fields["changes"]);
  const billings = readBillings(r, fields, path, written);
  checkChangeReferences(r, obligations, indexedChanges, join(path, "changes"), written);

  if (r.issues.length > before || id === undefined || customer === undefined) return undefined;
  const changes = indexedChanges.map(({ change }) => change);
  return { id, customer, obligations, billings, changes };
}

function writtenObligationIds(
  rawObligations: unknown[] | undefined,
  rawChanges: unknown
): Set<string> {
  const ids = new Set<string>();
  const idOf = (raw: unknown): unknown =>
    typeof raw === "object" && raw !== null ? (raw as Fields)["id"] : undefined;
  for (const raw of rawObligations ?? []) {
    const id = idOf(raw);
    if (typeof id === "string") ids.add(id);
  }
  for (const raw of Array.isArray(rawChanges) ? rawChanges : []) {
    if (typeof raw !== "object" || raw === null || (raw as Fields)["type"] !== "add") continue;
    const id = idOf((raw as Fields)["obligation"]);
    if (typeof id === "string") ids.add(id);
  }
  return ids;
}

/** Relative-SSP allocation, then the manual-total check that depends on it. */
function allocateContract(r: Reader, obligations: Obligation[], path: string): void {
  const withSsp = obligations.filter((o) => o.ssp !== undefined).length;
  if (withSsp > 0 && withSsp < obligations.length) {
    obligations.forEach((o, j) => {
      if (o.ssp === undefined) {
        r.add(
          "ssp_incomplete",
          join(index(path, j), "ssp"),
          MESSAGES.sspIncomplete(withSsp, obligations.length)
        );
      }
    });
    return;
  }
  if (withSsp === obligations.length) {
    const shares = allocate(
      obligations.map((o) => o.price),
      obligations.map((o) => o.ssp ?? "")
    );
    if (shares.ok) obligations.forEach((o, j) => (o.allocated = shares.value[j] ?? o.price));
  }
  obligations.forEach((o, j) => checkManualTotal(r, o, join(index(path, j), "manual")));
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
    const id = r.text(billing, "id", at, true);
    if (id !== undefined && ids.has(id)) {
      r.add("duplicate_id", join(at, "id"), MESSAGES.duplicateId("Billing", id));
    }
    if (id !== undefined) ids.add(id);
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

/** The optional discount of a billing: undefined when absent, null when it has a problem (reported). */
function readDiscount(r: Reader, billing: Fields, at: string): Discount | undefined | null {
  const raw = billing["discount"];
  if (raw === undefined) return undefined;
  const path = join(at, "discount");
  const fields = r.object(raw, path, "discount");
  if (fields === undefined) return null;
  r.onlyFields(fields, DISCOUNT_FIELDS, path, "a discount");
  const amount = r.amount(fields, "amount", path, "positive");
  const account = r.text(fields, "account", path, true);
  if (amount === undefined || account === undefined) return null;
  return { amount, account };
}
