import { isBlankRow, placeChanges, widen } from "./plan";
import type { Cell, ReportSheet, RowsEdited, TableChanges, TableData, Workbook } from "./types";

interface Listener {
  names: ReadonlySet<string>;
  listener: (edited?: Promise<RowsEdited | undefined>) => void;
}

/**
 * The workbook in memory: the pane's workbook in a browser outside Office, and the tests'. Tables keep
 * their header and rows; report sheets are kept as given (formulas are not evaluated).
 */
export class MemoryWorkbook implements Workbook {
  private readonly tables = new Map<string, TableData & { sheet: string }>();
  private readonly settings = new Map<string, string>();
  private readonly reports = new Map<string, ReportSheet>();
  private listeners: Listener[] = [];
  private recalcs = 0;
  private rowReads = 0;
  /** Set by tests to make the next applyChanges fail, as a host error would. */
  failNextWrite: Error | undefined;
  /** Called after every change (the browser page saves the workbook so that a reload keeps it). */
  onChange: (() => void) | undefined;

  constructor(tables: readonly (TableData & { sheet?: string })[] = []) {
    for (const t of tables)
      this.tables.set(t.name, { ...t, sheet: t.sheet ?? t.name, rows: t.rows.map((r) => [...r]) });
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    const out = new Map<string, TableData>();
    for (const name of names) {
      const t = this.tables.get(name);
      if (t) out.set(name, { name, header: [...t.header], rows: t.rows.map((r) => [...r]) });
    }
    return out;
  }

  async readRows(table: string, first: number, count: number): Promise<Cell[][]> {
    this.rowReads += count;
    return (this.tables.get(table)?.rows ?? []).slice(first, first + count).map((r) => [...r]);
  }

  /** How many rows readRows has read. */
  get rowsRead(): number {
    return this.rowReads;
  }

  async onTablesChanged(
    names: readonly string[],
    listener: (edited?: Promise<RowsEdited | undefined>) => void
  ): Promise<() => Promise<void>> {
    const entry: Listener = { names: new Set(names), listener };
    this.listeners.push(entry);
    return async () => {
      this.listeners = this.listeners.filter((l) => l !== entry);
    };
  }

  async recalculateRevRec(): Promise<void> {
    this.recalcs += 1;
  }

  /** How many times recalculateRevRec ran. */
  get recalculations(): number {
    return this.recalcs;
  }

  async applyChanges(
    changes: readonly TableChanges[],
    settings: Readonly<Record<string, string>> = {}
  ): Promise<void> {
    if (this.failNextWrite) {
      const e = this.failNextWrite;
      this.failNextWrite = undefined;
      throw e;
    }
    // Plan everything first so that a bad change leaves every table as it was.
    const planned = changes.map((c) => {
      const existing = this.tables.get(c.table) ?? {
        name: c.table,
        sheet: c.sheet,
        header: [...c.header],
        rows: [],
      };
      const { missing, header, body } = widen(existing.header, existing.rows, c);
      const t = { ...existing, header, rows: body };
      return { t, widened: missing.length > 0, placed: placeChanges(header, body, c) };
    });
    const touched = new Set<string>();
    for (const { t, widened, placed } of planned) {
      const rows = t.rows.map((r) => [...r]);
      for (const [r, cols] of placed.writes) {
        const row = rows[r];
        if (!row) continue;
        for (const [c, v] of cols) row[c] = v;
      }
      for (const r of placed.deletes) rows.splice(r, 1);
      rows.push(...placed.appends);
      const changed =
        widened ||
        placed.writes.size > 0 ||
        placed.deletes.length > 0 ||
        placed.appends.length > 0 ||
        !this.tables.has(t.name);
      this.tables.set(t.name, { ...t, rows });
      if (changed) touched.add(t.name);
    }
    for (const [k, v] of Object.entries(settings)) this.settings.set(k, v);
    if (touched.size === 0 && Object.keys(settings).length > 0) this.onChange?.();
    this.emit(touched);
  }

  async appendRows(
    table: string,
    sheet: string,
    header: readonly string[],
    rows: readonly (readonly Cell[])[]
  ) {
    await this.applyChanges([
      { table, sheet, header, key: header[0] ?? "", insert: rows, update: [], remove: [] },
    ]);
  }

  async readSetting(key: string): Promise<string | undefined> {
    return this.settings.get(key);
  }

  async writeSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
    this.onChange?.();
  }

  async addReportSheet(
    report: ReportSheet,
    settings: Readonly<Record<string, string>> = {}
  ): Promise<void> {
    this.reports.set(report.sheet, report);
    for (const [k, v] of Object.entries(settings)) this.settings.set(k, v);
    this.onChange?.();
  }

  async refreshReportSheet(
    report: ReportSheet,
    settings: Readonly<Record<string, string>> = {}
  ): Promise<boolean> {
    if (!this.reports.has(report.sheet)) return false;
    await this.addReportSheet(report, settings);
    return true;
  }

  /** An analyst deleting a sheet the pane added. */
  deleteReportSheet(sheet: string): void {
    this.reports.delete(sheet);
    this.onChange?.();
  }

  /** The whole workbook as JSON text. */
  snapshot(): string {
    return JSON.stringify({
      tables: [...this.tables.values()],
      settings: [...this.settings.entries()],
      reports: [...this.reports.values()],
    });
  }

  /** A workbook from snapshot() text; an empty one when the text is missing or unreadable. */
  static restore(text: string | null | undefined): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    if (!text) return wb;
    try {
      const data = JSON.parse(text) as {
        tables?: (TableData & { sheet: string })[];
        settings?: [string, string][];
        reports?: ReportSheet[];
      };
      for (const t of data.tables ?? []) wb.tables.set(t.name, t);
      for (const [k, v] of data.settings ?? []) wb.settings.set(k, v);
      for (const r of data.reports ?? []) wb.reports.set(r.sheet, r);
    } catch {
      // An unreadable snapshot starts an empty workbook.
    }
    return wb;
  }

  /** Report sheets added so far, by sheet name. */
  reportSheets(): ReportSheet[] {
    return [...this.reports.values()];
  }

  /** Every table with the sheet it lives on (to render the in-memory workbook). */
  allTables(): (TableData & { sheet: string })[] {
    return [...this.tables.values()].map((t) => ({
      ...t,
      rows: t.rows.filter((r) => !isBlankRow(r)),
    }));
  }

  /** An analyst's edit of one cell, found by key column value; fires the change listeners. */
  async editCell(
    table: string,
    key: string,
    keyValue: string,
    column: string,
    value: Cell
  ): Promise<void> {
    const t = this.tables.get(table);
    if (!t) throw new Error(`No table ${table}.`);
    const k = t.header.indexOf(key);
    const c = t.header.indexOf(column);
    const at = t.rows.findIndex((r) => String(r[k]) === keyValue);
    const row = t.rows[at];
    if (k < 0 || c < 0 || !row) throw new Error(`No ${column} for ${keyValue} in ${table}.`);
    row[c] = value;
    this.emit(new Set([table]), { table, first: at, count: 1 });
  }

  private emit(touched: ReadonlySet<string>, edited?: RowsEdited): void {
    if (touched.size === 0) return;
    this.onChange?.();
    for (const l of [...this.listeners]) {
      if ([...touched].some((n) => l.names.has(n)))
        l.listener(edited ? Promise.resolve(edited) : undefined);
    }
  }
}
