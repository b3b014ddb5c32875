/**
 * The wire contract of the backend HTTP API, docs/api.md, in TypeScript: the one definition of the JSON shapes
 * shared by the backend (src/server, which sends and accepts them) and the task pane (src/taskpane, which calls it).
 * Change a shape here and in docs/api.md together.
 *
 * Types only: no runtime code, and no imports, so both sides (Node and the browser bundle) can depend on it.
 *
 * Conventions: money is a decimal string with exactly two decimals ("1234.50"); dates are "YYYY-MM-DD" and periods
 * "YYYY-MM"; QuickBooks ids are strings. An optional property is left out of the JSON when it does not apply.
 */

// ------------------------------------------------------------------------------------------------------ errors

/** One bad input of a request, by its JSON path ("lines[3].amount"). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The `error` of every error response. */
export interface ApiErrorBody {
  code: string;
  /** plain language: what happened */
  message: string;
  /** what the user should do next */
  action: string;
  /** Intuit's transaction id, for Intuit support */
  intuitTid?: string;
  /** QuickBooks' own text */
  detail?: string;
  fields?: FieldProblem[];
  retryAfterSeconds?: number;
  /** 409 sync_in_progress: the running job */
  jobId?: string;
  /** 409 posting_exists: the entry already in QuickBooks */
  existing?: { journalEntryId: string; docNumber: string; link: string };
}

/** The body of every error response, whatever the route. */
export interface ApiErrorResponse {
  error: ApiErrorBody;
}

// ------------------------------------------------------------------------------------------------------ health

export type Environment = "local" | "sandbox" | "production";

/** GET /api/health (no session) */
export interface Health {
  ok: true;
  environment: Environment;
  version: string;
}

// ------------------------------------------------------------------------------------------------------ sign-in

/** The message the OAuth callback page posts to the task pane on success. */
export interface AuthSuccess {
  type: "revrec-auth";
  ok: true;
  sessionToken: string;
  realmId: string;
  companyName: string;
  environment: Environment;
  /** when the session token expires unless used (ISO date-time) */
  expiresAt: string;
}

/** The message the OAuth callback page posts to the task pane on failure. */
export interface AuthFailure {
  type: "revrec-auth";
  ok: false;
  error: Pick<ApiErrorBody, "code" | "message" | "action" | "intuitTid">;
}

export type AuthMessage = AuthSuccess | AuthFailure;

// ------------------------------------------------------------------------------------------------------ status

export interface Warning {
  code: string;
  message: string;
  action: string;
}

/** The company's QuickBooks preferences that matter to RevRec. */
export interface StatusPreferences {
  /** null when no closing date is set */
  bookCloseDate: string | null;
  classTracking: "none" | "perTransaction" | "perLine";
  departmentTracking: boolean;
  multiCurrency: boolean;
  /** null when QuickBooks does not say */
  offeringSku: string | null;
  /** null when QuickBooks does not say */
  qboRevenueRecognition: boolean | null;
}

/** GET /api/status */
export interface Status {
  connected: true;
  realmId: string;
  companyName: string;
  environment: Environment;
  homeCurrency: string;
  preferences: StatusPreferences;
  warnings: Warning[];
}

// ------------------------------------------------------------------------------------------------------ lists

/** An element of GET /api/accounts → { accounts } */
export interface Account {
  id: string;
  name: string;
  fullyQualifiedName: string;
  acctNum?: string;
  accountType: string;
  accountSubType?: string;
  classification: string;
  active: boolean;
}

/** An element of GET /api/items → { items } */
export interface Item {
  id: string;
  name: string;
  fullyQualifiedName: string;
  type: string;
  active: boolean;
  incomeAccount?: Ref;
  deferredRevenue?: boolean;
}

/** An element of GET /api/customers → { customers } */
export interface Customer {
  id: string;
  displayName: string;
  fullyQualifiedName: string;
  active: boolean;
}

/** An element of GET /api/classes → { classes } */
export interface ClassInfo {
  id: string;
  name: string;
  fullyQualifiedName: string;
  active: boolean;
}

