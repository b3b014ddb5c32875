/** What every posting step works with, and the names RevRec gives its entries in QuickBooks. */
import type { QboClientTuning, QboEnvironment } from "../config";
import type { QboClient } from "../qbo/client";
import type { CompanyData } from "../qbo/company";
import type { Ledger } from "../store/ledger";

export interface PostingContext {
  client: QboClient;
  data: CompanyData;
  ledger: Ledger;
  companyKey: string;
  environment: QboEnvironment;
  /** base URL of the local sandbox (for links), when environment is local */
  sandboxUrl: string | undefined;
  tuning: QboClientTuning;
  /** The server's clock (tests inject one): only a period that has ended may be posted. */
  now: () => Date;
}

export function docNumberFor(period: string, adjustment: number): string {
  return adjustment === 0 ? `RR-${period}` : `RR-${period}-A${adjustment}`;
}

/** The opening true-up of go-live month `period` (docs/book.md, "Go-live"). */
export function openingDocNumberFor(period: string): string {
  return `RR-OPEN-${period}`;
}

export function qboLink(env: QboEnvironment, sandboxUrl: string | undefined, id: string): string {
  const q = `journal?txnId=${encodeURIComponent(id)}`;
  if (env === "production") return `https://app.qbo.intuit.com/app/${q}`;
  if (env === "sandbox") return `https://app.sandbox.qbo.intuit.com/app/${q}`;
  return `${sandboxUrl ?? ""}/app/${q}`;
}
