import { ACCOUNTS, AUDIT, BILLINGS, CHANGES, CONTRACTS } from "../../core/tables";
import { auditChanges } from "../logic/audit";
import { SETTINGS_KEY, validateSettings } from "../logic/rules";
import { withLastSync } from "../logic/lastSync";
import { runSync } from "../logic/runSync";
import type { SyncProgress } from "../logic/runSync";
import { BASELINE_KEY, parseBaseline } from "../logic/baseline";
import { planSync } from "../logic/tableRows";
import type { TableSummary } from "../logic/tableRows";
import type { PaneContext } from "../state/context";
import type { AuditController } from "./audit";
import type { ConnectController } from "./connect";
import type { ReportsController } from "./reports";
import type { RulesController } from "./rules";

/** The Sync tab: invoices, credit memos and sales and refund receipts from QuickBooks into the tables. */
export class SyncController {
  private cancelRequested = false;

  constructor(
    private readonly ctx: PaneContext,
    private readonly connect: ConnectController,
    private readonly rules: RulesController,
    private readonly reports: ReportsController,
    private readonly audit: AuditController
  ) {}

  /** Shows when the workbook last synced, and whether an incremental sync can start from there. */
  async loadBaseline(): Promise<void> {
    const baseline = parseBaseline(await this.ctx.workbook.readSetting(BASELINE_KEY));
    this.ctx.store.setSync({
      hasCursor: baseline.cursor !== undefined,
      ...(baseline.syncedAt ? { syncedAt: baseline.syncedAt } : {}),
      ...(baseline.leftOut ? { leftOut: baseline.leftOut } : {}),
    });
  }

  /** Pulls the sales documents and upserts the tables. Nothing is written unless the whole sync arrives. */
  async sync(mode: "full" | "incremental"): Promise<void> {
    const { store, workbook } = this.ctx;
    if (this.ctx.tablesBusy) return;
    this.cancelRequested = false;
    store.startAction();
    store.setSync({ running: true, cancelling: false }, ["summary", "progress"]);
    let what = "Could not sync with QuickBooks";
    try {
      if (!store.get().settings) await this.connect.refreshCompany();
      const edited = store.get().settings;
      if (!edited) throw new Error("The company's accounts and items could not be read.");
      what = "Could not read the tables";
      // Only saved rules reach the tables; before the first save, the Rules tab's choices if they are valid.
      const saved = await this.rules.saved();
      const settings = saved.saved ? saved.settings : edited;
      const issues = validateSettings(settings, store.get().accounts ?? []);
      if (issues.length > 0) {
        store.set({
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
        saved.saved && this.rules.hasUnsavedEdits
          ? " Unsaved changes on the Rules tab were not used: save them to apply them to the synced rows."
          : "";
      const before = parseBaseline(await workbook.readSetting(BASELINE_KEY));
      what = "Could not sync with QuickBooks";
      const result = await runSync(this.ctx.client, {
        mode,
        cursor: before.cursor,
        onProgress: (progress) => store.setSync({ progress }),
        cancelled: () => this.cancelRequested,
        ...(this.ctx.deps.wait ? { wait: this.ctx.deps.wait } : {}),
      });
      // From here on the sync cannot be cancelled: the tables are being written.
      store.setSync({
        progress: { ...(store.get().sync.progress ?? emptyProgress()), phase: "writing" },
        cancelling: false,
      });
      what = "Could not read the tables";
      const tables = await workbook.readTables([
        CONTRACTS.name,
        BILLINGS.name,
        CHANGES.name,
        ACCOUNTS.name,
        AUDIT.name,
      ]);
      // Values typed in the sheet since the last sync go to the audit trail in the same batch as the sync.
      const typed = this.audit.typedEdits(tables, before, "at sync");
      const planned = planSync(result, tables, before, settings);
      if (!planned.ok) {
        store.set({
          error: {
            message: "The sync was not written to the tables.",
            action: planned.message,
          },
        });
        return;
      }
      const { plan } = planned;
      const settingsToWrite: Record<string, string> = {
        [BASELINE_KEY]: JSON.stringify(plan.baseline),
      };
      // The first sync also writes the suggested account mapping, so the book is complete; the Rules tab can change it.
      const mapping = saved.saved ? undefined : await this.rules.accountsChange(settings);
      if (mapping) settingsToWrite[SETTINGS_KEY] = JSON.stringify(settings);
      // Every sync records its time for REVREC.ASOF, in the same batch as the rows it dates.
      const changes = [
        ...plan.changes,
        withLastSync(mapping, tables.get(ACCOUNTS.name), result.syncedAt),
        ...(typed.length > 0 ? [auditChanges(typed)] : []),
      ];
      // The tables, the baseline that says what was written and the mapping go to Excel together, in one batch.
      what = "Could not write the tables";
      await workbook.applyChanges(changes, settingsToWrite);
      const recalc = await this.recalculate();
      const reports = await this.reports.refreshAfterSync();
      store.setSync({
        summary: plan.summary,
        syncedAt: result.syncedAt,
        hasCursor: true,
        ...(plan.baseline.leftOut ? { leftOut: plan.baseline.leftOut } : {}),
      });
      const warnings = plan.warnings.map((w) => ` ${w}`).join("");
      store.set({
        notice: `${summaryText(plan.summary)}${recalc}${reports}${unsaved}${warnings}`,
      });
    } catch (e) {
      this.ctx.fail(e, what);
    } finally {
      store.setSync({ running: false, cancelling: false });
    }
  }

  cancel(): void {
    const { sync } = this.ctx.store.get();
    // Once the tables are being written the sync finishes: stopping half-way is what Cancel must never do.
    if (!sync.running || sync.progress?.phase === "writing") return;
    this.cancelRequested = true;
    this.ctx.store.setSync({ cancelling: true });
  }

  /** Makes the REVREC cells recalculate; a failure there is not a failure of what was written. */
  private async recalculate(): Promise<string> {
    try {
      await this.ctx.workbook.recalculateRevRec();
      return "";
    } catch {
      return " Excel did not recalculate the REVREC cells: press Ctrl+Alt+F9 to recalculate them.";
    }
  }
}

function emptyProgress(): SyncProgress {
  return {
    phase: "",
    pagesDone: 0,
    pagesTotal: 0,
    invoices: 0,
    creditMemos: 0,
    salesReceipts: 0,
    refundReceipts: 0,
    deleted: 0,
    skipped: 0,
  };
}

const LABELS: Record<string, string> = {
  RevRecContracts: "contract rows",
  RevRecBillings: "billings",
  RevRecChanges: "credit memos",
};

function summaryText(summary: readonly TableSummary[]): string {
  const parts = summary.map((s) => {
    const bits = [`${s.added} added`, `${s.updated} updated`, `${s.removed} removed`];
    if (s.voided > 0) bits.push(`${s.voided} voided`);
    if (s.keptEdits > 0) bits.push(`${s.keptEdits} edited cells kept`);
    return `${LABELS[s.table] ?? s.table}: ${bits.join(", ")}`;
  });
  const text = parts.join("; ");
  return `Sync finished. ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
