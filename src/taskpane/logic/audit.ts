import { formatAmount, parseAmount, parseDay } from "../../core";
import { AUDIT, CHANGES, CONTRACTS, header } from "../../core/tables";
import { CREDIT_TREATMENTS } from "../../core/tables/columnFormats";
import type { Cell, TableChanges, TableData } from "../../workbook";
import type { Baseline, Row } from "./baseline";
import { cellDate } from "./dates";
import { sameValue } from "./diffTable";
import { METHODS } from "./rules";

/** One row of RevRecAudit. */
export interface AuditEntry {
  when: string;
  who: string;
  table: string;
  rowKey: string;
  column: string;
  oldValue: Cell;
  newValue: Cell;
  syncedValue: Cell;
  reason: string;
}

/** The synced values an analyst's change of is audited: those that change what is recognized, by table. */
export const AUDITED: Readonly<Record<string, { key: string; columns: readonly string[] }>> = {
  [CONTRACTS.name]: { key: "Obligation", columns: ["Method", "Start", "End", "SSP"] },
  [CHANGES.name]: { key: "Change", columns: ["Obligation", "Treatment"] },
};

/** The Table column of a workbook setting's audit row. */
export const SETTINGS_TABLE = "Settings";

/** Where a value typed in the sheet was found, as its Reason says. */
export type FoundAt = "at sync" | "before a post" | "before a change in the pane";

export function typedReason(found: FoundAt): string {
  return `Typed in the sheet (found ${found})`;
}

const DATE_COLUMNS = new Set(["Start", "End"]);

/** A cell as the audit row shows it: dates as YYYY-MM-DD whatever Excel holds them as. */
function shown(column: string, v: Cell | undefined): Cell {
  if (v === undefined) return "";
  if (DATE_COLUMNS.has(column)) return cellDate(v) ?? v;
  return v;
}

export function auditRow(e: AuditEntry): Cell[] {
  return [
    e.when,
    e.who,
    e.table,
    e.rowKey,
    e.column,
    shown(e.column, e.oldValue),
    shown(e.column, e.newValue),
    shown(e.column, e.syncedValue),
    e.reason,
  ];
}

/** The append of these entries to RevRecAudit (created on first use), for the batch that makes the change. */
export function auditChanges(entries: readonly AuditEntry[]): TableChanges {
  return {
    table: AUDIT.name,
    sheet: AUDIT.sheet,
    header: header(AUDIT),
    key: "When",
    insert: entries.map(auditRow),
    update: [],
    remove: [],
  };
}

function rowsOf(t: TableData | undefined): Row[] {
  if (!t) return [];
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? ""])));
}

/** The last audit row of each cell (by table, row key and column): what the trail says the cell holds. */
function lastLogged(audit: TableData | undefined): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rowsOf(audit))
    out.set(cellId(String(r.Table), String(r["Row Key"]), String(r.Column)), r);
  return out;
}

const cellId = (table: string, key: string, column: string) =>
  `${table}\u0000${key}\u0000${column}`;

/** Whether an audit row left its cell overridden (its new value is not what the sync wrote). */
function overrides(row: Row, column: string): boolean {
  return !sameValue(column, row["New Value"], row["Synced Value"]);
}

/**
 * The audited cells whose value an analyst changed in the sheet since the sync wrote them, and that RevRecAudit
 * does not record yet: each as the audit row to append. A cell that differs from the sync's value is an override
 * unless its last audit row already says it holds that value; a cell back at the sync's value after a logged
 * override is logged too (the override ended).
 */
export function typedEdits(
  tables: ReadonlyMap<string, TableData>,
  baseline: Baseline,
  who: string,
  when: string,
  found: FoundAt
): AuditEntry[] {
  const logged = lastLogged(tables.get(AUDIT.name));
  const out: AuditEntry[] = [];
  for (const [table, { key, columns }] of Object.entries(AUDITED)) {
    const written = baseline.written[table] ?? {};
    for (const row of rowsOf(tables.get(table))) {
      const rowKey = String(row[key] ?? "");
      const synced = written[rowKey];
      if (rowKey === "" || synced === undefined) continue;
      for (const column of columns) {
        if (!(column in synced)) continue;
        const now = row[column];
        const syncedValue = synced[column] ?? "";
        const last = logged.get(cellId(table, rowKey, column));
        const overridden = !sameValue(column, now, syncedValue);
        const known = last !== undefined && sameValue(column, now, last["New Value"]);
        const ended = !overridden && last !== undefined && overrides(last, column) && !known;
        if ((overridden && !known) || ended)
          out.push({
            when,
            who,
            table,
            rowKey,
            column,
            oldValue:
              last !== undefined && overrides(last, column)
                ? (last["New Value"] ?? "")
                : syncedValue,
            newValue: now ?? "",
            syncedValue,
            reason: typedReason(found),
          });
      }
    }
  }
  return out;
}

/** A cell the pane may change, with what it holds now and what the sync wrote there. */
export interface OverrideTarget {
  table: string;
  rowKey: string;
  column: string;
  value: Cell;
  syncedValue: Cell;
}

/** The audited cells of synced rows, for the pane's Change a synced value form. */
export function overrideTargets(
  tables: ReadonlyMap<string, TableData>,
  baseline: Baseline
): OverrideTarget[] {
  const out: OverrideTarget[] = [];
  for (const [table, { key, columns }] of Object.entries(AUDITED)) {
    const written = baseline.written[table] ?? {};
    for (const row of rowsOf(tables.get(table))) {
      const rowKey = String(row[key] ?? "");
      const synced = written[rowKey];
      if (rowKey === "" || synced === undefined) continue;
      for (const column of columns)
        if (column in synced)
          out.push({
            table,
            rowKey,
            column,
            value: shown(column, row[column]),
            syncedValue: shown(column, synced[column]),
          });
    }
  }
  return out;
}

/**
 * The cell value an analyst's text for `column` stands for, or why it cannot be saved. `obligations` are the
 * workbook's obligation ids (a credit may only point at one of them).
 */
export function overrideValue(
  column: string,
  text: string,
  obligations: ReadonlySet<string>
): { ok: true; value: Cell } | { ok: false; message: string } {
  const t = text.trim();
  switch (column) {
    case "Method":
      return METHODS.some((m) => m.value === t)
        ? { ok: true, value: t }
        : {
            ok: false,
            message: `Method must be one of ${METHODS.map((m) => m.value).join(", ")}.`,
          };
    case "Start":
    case "End":
      if (t === "" && column === "End") return { ok: true, value: "" };
      return parseDay(t) === undefined
        ? { ok: false, message: `${column} must be a date written YYYY-MM-DD.` }
        : { ok: true, value: t };
    case "SSP": {
      if (t === "") return { ok: true, value: "" };
      const cents = parseAmount(t.replace(/,/g, ""));
      return cents === undefined || cents < 0
        ? { ok: false, message: "SSP must be an amount of at most 2 decimals, or empty." }
        : { ok: true, value: Number(formatAmount(cents)) };
    }
    case "Treatment":
      return (CREDIT_TREATMENTS as readonly string[]).includes(t)
        ? { ok: true, value: t }
        : { ok: false, message: `Treatment must be one of ${CREDIT_TREATMENTS.join(", ")}.` };
    case "Obligation":
      return obligations.has(t)
        ? { ok: true, value: t }
        : { ok: false, message: `No obligation ${t || "(empty)"} in RevRecContracts.` };
    default:
      return { ok: false, message: `${column} is not a value the pane changes.` };
  }
}
