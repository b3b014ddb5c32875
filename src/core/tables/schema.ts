// The workbook tables that hold a book, defined once. docs/tables.md documents them for people;
// the task pane's sync writes them and the REVREC functions read them.

/** One table column: its header text and whether a row must fill it. */
export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  /** What the column holds, for docs and messages. */
  readonly holds: string;
}

export interface TableSpec {
  readonly name: string;
  /** Worksheet the task pane creates the table on when it is missing. */
  readonly sheet: string;
  /** Column that identifies a row for upserts (the task pane's sync key), if any. */
  readonly key?: string;
  readonly columns: readonly ColumnSpec[];
}

const col = (name: string, required: boolean, holds: string): ColumnSpec => ({
  name,
  required,
  holds,
});

/**
 * One row per performance obligation. The first ten columns are an obligation's terms; that order is
 * also what RECOGNIZED, CUMULATIVE and SCHEDULE accept as a one-row range.
 */
export const CONTRACTS: TableSpec = {
  name: "RevRecContracts",
  sheet: "RevRec Contracts",
  key: "Obligation",
  columns: [
    col("Contract", true, "contract id; rows with the same id form one contract"),
    col("Customer", true, "customer name (the same on every row of a contract)"),
    col("Obligation", true, "obligation id, unique in the workbook"),
    col("Item", false, "product or service (selects the revenue account)"),
    col("Class", false, "QBO class for the journal lines"),
    col("Price", true, "price of the obligation (amount, at most 2 decimals)"),
    col(
      "SSP",
      false,
      "standalone selling price, or residual on one row: all or none of a contract's rows"
    ),
    col(
      "Method",
      true,
      "daily, monthly, monthly-prorated, monthly-from-start, point-in-time, progress or manual"
    ),
    col("Start", true, "service start (point-in-time: delivery date)"),
    col("End", false, "service end, inclusive (not used by point-in-time)"),
    col("Currency", false, "ISO currency code; one currency per workbook (default USD)"),
    col("Invoice", false, "QBO invoice number (DocNumber)"),
    col("QBO Invoice Id", false, "QBO invoice id (sync key)"),
    col("QBO Line Id", false, "QBO invoice line id (sync key)"),
    col("Voided", false, "TRUE when QBO voided the invoice"),
    col(
      "Discount Group",
      false,
      "the discount group the obligation is in (sold together at a bundle price)"
    ),
    col("Group Price", false, "the discount group's bundle price, the same on each of its rows"),
    col("Months", false, "monthly-from-start: the number of monthly shares (End is then not used)"),
    col("Document Type", false, "Invoice or Sales receipt: the document QBO Invoice Id names"),
  ],
};

/** Invoices, one row per invoice (or invoice line when tied to an obligation). */
export const BILLINGS: TableSpec = {
  name: "RevRecBillings",
  sheet: "RevRec Billings",
  key: "Billing",
  columns: [
    col("Contract", true, "contract id (may be left empty when Obligation is given)"),
    col("Billing", false, "billing id (default: the row number)"),
    col("Date", true, "invoice date"),
    col("Amount", true, "amount billed"),
    col("Obligation", false, "obligation the invoice bills, if any"),
    col("Discount", false, "discount QBO took off this line (Amount is after it); empty when none"),
    col(
      "Discount Account",
      false,
      "account QBO debited for the discount; required with a Discount"
    ),
    col("Invoice", false, "QBO invoice number (DocNumber)"),
    col("QBO Invoice Id", false, "QBO invoice id (sync key)"),
    col("QBO Line Id", false, "QBO invoice line id (sync key)"),
    col("Voided", false, "TRUE when QBO voided the invoice; the row is then ignored"),
    col("Document Type", false, "Invoice or Sales receipt: the document QBO Invoice Id names"),
  ],
};

