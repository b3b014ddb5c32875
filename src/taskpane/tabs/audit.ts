import { AUDIT, CHANGES, CONTRACTS } from "../../core/tables";
import { AUDITED, auditChanges, overrideTargets, overrideValue, typedEdits } from "../logic/audit";
import type { AuditEntry, FoundAt, OverrideTarget } from "../logic/audit";
import { BASELINE_KEY, parseBaseline } from "../logic/baseline";
import type { PaneContext } from "../state/context";

/** What the pane's Change a synced value form saves. */
export interface OverrideRequest {
  table: string;
  rowKey: string;
  column: string;
  /** The new value as typed. */
  value: string;
  reason: string;
}

const AUDIT_READ = [CONTRACTS.name, CHANGES.name, AUDIT.name];

/**
 * The audit trail (RevRecAudit): an analyst's change of a synced value is logged as it is saved, with who, when
 * and why; values typed straight into the sheet are found and logged at sync and before a post.
 */
export class AuditController {
  constructor(private readonly ctx: PaneContext) {}

  /** Who changes things: the name in Prepared by. */
  who(): string {
    return (this.ctx.deps.who?.() ?? this.ctx.store.get().preparer).trim();
  }

  /** The synced values the pane may change, with what they hold now. */
  async targets(): Promise<OverrideTarget[]> {
    const { workbook } = this.ctx;
    const tables = await workbook.readTables(AUDIT_READ);
    return overrideTargets(tables, parseBaseline(await workbook.readSetting(BASELINE_KEY)));
  }

  /**
   * The audit rows of the values typed in the sheet that RevRecAudit does not hold yet, for a batch that writes
   * the tables anyway (the sync's). `tables` must hold RevRecContracts, RevRecChanges and RevRecAudit.
   */
  typedEdits(
    tables: Parameters<typeof typedEdits>[0],
    baseline: Parameters<typeof typedEdits>[1],
    found: FoundAt
  ): AuditEntry[] {
    const who = this.who() || "(Prepared by was empty)";
    return typedEdits(tables, baseline, who, this.ctx.now().toISOString(), found);
  }

  /** Logs the values typed in the sheet that RevRecAudit does not hold yet; true when nothing stops a post. */
  async logTypedEdits(found: FoundAt): Promise<boolean> {
    const { workbook } = this.ctx;
    try {
      const tables = await workbook.readTables(AUDIT_READ);
      const baseline = parseBaseline(await workbook.readSetting(BASELINE_KEY));
      const entries = this.typedEdits(tables, baseline, found);
      if (entries.length > 0) await workbook.applyChanges([auditChanges(entries)]);
      return true;
    } catch (e) {
      this.ctx.fail(
        e,
        "Could not record the values typed in the sheet in RevRecAudit, so nothing was posted"
      );
      return false;
    }
  }

  /**
   * Saves an analyst's change of a synced value and its audit row in one batch. Refused, with the reason in the
   * pane, without a name in Prepared by, without a reason, or with a value the column cannot hold.
   */
  async override(req: OverrideRequest): Promise<boolean> {
    const { store, workbook } = this.ctx;
    if (this.ctx.tablesBusy) return false;
    store.startAction();
    const who = this.who();
    const refuse = (action: string) => {
      store.set({ error: { message: "The change was not saved.", action } });
      return false;
    };
    if (who === "")
      return refuse("Enter your name in Your name: RevRecAudit records who changed it.");
    const reason = req.reason.trim();
    if (reason === "") return refuse("Say why in Reason: RevRecAudit records it with the change.");
    try {
      const tables = await workbook.readTables(AUDIT_READ);
      const baseline = parseBaseline(await workbook.readSetting(BASELINE_KEY));
      const target = overrideTargets(tables, baseline).find(
        (t) => t.table === req.table && t.rowKey === req.rowKey && t.column === req.column
      );
      if (!target)
        return refuse(
          `${req.table} has no synced row ${req.rowKey} with ${req.column}: sync, then choose the row again.`
        );
      const obligations = new Set(
        overrideTargets(tables, baseline)
          .filter((t) => t.table === CONTRACTS.name)
          .map((t) => t.rowKey)
      );
      const value = overrideValue(req.column, req.value, obligations);
      if (!value.ok) return refuse(value.message);
      const when = this.ctx.now().toISOString();
      // A value typed in the sheet before is logged first, so the trail's old value is the one replaced.
      const earlier = typedEdits(tables, baseline, who, when, "before a change in the pane");
      const entry: AuditEntry = {
        when,
        who,
        table: req.table,
        rowKey: req.rowKey,
        column: req.column,
        oldValue: target.value,
        newValue: value.value,
        syncedValue: target.syncedValue,
        reason,
      };
      const spec = req.table === CONTRACTS.name ? CONTRACTS : CHANGES;
      const table = tables.get(spec.name);
      await workbook.applyChanges([
        {
          table: spec.name,
          sheet: spec.sheet,
          header: table?.header ?? [],
          key: AUDITED[spec.name]?.key ?? "",
          insert: [],
          update: [{ key: req.rowKey, values: { [req.column]: value.value } }],
          remove: [],
        },
        auditChanges([...earlier, entry]),
      ]);
      store.set({
        notice: `Saved: ${req.column} of ${req.rowKey} is ${String(value.value) || "empty"} (was ${String(target.value) || "empty"}); recorded in RevRecAudit.`,
      });
      return true;
    } catch (e) {
      this.ctx.fail(e, "Could not save the change");
      return false;
    }
  }
}
