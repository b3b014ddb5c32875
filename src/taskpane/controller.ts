import { ACCOUNTS, POSTINGS, accountsFromTable, accountsToRows, header } from "../core/tables";
import type { Schedule } from "../core";
import type { Workbook } from "../workbook";
import type { Cell, TableChanges, TableData } from "../workbook";
import { ApiClient, ApiError } from "./api/client";
import type { Account, Item, PostRequest, Postings, PostResult, Status } from "./api/types";
import { openSignIn } from "./host/signIn";
import { loadSession, saveSession } from "./host/session";
import type { Session } from "./host/session";
import {
  accountKindIssues,
  BOOK_TABLE_NAMES,
  fromAccountsJson,
  loadBook,
  toAccountsJson,
} from "./logic/book";
import {
  adjustment,
  apiLines,
  postingRow,
  previewClose,
  reconcile,
  trueUpLines,
} from "./logic/close";
import type { Preview, PreviewLine, ReconcileRow } from "./logic/close";
import { lastDayOf, monthsBetween, nextMonth, previousMonth } from "../core";
import {
  closeRange,
  entryFromPostings,
  firstActivity,
  lineDescription,
  loggedEntries,
  rangeText,
} from "./logic/coverage";
import type { CloseRange, CoveringEntry } from "./logic/coverage";
import {
  buildReport,
  parseReportsMade,
  reportContracts,
  reportRangeProblems,
  REPORTS_KEY,
} from "./logic/reports";
import type { ReportKind, ReportMade, ReportsMade } from "./logic/reports";
import { parseSettings, SETTINGS_KEY, suggestSettings, validateSettings } from "./logic/rules";
import type { Settings, SettingsIssue } from "./logic/rules";
import { runSync } from "./logic/runSync";
import type { SyncProgress } from "./logic/runSync";
import { BASELINE_KEY, parseBaseline, planRules, planSync } from "./logic/tableRows";
import type { TableSummary } from "./logic/tableRows";
import { CONTRACTS, BILLINGS, CHANGES } from "../core/tables";
import { toPaneError } from "./paneError";
import type { PaneError } from "./paneError";

export { toPaneError };
export type { PaneError };

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
  settingsSaved: boolean;
  sync: SyncState;
  close: CloseState;
  /** Set when an entry was posted but its RevRecPostings row could not be written (retry with retryLog). */
  unlogged?: UnloggedPosting;
  reportBusy?: ReportKind;
  /** Problems in the tables that left rows out of the last report added (plain language, by row). */
  reportIssues: string[];
  /** Changes whenever the workbook's tables change (to refresh the in-memory view). */
  tablesVersion: number;
  /** Who posts (RevRecPostings "Posted By"). */
  preparer: string;
}

export interface ControllerDeps {
  workbook: Workbook;
  client?: ApiClient;
  origin: string;
  inOffice: boolean;
  /** For tests: replaces the sign-in dialog. */
  signIn?: (url: string) => Promise<import("./api/types").AuthMessage>;
  now?: () => Date;
  wait?: (ms: number) => Promise<void>;
  who?: () => string;
}

function defaultPeriod(now: Date): string {
  // The month just ended is the one being closed.
  return previousMonth(now.toISOString().slice(0, 7));
}

