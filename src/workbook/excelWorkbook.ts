/* global Excel */
import { placeChanges, widen } from "./plan";
import type { Cell, ReportSheet, RowsEdited, TableChanges, TableData, Workbook } from "./types";

/** `Excel.run`, injectable so that tests can hand in an office-addin-mock context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

function toCell(v: unknown): Cell {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return "";
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A value as Excel should store it. Text that Excel would turn into something else (a number such as a QBO id
 * "00123", a date, TRUE, or a formula, which from QuickBooks data would be formula injection) gets Excel's
 * leading apostrophe so it stays the same text; dates written as YYYY-MM-DD become Excel dates on purpose.
 */
export function excelValue(v: Cell): Cell {
  if (typeof v !== "string" || v === "" || ISO_DATE.test(v)) return v;
  const t = v.trim();
  const risky =
    /^[=+\-@\t\r]/.test(v) ||
    /^[-+]?[\d.,]+%?$/.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/.test(t) ||
    /^\d{1,2}:\d{2}/.test(t) ||
    /^[$€£]/.test(t) ||
    /^\d+[eE]\d+$/.test(t) ||
    /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ -/]\d{1,4}$/i.test(t) ||
    /^\d{1,2}[ -/](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(t);
  return risky ? `'${v}` : v;
}

function toRows(values: unknown[][]): Cell[][] {
  return values.map((r) => r.map(toCell));
}

