/** The `revrec schedule --format json` object: amounts as strings with two decimals. */
export interface ScheduleReport {
  periods: string[];
  obligations: {
    contract: string;
    obligation: string;
    allocated: string;
    revenue: Record<string, string>;
  }[];
  contracts: {
    contract: string;
    revenue: Record<string, string>;
    billed: Record<string, string>;
    deferred: Record<string, string>;
    unbilled: Record<string, string>;
    refund: Record<string, string>;
  }[];
}

export interface JournalReportLine {
  account: string;
  posting: "Debit" | "Credit";
  amount: string;
  class?: string;
  customer?: string;
}

/** The `revrec journal --format json` object. */
export interface JournalReport {
  /** "YYYY-MM", or "YYYY-MM..YYYY-MM" for a range. */
  period: string;
  /** The last day of the (last) period, YYYY-MM-DD. */
  date: string;
  lines: JournalReportLine[];
}

/** Totals over all contracts for one period. */
export interface PeriodTotals {
  period: string;
  revenue: string;
  billed: string;
  deferred: string;
  unbilled: string;
  refund: string;
}
