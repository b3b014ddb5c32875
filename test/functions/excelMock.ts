// An Excel workbook built with office-addin-mock: just what ExcelWorkbook's readTables, onTablesChanged
// and recalculateRevRec use (tables with ranges whose values need load + sync, change events, calculate).
import { OfficeMockObject } from "office-addin-mock";
import { ExcelWorkbook, type ExcelRun } from "../../src/workbook";

export type Values = (string | number | boolean)[][];
type Handler = (event: { tableId: string; changeType?: string; address?: string }) => Promise<void>;
/** Every table's header is on this sheet row (0-based): its body starts two rows lower in A1 terms. */
const HEADER_ROW = 2;
/** An event subscription that never fires. */
const noEvent = () => ({ remove: () => undefined, context: { sync: async () => undefined } });

/** `load` of a range the mock builds by hand: its values are there already. */
function loaded<T>(this: T): T {
  return this;
}

interface MockNode {
  setValue(name: string, value: unknown): void;
  [key: string]: unknown;
}

/**
 * An Excel workbook as office-addin-mock builds it: tables with their ranges (values need load + sync),
 * table change events, and application.calculate. Only what ExcelWorkbook's read/watch/recalculate use.
 */
export function excelWithTables(tables: { name: string; header: string[]; rows: Values }[]) {
  const calculations: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const handlers: Handler[] = [];
  let reads = 0;
  let rowsRead = 0;
  // What each table holds now, header first: the mock's range values can only be read after load + sync.
  const current: Values[] = tables.map((tb) => [tb.header, ...tb.rows]);
  const nodes: Record<string, unknown> = {};
  tables.forEach((t, i) => {
    nodes[`table${i}`] = {
      range: { values: [t.header, ...t.rows] },
      getRange() {
        reads += 1;
        return (this as MockNode).range;
      },
      getHeaderRowRange: () => ({ rowIndex: HEADER_ROW, load: loaded }),
      getDataBodyRange() {
        const all = current[i] ?? [];
        return {
          getRow: (first: number) => ({
            getResizedRange: (moreRows: number) => {
              rowsRead += moreRows + 1;
              return { values: all.slice(1 + first, 2 + first + moreRows), load: loaded };
            },
          }),
        };
      },
    };
  });
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        tables: {
          ...nodes,
          missing: {},
          getItemOrNullObject(this: Record<string, unknown>, name: string) {
            const i = tables.findIndex((t) => t.name === name);
            return i < 0 ? this.missing : this[`table${i}`];
          },
          getItem(this: Record<string, unknown>, name: string) {
            return this[`table${tables.findIndex((t) => t.name === name)}`];
          },
          // items/id,items/name: a collection the mock cannot model; set as plain values below.
          load(this: unknown) {
            return this;
          },
          onChanged: {
            add(handler: Handler) {
              handlers.push(handler);
              return {
                remove: () => handlers.splice(handlers.indexOf(handler), 1),
                context: { sync: async () => undefined },
              };
            },
          },
          // Excel's TableCollection events besides onChanged; the mock never fires them.
          onAdded: { add: noEvent },
          onDeleted: { add: noEvent },
        },
        application: {
          calculate(type: string) {
            calculations.push(type);
            for (const w of waiting.filter((x) => x.n <= calculations.length)) w.resolve();
          },
        },
      },
    },
  });
  const context = mock.context as unknown as {
    workbook: { tables: Record<string, MockNode> };
  } & MockNode;
  const t = context.workbook.tables;
  // Filled by the real API without load: plain values.
  (t as Record<string, unknown>).items = tables.map((tb, i) => ({ id: `id${i}`, name: tb.name }));
  (t.missing as unknown as { isNullObject: boolean }).isNullObject = true;
  tables.forEach(
    (_, i) => ((t[`table${i}`] as unknown as { isNullObject: boolean }).isNullObject = false)
  );
  const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
  return {
    run,
    workbook: new ExcelWorkbook(run),
    calculations,
    /** Resolves once Excel has been asked to calculate `n` times in all (a test waits on it, never on a timer). */
    calculated: (n: number): Promise<void> =>
      new Promise<void>((resolve) => {
        if (calculations.length >= n) resolve();
        else waiting.push({ n, resolve });
      }),
    reads: () => reads,
    /** Body rows read one range at a time (readRows), not with the whole table. */
    rowsRead: () => rowsRead,
    /** The user (or the task pane's sync) edits table `i`: new values, then Excel's onChanged event. */
    async edit(i: number, rows: Values): Promise<void> {
      const spec = tables[i];
      if (!spec) throw new Error("no such table");
      current[i] = [spec.header, ...rows];
      (t[`table${i}`]?.range as MockNode).setValue("values", current[i]);
      await Promise.all(handlers.map((h) => h({ tableId: `id${i}` })));
    },
    /** The analyst types in row `row` of table `i`: Excel's onChanged says RangeEdited and the cells' address. */
    async editRow(i: number, row: number, values: Values[number]): Promise<void> {
      const spec = tables[i];
      const range = t[`table${i}`]?.range as MockNode | undefined;
      if (!spec || !range) throw new Error("no such table");
      const body = (current[i] ?? []).slice(1).map((r, k) => (k === row ? values : r));
      current[i] = [spec.header, ...body];
      range.setValue("values", current[i]);
      const sheetRow = HEADER_ROW + 2 + row;
      const address = `Sheet1!C${sheetRow}:D${sheetRow}`;
      await Promise.all(
        handlers.map((h) => h({ tableId: `id${i}`, changeType: "RangeEdited", address }))
      );
    },
    fire(i: number): void {
      for (const h of handlers) void h({ tableId: `id${i}` });
    },
    handlers,
  };
}
