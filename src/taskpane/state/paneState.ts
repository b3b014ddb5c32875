import type { LeftOut } from "../logic/leftOut";
import { previousMonth } from "../../core";
import type { Cell } from "../../workbook";
import type { Account, Item, Postings, PostResult, Status } from "../../wire";
import type { Session } from "../host/session";
import type { Preview, PreviewLine, ReconcileRow } from "../logic/close";
import type { CloseRange } from "../logic/coverage";
import type { MonthTotals } from "../logic/monthTotals";
import type { ReportKind } from "../logic/reports";
import type { Settings, SettingsIssue } from "../logic/rules";
import type { SyncProgress } from "../logic/runSync";
import type { RuleSuggestion } from "../logic/suggestRules";
import type { TableSummary } from "../logic/tableRows";
import type { Waterfall } from "../logic/waterfall";
import type { PaneError } from "../paneError";
import { initialGoLive, type GoLiveState } from "./goLiveState";

export interface CloseState {
  period: string;
  /** One line per account (and class), or also per customer. */
  detail: "summary" | "customer";
  loading: boolean;
  preview?: Preview;
  reconcile?: ReconcileRow[];
  trueUp?: PreviewLine[];
  includeTrueUp: boolean;
  postings?: Postings;
  /** The months the period's entry covers (a catch-up range on a first close), or the entry that covered it. */
  range?: CloseRange;
  /** When an entry of a later period already covered this one: what QuickBooks holds for that entry. */
  coveredBy?: Postings;
  /** Lines an adjusting entry must post (the data changed since the period was posted). */
  adjustment?: PreviewLine[];
  bookIssues: string[];
  posting: boolean;
  postStep?: string;
  posted?: PostResult;
  /** Why the preview on screen was taken away (the tables changed since it was computed). */
  outdated?: string;
  /** All contracts' figures by month around the period, for the Close tab's charts. */
  trend?: MonthTotals[];
  /** Why the period has no entry: it is before go-live. */
  beforeGoLive?: string;
}

/** An entry QuickBooks has that RevRecPostings could not record: the row to write when the workbook lets us. */
export interface UnloggedPosting {
  period: string;
  result: PostResult;
  row: Cell[];
  problem: PaneError;
}

export interface SyncState {
  running: boolean;
  cancelling: boolean;
  progress?: SyncProgress;
  summary?: TableSummary[];
  syncedAt?: string;
  hasCursor: boolean;
  /** Documents the tables leave out (logic/leftOut.ts), as of the last sync. */
  leftOut?: LeftOut;
}

export interface PaneState {
  inOffice: boolean;
  session?: Session;
  status?: Status;
  connecting: boolean;
  error?: PaneError;
  notice?: string;
  accounts?: Account[];
  items?: Item[];
  settings?: Settings;
  settingsIssues: SettingsIssue[];
  /** True right after the Rules tab was saved (not merely because the workbook holds rules). */
  settingsSaved: boolean;
  /** Item id -> the rule its evidence suggests and why; items with no evidence have none. */
  ruleSuggestions: Record<string, RuleSuggestion>;
  sync: SyncState;
  close: CloseState;
  goLive: GoLiveState;
  /** Set when an entry was posted but its RevRecPostings row could not be written (retry with retryLog). */
  unlogged?: UnloggedPosting;
  reportBusy?: ReportKind | "disclosures";
  /** Problems in the tables that left rows out of the last report added (plain language, by row). */
  reportIssues: string[];
  /** The Reports tab's view of the waterfall, for the months in its fields. */
  waterfall?: Waterfall;
  /** Changes whenever the workbook's tables change (to refresh the in-memory view). */
  tablesVersion: number;
  /** Who posts (RevRecPostings "Prepared By"). */
  preparer: string;
  /** The workbook requires a second person's approval to post (REQUIRE_APPROVAL_KEY). */
  requireApproval: boolean;
  /** Who approved the entry on screen (RevRecPostings "Approved By"). */
  approver: string;
}

/** The Close tab with nothing computed yet for `period`. */
export function freshClose(
  period: string,
  detail: CloseState["detail"],
  loading: boolean
): CloseState {
  return { period, detail, loading, includeTrueUp: false, bookIssues: [], posting: false };
}

/** The pane as it opens: the month just ended is the one being closed. */
export function initialState(
  inOffice: boolean,
  today: Date,
  session: Session | undefined,
  preparer: string
): PaneState {
  const state: PaneState = {
    inOffice,
    connecting: false,
    settingsIssues: [],
    settingsSaved: false,
    ruleSuggestions: {},
    sync: { running: false, cancelling: false, hasCursor: false },
    close: freshClose(previousMonth(today.toISOString().slice(0, 7)), "summary", false),
    goLive: initialGoLive(),
    tablesVersion: 0,
    reportIssues: [],
    preparer,
    requireApproval: false,
    approver: "",
  };
  if (session) state.session = session;
  return state;
}
