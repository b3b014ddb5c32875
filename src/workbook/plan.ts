import type { Cell, TableChanges } from "./types";

/** A table lacks a column the pane needs to find its rows (an analyst renamed or deleted it). */
export class MissingColumnError extends Error {
  constructor(
    readonly table: string,
    readonly column: string
  ) {
    super(`Table ${table} has no ${column} column.`);
    Object.setPrototypeOf(this, MissingColumnError.prototype);
    this.name = "MissingColumnError";
  }
}

/** Where each change lands in a table's current rows: shared by the Excel and in-memory workbooks. */
export interface PlacedChanges {
  /** Body row index -> column index -> new value (only cells that differ). */
  writes: Map<number, Map<number, Cell>>;
  /** Body row indexes to delete, descending (so deleting one does not move the next). */
  deletes: number[];
  /** Rows to append, in the table's column order. */
  appends: Cell[][];
}

export function sameCell(a: Cell | undefined, b: Cell): boolean {
  if (a === undefined) return b === "";
  if (typeof a === "number" && typeof b === "number") return a === b;
  return String(a) === String(b);
}

/**
 * A table written by an older version may lack columns added since (RevRecBillings' Discount, say).
 * The header grows by the columns the change brings and the table lacks, appended at the end as
 * Excel's table.columns.add does, and existing rows get them empty, so no synced value is dropped.
 * Not the key column, though: a table without it (renamed or deleted by an analyst) would get every
 * row again under a new, empty key column, so that throws MissingColumnError instead.
 */
export function widen(
  header: readonly string[],
  body: readonly (readonly Cell[])[],
  changes: TableChanges
): { missing: string[]; header: string[]; body: Cell[][] } {
  if (!header.includes(changes.key)) throw new MissingColumnError(changes.table, changes.key);
  const missing = changes.header.filter((col) => !header.includes(col));
  return {
    missing,
    header: [...header, ...missing],
    body: body.map((row) => [...row, ...missing.map((): Cell => "")]),
  };
}

/** Maps a TableChanges (by column name and key) onto a table's current header and body. */
export function placeChanges(
  header: readonly string[],
  body: readonly (readonly Cell[])[],
  changes: TableChanges
): PlacedChanges {
  const keyCol = header.indexOf(changes.key);
  if (keyCol < 0) throw new MissingColumnError(changes.table, changes.key);
  const rowOf = new Map<string, number>();
  body.forEach((row, i) => {
    const k = row[keyCol];
    if (k !== undefined && k !== "") rowOf.set(String(k), i);
  });
  const writes = new Map<number, Map<number, Cell>>();
  for (const u of changes.update) {
    const r = rowOf.get(u.key);
    if (r === undefined) continue;
    for (const [col, value] of Object.entries(u.values)) {
      const c = header.indexOf(col);
      if (c < 0 || c === keyCol) continue;
      if (sameCell(body[r]?.[c], value)) continue;
      let row = writes.get(r);
      if (!row) writes.set(r, (row = new Map()));
      row.set(c, value);
    }
  }
  const deletes = [
    ...new Set(changes.remove.map((k) => rowOf.get(k)).filter((r): r is number => r !== undefined)),
  ].sort((a, b) => b - a);
  for (const r of deletes) writes.delete(r);
  const source = changes.header;
  const appends = changes.insert.map((row) =>
    header.map((col) => {
      const i = source.indexOf(col);
      return i < 0 ? "" : (row[i] ?? "");
    })
  );
  return { writes, deletes, appends };
}

/** True when every cell of the row is empty (Excel gives a new, empty table one blank body row). */
export function isBlankRow(row: readonly Cell[]): boolean {
  return row.every((c) => c === "" || c === null);
}