export interface Accounts {
  accounts: Account[];
}
export interface Items {
  items: Item[];
}
export interface Customers {
  customers: Customer[];
}
export interface Classes {
  classes: ClassInfo[];
}

// ------------------------------------------------------------------------------------------------------ sync

/** A QuickBooks reference: its id and its name. */
export interface Ref {
  id: string;
  name: string;
}

/** A sales line of a synced document: one obligation. */
export interface SyncLine {
  /** stable: inv-<Invoice.Id>-<Line.Id>, cm-… for credit memos */
  id: string;
  qboLineId: string;
  item: Ref;
  class?: Ref;
  description?: string;
  /** after discount */
  amount: string;
  /** before discount */
  grossAmount: string;
  /**
   * The account QuickBooks debited for this line's discount (credited, on a credit memo) (the covering discount
   * line's DiscountAccountRef); present only when grossAmount − amount is not zero and QuickBooks names it.
   */
  discountAccount?: Ref;
  /** the line's ServiceDate, else the document's TxnDate */
  serviceDate: string;
  quantity?: string;
}

/** An invoice (one contract) or a credit memo, as synced. */
export interface SyncDocument {
  /** stable: inv-<Invoice.Id>, cm-<CreditMemo.Id> */
  id: string;
  kind: "invoice" | "creditMemo";
  qboId: string;
  /** "" when QuickBooks has none */
  docNumber: string;
  customer: Ref;
  txnDate: string;
  currency: string;
  voided: boolean;
  syncToken: string;
  /** "" when QuickBooks does not say */
  lastUpdated: string;
  class?: Ref;
  lines: SyncLine[];
  subtotal: string;
  discount: string;
  tax: string;
  /** QuickBooks' TotalAmt (includes tax) */
  total: string;
  billings: { id: string; date: string; amount: string }[];
}

export type SyncMode = "full" | "incremental";
export type SyncState = "running" | "done" | "failed" | "cancelled";
export type SyncPhase = "counting" | "invoices" | "creditMemos" | "changes" | "done";

/** POST /api/sync */
export interface SyncRequest {
  mode: SyncMode;
  /** required for an incremental sync: the cursor of the previous sync result */
  cursor?: string;
}

/** POST /api/sync → 202 */
export interface SyncStarted {
  jobId: string;
  mode: SyncMode;
}

export interface SyncProgress {
  pagesDone: number;
  pagesTotal: number;
  counts: { invoices: number; creditMemos: number; deleted: number; skipped: number };
}

/** GET /api/sync/{jobId} */
export interface SyncJob {
  jobId: string;
  mode: SyncMode;
  state: SyncState;
  phase: SyncPhase;
  progress: SyncProgress;
  /** ISO date-time */
  startedAt: string;
  /** ISO date-time, once the job has ended */
  finishedAt?: string;
  /** when state is "failed" */
  error?: ApiErrorBody;
}

/** DELETE /api/sync/{jobId} */
export interface SyncCancelled {
  jobId: string;
  state: SyncState;
}

/**
 * A document the sync left out of `invoices` / `creditMemos`: one in another currency than the company's home
 * currency, which RevRec cannot yet recognize (its amounts are not in home currency). QuickBooks' own balances still
 * include it, at its home-currency amount.
 */
export interface LeftOutDocument {
  kind: "invoice" | "creditMemo";
  qboId: string;
  /** "" when QuickBooks has none */
  docNumber: string;
  customer: Ref;
  txnDate: string;
  reason: "foreignCurrency";
  /** plain language: which document and why */
  message: string;
  /** its CurrencyRef */
  currency: string;
  /** TotalAmt, in `currency` (includes tax); "0.00" when voided */
  total: string;
  /** the ExchangeRate QuickBooks gives (home units per unit of `currency`), when it gives one */
  exchangeRate?: string;
  /** HomeTotalAmt: the total in the home currency, as QuickBooks has it, when it gives one */
  homeTotal?: string;
}