/** Contract changes: modifications, credit memos and added obligations. */
export const CHANGES: TableSpec = {
  name: "RevRecChanges",
  sheet: "RevRec Changes",
  key: "Change",
  columns: [
    col(
      "Contract",
      true,
      "contract id (may be left empty when Obligation is an existing obligation)"
    ),
    col("Change", false, "change id (default: the row number)"),
    col("Type", true, "modify, credit, add, price or estimate"),
    col("Date", true, "effective date"),
    col(
      "Obligation",
      false,
      "obligation changed, credited or added (required but for price and estimate)"
    ),
    col("Treatment", false, "prospective or catch-up (credit: also immediate); not used by add"),
    col("Price", false, "modify: new total price; add: the new obligation's price"),
    col("End", false, "modify: new end date; add: the new obligation's end"),
    col(
      "Amount",
      false,
      "credit: amount of the credit memo; price: the change in the contract's price (signed)"
    ),
    col(
      "Discount",
      false,
      "credit: discount QBO took off this line (Amount is after it); empty when none"
    ),
    col(
      "Discount Account",
      false,
      "credit: account QBO credited for the discount; required with a Discount"
    ),
    col("Item", false, "add: the new obligation's item"),
    col("Class", false, "add: the new obligation's class"),
    col("Method", false, "add: the new obligation's method"),
    col("Start", false, "add: the new obligation's start (default: Date)"),
    col("SSP", false, "add with Reallocate: the new obligation's standalone selling price"),
    col(
      "Reallocate",
      false,
      "add: TRUE to pool the remaining consideration with the new price (25-13(a))"
    ),
    col("Credit Memo", false, "QBO credit memo number (DocNumber)"),
    col("QBO Credit Memo Id", false, "QBO credit memo id (sync key)"),
    col("QBO Line Id", false, "QBO credit memo line id (sync key)"),
    col("Voided", false, "TRUE when QBO voided the credit memo; the row is then ignored"),
    col("Months", false, "add: the new obligation's months (monthly-from-start)"),
    col(
      "Document Type",
      false,
      "Credit memo or Refund receipt: the document QBO Credit Memo Id names"
    ),
    col(
      "Remaining SSP",
      false,
      "add with Reallocate: remaining obligations' SSPs in the pool, as in Y: 1500; Z: 300"
    ),
  ],
};

/** Progress points (Date + Percent) and manual amounts (Period + Amount), by obligation. */
export const PROGRESS: TableSpec = {
  name: "RevRecProgress",
  sheet: "RevRec Progress",
  columns: [
    col("Obligation", true, "obligation id (method progress or manual)"),
    col("Date", false, "progress: the date of the measurement"),
    col("Percent", false, "progress: cumulative percent complete, 0 to 100 (45 means 45%)"),
    col("Period", false, "manual: the month, YYYY-MM"),
    col("Amount", false, "manual: the amount recognized in that month"),
  ],
};

/**
 * Variable consideration (docs/book.md), one row per outcome: the rows without a Change are its estimate at
 * inception, those naming an estimate row of RevRecChanges are that re-estimate's.
 */
export const VARIABLE: TableSpec = {
  name: "RevRecVariable",
  sheet: "RevRec Variable",
  columns: [
    col("Contract", true, "contract id"),
    col("Variable", true, "variable consideration id, unique in the contract"),
    col(
      "Change",
      false,
      "the id of an estimate row of RevRecChanges; empty: the estimate at inception"
    ),
    col("Method", false, "expected-value or most-likely; on every row without a Change"),
    col(
      "Obligation",
      false,
      "the one obligation it is allocated to (32-40); empty: the contract's"
    ),
    col("Constraint", false, "the amount highly probable not to reverse; empty: none"),
    col("Amount", true, "an amount the variable consideration may come to (0 or more)"),
    col("Probability", true, "how likely that amount is: 0 to 1 (0.7 or 70%)"),
  ],
};