/** The pane's state and actions, independent of React and of Excel (the workbook is injected). */
export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private readonly client: ApiClient;
  private cancelRequested = false;
  private schedule: Schedule | undefined;
  /** The book tables the preview on screen was computed from (bookFingerprint), if any. */
  private previewTables: string | undefined;
  /** Counts the Close tab's requests: a preview's answer is shown only while its number is the latest. */
  private closeRequest = 0;
  /** True when the Rules tab holds edits not saved in the workbook. */
  private settingsEdited = false;
  /** Counts table events, so a preview can tell that the tables changed while it was loading. */
  private tableEvents = 0;
  /** The last journal request sent to the backend (retries resend exactly this). */
  lastPostRequest: PostRequest | undefined;

  constructor(private readonly deps: ControllerDeps) {
    const session = loadSessionSafe();
    this.client = deps.client ?? new ApiClient(deps.origin, () => this.state.session?.sessionToken);
    this.state = {
      inOffice: deps.inOffice,
      connecting: false,
      settingsIssues: [],
      settingsSaved: false,
      sync: { running: false, cancelling: false, hasCursor: false },
      close: {
        period: defaultPeriod((deps.now ?? (() => new Date()))()),
        detail: "summary",
        loading: false,
        includeTrueUp: false,
        bookIssues: [],
        posting: false,
      },
      tablesVersion: 0,
      reportIssues: [],
      preparer: loadPreparer(),
    };
    if (session) this.state.session = session;
  }

  get(): PaneState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private setClose(patch: Partial<CloseState>): void {
    this.set({ close: { ...this.state.close, ...patch } });
  }

  private setSync(patch: Partial<SyncState>): void {
    this.set({ sync: { ...this.state.sync, ...patch } });
  }

  /** Shows a failure; `what` says what was being done, for errors that do not say it themselves. */
  private fail(e: unknown, what: string, action?: string): void {
    if (e instanceof ApiError && (e.code === "unauthorized" || e.code === "reconnect_required")) {
      saveSessionSafe(undefined);
      const rest = { ...this.state };
      delete rest.session;
      delete rest.status;
      this.state = rest;
    }
    this.set({ error: toPaneError(e, what, action) });
  }

  private clearMessages(): void {
    const rest = { ...this.state };
    delete rest.notice;
    delete rest.error;
    this.state = rest;
  }

  /** Who posts, for the RevRecPostings log (kept in this browser). */
  setPreparer(name: string): void {
    try {
      if (typeof window !== "undefined") window.localStorage.setItem("revrec.preparer", name);
    } catch {
      // Storage disabled: the name lasts as long as the pane.
    }
    this.set({ preparer: name });
  }

  dismissError(): void {
    const rest = { ...this.state };
    delete rest.error;
    this.state = rest;
    this.set({});
  }

  /** Loads what the workbook remembers and, when a session exists, the company. */
  async init(): Promise<void> {
    try {
      await this.deps.workbook.onTablesChanged([...BOOK_TABLE_NAMES, POSTINGS.name], () => {
        this.tableEvents += 1;
        this.set({ tablesVersion: this.state.tablesVersion + 1 });
        // A preview of tables that changed since must not stay on screen (post() checks again anyway).
        this.checkPreview().catch(() => undefined);
      });
    } catch {
      // Older Excel builds lack table events; the pane re-reads the tables before every action anyway.
    }
    const baseline = parseBaseline(await this.deps.workbook.readSetting(BASELINE_KEY));
    this.setSync({
      hasCursor: baseline.cursor !== undefined,
      ...(baseline.syncedAt ? { syncedAt: baseline.syncedAt } : {}),
    });
    if (this.state.session) {
      try {
        await this.refreshCompany();
      } catch (e) {
        this.fail(e, "Could not read the company from QuickBooks");
      }
    }
  }

  async connect(): Promise<void> {
    if (this.state.connecting) return;
    this.clearMessages();
    this.set({ connecting: true });
    try {
      const url = `${this.deps.origin}/auth/qbo/start`;
      const message = await (
        this.deps.signIn ?? ((u: string) => openSignIn(u, this.deps.inOffice))
      )(url);
      if (!message.ok) throw new ApiError(400, message.error);
      const session: Session = {
        sessionToken: message.sessionToken,
        realmId: message.realmId,
        companyName: message.companyName,
        environment: message.environment,
      };
      saveSessionSafe(session);
      this.set({ session, notice: `Connected to ${message.companyName}.` });
      await this.refreshCompany();
    } catch (e) {
      this.fail(e, "Could not connect to QuickBooks", "Click Connect to QuickBooks to try again.");
    } finally {
      this.set({ connecting: false });
    }
  }

  async disconnect(): Promise<void> {
    try {
      await this.client.disconnect();
    } catch (e) {
      // The session is forgotten either way; a server that cannot be reached is told nothing.
      if (!(e instanceof ApiError) || e.status !== 401) this.fail(e, "Could not disconnect");
    }
    saveSessionSafe(undefined);
    const rest = { ...this.state };
    delete rest.session;
    delete rest.status;
    delete rest.accounts;
    delete rest.items;
    this.state = rest;
    this.set({ notice: "Disconnected from QuickBooks." });
  }

  /** Company, accounts, items and the saved rules. */
  async refreshCompany(): Promise<void> {
    const status = await this.client.status();
    const [accounts, items] = await Promise.all([this.client.accounts(), this.client.items()]);
    this.set({ status, accounts, items });
    await this.loadSettings();
  }

  private async loadSettings(): Promise<void> {
    const { settings, saved } = await this.savedSettings();
    this.settingsEdited = false;
    this.set({
      settings,
      settingsSaved: saved,
      settingsIssues: validateSettings(settings, this.state.accounts ?? []),
    });
  }

  /** The rules and accounts the workbook holds (suggested where it holds none), not the Rules tab's edits. */
  private async savedSettings(): Promise<{ settings: Settings; saved: boolean }> {
    const accounts = this.state.accounts ?? [];
    const items = this.state.items ?? [];
    const suggested = suggestSettings(accounts, items);
    const saved = parseSettings(await this.deps.workbook.readSetting(SETTINGS_KEY));
    const tables = await this.deps.workbook.readTables([ACCOUNTS.name]);
    const fromTable = accountsFromTable(tables.get(ACCOUNTS.name)).accounts;
    const settings: Settings = {
      rules: { ...suggested.rules, ...(saved?.rules ?? {}) },
      defaultRule: saved?.defaultRule ?? suggested.defaultRule,
      accounts: fromTable
        ? fromAccountsJson(fromTable, accounts, items)
        : (saved?.accounts ?? suggested.accounts),
    };
    return { settings, saved: saved !== undefined && fromTable !== undefined };
  }

  editSettings(settings: Settings): void {
    this.settingsEdited = true;
    this.set({ settings, settingsIssues: validateSettings(settings, this.state.accounts ?? []) });
  }

  /** Saves the rules and account mapping into the workbook, and re-applies the rules to synced rows. */
  async saveSettings(): Promise<boolean> {
    const settings = this.state.settings;
    if (!settings) return false;
    const issues = validateSettings(settings, this.state.accounts ?? []);
    this.set({ settingsIssues: issues });
    if (issues.length > 0) {
      this.set({
        error: {
          message: "Some choices on the Rules tab need attention before they can be saved.",
          action: issues.map((i) => i.message).join(" "),
        },
      });
      return false;
    }
    try {
      // The account mapping, the rules applied to synced rows and the baseline go to Excel in one batch.
      const accounts = await this.accountsChange(settings);
      const tables = await this.deps.workbook.readTables([CONTRACTS.name]);
      const baseline = parseBaseline(await this.deps.workbook.readSetting(BASELINE_KEY));
      const plan = planRules(tables, baseline, settings);
      await this.deps.workbook.applyChanges(
        [accounts, ...plan.changes.filter((c) => tables.has(c.table))],
        { [SETTINGS_KEY]: JSON.stringify(settings), [BASELINE_KEY]: JSON.stringify(plan.baseline) }
      );
      const s = plan.summary[0];
      const applied =
        s && s.updated > 0 ? ` The rules were applied to ${s.updated} contract rows.` : "";
      const kept = s && s.keptEdits > 0 ? ` ${s.keptEdits} cells you edited were kept.` : "";
      this.settingsEdited = false;
      this.set({
        settingsSaved: true,
        notice: `Rules and accounts saved in this workbook.${applied}${kept}`,
      });
      return true;
    } catch (e) {
      this.fail(e, "Could not save the rules");
      return false;
    }
  }

  /** The RevRecAccounts rows for these settings, as a change to that table. */
  private async accountsChange(settings: Settings): Promise<TableChanges> {
    const json = toAccountsJson(
      settings.accounts,
      this.state.accounts ?? [],
      this.state.items ?? []
    );
    const rows = accountsToRows(json).rows;
    const existing = await this.deps.workbook.readTables([ACCOUNTS.name]);
    const have = existing.get(ACCOUNTS.name);
    const keys = new Set(rows.map((r) => String(r[0])));
    const old = (have?.rows ?? [])
      .map((r) => String(r[0] ?? ""))
      .filter((k) => k !== "" && !keys.has(k));
    return {
      table: ACCOUNTS.name,
      sheet: ACCOUNTS.sheet,
      header: header(ACCOUNTS),
      key: "Setting",
      insert: rows.filter((r) => !have?.rows.some((h) => String(h[0]) === String(r[0]))),
      update: rows.map((r) => ({ key: String(r[0]), values: { Value: r[1] ?? "" } })),
      remove: old.filter((k) => k.startsWith("revenueByItem[") || k.startsWith("billingsPostTo[")),
    };
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** Makes the REVREC cells recalculate; a failure there is not a failure of what was written. */
  private async recalculate(): Promise<string> {
    try {
      await this.deps.workbook.recalculateRevRec();
      return "";
    } catch {
      return " Excel did not recalculate the REVREC cells: press Ctrl+Alt+F9 to recalculate them.";
    }
  }

  /**
   * True while a sync or a post is under way. A post was checked against the tables as they are, so no sync may
   * change them under it; a running sync is about to change them, so no preview or post may start from them.
   */
  private get tablesBusy(): boolean {
    return this.state.sync.running || this.state.close.posting;
  }

  /** Pulls invoices and credit memos and upserts the tables. Nothing is written unless the whole sync arrives. */
  async sync(mode: "full" | "incremental"): Promise<void> {
    if (this.tablesBusy) return;
    this.cancelRequested = false;
    this.clearMessages();
    const rest = { ...this.state.sync };
    delete rest.summary;
    delete rest.progress;
    this.set({ sync: { ...rest, running: true, cancelling: false } });
    let what = "Could not sync with QuickBooks";
    try {
      if (!this.state.settings) await this.refreshCompany();
      const edited = this.state.settings;
      if (!edited) throw new Error("The company's accounts and items could not be read.");
      what = "Could not read the tables";
      // Only saved rules reach the tables; before the first save, the Rules tab's choices if they are valid.
      const saved = await this.savedSettings();
      const settings = saved.saved ? saved.settings : edited;
      const issues = validateSettings(settings, this.state.accounts ?? []);
      if (issues.length > 0) {
        this.set({
          error: {
            message: saved.saved
              ? "The rules saved in this workbook need attention, so nothing was synced."
              : "Some choices on the Rules tab need attention, so nothing was synced.",
            action: `${issues.map((i) => i.message).join(" ")} Correct them on the Rules tab, save, then sync.`,
          },
        });
        return;
      }
      const unsaved =
        saved.saved && this.settingsEdited
          ? " Unsaved changes on the Rules tab were not used: save them to apply them to the synced rows."
          : "";
      const before = parseBaseline(await this.deps.workbook.readSetting(BASELINE_KEY));
      what = "Could not sync with QuickBooks";
      const result = await runSync(this.client, {
        mode,
        cursor: before.cursor,
        onProgress: (progress) => this.setSync({ progress }),
        cancelled: () => this.cancelRequested,
        ...(this.deps.wait ? { wait: this.deps.wait } : {}),
      });
      // From here on the sync cannot be cancelled: the tables are being written.
      this.setSync({
        progress: { ...(this.state.sync.progress ?? emptyProgress()), phase: "writing" },
        cancelling: false,
      });
      what = "Could not read the tables";
      const tables = await this.deps.workbook.readTables([
        CONTRACTS.name,
        BILLINGS.name,
        CHANGES.name,
      ]);
      const plan = planSync(result, tables, before, settings);
      const changes = [...plan.changes];
      const settingsToWrite: Record<string, string> = {
        [BASELINE_KEY]: JSON.stringify(plan.baseline),
      };
      if (!saved.saved) {
        // The first sync also writes the suggested account mapping, so the book is complete; the Rules tab can change it.
        changes.push(await this.accountsChange(settings));
        settingsToWrite[SETTINGS_KEY] = JSON.stringify(settings);
      }
      // The tables, the baseline that says what was written and the mapping go to Excel together, in one batch.
      what = "Could not write the tables";
      await this.deps.workbook.applyChanges(changes, settingsToWrite);
      this.set({ settingsSaved: true });
      const recalc = await this.recalculate();
      const reports = await this.refreshReports();
      this.setSync({ summary: plan.summary, syncedAt: result.syncedAt, hasCursor: true });
      this.set({ notice: `${summaryText(plan.summary)}${recalc}${reports}${unsaved}` });
    } catch (e) {
      this.fail(e, what);
    } finally {
      this.setSync({ running: false, cancelling: false });
    }
  }

  cancelSync(): void {
    // Once the tables are being written the sync finishes: stopping half-way is what Cancel must never do.
    if (!this.state.sync.running || this.state.sync.progress?.phase === "writing") return;
    this.cancelRequested = true;
    this.setSync({ cancelling: true });
  }

  setPeriod(period: string): void {
    // A post in flight belongs to the period on screen: its result is shown there, and Post stays shut.
    if (this.state.close.posting) return;
    // What was shown belongs to the previous period: forget it, so nothing of it can be posted under this one.
    // A preview still loading belongs to it too: its answer is dropped when it arrives.
    this.closeRequest += 1;
    this.previewTables = undefined;
    this.set({ close: this.freshClose(period, false) });
  }

  /** The Close tab with nothing computed yet for `period`. */
  private freshClose(period: string, loading: boolean): CloseState {
    return {
      period,
      detail: this.state.close.detail,
      loading,
      includeTrueUp: false,
      bookIssues: [],
      posting: false,
    };
  }

  /** Takes the preview off the screen because the tables it was computed from changed. */
  private discardPreview(): void {
    this.closeRequest += 1;
    this.previewTables = undefined;
    const close = this.freshClose(this.state.close.period, false);
    const posted = this.state.close.posted;
    if (posted) close.posted = posted;
    close.outdated = "The tables changed since the preview; preview again.";
    this.set({ close });
  }

  /** True when the book tables still hold what the preview on screen was computed from. */
  private async previewIsCurrent(): Promise<boolean> {
    if (this.previewTables === undefined) return false;
    return (
      bookFingerprint(await this.deps.workbook.readTables(BOOK_TABLE_NAMES)) === this.previewTables
    );
  }

  /** After a table event: a preview whose tables changed is taken off the screen. */
  private async checkPreview(): Promise<void> {
    const seen = this.previewTables;
    if (seen === undefined || this.state.close.loading || this.state.close.posting) return;
    if (await this.previewIsCurrent()) return;
    // Meanwhile a new preview may have started, or a post: they read the tables themselves.
    if (this.previewTables !== seen || this.state.close.loading || this.state.close.posting) return;
    this.discardPreview();
  }

  setDetail(detail: "summary" | "customer"): void {
    this.setClose({ detail });
  }

  setIncludeTrueUp(on: boolean): void {
    this.setClose({ includeTrueUp: on });
  }

  /** Builds the period's entry, what is already posted, and the reconciliation against QuickBooks. */
  async preview(): Promise<void> {
    if (this.tablesBusy) return;
    const period = this.state.close.period;
    const request = ++this.closeRequest;
    // An answer to an earlier request (another period, or tables read before) is never shown.
    const superseded = () => request !== this.closeRequest || this.state.close.period !== period;
    this.clearMessages();
    this.previewTables = undefined;
    this.set({ close: this.freshClose(period, true) });
    let what = "Could not preview the entry";
    try {
      const accounts = this.state.accounts ?? (await this.client.accounts());
      if (superseded()) return;
      what = "Could not read the tables";
      const events = this.tableEvents;
      const tables = await this.deps.workbook.readTables([...BOOK_TABLE_NAMES, POSTINGS.name]);
      if (superseded()) return;
      what = "Could not preview the entry";
      this.previewTables = bookFingerprint(tables);
      const loaded = loadBook(tables);
      this.schedule = loaded.schedule;
      if (!loaded.schedule || !loaded.map) {
        this.setClose({ loading: false, bookIssues: loaded.issues });
        return;
      }
      // An account of the wrong kind (deferred revenue mapped to A/R) blocks posting like a bad cell.
      const bookIssues = [...loaded.issues, ...accountKindIssues(loaded.map, accounts)];
      const { range, postings, found } = await this.coverage(
        period,
        loggedEntries(tables.get(POSTINGS.name)),
        firstActivity(loaded.schedule)
      );
      if (superseded()) return;
      if (range.kind === "covered") {
        const patch: Partial<CloseState> = {
          loading: false,
          range,
          postings,
          bookIssues,
        };
        const holder = found.get(range.entry.period);
        if (holder) patch.coveredBy = holder;
        this.setClose(patch);
        return;
      }
      const preview = previewClose(
        loaded.schedule,
        loaded.map,
        period,
        accounts,
        this.state.close.detail,
        range.from
      );
      const posted = postings.postings.length > 0;
      const adj = posted ? adjustment(preview, postings.postings, accounts) : undefined;
      const pending = posted ? (adj ?? []) : preview.lines;
      const ids = [loaded.map.deferredRevenue, loaded.map.contractAsset];
      const balances = await this.client.balances(period, ids);
      if (superseded()) return;
      const rec = reconcile(loaded.schedule, loaded.map, period, accounts, balances, pending);
      const trueUp = trueUpLines(rec, loaded.map, accounts);
      const patch: Partial<CloseState> = {
        loading: false,
        preview,
        range,
        postings,
        reconcile: rec,
        bookIssues,
      };
      if (adj) patch.adjustment = adj;
      if (trueUp.length > 0) patch.trueUp = trueUp;
      this.setClose(patch);
      // A table event while loading was not checked then (checkPreview waits for the preview): check now.
      if (this.tableEvents !== events) await this.checkPreview();
    } catch (e) {
      if (superseded()) return;
      this.previewTables = undefined;
      this.setClose({ loading: false });
      this.fail(e, what);
    }
  }

  /**
   * What the period's entry covers. QuickBooks is asked about the period itself, about the months between the
   * latest logged entry before it and it (entries the log missed), about the logged entries that bear on it (one
   * deleted in QuickBooks no longer counts), and, when the log has nothing after the period, about the months
   * after it up to now (a later catch-up entry may have covered it). With no log at all that reads the whole
   * history back from QuickBooks, through the range written on each entry's lines.
   */
  private async coverage(
    period: string,
    logged: readonly CoveringEntry[],
    first: string | undefined
  ): Promise<{ range: CloseRange; postings: Postings; found: Map<string, Postings> }> {
    const months = new Set<string>([period]);
    const before = logged
      .filter((e) => e.period < period)
      .sort((a, b) => b.period.localeCompare(a.period))[0];
    if (before) months.add(before.period);
    const start = before ? nextMonth(before.period) : first !== undefined ? first : period;
    if (start < period) for (const m of monthsBetween(start, previousMonth(period))) months.add(m);
    const later = logged.filter((e) => e.period > period);
    for (const e of later) if (e.from <= period) months.add(e.period);
    const now = this.now().toISOString().slice(0, 7);
    if (later.length === 0 && now > period)
      for (const m of monthsBetween(nextMonth(period), now)) months.add(m);
    const found = new Map<string, Postings>();
    const list = [...months];
    for (let i = 0; i < list.length; i += 6) {
      const batch = await Promise.all(list.slice(i, i + 6).map((m) => this.client.postings(m)));
      for (const p of batch) found.set(p.period, p);
    }
    // QuickBooks' answer wins for every month it was asked about.
    const entries: CoveringEntry[] = logged.filter((e) => !found.has(e.period));
    for (const [m, p] of found) {
      const e = entryFromPostings(m, p.postings, logged);
      if (e) entries.push(e);
    }
    const postings = found.get(period) ?? { period, nextAdjustment: 0, postings: [] };
    return { range: closeRange(period, entries, first), postings, found };
  }

  /**
   * Posts the original entry, or the adjusting entry when the period is already posted. One click, once, and
   * only the lines on screen: when the tables changed since the preview nothing is posted.
   */
  async post(): Promise<void> {
    const c = this.state.close;
    if (this.tablesBusy || !c.preview || c.range?.kind === "covered" || this.state.unlogged) return;
    const today = this.now().toISOString().slice(0, 10);
    if (lastDayOf(c.period) >= today) {
      this.set({
        error: {
          message: `${c.period} has not ended yet, so nothing was posted.`,
          action: `Post it from ${nextMonth(c.period)}-01, when all of its revenue through ${lastDayOf(c.period)} is known; choose an earlier period now.`,
        },
      });
      return;
    }
    if (c.bookIssues.length > 0) return;
    if (c.loading || c.preview.period !== c.period) {
      // Only a finished preview of the period selected is ever posted.
      this.discardPreview();
      return;
    }
    const from = c.preview.from;
    const existing = c.postings?.postings ?? [];
    const isAdjustment = existing.length > 0;
    const base = isAdjustment ? (c.adjustment ?? []) : c.preview.lines;
    const lines = c.includeTrueUp && c.trueUp ? [...base, ...c.trueUp] : base;
    if (lines.length === 0) return;
    const withClass = (this.state.status?.preferences.classTracking ?? "none") !== "none";
    const adjustmentNo = isAdjustment ? (c.postings?.nextAdjustment ?? existing.length) : 0;
    const request = {
      period: c.period,
      adjustment: adjustmentNo,
      txnDate: lastDayOf(c.period),
      memo: `ASC 606 revenue recognition ${rangeText(from, c.period)}${from < c.period ? " (catch-up: every month not covered by an earlier RevRec entry)" : ""}${isAdjustment ? ` (adjustment ${adjustmentNo})` : ""}`,
      lines: apiLines(lines, withClass, lineDescription(from, c.period, adjustmentNo)),
    };
    this.clearMessages();
    this.setClose({ posting: true, postStep: "Checking the tables against the preview…" });
    let current: boolean;
    try {
      current = await this.previewIsCurrent();
    } catch (e) {
      this.setClose({ posting: false, postStep: "" });
      this.fail(e, "Could not read the tables, so nothing was posted");
      return;
    }
    if (!current) {
      this.discardPreview();
      this.set({
        error: {
          message: "The tables changed since the preview, so nothing was posted.",
          action: "Click Preview entry, check the lines, then post.",
        },
      });
      return;
    }
    this.lastPostRequest = request;
    this.setClose({ postStep: "Sending the entry to QuickBooks…" });
    let result: PostResult;
    try {
      result = await this.client.postJournal(request);
    } catch (e) {
      this.setClose({ posting: false, postStep: "" });
      if (
        e instanceof ApiError &&
        (e.status === 0 || e.code === "qbo_timeout" || e.code === "qbo_unavailable")
      ) {
        this.set({
          error: {
            ...toPaneError(e),
            action:
              "The entry may or may not have reached QuickBooks. Click Post again: it finds the entry if it was created and never posts it twice.",
          },
        });
      } else this.fail(e, "Could not post the entry");
      return;
    }
    const at = this.now().toISOString();
    const row = postingRow(
      c.period,
      from,
      result,
      isAdjustment ? "adjustment" : "original",
      request.lines,
      at,
      this.deps.who?.() ?? this.state.preparer
    );
    if (this.state.close.period === c.period)
      this.setClose({ posted: result, postStep: "Recording the entry in RevRecPostings…" });
    await this.writeLog({ period: c.period, result, row });
  }

  /** Writes the RevRecPostings row of a posted entry that could not be recorded before. Never posts. */
  async retryLog(): Promise<void> {
    const pending = this.state.unlogged;
    if (!pending || this.state.close.posting) return;
    this.clearMessages();
    this.setClose({ posting: true, postStep: "Recording the entry in RevRecPostings…" });
    await this.writeLog(pending);
  }

  /**
   * Records a posted entry in RevRecPostings, then shows the period as posted. When the row cannot be written
   * the entry is still shown as posted, and the row is kept for retryLog.
   */
  private async writeLog(p: { period: string; result: PostResult; row: Cell[] }): Promise<void> {
    try {
      // One row per QuickBooks entry: a row already there (a write whose answer was lost) is not written again.
      const log = (await this.deps.workbook.readTables([POSTINGS.name])).get(POSTINGS.name);
      const idColumn = log?.header.indexOf("QBO Id") ?? -1;
      const logged = (log?.rows ?? []).some(
        (r) => String(r[idColumn] ?? "") === p.result.journalEntryId
      );
      if (!logged)
        await this.deps.workbook.appendRows(POSTINGS.name, POSTINGS.sheet, header(POSTINGS), [
          p.row,
        ]);
    } catch (e) {
      const problem = toPaneError(
        e,
        `Posted ${p.result.docNumber}, but could not write its row in RevRecPostings`
      );
      this.set({ unlogged: { ...p, problem }, notice: postedText(p.result) });
      this.setClose({ posting: false, postStep: "" });
      return;
    }
    const retried = this.state.unlogged !== undefined;
    const rest = { ...this.state };
    delete rest.unlogged;
    this.state = rest;
    this.setClose({ posting: false, postStep: "" });
    if (this.state.close.period === p.period) {
      this.setClose({ posted: p.result });
      await this.preview();
      this.setClose({ posted: p.result });
    }
    this.set({
      notice: retried ? `Recorded ${p.result.docNumber} in RevRecPostings.` : postedText(p.result),
    });
  }

  /**
   * Adds a report sheet, or replaces it where it stands when it was added before (bringing a waterfall's
   * contract rows up to date). Rows the tables' problems leave out are listed in reportIssues.
   */
  async addReport(kind: ReportKind, from: string, to: string): Promise<void> {
    this.clearMessages();
    const problems = reportRangeProblems(from, to);
    const problem = problems.from ?? problems.to;
    if (problem !== undefined) {
      this.set({
        error: {
          message: `The report's months are not valid: ${problem}`,
          action: "Correct From and To on the Reports tab, then add the report again.",
        },
      });
      return;
    }
    this.set({ reportBusy: kind, reportIssues: [] });
    let what = "Could not read the tables";
    try {
      const tables = await this.deps.workbook.readTables(BOOK_TABLE_NAMES);
      const loaded = loadBook(tables);
      const made = parseReportsMade(await this.deps.workbook.readSetting(REPORTS_KEY));
      const before = made[kind];
      const contracts = reportContracts(kind, loaded.schedule);
      const record: ReportMade = { from: from.trim(), to: to.trim() };
      if (contracts) record.contracts = contracts;
      what = `Could not add the ${REPORT_NAMES[kind]} sheet`;
      await this.deps.workbook.addReportSheet(
        buildReport(kind, loaded.schedule, record.from, record.to),
        { [REPORTS_KEY]: JSON.stringify({ ...made, [kind]: record }) }
      );
      const fresh = contracts && before?.contracts ? newContracts(before.contracts, contracts) : "";
      const done = before
        ? `Replaced the ${REPORT_NAMES[kind]} sheet${fresh}.`
        : `Added the ${REPORT_NAMES[kind]} sheet.`;
      const left = leftOutText(loaded.scheduleIssues);
      this.set({
        reportIssues: loaded.scheduleIssues,
        notice: `${done} Its figures are REVREC formulas and stay up to date.${left}`,
      });
    } catch (e) {
      this.fail(e, what);
    } finally {
      const rest = { ...this.state };
      delete rest.reportBusy;
      this.state = rest;
      this.set({});
    }
  }

  /**
   * After a sync: report sheets with a row per contract (the waterfall) get the contracts synced since they
   * were made, where they stand. Says what it did, in a sentence for the sync's notice.
   */
  private async refreshReports(): Promise<string> {
    try {
      const made = parseReportsMade(await this.deps.workbook.readSetting(REPORTS_KEY));
      const kinds = (Object.keys(made) as ReportKind[]).filter((k) => made[k]?.contracts);
      if (kinds.length === 0) return "";
      const loaded = loadBook(await this.deps.workbook.readTables(BOOK_TABLE_NAMES));
      const out: string[] = [];
      const next: ReportsMade = { ...made };
      for (const kind of kinds) {
        const r = made[kind];
        const contracts = reportContracts(kind, loaded.schedule);
        if (!r?.contracts || !contracts || sameList(r.contracts, contracts)) continue;
        next[kind] = { ...r, contracts };
        const report = buildReport(kind, loaded.schedule, r.from, r.to);
        const found = await this.deps.workbook.refreshReportSheet(report, {
          [REPORTS_KEY]: JSON.stringify(next),
        });
        if (found)
          out.push(
            ` The ${REPORT_NAMES[kind]} sheet was brought up to date${newContracts(r.contracts, contracts)}.`
          );
        else {
          // The analyst deleted the sheet: it is not made again behind their back.
          delete next[kind];
          await this.deps.workbook.writeSetting(REPORTS_KEY, JSON.stringify(next));
        }
      }
      return out.join("");
    } catch (e) {
      const err = toPaneError(e, "The report sheets could not be brought up to date");
      return ` ${err.message} Add them again on the Reports tab.`;
    }
  }

  /** The schedule of the last preview (for tests and the tables view). */
  get lastSchedule(): Schedule | undefined {
    return this.schedule;
  }
}

