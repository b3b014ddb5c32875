// Finding a table and its columns by name, and reading one row's cells by column name.
import {
  isEmpty,
  readAmount,
  readBool,
  readCount,
  readChoice,
  readDate,
  readEstimateMethod,
  readMethod,
  readMonth,
  readPercent,
  readProbability,
  readRemainingSsp,
  readSsp,
  readText,
  show,
  type Read,
  type TableCell,
} from "./cells";
import { COLUMN_FORMATS, type CellFormat } from "./columnFormats";
import { INVALID_CELL, makeIssue, type CellPlace, type TableIssue } from "./issues";
import type { TableSpec } from "./schema";

/** One table as read from the workbook: header and data rows (the Workbook interface's TableData fits). */
export interface TableRows {
  readonly header: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
  /**
   * The row number (1 = first row under the header) of each row, when `rows` holds only some rows of the table
   * (the functions read again only the contracts an edit touched); absent, row i is number i + 1.
   */
  readonly rowNumbers?: readonly number[];
}

export type TablesInput = ReadonlyMap<string, TableRows>;

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * The steps name columns with a few constant strings, once per row each: normalized once here (a regular
 * expression per cell read was a tenth of a 100,000-contract load).
 */
const normalized = new Map<string, string>();
function normOf(column: string): string {
  let n = normalized.get(column);
  if (n === undefined) {
    n = norm(column);
    normalized.set(column, n);
  }
  return n;
}

/** A column of COLUMN_FORMATS as one table has it: where its cells are, and its bit in RowReader's `used`. */
interface FormatColumn {
  readonly column: string;
  readonly at: number | undefined;
  readonly format: CellFormat;
  readonly bit: number;
}

/** The columns of a located table, made once per table: what every RowReader of it looks cells up in. */
class Columns {
  /** Normalized column name -> its index in the row. */
  readonly at: ReadonlyMap<string, number>;
  /** Normalized column name -> its bit in `used`, for the columns that have a format. */
  readonly bits = new Map<string, number>();
  readonly formats: readonly FormatColumn[];

  constructor(spec: TableSpec, cols: ReadonlyMap<string, number>) {
    this.at = cols;
    const formats = Object.entries(COLUMN_FORMATS[spec.name] ?? {});
    // `used` is a 32-bit mask: a table with more columns than that would need another word.
    if (formats.length > 31) throw new Error(`${spec.name}: more than 31 formatted columns`);
    this.formats = formats.map(([column, format], bit) => {
      this.bits.set(normOf(column), bit);
      return { column, at: cols.get(normOf(column)), format, bit };
    });
  }
}

/** Reads the cells of one row by column name, collecting issues. */
export class RowReader {
  readonly issues: TableIssue[] = [];
  /** Columns whose value a step has read: their bits in Columns.bits. */
  private used = 0;
  constructor(
    private readonly spec: TableSpec,
    private readonly cols: Columns,
    private readonly cells: readonly TableCell[],
    readonly row: number,
    /** Where the row is in the rows handed over (row - 1 unless only some rows were). */
    readonly index: number
  ) {}

  cell(column: string): TableCell {
    const i = this.cols.at.get(normOf(column));
    return i === undefined ? undefined : this.cells[i];
  }

  /** Whether the table has the column at all. */
  has(column: string): boolean {
    return this.cols.at.has(normOf(column));
  }

  empty(column: string): boolean {
    return isEmpty(this.cell(column));
  }

  fail(column: string | undefined, code: string, message: string): void {
    const place: CellPlace = { table: this.spec.name, row: this.row };
    if (column !== undefined) place.column = column;
    this.issues.push(makeIssue(code, place, message));
  }

  private get<T>(
    column: string,
    required: boolean,
    reader: (v: TableCell) => Read<T>
  ): T | undefined {
    const bit = this.cols.bits.get(normOf(column));
    if (bit !== undefined) this.used |= 1 << bit;
    return this.read(column, this.cell(column), required, reader);
  }

