// Problems found in the tables, named by table, data row and column.

/** An Issue (code, path, message) that also names where it is: table, data row (1-based), column. */
export interface TableIssue {
  code: string;
  path: string;
  message: string;
  table: string;
  row?: number;
  column?: string;
}

export interface CellPlace {
  table: string;
  row?: number;
  column?: string;
}

function placeText(p: CellPlace): string {
  let s = p.table;
  if (p.row !== undefined) s += ` row ${p.row}`;
  if (p.column !== undefined) s += `, ${p.column}`;
  return s;
}

export function makeIssue(code: string, place: CellPlace, message: string): TableIssue {
  const issue: TableIssue = {
    code,
    path: placeText(place),
    message: `${placeText(place)}: ${message}`,
    table: place.table,
  };
  if (place.row !== undefined) issue.row = place.row;
  if (place.column !== undefined) issue.column = place.column;
  return issue;
}

/** A cell that holds a value its column cannot read (as opposed to an empty or inconsistent one). */
export const malformed = (issue: TableIssue): boolean => issue.code === INVALID_CELL;

export const INVALID_CELL = "table.invalid";
