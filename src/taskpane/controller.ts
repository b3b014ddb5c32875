import { ACCOUNTS, POSTINGS, accountsFromTable, accountsToRows, header } from "../core/tables";
import type { Schedule } from "../core";
import type { Workbook } from "../workbook";
import { ApiClient, ApiError } from "./api/client";
import type { Account, Item, PostRequest, Postings, PostResult, Status } from "./api/types";
import { openSignIn, SignInCancelled } from "./host/signIn";
import { loadSession, saveSession } from "./host/session";
import type { Session } from "./host/session";
import { BOOK_TABLE_NAMES, fromAccountsJson, loadBook, toAccountsJson } from "./logic/book";
import {
  adjustment,
  apiLines,
  postingRow,
  previewClose,
  reconcile,
  trueUpLines,
} from "./logic/close";
import type { Preview, PreviewLine, ReconcileRow } from "./logic/close";
import { lastDayOf, monthsBetween, nextMonth, previousMonth } from "./logic/dates";
import {
  closeRange,
  entryFromPostings,
  firstActivity,
  lineDescription,
  loggedEntries,
  rangeText,
} from "./logic/coverage";
import type { CloseRange, CoveringEntry } from "./logic/coverage";
import { buildReport } from "./logic/reports";
import type { ReportKind } from "./logic/reports";
import { parseSettings, SETTINGS_KEY, suggestSettings, validateSettings } from "./logic/rules";
import type { Settings, SettingsIssue } from "./logic/rules";
import { runSync, SyncCancelled } from "./logic/runSync";
import type { SyncProgress } from "./logic/runSync";
import { BASELINE_KEY, parseBaseline, planRules, planSync } from "./logic/tableRows";
import type { TableSummary } from "./logic/tableRows";
import { CONTRACTS, BILLINGS, CHANGES } from "../core/tables";

/** An error as the pane shows it: what happened, what to do next, and details for support. */
export interface PaneError {
  message: string;
  action: string;
  details?: string;
}

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
  reportBusy?: ReportKind;
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

