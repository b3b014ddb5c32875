import { BILLINGS, CHANGES, CONTRACTS, header } from "../../core/tables/schema";
import type { TableChanges, TableData } from "../../workbook";
import type { SyncResult } from "../../wire";
import type { Baseline, Row } from "./baseline";
import { desiredRows, ruleColumns } from "./desiredRows";
import { mergeLeftOut } from "./leftOut";
import { diffTable, EDITABLE, remember } from "./diffTable";
import type { Settings } from "./rules";

export interface TableSummary {
  table: string;
  added: number;
  updated: number;
  removed: number;
  voided: number;
  /** Cells an analyst edited that the sync kept. */
  keptEdits: number;
}

export interface Plan {
  changes: TableChanges[];
  baseline: Baseline;
  summary: TableSummary[];
}

function rowsOf(t: TableData | undefined): Row[] {
  if (!t) return [];
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? ""])));
}

const QBO_ID: Readonly<Record<string, string>> = {
  [CONTRACTS.name]: "QBO Invoice Id",
  [BILLINGS.name]: "QBO Invoice Id",
  [CHANGES.name]: "QBO Credit Memo Id",
};

/**
 * The upsert of a sync result into the three tables: rows are matched on their key (QBO-based ids); cells are
 * written only when they differ; the analyst's columns are kept when edited; rows from QuickBooks that are gone
 * (full sync) or deleted (incremental) are removed; rows typed by hand (no QBO id) are never touched.
 */
export function planSync(
  result: SyncResult,
  tables: ReadonlyMap<string, TableData>,
  baseline: Baseline,
  settings: Settings
): Plan {
  const deletedIds = new Set([...result.deleted.invoices, ...result.deleted.creditMemos]);
  // Documents that came whole in this sync: their rows that are no longer wanted are gone (a line removed
  // in QuickBooks, or a billing row per invoice written by an earlier version).
  const invoiceIds = new Set(result.invoices.map((d) => d.qboId));
  const memoIds = new Set(result.creditMemos.map((d) => d.qboId));
  // Credit rows this sync does not rewrite or remove (all of a full sync's are rewritten): they already
  // use up part of their obligations' prices.
  const memoId = QBO_ID[CHANGES.name] ?? "";
  const deletedMemos = new Set(result.deleted.creditMemos);
  const priorCredits = rowsOf(tables.get(CHANGES.name)).filter((r) => {
    const id = String(r[memoId] ?? "");
    return id === "" || !(result.replace || memoIds.has(id) || deletedMemos.has(id));
  });
  const desired = desiredRows(
    result,
    settings,
    rowsOf(tables.get(CONTRACTS.name)),
    priorCredits,
    baseline.sources
  );
  const next: Baseline = {
    written: { ...baseline.written },
    sources: { ...baseline.sources, ...desired.sources },
    cursor: result.cursor,
    syncedAt: result.syncedAt,
    leftOut: mergeLeftOut(baseline.leftOut, result),
  };
  const changes: TableChanges[] = [];
  const summary: TableSummary[] = [];
  for (const spec of [CONTRACTS, BILLINGS, CHANGES]) {
    const key = spec.key ?? "";
    const want = desired.rows.get(spec.name) ?? new Map<string, Row>();
    const existing = rowsOf(tables.get(spec.name));
    const written = { ...(baseline.written[spec.name] ?? {}) };
    const qboId = QBO_ID[spec.name] ?? "";
    const syncedIds = spec.name === CHANGES.name ? memoIds : invoiceIds;
    const gone = (r: Row) =>
      String(r[qboId] ?? "") !== "" &&
      (result.replace
        ? !want.has(String(r[key]))
        : deletedIds.has(String(r[qboId])) ||
          (syncedIds.has(String(r[qboId])) && !want.has(String(r[key]))));
    const plan = diffTable(spec.name, header(spec), key, existing, want, written, gone);
    for (const k of plan.removed) delete written[k];
    for (const [k, row] of want)
      written[k] = remember(written[k], pick(row, EDITABLE[spec.name] ?? []), plan.kept.get(k));
    for (const k of plan.removed) delete next.sources[k];
    next.written[spec.name] = written;
    changes.push({
      table: spec.name,
      sheet: spec.sheet,
      header: header(spec),
      key,
      ...plan.changes,
    });
    summary.push({
      table: spec.name,
      ...plan.counts,
      voided: [...want.values()].filter((r) => r.Voided === true).length,
    });
  }
  return { changes, baseline: next, summary };
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? ""]));
}

/**
 * Re-applies the rules to contract rows that came from QuickBooks, leaving the rows whose Method, Start or End
 * an analyst edited. Used when the rules are saved after a sync.
 */
export function planRules(
  tables: ReadonlyMap<string, TableData>,
  baseline: Baseline,
  settings: Settings
): Plan {
  const want = new Map<string, Row>();
  for (const row of rowsOf(tables.get(CONTRACTS.name))) {
    const k = String(row.Obligation);
    const src = baseline.sources[k];
    if (src) want.set(k, { ...ruleColumns(settings, src) });
  }
  const written = { ...(baseline.written[CONTRACTS.name] ?? {}) };
  const plan = diffTable(
    CONTRACTS.name,
    header(CONTRACTS),
    "Obligation",
    rowsOf(tables.get(CONTRACTS.name)),
    want,
    written,
    () => false
  );
  for (const [k, row] of want)
    written[k] = remember(written[k], { ...written[k], ...row }, plan.kept.get(k));
  return {
    changes: [
      {
        table: CONTRACTS.name,
        sheet: CONTRACTS.sheet,
        header: header(CONTRACTS),
        key: "Obligation",
        ...plan.changes,
      },
    ],
    baseline: { ...baseline, written: { ...baseline.written, [CONTRACTS.name]: written } },
    summary: [{ table: CONTRACTS.name, ...plan.counts, voided: 0 }],
  };
}