/** The sheet rows (0-based, inclusive) of an A1 address such as "Sheet1!B5:D7"; undefined for whole columns. */
export function addressRows(address: string): { first: number; last: number } | undefined {
  const m = /^(?:.*!)?\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?$/i.exec(address.trim());
  if (!m) return undefined;
  const a = Number(m[1]) - 1;
  const b = m[2] === undefined ? a : Number(m[2]) - 1;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

/** What Excel's TableChangedEventArgs carries that ExcelWorkbook reads. */
interface TableChangedEvent {
  tableId: string;
  changeType?: string;
  address?: string;
}

/** The one place that calls Excel (Office.js). Each method is one Excel.run batch. */
export class ExcelWorkbook implements Workbook {
  constructor(private readonly run: ExcelRun = defaultRun) {}

  readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    return this.run(async (context) => {
      const found = names.map((name) => ({
        name,
        table: context.workbook.tables.getItemOrNullObject(name),
      }));
      await context.sync();
      const ranges = found
        .filter((f) => !f.table.isNullObject)
        .map((f) => ({ name: f.name, range: f.table.getRange().load("values") }));
      await context.sync();
      const out = new Map<string, TableData>();
      for (const { name, range } of ranges) {
        const [head = [], ...body] = toRows(range.values);
        // Blank rows stay, as Excel has them: readers skip them, and "row N" in their messages is then
        // the N-th row under the header that the analyst sees.
        out.set(name, { name, header: head.map(String), rows: body });
      }
      return out;
    });
  }

  onTablesChanged(
    names: readonly string[],
    listener: (edited?: Promise<RowsEdited | undefined>) => void
  ): Promise<() => Promise<void>> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/id,items/name");
      await context.sync();
      const wanted = new Set(names);
      const known = new Map(tables.items.map((t) => [t.id, t.name] as const));
      const onChange = async (event: TableChangedEvent): Promise<void> => {
        const name = known.get(event.tableId);
        // A table added since we subscribed has an id we have not seen: let the listener decide.
        if (name === undefined) listener();
        // At once, so that a cell evaluated meanwhile waits for the reload; the rows are located as it starts.
        else if (wanted.has(name))
          listener(event.changeType === "RangeEdited" ? this.editedRows(name, event) : undefined);
      };
      // A deleted table must not leave its figures in REVREC cells: its name comes with the event.
      const onDelete = async (event: { tableId: string; tableName: string }): Promise<void> => {
        const name = event.tableName || known.get(event.tableId);
        known.delete(event.tableId);
        if (name === undefined || wanted.has(name)) listener();
      };
      const handlers = [
        tables.onChanged.add(onChange),
        tables.onAdded.add(onChange),
        tables.onDeleted.add(onDelete),
      ];
      await context.sync();
      return async () => {
        for (const h of handlers) h.remove();
        await handlers[0]?.context.sync();
      };
    });
  }

  /**
   * The body rows a RangeEdited event edited in place, or undefined when it cannot say (no address, the header
   * row edited, the table's place unreadable): then read everything.
   */
  private async editedRows(
    table: string,
    event: TableChangedEvent
  ): Promise<RowsEdited | undefined> {
    const rows = addressRows(event.address ?? "");
    if (!rows) return undefined;
    try {
      const header = await this.run(async (context) => {
        const range = context.workbook.tables.getItem(table).getHeaderRowRange().load("rowIndex");
        await context.sync();
        return range.rowIndex;
      });
      const first = rows.first - header - 1;
      return first < 0 ? undefined : { table, first, count: rows.last - rows.first + 1 };
    } catch {
      return undefined;
    }
  }

  readRows(table: string, first: number, count: number): Promise<Cell[][]> {
    return this.run(async (context) => {
      const range = context.workbook.tables
        .getItem(table)
        .getDataBodyRange()
        .getRow(first)
        .getResizedRange(count - 1, 0)
        .load("values");
      await context.sync();
      return toRows(range.values);
    });
  }

  recalculateRevRec(): Promise<void> {
    return this.run(async (context) => {
      // A full calculation re-evaluates custom functions, which a normal recalculation skips when no input changed.
      context.workbook.application.calculate("Full");
      await context.sync();
    });
  }

  applyChanges(
    changes: readonly TableChanges[],
    settings: Readonly<Record<string, string>> = {}
  ): Promise<void> {
    return this.run(async (context) => {
      // Two syncs read; every write is queued and goes to Excel in the last sync, settings included, so a
      // failure while planning (a table without its key column, say) writes nothing at all.
      const targets = changes.map((c) => ({
        c,
        table: context.workbook.tables.getItemOrNullObject(c.table),
        sheet: context.workbook.worksheets.getItemOrNullObject(c.sheet),
      }));
      await context.sync();
      const existing = targets.map((t) => ({
        ...t,
        range: t.table.isNullObject ? undefined : t.table.getRange().load("values"),
        used:
          t.table.isNullObject && !t.sheet.isNullObject
            ? t.sheet.getUsedRangeOrNullObject(true)
            : undefined,
      }));
      for (const e of existing) e.used?.load("rowIndex,rowCount");
      await context.sync();
      // Every table is planned before anything is queued: a plan that throws leaves nothing to send.
      const planned = existing.map((e) => {
        if (!e.range) return { ...e, missing: [], placed: placeChanges(e.c.header, [], e.c) };
        const [head = [], ...rows] = toRows(e.range.values);
        const { missing, header, body } = widen(head.map(String), rows, e.c);
        return { ...e, missing, placed: placeChanges(header, body, e.c) };
      });
      for (const { c, table, sheet, range, used, missing, placed } of planned) {
        if (range) {
          for (const col of missing) table.columns.add(undefined, undefined, col);
          for (const [r, cols] of placed.writes) {
            for (const [col, value] of cols)
              range.getCell(r + 1, col).values = [[excelValue(value)]];
          }
          for (const r of placed.deletes) table.rows.getItemAt(r).delete();
          if (placed.appends.length > 0)
            table.rows.add(
              undefined,
              placed.appends.map((row) => row.map(excelValue))
            );
        } else {
          const ws = sheet.isNullObject ? context.workbook.worksheets.add(c.sheet) : sheet;
          const top = used && !used.isNullObject ? used.rowIndex + used.rowCount + 1 : 0;
          const values: Cell[][] = [
            [...c.header],
            ...placed.appends.map((row) => row.map(excelValue)),
          ];
          const area = ws.getRangeByIndexes(top, 0, values.length, c.header.length);
          area.values = values;
          const created = ws.tables.add(area, true);
          created.name = c.table;
          area.format.autofitColumns();
        }
      }
      for (const [k, v] of Object.entries(settings)) context.workbook.settings.add(k, v);
      await context.sync();
    });
  }

  appendRows(
    table: string,
    sheet: string,
    header: readonly string[],
    rows: readonly (readonly Cell[])[]
  ) {
    return this.applyChanges([
      { table, sheet, header, key: header[0] ?? "", insert: rows, update: [], remove: [] },
    ]);
  }

  readSetting(key: string): Promise<string | undefined> {
    return this.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(key);
      setting.load("value");
      await context.sync();
      if (setting.isNullObject) return undefined;
      const value: unknown = setting.value;
      return typeof value === "string" ? value : JSON.stringify(value);
    });
  }

  writeSetting(key: string, value: string): Promise<void> {
    return this.run(async (context) => {
      context.workbook.settings.add(key, value);
      await context.sync();
    });
  }

  async addReportSheet(
    report: ReportSheet,
    settings: Readonly<Record<string, string>> = {}
  ): Promise<void> {
    await this.writeReport(report, settings, true);
  }

  refreshReportSheet(
    report: ReportSheet,
    settings: Readonly<Record<string, string>> = {}
  ): Promise<boolean> {
    return this.writeReport(report, settings, false);
  }

  /** Writes a report sheet in one batch; `add` creates it when missing and activates it. */
  private writeReport(
    report: ReportSheet,
    settings: Readonly<Record<string, string>>,
    add: boolean
  ): Promise<boolean> {
    return this.run(async (context) => {
      const old = context.workbook.worksheets.getItemOrNullObject(report.sheet);
      old.load("position");
      await context.sync();
      if (old.isNullObject && !add) return false;
      // Replaced where it stands, so the tabs keep their order.
      const position = old.isNullObject ? undefined : old.position;
      if (!old.isNullObject) old.delete();
      const ws = context.workbook.worksheets.add(report.sheet);
      if (position !== undefined) ws.position = position;
      const title = ws.getRange("A1");
      title.values = [[report.title]];
      title.format.font.bold = true;
      title.format.font.size = 14;
      if (report.note) ws.getRange("A2").values = [[report.note]];
      const { header, rows, formats = {} } = report.table;
      const area = ws.getRangeByIndexes(2, 0, rows.length + 1, header.length);
      // Formulas stay formulas; text such as the period "2026-03" stays text (Excel would make it a date).
      const cell = (c: Cell): Cell =>
        typeof c === "string" && c.startsWith("=") ? c : excelValue(c);
      area.formulas = [[...header], ...rows.map((r) => r.map(cell))];
      const table = ws.tables.add(area, true);
      table.name = report.table.name;
      table.style = "TableStyleMedium2";
      header.forEach((col, i) => {
        const format = formats[col];
        if (format && rows.length > 0) {
          ws.getRangeByIndexes(3, i, rows.length, 1).numberFormat = rows.map(() => [format]);
        }
      });
      if (report.table.totals) {
        table.showTotals = true;
        const totalRow = ws.getRangeByIndexes(3 + rows.length, 0, 1, header.length);
        totalRow.formulas = [
          header.map((col, i) =>
            i === 0 ? "Total" : formats[col] ? `=SUBTOTAL(109,${report.table.name}[${col}])` : ""
          ),
        ];
      }
      area.format.autofitColumns();
      writeSpills(ws, report);
      if (report.chart) {
        const type = report.chart.type === "line" ? "Line" : "ColumnClustered";
        const series = [header[0] ?? "", ...report.chart.series];
        const cols = series.map((s) => header.indexOf(s)).filter((i) => i >= 0);
        // Charts take one rectangular source: the first column and the series columns when adjacent.
        const first = Math.min(...cols);
        const last = Math.max(...cols);
        const source = ws.getRangeByIndexes(2, first, rows.length + 1, last - first + 1);
        const chart = ws.charts.add(type, source, "Columns");
        chart.title.text = report.chart.title;
        chart.setPosition(ws.getRangeByIndexes(2, header.length + 1, 1, 1));
      }
      for (const [k, v] of Object.entries(settings)) context.workbook.settings.add(k, v);
      if (add) ws.activate();
      await context.sync();
      return true;
    });
  }
}

/** Rows formatted under a spill: its height is only known once Excel evaluates it, so enough for its categories. */
const SPILL_FORMAT_ROWS = 200;

/** The report's spills right of its table, a column apart, each under a bold title on the header's row. */
function writeSpills(ws: Excel.Worksheet, report: ReportSheet): void {
  let col = report.table.header.length + 1;
  for (const s of report.spills ?? []) {
    const title = ws.getRangeByIndexes(2, col, 1, 1);
    title.values = [[s.title]];
    title.format.font.bold = true;
    ws.getRangeByIndexes(3, col, 1, 1).formulas = [[s.formula]];
    const { format } = s;
    if (format !== undefined && s.columns > 1) {
      // The spill's first row is its header; its amounts are the columns after the first.
      ws.getRangeByIndexes(4, col + 1, SPILL_FORMAT_ROWS, s.columns - 1).numberFormat = Array.from(
        { length: SPILL_FORMAT_ROWS },
        () => Array.from({ length: s.columns - 1 }, () => format)
      );
    }
    col += s.columns + 1;
  }
}
