import { BILLINGS, CHANGES, CONTRACTS } from "../../core/tables/schema";
import type { Cell } from "../../workbook";
import type { Row } from "./baseline";
import { cellDate } from "./dates";

/** The columns an analyst may edit, by table: a sync keeps their edits. */
export const EDITABLE: Readonly<Record<string, readonly string[]>> = {
  [CONTRACTS.name]: ["Contract", "Method", "Start", "End", "SSP", "Months"],
  [BILLINGS.name]: ["Obligation"],
  [CHANGES.name]: ["Contract", "Obligation", "Treatment"],
};

/**
 * Editable columns that are one choice, by table: an edit to any of them keeps them all. A credit's Contract and
 * Obligation are one match, so re-pointing only the Obligation must not let the sync re-match the Contract.
 */
const EDIT_GROUPS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  [CHANGES.name]: [["Contract", "Obligation"]],
};

const DATE_COLUMNS = new Set(["Start", "End", "Date"]);

/** Cell values compared as an analyst sees them: dates by day, numbers by value, text trimmed. */
export function sameValue(column: string, a: Cell | undefined, b: Cell | undefined): boolean {
  const empty = (x: Cell | undefined) => x === undefined || x === "" || x === null;
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (DATE_COLUMNS.has(column)) {
    const da = cellDate(a);
    const db = cellDate(b);
    if (da !== undefined || db !== undefined) return da === db;
  }
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  if (typeof a === "boolean" || typeof b === "boolean")
    return String(a).toLowerCase() === String(b).toLowerCase();
  return String(a).trim() === String(b).trim();
}

/**
 * The baseline row after a write: what was written, except the cells kept as the analyst's edits, which keep
 * their previous baseline value (none if there was none), so they still differ from it and stay edits even
 * when the sync's value happens to equal them.
 */
export function remember(
  before: Row | undefined,
  row: Row,
  kept: ReadonlySet<string> | undefined
): Row {
  const next: Row = { ...row };
  for (const c of kept ?? []) {
    const b = before?.[c];
    if (b === undefined) delete next[c];
    else next[c] = b;
  }
  return next;
}

/**
 * What writing `want` over a table's `existing` rows takes: rows to insert, cells to update (only those that
 * differ, and none the analyst edited since `written`), and rows to remove (`gone`, and no longer wanted).
 */
export function diffTable(
  table: string,
  columns: readonly string[],
  key: string,
  existing: readonly Row[],
  want: ReadonlyMap<string, Row>,
  written: Readonly<Record<string, Row>>,
  gone: (r: Row) => boolean
) {
  const editable = EDITABLE[table] ?? [];
  const groups = EDIT_GROUPS[table] ?? [];
  const byKey = new Map(existing.map((r) => [String(r[key]), r]));
  const insert: Cell[][] = [];
  const update: { key: string; values: Row }[] = [];
  const removed: string[] = [];
  const kept = new Map<string, Set<string>>();
  let keptEdits = 0;
  for (const [k, row] of want) {
    const have = byKey.get(k);
    if (!have) {
      insert.push(columns.map((c) => row[c] ?? ""));
      continue;
    }
    const isEdited = (c: string) => {
      const before = written[k]?.[c];
      return before === undefined ? have[c] !== "" : !sameValue(c, have[c], before);
    };
    const edited = new Set(editable.filter((c) => c in row && isEdited(c)));
    for (const group of groups)
      if (group.some((c) => edited.has(c))) for (const c of group) if (c in row) edited.add(c);
    if (edited.size > 0) kept.set(k, edited);
    const values: Row = {};
    for (const c of columns) {
      if (c === key || !(c in row)) continue;
      const target = row[c] ?? "";
      if (edited.has(c)) {
        if (!sameValue(c, have[c], target)) keptEdits += 1;
        continue;
      }
      if (!sameValue(c, have[c], target)) values[c] = target;
    }
    if (Object.keys(values).length > 0) update.push({ key: k, values });
  }
  for (const r of existing) if (gone(r) && !want.has(String(r[key]))) removed.push(String(r[key]));
  return {
    changes: { insert, update, remove: removed },
    removed,
    /** By row key, the columns kept as the analyst's edits. */
    kept,
    counts: { added: insert.length, updated: update.length, removed: removed.length, keptEdits },
  };
}