/** Plain-language text for any failure, with what to do next. */
export function toPaneError(e: unknown, fallbackAction = "Try again."): PaneError {
  if (e instanceof ApiError) {
    const err: PaneError = { message: e.message, action: e.action };
    const parts: string[] = [`code ${e.code}`];
    if (e.body.intuitTid) parts.push(`Intuit transaction id ${e.body.intuitTid}`);
    if (e.body.detail) parts.push(e.body.detail);
    for (const f of e.body.fields ?? []) parts.push(`${f.path}: ${f.message}`);
    err.details = parts.join(" · ");
    return err;
  }
  if (e instanceof SignInCancelled)
    return { message: e.message, action: "Click Connect to QuickBooks to try again." };
  if (e instanceof SyncCancelled)
    return { message: e.message, action: "Start the sync again when you are ready." };
  const text = e instanceof Error ? e.message : String(e);
  return { message: `Something went wrong: ${text}`, action: fallbackAction };
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

  private fail(e: unknown, action?: string): void {
    if (e instanceof ApiError && (e.code === "unauthorized" || e.code === "reconnect_required")) {
      saveSessionSafe(undefined);
      const rest = { ...this.state };
      delete rest.session;
      delete rest.status;
      this.state = rest;
    }
    this.set({ error: toPaneError(e, action) });
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
        this.set({ tablesVersion: this.state.tablesVersion + 1 });
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
        this.fail(e);
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
      this.fail(e, "Click Connect to QuickBooks to try again.");
    } finally {
      this.set({ connecting: false });
    }
  }

  async disconnect(): Promise<void> {
    try {
      await this.client.disconnect();
    } catch (e) {
      // The session is forgotten either way; a server that cannot be reached is told nothing.
      if (!(e instanceof ApiError) || e.status !== 401) this.fail(e);
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
    this.set({
      settings,
      settingsSaved: saved !== undefined && fromTable !== undefined,
      settingsIssues: validateSettings(settings, accounts),
    });
  }

  editSettings(settings: Settings): void {
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
      await this.writeSettings(settings);
      const tables = await this.deps.workbook.readTables([CONTRACTS.name]);
      const baseline = parseBaseline(await this.deps.workbook.readSetting(BASELINE_KEY));
      const plan = planRules(tables, baseline, settings);
      await this.deps.workbook.applyChanges(plan.changes.filter((c) => tables.has(c.table)));
      await this.deps.workbook.writeSetting(BASELINE_KEY, JSON.stringify(plan.baseline));
      const s = plan.summary[0];
      const applied =
        s && s.updated > 0 ? ` The rules were applied to ${s.updated} contract rows.` : "";
      const kept = s && s.keptEdits > 0 ? ` ${s.keptEdits} cells you edited were kept.` : "";
      this.set({
        settingsSaved: true,
        notice: `Rules and accounts saved in this workbook.${applied}${kept}`,
      });
      return true;
    } catch (e) {
      this.fail(e, "Check that the workbook is not in cell-edit mode, then save again.");
      return false;
    }
  }

  private async writeSettings(settings: Settings): Promise<void> {
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
    await this.deps.workbook.applyChanges([
      {
        table: ACCOUNTS.name,
        sheet: ACCOUNTS.sheet,
        header: header(ACCOUNTS),
        key: "Setting",
        insert: rows.filter((r) => !have?.rows.some((h) => String(h[0]) === String(r[0]))),
        update: rows.map((r) => ({ key: String(r[0]), values: { Value: r[1] ?? "" } })),
        remove: old.filter(
          (k) => k.startsWith("revenueByItem[") || k.startsWith("billingsPostTo[")
        ),
      },
    ]);
    await this.deps.workbook.writeSetting(SETTINGS_KEY, JSON.stringify(settings));
  }

  /** Pulls invoices and credit memos and upserts the tables. Nothing is written unless the whole sync arrives. */
  async sync(mode: "full" | "incremental"): Promise<void> {
    if (this.state.sync.running) return;
    this.cancelRequested = false;
    this.clearMessages();
    const rest = { ...this.state.sync };
    delete rest.summary;
    delete rest.progress;
    this.set({ sync: { ...rest, running: true, cancelling: false } });
    try {
      if (!this.state.settings) await this.refreshCompany();
      const settings = this.state.settings;
      if (!settings) throw new Error("The company's accounts and items could not be read.");
      const before = parseBaseline(await this.deps.workbook.readSetting(BASELINE_KEY));
      const result = await runSync(this.client, {
        mode,
        cursor: before.cursor,
        onProgress: (progress) => this.setSync({ progress }),
        cancelled: () => this.cancelRequested,
        ...(this.deps.wait ? { wait: this.deps.wait } : {}),
      });
      this.setSync({
        progress: { ...(this.state.sync.progress ?? emptyProgress()), phase: "writing" },
      });
      const tables = await this.deps.workbook.readTables([
        CONTRACTS.name,
        BILLINGS.name,
        CHANGES.name,
      ]);
      const plan = planSync(result, tables, before, settings);
      await this.deps.workbook.applyChanges(plan.changes);
      await this.deps.workbook.writeSetting(BASELINE_KEY, JSON.stringify(plan.baseline));
      if (!this.state.settingsSaved) {
        // The first sync also writes the suggested account mapping, so the book is complete; the Rules tab can change it.
        await this.writeSettings(settings);
        this.set({ settingsSaved: true });
      }
      await this.deps.workbook.recalculateRevRec();
      this.setSync({ summary: plan.summary, syncedAt: result.syncedAt, hasCursor: true });
      this.set({ notice: summaryText(plan.summary) });
    } catch (e) {
      this.fail(e);
    } finally {
      this.setSync({ running: false, cancelling: false });
    }
  }

  cancelSync(): void {
    if (!this.state.sync.running) return;
    this.cancelRequested = true;
    this.setSync({ cancelling: true });
  }

  setPeriod(period: string): void {
    // What was shown belongs to the previous period: forget it, so nothing of it can be posted under this one.
    this.set({
      close: {
        period,
        detail: this.state.close.detail,
        loading: false,
        includeTrueUp: false,
        bookIssues: [],
        posting: false,
      },
    });
  }

  setDetail(detail: "summary" | "customer"): void {
    this.setClose({ detail });
  }

  setIncludeTrueUp(on: boolean): void {
    this.setClose({ includeTrueUp: on });
  }

  /** Builds the period's entry, what is already posted, and the reconciliation against QuickBooks. */
  async preview(): Promise<void> {
    const period = this.state.close.period;
    this.clearMessages();
    this.set({
      close: {
        period,
        detail: this.state.close.detail,
        loading: true,
        includeTrueUp: false,
        bookIssues: [],
        posting: false,
      },
    });
    try {
      const accounts = this.state.accounts ?? (await this.client.accounts());
      const tables = await this.deps.workbook.readTables([...BOOK_TABLE_NAMES, POSTINGS.name]);
      const loaded = loadBook(tables);
      this.schedule = loaded.schedule;
      if (!loaded.schedule || !loaded.map) {
        this.setClose({ loading: false, bookIssues: loaded.issues });
        return;
      }
      const { range, postings, found } = await this.coverage(
        period,
        loggedEntries(tables.get(POSTINGS.name)),
        firstActivity(loaded.schedule)
      );
      if (range.kind === "covered") {
        const patch: Partial<CloseState> = {
          loading: false,
          range,
          postings,
          bookIssues: loaded.issues,
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
      const rec = reconcile(loaded.schedule, loaded.map, period, accounts, balances, pending);
      const trueUp = trueUpLines(rec, loaded.map, accounts);
      const patch: Partial<CloseState> = {
        loading: false,
        preview,
        range,
        postings,
        reconcile: rec,
        bookIssues: loaded.issues,
      };
      if (adj) patch.adjustment = adj;
      if (trueUp.length > 0) patch.trueUp = trueUp;
      this.setClose(patch);
    } catch (e) {
      this.setClose({ loading: false });
      this.fail(e);
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
    const now = (this.deps.now ?? (() => new Date()))().toISOString().slice(0, 7);
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

  /** Posts the original entry, or the adjusting entry when the period is already posted. One click, once. */
  async post(): Promise<void> {
    const c = this.state.close;
    if (c.posting || !c.preview || c.range?.kind === "covered") return;
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
    this.lastPostRequest = request;
    this.clearMessages();
    this.setClose({ posting: true, postStep: "Sending the entry to QuickBooks…" });
    try {
      const result = await this.client.postJournal(request);
      this.setClose({ postStep: "Recording the entry in RevRecPostings…" });
      const at = (this.deps.now ?? (() => new Date()))().toISOString();
      await this.deps.workbook.appendRows(POSTINGS.name, POSTINGS.sheet, header(POSTINGS), [
        postingRow(
          c.period,
          from,
          result,
          isAdjustment ? "adjustment" : "original",
          request.lines,
          at,
          this.deps.who?.() ?? this.state.preparer
        ),
      ]);
      this.setClose({ posting: false, posted: result, postStep: "" });
      await this.preview();
      this.setClose({ posted: result });
      this.set({
        notice:
          result.status === "existing"
            ? `QuickBooks already had entry ${result.docNumber}; nothing was posted twice.`
            : `Posted journal entry ${result.docNumber} to QuickBooks.`,
      });
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
      } else this.fail(e);
    }
  }

  async addReport(kind: ReportKind, from: string, to: string): Promise<void> {
    this.clearMessages();
    this.set({ reportBusy: kind });
    try {
      const tables = await this.deps.workbook.readTables(BOOK_TABLE_NAMES);
      const loaded = loadBook(tables);
      await this.deps.workbook.addReportSheet(buildReport(kind, loaded.schedule, from, to));
      const names = {
        schedule: "schedule",
        waterfall: "waterfall",
        rollforward: "deferred revenue roll-forward",
      };
      this.set({
        notice: `Added the ${names[kind]} sheet. Its figures are REVREC formulas and stay up to date.`,
      });
    } catch (e) {
      this.fail(e, "Check that the workbook is not in cell-edit mode, then try again.");
    } finally {
      const rest = { ...this.state };
      delete rest.reportBusy;
      this.state = rest;
      this.set({});
    }
  }

  /** The schedule of the last preview (for tests and the tables view). */
  get lastSchedule(): Schedule | undefined {
    return this.schedule;
  }
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