/** The log of posted journal entries; the task pane appends one row per post. */
export const POSTINGS: TableSpec = {
  name: "RevRecPostings",
  sheet: "RevRec Postings",
  key: "DocNumber",
  columns: [
    col("Period", true, "period posted, YYYY-MM or YYYY-MM..YYYY-MM"),
    col("From", false, "first month the entry covers, YYYY-MM (a catch-up entry covers several)"),
    col("DocNumber", true, "journal entry number, e.g. RR-2026-03 or RR-2026-03-A1"),
    col("QBO Id", true, "QBO journal entry id"),
    col("Kind", true, "original, adjustment or opening (the go-live true-up)"),
    col("Debits", true, "total debits"),
    col("Credits", true, "total credits"),
    col("Lines", true, "the posted lines as JSON (journal lines, amounts as decimal strings)"),
    col("Posted At", true, "UTC time of the post, ISO 8601"),
    col("Prepared By", false, "who prepared the entry (workbooks made before name it Posted By)"),
    col("Approved By", false, "who approved it, when the workbook requires approval"),
    col("Request Id", false, "QBO requestid used for the create"),
    col(
      "Txn Date",
      false,
      "the entry's date in QBO: the period's last day, a correction to a closed period's first open day, or go-live's first day"
    ),
  ],
};

/** Account mapping for journals: one setting per row. */
export const ACCOUNTS: TableSpec = {
  name: "RevRecAccounts",
  sheet: "RevRec Settings",
  key: "Setting",
  columns: [
    col(
      "Setting",
      true,
      "revenue, deferredRevenue, contractAsset, refundLiability, billingsPostTo, revenueByItem[ITEM], billingsPostTo[ITEM] or goLive"
    ),
    col(
      "Value",
      true,
      "the account (name as in QBO); for billingsPostTo and billingsPostTo[ITEM], deferred or revenue; for goLive, the month YYYY-MM"
    ),
  ],
};

/** The settings of RevRecAccounts (ITEM stands for an item name), as docs/tables.md lists them. */
export const ACCOUNT_SETTINGS: readonly string[] = [
  "revenue",
  "deferredRevenue",
  "contractAsset",
  "refundLiability",
  "billingsPostTo",
  "revenueByItem[ITEM]",
  "billingsPostTo[ITEM]",
  "goLive",
];

/** The tables the book is made of. */
export const BOOK_TABLES: readonly TableSpec[] = [CONTRACTS, BILLINGS, CHANGES, PROGRESS, VARIABLE];

/** Every table the REVREC functions read (the book plus the account mapping). */
export const FUNCTION_TABLES: readonly string[] = [
  ...BOOK_TABLES.map((t) => t.name),
  ACCOUNTS.name,
];

/**
 * The audit trail: one row per change an analyst made to a value the sync wrote (and per change of a sign-off
 * setting), appended as it is saved and never rewritten. Neither the book nor the functions read it.
 */
export const AUDIT: TableSpec = {
  name: "RevRecAudit",
  sheet: "RevRec Audit",
  columns: [
    col("When", true, "UTC time the change was saved (or found), ISO 8601"),
    col("Who", true, "who made it: the name in Prepared by"),
    col("Table", true, "the table whose cell changed, or Settings for a workbook setting"),
    col("Row Key", true, "the row's key (Obligation, Change) or the setting's name"),
    col("Column", true, "the column changed"),
    col("Old Value", false, "the value before the change"),
    col("New Value", false, "the value after it"),
    col("Synced Value", false, "what the sync wrote there (QuickBooks' value under the rules)"),
    col(
      "Reason",
      true,
      "the reason given in the pane, or how a value typed in the sheet was found"
    ),
  ],
};

export const ALL_TABLES: readonly TableSpec[] = [...BOOK_TABLES, POSTINGS, ACCOUNTS, AUDIT];

/** Column names of a table, in order (the header the task pane writes). */
export function header(spec: TableSpec): string[] {
  return spec.columns.map((c) => c.name);
}

/** The obligation-terms columns of RevRecContracts, in order. */
export const TERMS_COLUMNS: readonly string[] = header(CONTRACTS).slice(0, 10);
