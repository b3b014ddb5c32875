import { POSTINGS } from "../core/tables";
import type { PostRequest } from "../wire";
import { BOOK_TABLE_NAMES } from "./logic/book";
import { groupingName, sameGrouping } from "./logic/grouping";
import type { ReportKind } from "./logic/reports";
import type { Settings } from "./logic/rules";
import { toPaneError } from "./paneError";
import type { PaneError } from "./paneError";
import { PaneContext } from "./state/context";
import type { ControllerDeps } from "./state/context";
import type { PaneState } from "./state/paneState";
import { AuditController } from "./tabs/audit";
import type { OverrideRequest } from "./tabs/audit";
import type { OverrideTarget } from "./logic/audit";
import { CloseController } from "./tabs/close";
import { DisclosuresController } from "./tabs/disclosures";
import { ConnectController } from "./tabs/connect";
import { GoLiveController } from "./tabs/goLive";
import { PostController } from "./tabs/post";
import { ReportsController } from "./tabs/reports";
import { RulesController } from "./tabs/rules";
import { SyncController } from "./tabs/sync";

export { toPaneError };
export type { PaneError, ControllerDeps };
export type { CloseState, PaneState, SyncState, UnloggedPosting } from "./state/paneState";

/**
 * The pane's state and actions, independent of React and of Excel (the workbook is injected). Each tab's
 * actions live in its own controller over the one shared store; this is the pane's single surface, so the
 * UI, the tests and the browser console see one object.
 */
export class PaneController {
  private readonly ctx: PaneContext;
  private readonly connectTab: ConnectController;
  private readonly syncTab: SyncController;
  private readonly rulesTab: RulesController;
  private readonly closeTab: CloseController;
  private readonly postTab: PostController;
  private readonly reportsTab: ReportsController;
  private readonly disclosuresReport: DisclosuresController;
  private readonly goLiveTab: GoLiveController;
  private readonly auditTrail: AuditController;

  constructor(deps: ControllerDeps) {
    this.ctx = new PaneContext(deps);
    this.auditTrail = new AuditController(this.ctx);
    this.rulesTab = new RulesController(this.ctx);
    this.connectTab = new ConnectController(this.ctx, this.rulesTab);
    this.reportsTab = new ReportsController(this.ctx);
    this.disclosuresReport = new DisclosuresController(this.ctx);
    this.syncTab = new SyncController(
      this.ctx,
      this.connectTab,
      this.rulesTab,
      this.reportsTab,
      this.auditTrail
    );
    this.closeTab = new CloseController(this.ctx);
    this.postTab = new PostController(this.ctx, this.closeTab, this.auditTrail);
    this.goLiveTab = new GoLiveController(this.ctx, this.auditTrail);
  }

  get(): PaneState {
    return this.ctx.store.get();
  }

  subscribe(listener: () => void): () => void {
    return this.ctx.store.subscribe(listener);
  }

  /** Loads what the workbook remembers and, when a session exists, the company. */
  async init(): Promise<void> {
    const { store, workbook } = this.ctx;
    try {
      await workbook.onTablesChanged([...BOOK_TABLE_NAMES, POSTINGS.name], () => {
        store.set({ tablesVersion: store.get().tablesVersion + 1 });
        this.closeTab.tablesChanged();
      });
    } catch {
      // Older Excel builds lack table events; the pane re-reads the tables before every action anyway.
    }
    await this.syncTab.loadBaseline();
    await this.postTab.loadApprovalSetting();
    await this.goLiveTab.load();
    await this.connectTab.resume();
  }

  /**
   * Saves the Rules tab. A new grouping key changes which contract every synced row belongs to, and only QuickBooks'
   * documents carry the key, so the tables are regrouped at once by a full sync (when they were synced before).
   */
  private async saveRules(): Promise<boolean> {
    const before = (await this.rulesTab.saved()).settings.grouping;
    if (!(await this.rulesTab.save())) return false;
    const after = this.ctx.store.get().settings?.grouping;
    if (sameGrouping(before, after) || !this.ctx.store.get().sync.hasCursor) return true;
    const saved = this.ctx.store.get().notice ?? "";
    await this.syncTab.sync("full");
    const s = this.ctx.store.get();
    if (s.error === undefined)
      this.ctx.store.set({
        notice: `${saved} The contracts were regrouped ${after === undefined || after.by === "none" ? "one per document" : `by ${groupingName(after)}`}. ${s.notice ?? ""}`,
      });
    return true;
  }

  dismissError(): void {
    this.ctx.store.set({}, ["error"]);
  }

  // Connect
  connect = (): Promise<void> => this.connectTab.connect();
  disconnect = (): Promise<void> => this.connectTab.disconnect();
  refreshCompany = (): Promise<void> => this.connectTab.refreshCompany();

  // Go-live (Close tab)
  setGoLiveDraft = (draft: string): void => this.goLiveTab.setDraft(draft);
  saveGoLive = (): Promise<void> => this.goLiveTab.save();
  checkCutover = (): Promise<void> => this.goLiveTab.check();
  setOpeningOffset = (account: string): void => this.goLiveTab.setOffset(account);
  postOpening = (): Promise<void> => this.goLiveTab.postOpening();

  // Sync
  sync = (mode: "full" | "incremental"): Promise<void> => this.syncTab.sync(mode);
  cancelSync = (): void => this.syncTab.cancel();

  // Rules
  editSettings = (settings: Settings): void => this.rulesTab.edit(settings);
  saveSettings = (): Promise<boolean> => this.saveRules();

  // Rules: Sign-off and audit
  overrideTargets = (): Promise<OverrideTarget[]> => this.auditTrail.targets();
  overrideValue = (req: OverrideRequest): Promise<boolean> => this.auditTrail.override(req);

  // Close
  setPeriod = (period: string): void => this.closeTab.setPeriod(period);
  setDetail = (detail: "summary" | "customer"): void => this.closeTab.setDetail(detail);
  setIncludeTrueUp = (on: boolean): void => this.closeTab.setIncludeTrueUp(on);
  preview = (): Promise<void> => this.closeTab.preview();
  setPreparer = (name: string): void => this.postTab.setPreparer(name);
  setApprover = (name: string): void => this.postTab.setApprover(name);
  setRequireApproval = (on: boolean): Promise<void> => this.postTab.setRequireApproval(on);
  post = (): Promise<void> => this.postTab.post();
  retryLog = (): Promise<void> => this.postTab.retryLog();

  /** The last journal request sent to the backend (retries resend exactly this). */
  get lastPostRequest(): PostRequest | undefined {
    return this.postTab.lastPostRequest;
  }

  // Reports
  addReport = (kind: ReportKind, from: string, to: string): Promise<void> =>
    this.reportsTab.add(kind, from, to);
  addDisclosures = (year: string): Promise<void> => this.disclosuresReport.add(year);
  showWaterfall = (from: string, to: string): Promise<void> =>
    this.reportsTab.showWaterfall(from, to);
}
