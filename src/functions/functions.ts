// The REVREC.* custom functions. The JSDoc below is the metadata Excel shows (functions.json is generated
// from it by custom-functions-metadata-plugin); the Namespace REVREC comes from manifest.xml.
// Ranges arrive as 2-D arrays and omitted optional arguments as null (Excel's conventions).
import * as disclosures from "./disclosures";
import { forExcel } from "./excel";
import * as impl from "./impl";
import { store } from "./store";

/**
 * The categories revenue is disaggregated into (ASC 606-10-50-5).
 * @customenum {string}
 */
export enum Dimension {
  /** By product or service (the obligation's item). */
  item = "item",
  /** By QBO class. */
  class = "class",
  /** By customer. */
  customer = "customer",
  /** Over time or point in time (timing of transfer). */
  timing = "timing",
}

/**
 * How far the journal's lines are split.
 * @customenum {string}
 */
export enum JournalDetail {
  /** One line per account and class (the default). */
  summary = "summary",
  /** Also one line per customer. */
  customer = "customer",
}

/**
 * Revenue recognized in a period or a range of periods.
 * @customfunction RECOGNIZED
 * @helpurl https://localhost:3000/help/functions#recognized
 * @param contract Contract id, obligation id, "*" for all contracts, a column of ids, or a row of obligation terms (RevRecContracts columns).
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month.
 * @param [to_period] Last period of a range, inclusive; omit for one period.
 * @returns Revenue recognized, rounded to cents.
 */
export function recognized(
  contract: unknown[][],
  period: unknown,
  to_period?: unknown
): Promise<unknown[][]> {
  return forExcel(store, () => impl.recognized(store, contract, period, to_period ?? null));
}

/**
 * Revenue recognized to date at the end of a period.
 * @customfunction CUMULATIVE
 * @helpurl https://localhost:3000/help/functions#cumulative
 * @param contract Contract id, obligation id, "*" for all contracts, a column of ids, or a row of obligation terms.
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month.
 * @returns Cumulative revenue at the period end, rounded to cents.
 */
export function cumulative(contract: unknown[][], period: unknown): Promise<unknown[][]> {
  return forExcel(store, () => impl.cumulative(store, contract, period));
}

/**
 * Amount billed (invoices less credit memos) in a period or a range of periods.
 * @customfunction BILLED
 * @helpurl https://localhost:3000/help/functions#billed
 * @param contract Contract id, "*" for all contracts, or a column of contract ids.
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month.
 * @param [to_period] Last period of a range, inclusive; omit for one period.
 * @returns Amount billed, rounded to cents.
 */
export function billed(
  contract: unknown[][],
  period: unknown,
  to_period?: unknown
): Promise<unknown[][]> {
  return forExcel(store, () => impl.billed(store, contract, period, to_period ?? null));
}

/**
 * Deferred revenue (contract liability) at the end of a period: billed to date less recognized to date, when positive.
 * @customfunction DEFERRED
 * @helpurl https://localhost:3000/help/functions#deferred
 * @param contract Contract id, "*" for all contracts (never netted), or a column of contract ids.
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month.
 * @returns Deferred revenue at the period end, rounded to cents.
 */
export function deferred(contract: unknown[][], period: unknown): Promise<unknown[][]> {
  return forExcel(store, () => impl.deferred(store, contract, period));
}

/**
 * Unbilled revenue (contract asset) at the end of a period: recognized to date less billed to date, when positive.
 * @customfunction UNBILLED
 * @helpurl https://localhost:3000/help/functions#unbilled
 * @param contract Contract id, "*" for all contracts (never netted), or a column of contract ids.
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month.
 * @returns Unbilled revenue at the period end, rounded to cents.
 */
export function unbilled(contract: unknown[][], period: unknown): Promise<unknown[][]> {
  return forExcel(store, () => impl.unbilled(store, contract, period));
}

/**
 * Refund liability (customer credit) at the end of a period: credit memos and refunds to date beyond the invoices to date.
 * @customfunction REFUND
 * @helpurl https://localhost:3000/help/functions#refund
 * @param contract Contract id, "*" for all contracts (never netted), or a column of contract ids.
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month.
 * @returns Refund liability at the period end, rounded to cents.
 */
export function refund(contract: unknown[][], period: unknown): Promise<unknown[][]> {
  return forExcel(store, () => impl.refund(store, contract, period));
}

/**
 * Transaction price allocated to a contract or obligation, after relative-SSP allocation and all changes.
 * @customfunction ALLOCATED
 * @helpurl https://localhost:3000/help/functions#allocated
 * @param contract Contract id, obligation id, "*" for all contracts, or a column of ids.
 * @returns Allocated price, rounded to cents.
 */
export function allocated(contract: unknown[][]): Promise<unknown[][]> {
  return forExcel(store, () => impl.allocated(store, contract));
}

/**
 * Spills a schedule: a header row, then one row per month with Period, Revenue, Billed, Deferred, Unbilled.
 * @customfunction SCHEDULE
 * @helpurl https://localhost:3000/help/functions#schedule
 * @param contract Contract id, "*" for all contracts, or a row of obligation terms (RevRecContracts columns).
 * @param [from] First period; omit to start at the contract's first activity.
 * @param [to] Last period; omit to end at the contract's last activity.
 * @returns The schedule, one row per month.
 */