/** The documents left out in one currency. */
export interface LeftOutTotal {
  currency: string;
  count: number;
  /** sum of their `total`, in `currency` */
  total: string;
  /** sum of their `homeTotal`, in the home currency; left out when QuickBooks gave no HomeTotalAmt for one of them */
  homeTotal?: string;
}

/** GET /api/sync/{jobId}/result */
export interface SyncResult {
  mode: SyncMode;
  /** true: the lists are the complete set of documents; false: upsert them and remove `deleted` */
  replace: boolean;
  fellBackToFull: boolean;
  /** opaque; send it on the next incremental sync */
  cursor: string;
  syncedAt: string;
  homeCurrency: string;
  invoices: SyncDocument[];
  creditMemos: SyncDocument[];
  /** QuickBooks ids */
  deleted: { invoices: string[]; creditMemos: string[] };
  /**
   * Documents left out of `invoices` / `creditMemos` (see LeftOutDocument); left out when there are none. With
   * `replace` it is the complete list; otherwise the left-out documents among those that changed (a document listed
   * in `deleted` is gone from QuickBooks, left out or not).
   */
  leftOut?: LeftOutDocument[];
  /** `leftOut` by currency, in currency order; present with `leftOut` */
  leftOutTotals?: LeftOutTotal[];
}

// ------------------------------------------------------------------------------------------------------ journal

/** A line of POST /api/journal: core's JournalLine with `amount` formatted. References are ids or names. */
export interface ApiJournalLine {
  account: string;
  posting: "Debit" | "Credit";
  amount: string;
  customer?: string;
  class?: string;
  description?: string;
}

/** POST /api/journal */
export interface PostRequest {
  period: string;
  /** integer ≥ 0; 0 when left out */
  adjustment?: number;
  /** defaults to the last day of `period` */
  txnDate?: string;
  memo?: string;
  lines: ApiJournalLine[];
}

/** POST /api/journal → 201 (created) or 200 (already there) */
export interface PostResult {
  status: "created" | "existing";
  docNumber: string;
  journalEntryId: string;
  txnDate: string;
  link: string;
  /** the QuickBooks requestid used to create the entry ("" when not known) */
  requestId: string;
  totals: { debits: string; credits: string };
  lineCount: number;
  /**
   * Other RevRec entries QuickBooks has under the same DocNumber (another backend posted the period too): each
   * counts the revenue again. Present only when there are some; `warnings` then says what to do.
   */
  duplicates?: EntryRef[];
  /** `duplicate_entries`, or `duplicates_unchecked` when QuickBooks could not be asked after the create. */
  warnings?: Warning[];
}

/** A journal entry in QuickBooks, as a posting answer names it. */
export interface EntryRef {
  journalEntryId: string;
  docNumber: string;
  txnDate: string;
  link: string;
}

/** A line of a posted entry, as QuickBooks has it now. */
export interface PostedLine {
  account: Ref;
  posting: "Debit" | "Credit";
  amount: string;
  customer?: Ref;
  class?: Ref;
  description?: string;
}

export interface Posting {
  docNumber: string;
  adjustment: number;
  journalEntryId: string;
  txnDate: string;
  link: string;
  totals: { debits: string; credits: string };
  lines: PostedLine[];
}

/** GET /api/postings?period= */
export interface Postings {
  period: string;
  /** 0 when nothing is posted */
  nextAdjustment: number;
  /** sorted by adjustment */
  postings: Posting[];
}

// ------------------------------------------------------------------------------------------------------ balances

export interface Balance {
  id: string;
  name: string;
  classification: string;
  debit: string;
  credit: string;
  /** debit − credit */
  balance: string;
}

/** GET /api/balances?period=&accounts= */
export interface Balances {
  period: string;
  /** the last day of `period` */
  asOf: string;
  basis: "Accrual";
  accounts: Balance[];
}

// ------------------------------------------------------------------------------------------------------ disconnect

/** POST /api/disconnect */
export interface Disconnected {
  disconnected: true;
  realmId: string;
  /** false when Intuit could not be reached (the local tokens are deleted anyway) */
  revoked: boolean;
}