const REPORT_NAMES: Record<ReportKind, string> = {
  schedule: "schedule",
  waterfall: "waterfall",
  rollforward: "deferred revenue roll-forward",
};

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** ": it now lists N contracts, K of them new (and M no longer there)" for a report's contract rows. */
function newContracts(before: readonly string[], now: readonly string[]): string {
  const had = new Set(before);
  const has = new Set(now);
  const added = now.filter((c) => !had.has(c)).length;
  const gone = before.filter((c) => !has.has(c)).length;
  const parts = [`${added} new`];
  if (gone > 0) parts.push(`${gone} no longer in the tables`);
  return `: it now lists ${now.length} contract${now.length === 1 ? "" : "s"} (${parts.join(", ")})`;
}

function leftOutText(issues: readonly string[]): string {
  if (issues.length === 0) return "";
  return ` ${issues.length === 1 ? "A problem" : `${issues.length} problems`} in the tables left rows out of it: see the list on the Reports tab.`;
}

function postedText(result: PostResult): string {
  return result.status === "existing"
    ? `QuickBooks already had entry ${result.docNumber}; nothing was posted twice.`
    : `Posted journal entry ${result.docNumber} to QuickBooks.`;
}

/** What the preview depends on in the workbook: the book tables, as read. */
function bookFingerprint(tables: ReadonlyMap<string, TableData>): string {
  return JSON.stringify(
    BOOK_TABLE_NAMES.map((n) => {
      const t = tables.get(n);
      return t ? [t.header, t.rows] : null;
    })
  );
}

