/** One QBO company's state: entities by type, id and DocNumber counters, deletions (for CDC), the ledger. */
import type { Clock } from "./clock";
import { getNum, getStr, isObj, refValue, type JsonObject } from "./json";
import { Ledger, postingsOf, type LedgerLookup } from "./ledger";
import { fromCents, toCents } from "./money";
import { pacificIso } from "./time";

export const ENTITY_NAMES = [
  "Invoice",
  "CreditMemo",
  "SalesReceipt",
  "RefundReceipt",
  "JournalEntry",
  "Customer",
  "Vendor",
  "Item",
  "Account",
  "Class",
  "Department",
  "CompanyInfo",
  "Preferences",
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export const TRANSACTIONS: ReadonlySet<EntityName> = new Set([
  "Invoice",
  "CreditMemo",
  "SalesReceipt",
  "RefundReceipt",
  "JournalEntry",
]);
export const NAME_LISTS: ReadonlySet<EntityName> = new Set([
  "Customer",
  "Vendor",
  "Item",
  "Account",
  "Class",
  "Department",
]);

/** Case-insensitive entity name (URL segments are lower case; CDC lists are any case). */
export function entityFromName(name: string): EntityName | undefined {
  const lower = name.toLowerCase();
  return ENTITY_NAMES.find((e) => e.toLowerCase() === lower);
}

export interface Deletion {
  entity: EntityName;
  id: string;
  at: number;
}

export interface CompanySnapshot {
  realmId: string;
  entities: Partial<Record<EntityName, JsonObject[]>>;
  counters: Record<string, string>;
  deletions: Deletion[];
}

const CLASSIFICATION: Record<string, string> = {
  Bank: "Asset",
  "Accounts Receivable": "Asset",
  "Other Current Asset": "Asset",
  "Fixed Asset": "Asset",
  "Other Asset": "Asset",
  "Accounts Payable": "Liability",
  "Credit Card": "Liability",
  "Other Current Liability": "Liability",
  "Long Term Liability": "Liability",
  Equity: "Equity",
  Income: "Revenue",
  "Other Income": "Revenue",
  "Cost of Goods Sold": "Expense",
  Expense: "Expense",
  "Other Expense": "Expense",
  "Non-Posting": "Asset",
};

export function classificationOf(accountType: string): string | undefined {
  return CLASSIFICATION[accountType];
}

/** Debit-normal classifications show debit-positive balances; the others credit-positive. */
export function naturalBalance(classification: string | undefined, debitPositive: number): number {
  return classification === "Asset" || classification === "Expense"
    ? debitPositive
    : -debitPositive;
}

export class Company implements LedgerLookup {
  readonly entities = new Map<EntityName, Map<string, JsonObject>>();
  readonly ledger = new Ledger();
  deletions: Deletion[] = [];
  /** open A/R per transaction: invoices' Balance less credit memos' RemainingCredit, for Customer.Balance */
  private readonly receivables = new Map<string, { customer: string; cents: number }>();
  private readonly customerBalances = new Map<string, number>();
  private counters: Record<string, bigint> = {};

  constructor(
    readonly realmId: string,
    readonly clock: Clock
  ) {
    for (const e of ENTITY_NAMES) this.entities.set(e, new Map());
  }

  table(entity: EntityName): Map<string, JsonObject> {
    const t = this.entities.get(entity);
    if (!t) throw new Error(`no table ${entity}`);
    return t;
  }

  get(entity: EntityName, id: string): JsonObject | undefined {
    return this.table(entity).get(id);
  }

  list(entity: EntityName): JsonObject[] {
    return [...this.table(entity).values()];
  }

  /** Next numeric id for an entity (Class and Department ids are long, like QBO's). */
  newId(entity: EntityName): string {
    const start = entity === "Class" || entity === "Department" ? 5000000000000000001n : 1n;
    const n = this.counters[entity] ?? start;
    this.counters[entity] = n + 1n;
    return n.toString();
  }

  /** Next automatic DocNumber of a transaction type. */
  newDocNumber(entity: EntityName): string {
    const key = `doc:${entity}`;
    const n = this.counters[key] ?? 1001n;
    this.counters[key] = n + 1n;
    return n.toString();
  }

  /** Stores an entity (already validated) and updates the ledger. */
  put(entity: EntityName, obj: JsonObject): void {
    const id = getStr(obj, "Id");
    if (!id) throw new Error("entity without Id");
    this.table(entity).set(id, obj);
    if (TRANSACTIONS.has(entity))
      this.refreshBalances(this.ledger.set(`${entity}:${id}`, postingsOf(entity, obj, this)));
    if (entity === "Invoice" || entity === "CreditMemo") {
      const customer = refValue(obj, "CustomerRef");
      const amount = getNum(obj, entity === "Invoice" ? "Balance" : "RemainingCredit") ?? 0;
      this.setReceivable(
        `${entity}:${id}`,
        customer,
        entity === "Invoice" ? toCents(amount) : -toCents(amount)
      );
    }
  }

  private setReceivable(key: string, customer: string | undefined, cents: number): void {
    const old = this.receivables.get(key);
    const touched = new Set<string>();
    if (old) {
      this.customerBalances.set(
        old.customer,
        (this.customerBalances.get(old.customer) ?? 0) - old.cents
      );
      touched.add(old.customer);
      this.receivables.delete(key);
    }
    if (customer !== undefined) {
      this.receivables.set(key, { customer, cents });
      this.customerBalances.set(customer, (this.customerBalances.get(customer) ?? 0) + cents);
      touched.add(customer);
    }
    for (const c of touched) {
      const cust = this.get("Customer", c);
      if (!cust) continue;
      const bal = fromCents(this.customerBalances.get(c) ?? 0);
      cust["Balance"] = bal;
      cust["BalanceWithJobs"] = bal;
    }
  }

  delete(entity: EntityName, id: string, at: number): void {
    this.table(entity).delete(id);
    this.deletions.push({ entity, id, at });
    if (TRANSACTIONS.has(entity)) this.refreshBalances(this.ledger.remove(`${entity}:${id}`));
    if (entity === "Invoice" || entity === "CreditMemo")
      this.setReceivable(`${entity}:${id}`, undefined, 0);
  }

  private refreshBalances(accounts: Set<string>): void {
    for (const id of accounts) {
      const acct = this.get("Account", id);
      if (!acct) continue;
      const bal = fromCents(
        naturalBalance(getStr(acct, "Classification"), this.ledger.balance(id))
      );
      acct["CurrentBalance"] = bal;
      acct["CurrentBalanceWithSubAccounts"] = bal;
    }
  }

  /** MetaData for a new or updated record. */
  stamp(obj: JsonObject, previous?: JsonObject, at = this.clock.now()): void {
    const prevMeta = previous?.["MetaData"];
    const created = isObj(prevMeta) ? getStr(prevMeta, "CreateTime") : undefined;
    const now = pacificIso(at);
    obj["MetaData"] = { CreateTime: created ?? now, LastUpdatedTime: now };
  }

  itemIncomeAccount(itemId: string): string | undefined {
    return refValue(this.get("Item", itemId), "IncomeAccountRef");
  }

  private findAccount(pred: (a: JsonObject) => boolean): string | undefined {
    for (const a of this.table("Account").values()) if (pred(a)) return getStr(a, "Id");
    return undefined;
  }

  receivableAccount(): string {
    return this.findAccount((a) => getStr(a, "AccountType") === "Accounts Receivable") ?? "0";
  }

  discountAccount(): string {
    return (
      this.findAccount((a) => getStr(a, "AccountSubType") === "DiscountsRefundsGiven") ??
      this.findAccount((a) => getStr(a, "AccountType") === "Income") ??
      "0"
    );
  }

  /** The sales tax liability, made when a document first carries tax, as QBO makes one when sales tax is set up. */
  salesTaxAccount(): string {
    return this.systemAccount("Sales Tax Payable", "Other Current Liability", "SalesTaxPayable");
  }

  /** Where a sales receipt without DepositToAccountRef puts the money, made on first use as QBO has it from the start. */
  undepositedFundsAccount(): string {
    return this.systemAccount("Undeposited Funds", "Other Current Asset", "UndepositedFunds");
  }

  private systemAccount(name: string, type: string, subType: string): string {
    const found = this.findAccount((a) => getStr(a, "AccountSubType") === subType);
    if (found !== undefined) return found;
    const account: JsonObject = {
      Id: this.newId("Account"),
      SyncToken: "0",
      domain: "QBO",
      sparse: false,
      Name: name,
      FullyQualifiedName: name,
      SubAccount: false,
      Active: true,
      Classification: classificationOf(type) ?? "Asset",
      AccountType: type,
      AccountSubType: subType,
      CurrentBalance: 0,
      CurrentBalanceWithSubAccounts: 0,
    };
    this.stamp(account);
    this.put("Account", account);
    return String(account["Id"]);
  }

  preferences(): JsonObject {
    const p = this.get("Preferences", "1");
    if (!p) throw new Error("no preferences");
    return p;
  }

  companyInfo(): JsonObject {
    const c = this.get("CompanyInfo", this.realmId);
    if (!c) throw new Error("no company info");
    return c;
  }

  snapshot(): CompanySnapshot {
    const entities: Partial<Record<EntityName, JsonObject[]>> = {};
    for (const [e, t] of this.entities) entities[e] = [...t.values()];
    const counters: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.counters)) counters[k] = v.toString();
    return { realmId: this.realmId, entities, counters, deletions: this.deletions };
  }

  static restore(snap: CompanySnapshot, clock: Clock): Company {
    const c = new Company(snap.realmId, clock);
    for (const [k, v] of Object.entries(snap.counters)) c.counters[k] = BigInt(v);
    // name lists first: postings need the accounts and the items' income accounts
    const order: EntityName[] = [
      ...ENTITY_NAMES.filter((e) => !TRANSACTIONS.has(e)),
      ...ENTITY_NAMES.filter((e) => TRANSACTIONS.has(e)),
    ];
    for (const e of order) for (const obj of snap.entities[e] ?? []) c.put(e, obj);
    c.deletions = snap.deletions;
    return c;
  }
}
