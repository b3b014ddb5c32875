/** The backend's JSON shapes (docs/api.md). Money is a decimal string with two decimals. */

export interface ApiErrorBody {
  code: string;
  message: string;
  action: string;
  intuitTid?: string;
  detail?: string;
  fields?: { path: string; message: string }[];
  retryAfterSeconds?: number;
  jobId?: string;
  existing?: { journalEntryId: string; docNumber: string; link: string };
}

export interface Warning {
  code: string;
  message: string;
  action: string;
}

export interface Status {
  connected: boolean;
  realmId: string;
  companyName: string;
  environment: string;
  homeCurrency: string;
  preferences: {
    bookCloseDate: string | null;
    classTracking: "none" | "perTransaction" | "perLine";
    departmentTracking?: boolean;
    multiCurrency?: boolean;
    offeringSku?: string;
    qboRevenueRecognition: boolean | null;
  };
  warnings: Warning[];
}

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

export interface Item {
  id: string;
  name: string;
  fullyQualifiedName: string;
  type: string;
  active: boolean;
  incomeAccount?: { id: string; name: string };
  deferredRevenue?: boolean;
}

export interface Ref {
  id: string;
  name: string;
}

export interface SyncLine {
  id: string;
  qboLineId: string;
  item?: Ref;
  class?: Ref;
  description?: string;
  amount: string;
  grossAmount?: string;
  serviceDate: string;
  quantity?: string;
}

export interface SyncDocument {
  id: string;
  kind: "invoice" | "creditMemo";
  qboId: string;
  docNumber?: string;
  customer: Ref;
  txnDate: string;
  currency?: string;
  voided: boolean;
  syncToken?: string;
  lastUpdated?: string;
  class?: Ref;
  lines: SyncLine[];
  subtotal?: string;
  discount?: string;
  tax?: string;
  total?: string;
  billings: { id: string; date: string; amount: string }[];
}

export interface SyncStarted {
  jobId: string;
  mode: "full" | "incremental";
}

export interface SyncJob {
  jobId: string;
  mode: "full" | "incremental";
  state: "running" | "done" | "failed" | "cancelled";
  phase: string;
  progress: {
    pagesDone: number;
    pagesTotal: number;
    counts: { invoices: number; creditMemos: number; deleted: number; skipped: number };
  };
  error?: ApiErrorBody;
}

export interface SyncResult {
  mode: "full" | "incremental";
  replace: boolean;
  fellBackToFull?: boolean;
  cursor: string;
  syncedAt: string;
  homeCurrency: string;
  invoices: SyncDocument[];
  creditMemos: SyncDocument[];
  deleted: { invoices: string[]; creditMemos: string[] };
}

export interface ApiJournalLine {
  account: string;
  posting: "Debit" | "Credit";
  amount: string;
  customer?: string;
  class?: string;
  description?: string;
}

export interface PostRequest {
  period: string;
  adjustment: number;
  txnDate?: string;
  memo?: string;
  lines: ApiJournalLine[];
}

export interface PostResult {
  status: "created" | "existing";
  docNumber: string;
  journalEntryId: string;
  txnDate: string;
  link: string;
  totals: { debits: string; credits: string };
  lineCount: number;
}

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

export interface Postings {
  period: string;
  nextAdjustment: number;
  postings: Posting[];
}

export interface Balance {
  id: string;
  name: string;
  classification: string;
  debit: string;
  credit: string;
  balance: string;
}

export interface Balances {
  period: string;
  asOf: string;
  accounts: Balance[];
}

export interface AuthSuccess {
  type: "revrec-auth";
  ok: true;
  sessionToken: string;
  realmId: string;
  companyName: string;
  environment: string;
  expiresAt?: string;
}

export interface AuthFailure {
  type: "revrec-auth";
  ok: false;
  error: ApiErrorBody;
}

export type AuthMessage = AuthSuccess | AuthFailure;
