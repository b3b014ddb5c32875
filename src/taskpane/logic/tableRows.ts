import { BILLINGS, CHANGES, CONTRACTS, header } from "../../core/tables/schema";
import type { TableChanges, TableData } from "../../workbook";
import type { SyncResult } from "../../wire";
import type { Baseline, Row } from "./baseline";
import { desiredRows, ruleColumns } from "./desiredRows";
import { contractIds, DOCUMENT_TYPE, type NamedDocument } from "./grouping";
import { documentOf, resultDocuments } from "./rowIdentity";
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
  /** Problems the analyst should hear of that did not stop the sync. */
  warnings: string[];
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; message: string };

function rowsOf(t: TableData | undefined): Row[] {
  if (!t) return [];
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? ""])));
}

/** Per table: the column holding the QuickBooks Id of a row's document, and the type of rows that do not say. */
const DOCUMENT: Readonly<Record<string, { id: string; type: string }>> = {
  [CONTRACTS.name]: { id: "QBO Invoice Id", type: DOCUMENT_TYPE.invoice },
  [BILLINGS.name]: { id: "QBO Invoice Id", type: DOCUMENT_TYPE.invoice },
  [CHANGES.name]: { id: "QBO Credit Memo Id", type: DOCUMENT_TYPE.creditMemo },
};

const docOf = (table: string, r: Row): string | undefined => {
  const d = DOCUMENT[table];
  return d === undefined ? undefined : documentOf(r, d.type, d.id);
};

/** The contracts of the rows an incremental sync leaves alone (documents it did not bring or delete), with a customer. */
function keptContracts(
  rows: readonly Row[],
  synced: ReadonlySet<string>,
  deleted: ReadonlySet<string>
): { contract: string; document: NamedDocument }[] {
  const out: { contract: string; document: NamedDocument }[] = [];
  for (const r of rows) {
    const doc = docOf(CONTRACTS.name, r);
    if (doc !== undefined && (synced.has(doc) || deleted.has(doc))) continue;
    const type = String(r["Document Type"] ?? "").trim();
    out.push({
      contract: String(r.Contract ?? ""),
      document: {
        customer: String(r.Customer ?? ""),
        type: type === "" ? DOCUMENT_TYPE.invoice : type,
        number:
          String(r.Invoice ?? "") ||
          String(r["QBO Invoice Id"] ?? "") ||
          String(r.Obligation ?? ""),
      },
    });
  }
  return out;
}

/**
 * Contract cells an analyst changed, by obligation. A baseline written before Contract could be edited has no
 * Contract: such a row's cell is taken as the sync's (and remembered so from now on).
 */
function contractEdits(rows: readonly Row[], written: Record<string, Row>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) {
    const k = String(r.Obligation ?? "");
    const before = written[k];
    if (before === undefined) continue;
    if (before.Contract === undefined) written[k] = { ...before, Contract: r.Contract ?? "" };
    else if (String(before.Contract).trim() !== String(r.Contract ?? "").trim())
      out.set(k, String(r.Contract ?? ""));
  }
  return out;
}

/**
 * The upsert of a sync result into the three tables: rows are matched on their key (QBO-based ids); cells are
 * written only when they differ; the analyst's columns are kept when edited; rows from QuickBooks that are gone
 * (full sync) or deleted (incremental) are removed; rows typed by hand (no QBO id) are never touched. Refused, with
 * the message, when the grouping key puts two customers in one contract.
 */
export function planSync(
  result: SyncResult,
  tables: ReadonlyMap<string, TableData>,
  baseline: Baseline,
  settings: Settings
): PlanResult {
  const billing = ["invoices", "salesReceipts"] as const;
  const giving = ["creditMemos", "refundReceipts"] as const;
  const deleted = resultDocuments(result, [...billing, ...giving], true);
  // Documents that came whole in this sync: their rows that are no longer wanted are gone (a line removed
  // in QuickBooks, or a billing row per invoice written by an earlier version).
  const billingDocs = resultDocuments(result, billing);
  const givingDocs = resultDocuments(result, giving);
  const contractRows = rowsOf(tables.get(CONTRACTS.name));
  const ids = contractIds(
    [...result.invoices, ...result.salesReceipts],
    settings.grouping,
    result.replace ? [] : keptContracts(contractRows, billingDocs, deleted)
  );
  if (!ids.ok) return ids;
  // Credit rows this sync does not rewrite or remove (all of a full sync's are rewritten): they already
  // use up part of their obligations' prices.
  const priorCredits = rowsOf(tables.get(CHANGES.name)).filter((r) => {
    const doc = docOf(CHANGES.name, r);
    return doc === undefined || !(result.replace || givingDocs.has(doc) || deleted.has(doc));
  });
  const writtenContracts = { ...(baseline.written[CONTRACTS.name] ?? {}) };
  const edits = contractEdits(contractRows, writtenContracts);
  const desired = desiredRows(result, settings, {
    contracts: contractRows,
    billings: rowsOf(tables.get(BILLINGS.name)),
    priorCredits,
    known: baseline.sources,
    contractEdits: edits,
    contractIds: ids,
  });
  const next: Baseline = {
    written: { ...baseline.written, [CONTRACTS.name]: writtenContracts },
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
    const written = { ...(next.written[spec.name] ?? {}) };
    const synced = spec.name === CHANGES.name ? givingDocs : billingDocs;
    const gone = (r: Row) => {
      const doc = docOf(spec.name, r);
      return (
        doc !== undefined &&
        (result.replace
          ? !want.has(String(r[key]))
          : deleted.has(doc) || (synced.has(doc) && !want.has(String(r[key]))))
      );
    };
    const plan = diffTable(spec.name, header(spec), key, existing, want, written, gone);
    for (const k of plan.removed) delete written[k];
    for (const [k, row] of want)
      written[k] = remember(
        written[k],
        { ...written[k], ...pick(row, EDITABLE[spec.name] ?? []) },
        plan.kept.get(k)
      );
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
  return { ok: true, plan: { changes, baseline: next, summary, warnings: desired.warnings } };
}

/** The row's cells of these columns (a row that updates only some columns has only those). */
function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c] ?? ""]));
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
    warnings: [],
  };
}