function emptyProgress(): SyncProgress {
  return {
    phase: "",
    pagesDone: 0,
    pagesTotal: 0,
    invoices: 0,
    creditMemos: 0,
    deleted: 0,
    skipped: 0,
  };
}

const LABELS: Record<string, string> = {
  RevRecContracts: "contract rows",
  RevRecBillings: "billings",
  RevRecChanges: "credit memos",
};

export function summaryText(summary: readonly TableSummary[]): string {
  const parts = summary.map((s) => {
    const bits = [`${s.added} added`, `${s.updated} updated`, `${s.removed} removed`];
    if (s.voided > 0) bits.push(`${s.voided} voided`);
    if (s.keptEdits > 0) bits.push(`${s.keptEdits} edited cells kept`);
    return `${LABELS[s.table] ?? s.table}: ${bits.join(", ")}`;
  });
  const text = parts.join("; ");
  return `Sync finished. ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function loadPreparer(): string {
  try {
    return typeof window === "undefined"
      ? ""
      : (window.localStorage.getItem("revrec.preparer") ?? "");
  } catch {
    return "";
  }
}

function loadSessionSafe(): Session | undefined {
  return typeof window === "undefined" ? undefined : loadSession();
}

function saveSessionSafe(s: Session | undefined): void {
  if (typeof window !== "undefined") saveSession(s);
}