export function schedule(
  contract: unknown[][],
  from?: unknown,
  to?: unknown
): Promise<unknown[][]> {
  return forExcel(store, () => impl.schedule(store, contract, from ?? null, to ?? null));
}

/**
 * Spills a revenue waterfall: contracts down, months across, and a Total row.
 * @customfunction WATERFALL
 * @helpurl https://localhost:3000/help/functions#waterfall
 * @param from First month: "2026-01", a quarter, a year, or a date in the month.
 * @param months Number of months across (1 to 1200).
 * @param [contracts] A column of contract or obligation ids; omit or "*" for all contracts.
 * @returns The waterfall with a header row and a Total row.
 */
// `contracts` is typed unknown[][] (not `| null`) because that keeps its matrix dimensionality in the metadata;
// Excel still passes null when it is omitted.
export function waterfall(
  from: unknown,
  months: unknown,
  contracts?: unknown[][]
): Promise<unknown[][]> {
  return forExcel(store, () => impl.waterfall(store, from, months, contracts ?? null));
}

/**
 * Spills the journal entry the task pane would post for a period: Account, Debit, Credit, Class, Customer.
 * @customfunction JOURNAL
 * @helpurl https://localhost:3000/help/functions#journal
 * @param period Month "2026-03", or a quarter or year for one entry covering all its months.
 * @param [detail] "summary" (default) or "customer" for lines by customer.
 * @returns The entry's lines under a header row; debits equal credits.
 */
export function journal(period: unknown, detail?: JournalDetail): Promise<unknown[][]> {
  return forExcel(store, () => impl.journal(store, period, detail ?? null));
}

/**
 * Spills a relative standalone-selling-price allocation of the prices' total, exact to the cent.
 * @customfunction ALLOCATE
 * @helpurl https://localhost:3000/help/functions#allocate
 * @param prices Prices of the obligations (a column or row).
 * @param ssps Standalone selling prices, one per price.
 * @returns Allocated amounts in the shape of prices; they sum to the total price.
 */
export function allocate(prices: unknown[][], ssps: unknown[][]): Promise<unknown[][]> {
  return forExcel(store, () => impl.allocate(prices, ssps));
}

/**
 * Remaining performance obligations: the transaction price allocated to what is not yet recognized at the end of a period.
 * @customfunction RPO
 * @helpurl https://localhost:3000/help/functions#rpo
 * @param contract Contract id, obligation id, "*" for all contracts, or a column of ids.
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month; its last month's end counts.
 * @param [within_months] Only what the schedule recognizes in this many months after the period (12 for "within a year"); omit for all.
 * @returns Remaining performance obligations, rounded to cents.
 */
export function rpo(
  contract: unknown[][],
  period: unknown,
  within_months?: unknown
): Promise<unknown[][]> {
  return forExcel(store, () => disclosures.rpo(store, contract, period, within_months ?? null));
}

/**
 * Spills the contract balances roll-forward: opening balances, billed, revenue from the opening deferred revenue, other revenue, closing balances.
 * @customfunction ROLLFORWARD
 * @helpurl https://localhost:3000/help/functions#rollforward
 * @param period_or_range A period ("2026", "2026-Q1", "2026-03"), or a range of period cells for one row each.
 * @param [contracts] A column of contract ids; omit or "*" for all contracts.
 * @returns A header row and one row per period; each row ties: closing = opening + billed − revenue.
 */
export function rollforward(
  period_or_range: unknown[][],
  contracts?: unknown[][]
): Promise<unknown[][]> {
  return forExcel(store, () => disclosures.rollforward(store, period_or_range, contracts ?? null));
}

/**
 * Spills revenue disaggregated by item, class, customer or timing of transfer, with a Total row.
 * @customfunction DISAGGREGATE
 * @helpurl https://localhost:3000/help/functions#disaggregate
 * @param dimension "item", "class", "customer" or "timing" (over time / point in time).
 * @param period_or_range A period ("2026", "2026-Q1", "2026-03"), or a range of period cells for one column each.
 * @param [contracts] A column of contract or obligation ids; omit or "*" for all contracts.
 * @returns A header row, one row per category, and a Total row equal to RECOGNIZED("*", period).
 */
export function disaggregate(
  dimension: Dimension,
  period_or_range: unknown[][],
  contracts?: unknown[][]
): Promise<unknown[][]> {
  return forExcel(store, () =>
    disclosures.disaggregateRevenue(store, dimension, period_or_range, contracts ?? null)
  );
}

/**
 * Spills what makes up a contract's figures in a period: balances, obligations, invoices, credit memos and changes.
 * @customfunction DETAIL
 * @helpurl https://localhost:3000/help/functions#detail
 * @param contract One contract id.
 * @param period Month "2026-03", quarter "2026-Q1", year "2026", or a date in the month.
 * @returns Line, Id, Date, Detail, Revenue, Billed, Deferred, Unbilled; Revenue and Billed sum to RECOGNIZED and BILLED.
 */
export function detail(contract: unknown[][], period: unknown): Promise<unknown[][]> {
  return forExcel(store, () => disclosures.detail(store, contract, period));
}

/**
 * When the RevRec tables were last synced from QuickBooks, as a date-time (UTC) to format as a date.
 * @customfunction ASOF
 * @helpurl https://localhost:3000/help/functions#asof
 * @returns The last sync time as an Excel date-time serial.
 */
export function asof(): Promise<unknown[][]> {
  return forExcel(store, () => disclosures.asOf(store));
}
