import type { PostResult } from "../../wire";
import type { ReconcileRow } from "../logic/close";

/** The Close tab's go-live part: the month, the cut-over reconciliation and the opening true-up. */
export interface GoLiveState {
  /** RevRecAccounts' goLive ("" for none), as last read or saved. */
  month: string;
  /** What the analyst typed, until saved. */
  draft: string;
  /** Why the draft cannot be saved. */
  problem?: string;
  busy: boolean;
  /** The cut-over at the end of the month before go-live, with the opening true-up counted in once posted. */
  rows?: ReconcileRow[];
  /** The account the true-up's total goes to (a QuickBooks account id). */
  offset: string;
  /** The RR-OPEN entry, once posted (from the RevRecPostings log, or the post's answer). */
  posted?: Pick<PostResult, "docNumber" | "journalEntryId">;
}

export const initialGoLive = (): GoLiveState => ({ month: "", draft: "", busy: false, offset: "" });
