// The JSON of docs/book.md as the tables produce it: amounts as decimal strings, dates YYYY-MM-DD.

export interface ProgressJson {
  date: string;
  percent: number;
}

export interface ManualJson {
  period: string;
  amount: string;
}

export interface ObligationJson {
  id: string;
  item?: string;
  class?: string;
  price: string;
  ssp?: string;
  method: string;
  start: string;
  end?: string;
  /** monthly-from-start: the number of monthly shares. */
  months?: number;
  progress?: ProgressJson[];
  manual?: ManualJson[];
}

export interface BillingJson {
  id: string;
  date: string;
  amount: string;
  obligation?: string;
  discount?: DiscountJson;
}

/** Either part may be missing when the row gives only one of them; parseBook then reports it. */
export interface DiscountJson {
  amount?: string;
  account?: string;
}

export interface ModifyJson {
  id: string;
  type: "modify";
  date: string;
  obligation: string;
  price?: string;
  end?: string;
  treatment: string;
}

export interface CreditJson {
  id: string;
  type: "credit";
  date: string;
  amount: string;
  obligation: string;
  treatment: string;
  item?: string;
  discount?: DiscountJson;
}

export interface AddJson {
  id: string;
  type: "add";
  date: string;
  obligation: ObligationJson;
  reallocate?: true;
  /** Obligation id -> its remaining SSP in the pool (RevRecChanges Remaining SSP). */
  remainingSsp?: Record<string, string>;
}

export interface PriceJson {
  id: string;
  type: "price";
  date: string;
  amount: string;
}

/** A re-estimate of variable consideration: its Changes row, with the outcomes its RevRecVariable rows give. */
export interface EstimateJson {
  id: string;
  type: "estimate";
  date: string;
  variable: string;
  outcomes: OutcomeJson[];
  constraint?: string;
}

export type ChangeJson = ModifyJson | CreditJson | AddJson | PriceJson | EstimateJson;

export interface OutcomeJson {
  amount: string;
  /** Decimal text from 0 to 1, e.g. "0.7". */
  probability: string;
}

export interface VariableJson {
  id: string;
  method: string;
  outcomes: OutcomeJson[];
  constraint?: string;
  obligation?: string;
}

export interface DiscountGroupJson {
  id: string;
  obligations: string[];
  price: string;
}

export interface ContractJson {
  id: string;
  customer: string;
  obligations: ObligationJson[];
  discountGroups?: DiscountGroupJson[];
  variableConsideration?: VariableJson[];
  billings: BillingJson[];
  changes: ChangeJson[];
}

export interface BookJson {
  currency: string;
  contracts: ContractJson[];
  /** From RevRecAccounts' goLive row: YYYY-MM, or the cell's text when it is not a month. */
  goLive?: string;
}

/** The accounts file of the journal (issue 2 §3), as parseAccounts reads it. */
export interface AccountsJson {
  revenue?: string;
  revenueByItem: Record<string, string>;
  deferredRevenue?: string;
  contractAsset?: string;
  /** Optional: the refund liability account (docs/book.md, "Balances"). */
  refundLiability?: string;
  billingsPostTo?: string;
  /** Item -> deferred | revenue (RevRecAccounts rows billingsPostTo[ITEM]). */
  billingsPostToByItem?: Record<string, string>;
}
