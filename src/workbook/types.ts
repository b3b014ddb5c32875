/** Excel cell values as the pane and the functions see them; "" is an empty cell. */
export type Cell = string | number | boolean;

/** One Excel table: its header and its data rows (row-major, header order). */
export interface TableData {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** A change to one row that already exists, found by its key: only the named columns are written. */
export interface RowUpdate {
  key: string;
  values: Readonly<Record<string, Cell>>;
}

/**
 * Changes to one table, applied together with the others in one batch. Rows are found by the value of the
 * `key` column; cells that are not named are never written, so analyst columns and formulas survive.
 */
export interface TableChanges {
  table: string;
  /** Worksheet for the table when it does not exist yet (created with `header`). */
  sheet: string;
  header: readonly string[];
  key: string;
  /** New rows, in `header` order. Columns the existing table lacks are dropped; extra columns stay empty. */
  insert: readonly (readonly Cell[])[];
  update: readonly RowUpdate[];
  /** Keys of rows to delete. */
  remove: readonly string[];
}

/** A report table: a header and rows whose cells may be formulas ("=REVREC.RECOGNIZED(...)"). */
export interface ReportTable {
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Excel number format per column name, for example "#,##0.00". */
  formats?: Readonly<Record<string, string>>;
  /** Show Excel's total row (sums of the number columns). */
  totals?: boolean;
  /**
   * What the formulas evaluate to now, for a workbook that cannot evaluate them (in memory); with `totals`,
   * the total row's figures come last.
   */
  values?: readonly (readonly Cell[])[];
}

export interface ReportChart {
  title: string;
  type: "line" | "column";
  /** Column names plotted as series, by the first column as categories. */
  series: readonly string[];
}

/**
 * A formula whose result spills a range of rows not known in advance (a spill cannot live inside an Excel
 * table): written under its title to the right of the report's table.
 */
export interface ReportSpill {
  title: string;
  formula: string;
  /** How many columns the result spans, so that the next spill starts clear of it. */
  columns: number;
  /** Excel number format of its columns after the first, for example "#,##0.00". */
  format?: string;
  /** What the formula evaluates to now, for a workbook that cannot evaluate it (in memory). */
  values?: readonly (readonly Cell[])[];
}

/** A worksheet the pane adds (or replaces): a title, one formatted table and an optional chart. */
export interface ReportSheet {
  sheet: string;
  title: string;
  /** A line under the title, for what the table leaves out. */
  note?: string;
  table: ReportTable;
  chart?: ReportChart;
  /** Spilling formulas beside the table, left to right. */
  spills?: readonly ReportSpill[];
}

/** Rows of a table whose cells were edited in place, as a change event names them (0 is the first row under the header). */
export interface RowsEdited {
  table: string;
  first: number;
  count: number;
}

export interface Workbook {
  /**
   * Reads the named tables; tables that do not exist are absent from the map. Rows are as Excel has them,
   * blank rows included, so that row N is the N-th row under the header (readers skip blank rows).
   */
  readTables(names: readonly string[]): Promise<Map<string, TableData>>;
  /**
   * Calls `listener` after any change to one of the named tables, at once; resolves to an unsubscribe function.
   * When the change only edited cells and the host said where, `edited` resolves to the rows (undefined when
   * they cannot be told after all); without it, anything may have changed.
   */
  onTablesChanged(
    names: readonly string[],
    listener: (edited?: Promise<RowsEdited | undefined>) => void
  ): Promise<() => Promise<void>>;
  /** Rows [first, first + count) under a table's header, as readTables has them. */
  readRows(table: string, first: number, count: number): Promise<Cell[][]>;
  /** Makes REVREC formulas recalculate (after the book store reloads). */
  recalculateRevRec(): Promise<void>;
  /**
   * Applies all the changes, and writes the given workbook settings (key -> JSON text), in one Excel batch
   * with a single sync: a failure while planning writes nothing, and Excel takes the writes together.
   */
  applyChanges(
    changes: readonly TableChanges[],
    settings?: Readonly<Record<string, string>>
  ): Promise<void>;
  /** Appends rows to a table, creating it on `sheet` with `header` when missing (the postings log). */
  appendRows(
    table: string,
    sheet: string,
    header: readonly string[],
    rows: readonly (readonly Cell[])[]
  ): Promise<void>;
  /** A workbook-level setting saved with the file (JSON text), or undefined. */
  readSetting(key: string): Promise<string | undefined>;
  writeSetting(key: string, value: string): Promise<void>;
  /**
   * Adds the report sheet, replacing a sheet of the same name where it stands, and activates it; writes the
   * given settings in the same batch.
   */
  addReportSheet(report: ReportSheet, settings?: Readonly<Record<string, string>>): Promise<void>;
  /**
   * Rewrites a report sheet that exists, where it stands, without activating it (and the given settings in the
   * same batch). Resolves to false, writing nothing, when there is no such sheet (the analyst deleted it).
   */
  refreshReportSheet(
    report: ReportSheet,
    settings?: Readonly<Record<string, string>>
  ): Promise<boolean>;
}