  private read<T>(
    column: string,
    v: TableCell,
    required: boolean,
    reader: (v: TableCell) => Read<T>
  ): T | undefined {
    if (isEmpty(v)) {
      if (required) this.fail(column, "table.required", "is empty; expected a value");
      return undefined;
    }
    const r = reader(v);
    if (r.ok) return r.value;
    this.fail(column, INVALID_CELL, `expected ${r.expected}, found ${show(v)}`);
    return undefined;
  }

  /**
   * Reads every cell no step has read with its column's format, so that a value the row's type does not
   * use (a New End on a credit row) is still reported when it is malformed.
   */
  checkUnused(): void {
    for (const f of this.cols.formats) {
      if ((this.used & (1 << f.bit)) !== 0) continue;
      this.used |= 1 << f.bit;
      if (f.at !== undefined) this.read(f.column, this.cells[f.at], false, f.format);
    }
  }

  text(column: string, required = false): string | undefined {
    return this.get(column, required, readText);
  }
  amount(column: string, required = false): string | undefined {
    return this.get(column, required, readAmount);
  }
  ssp(column: string): string | undefined {
    return this.get(column, false, readSsp);
  }
  date(column: string, required = false): string | undefined {
    return this.get(column, required, readDate);
  }
  month(column: string, required = false): string | undefined {
    return this.get(column, required, readMonth);
  }
  percent(column: string, required = false): number | undefined {
    return this.get(column, required, readPercent);
  }
  count(column: string): number | undefined {
    return this.get(column, false, readCount);
  }
  bool(column: string): boolean {
    return this.get(column, false, readBool) ?? false;
  }
  method(column: string, required = false): string | undefined {
    return this.get(column, required, readMethod);
  }
  choice(column: string, choices: readonly string[], required = false): string | undefined {
    return this.get(column, required, (v) => readChoice(v, choices));
  }
  estimateMethod(column: string, required = false): string | undefined {
    return this.get(column, required, readEstimateMethod);
  }
  probability(column: string, required = false): string | undefined {
    return this.get(column, required, readProbability);
  }
  remainingSsp(column: string): Record<string, string> | undefined {
    return this.get(column, false, readRemainingSsp);
  }
}

/** A table found in the workbook, with its columns by normalized header. */
export interface Located {
  spec: TableSpec;
  cols: Columns;
  rows: readonly (readonly TableCell[])[];
  rowNumbers: readonly number[] | undefined;
}

/** The table of `spec`, found by name; a missing required column is a table-wide problem (in `orphans`). */
export function locateTable(
  tables: TablesInput,
  spec: TableSpec,
  orphans: TableIssue[]
): Located | undefined {
  let data: TableRows | undefined;
  for (const [name, t] of tables) if (norm(name) === norm(spec.name)) data = t;
  if (!data) return undefined;
  const cols = new Map<string, number>();
  data.header.forEach((h, i) => {
    if (!cols.has(norm(String(h)))) cols.set(norm(String(h)), i);
  });
  for (const c of spec.columns) {
    if (c.required && !cols.has(norm(c.name))) {
      orphans.push(
        makeIssue(
          "table.missing-column",
          { table: spec.name, column: c.name },
          `the table has no column "${c.name}" (${c.holds})`
        )
      );
    }
  }
  return { spec, cols: new Columns(spec, cols), rows: data.rows, rowNumbers: data.rowNumbers };
}

/** A reader for each non-empty data row, numbered from 1 under the header. */
export function* readers(t: Located | undefined): Generator<RowReader> {
  if (!t) return;
  for (let i = 0; i < t.rows.length; i++) {
    const cells = t.rows[i] ?? [];
    if (blankRow(cells)) continue;
    yield new RowReader(t.spec, t.cols, cells, t.rowNumbers?.[i] ?? i + 1, i);
  }
}

function blankRow(cells: readonly TableCell[]): boolean {
  for (const c of cells) if (!isEmpty(c)) return false;
  return true;
}
