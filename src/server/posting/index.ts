/** Posting journal entries to QuickBooks, and reading back what was posted and the balances. */
export { balancesFor } from "./balances";
export { docNumberFor, qboLink, type PostingContext } from "./context";
export type { PostOutcome } from "./outcome";
export { postJournal } from "./postJournal";
export { postingsFor } from "./postings";
