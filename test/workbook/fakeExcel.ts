// A small Excel for ExcelWorkbook's tests, built on office-addin-mock: every property the code reads (table
// values, isNullObject, setting values) is a mock property, so reading it without load() and sync() gives the
// mock's "not loaded" / "sync not called" sentinel instead of the value. Writes are queued and happen at
// context.sync(), as in Excel, so code that forgets the final sync leaves the workbook unchanged. A batch that
// throws keeps what it queued, and the next sync sends it: Office.js may still sync a failed batch while it
// cleans up, so code that must write all or nothing has to finish planning before it queues a write.
import { OfficeMockObject } from "office-addin-mock";
import type { Cell } from "../../src/workbook";

/** Gives a mock property a new value that reads as "not loaded" until the code loads it and syncs. */
function reseed(node: OfficeMockObject, property: string, value: unknown): void {
  // setValue is office-addin-mock's own seeding; it is private in its typings only.
  node["setValue"](property, value);
}

/** Excel's leading apostrophe: stores the rest as text. */
function stored(v: Cell): Cell {
  return typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;
}

export interface FakeTable {
  sheet: string;
  header: string[];
  rows: Cell[][];
  showTotals?: boolean;
  style?: string;
}

interface PlainRange {
  values?: Cell[][];
  formulas?: Cell[][];
  numberFormat?: string[][];
  format: { font: { bold?: boolean; size?: number }; autofitColumns(): void };
}

export class FakeExcel {
  readonly tables = new Map<string, FakeTable>();
  readonly sheets = new Set<string>();
  readonly settings = new Map<string, string>();
  readonly charts: { sheet: string; type: string; title: string }[] = [];
  readonly writes: { table: string; row: number; col: number; value: Cell }[] = [];
  readonly sheetCells = new Map<string, Cell[][]>();
  /** The sheet Excel shows (the last one activated), and positions set on sheets. */
  active: string | undefined;
  readonly positions = new Map<string, number>();
  calculations: string[] = [];
  syncs = 0;
  /** Makes the next sync that carries writes reject them all, as Excel does in cell-edit mode. */
  failNextWriteSync: Error | undefined;
  /** Table event handlers the code registered, by event. */
  readonly handlers = {
    changed: [] as ((e: unknown) => Promise<void>)[],
    added: [] as ((e: unknown) => Promise<void>)[],
    deleted: [] as ((e: unknown) => Promise<void>)[],
  };
  private queue: (() => void)[] = [];
  readonly mock: OfficeMockObject;

  constructor(names: readonly string[], sheetNames: readonly string[]) {
    const fake = this;
    const tableSlots: Record<string, unknown> = {};
    for (const n of names) tableSlots[n] = { range: { values: [] as Cell[][] } };
    const sheetSlots: Record<string, unknown> = {};
    for (const n of sheetNames) sheetSlots[n] = { used: { rowIndex: 0, rowCount: 0 }, position: 0 };
    const settingSlots: Record<string, unknown> = {};
    for (const n of ["RevRec.Settings", "RevRec.SyncBaseline", "k"])
      settingSlots[n] = { value: "" };
    this.mock = new OfficeMockObject({
      context: {
        workbook: {
          tables: {
            ...tableSlots,
            getItemOrNullObject(
              this: Record<string, OfficeMockObject & Record<string, unknown>>,
              name: string
            ) {
              const node = this[name];
              if (!node) throw new Error(`FakeExcel has no slot for table ${name}`);
              const t = fake.tables.get(name);
              node.isNullObject = !t;
              node.getRange = () => {
                const range = node.range as unknown as OfficeMockObject & Record<string, unknown>;
                const now = fake.tables.get(name);
                reseed(range, "values", now ? [now.header, ...now.rows] : []);
                range.getCell = (r: number, c: number) => ({
                  set values(v: Cell[][]) {
                    fake.queue.push(() => {
                      const row = fake.tables.get(name)?.rows[r - 1];
                      const value = stored(v[0]?.[0] ?? "");
                      if (row) row[c] = value;
                      fake.writes.push({ table: name, row: r - 1, col: c, value });
                    });
                  },
                });
                return range;
              };
              node.columns = {
                add: (_index: unknown, _values: unknown, column: string) =>
                  fake.queue.push(() => {
                    const t = fake.tables.get(name);
                    if (!t) return;
                    t.header.push(column);
                    for (const row of t.rows) row.push("");
                  }),
              };
              node.rows = {
                getItemAt: (i: number) => ({
                  delete: () => fake.queue.push(() => fake.tables.get(name)?.rows.splice(i, 1)),
                }),
                add: (_index: unknown, values: Cell[][]) =>
                  fake.queue.push(() =>
                    fake.tables.get(name)?.rows.push(...values.map((r) => r.map(stored)))
                  ),
              };
              return node;
            },
          },
          worksheets: {
            ...sheetSlots,
            getItemOrNullObject(
              this: Record<string, OfficeMockObject & Record<string, unknown>>,
              name: string
            ) {
              const node = this[name];
              if (!node) throw new Error(`FakeExcel has no slot for sheet ${name}`);
              node.isNullObject = !fake.sheets.has(name);
              reseed(node, "position", [...fake.sheets].indexOf(name));
              Object.assign(node, fake.sheetApi(name, false));
              node.getUsedRangeOrNullObject = () => {
                const used = node.used as unknown as OfficeMockObject & Record<string, unknown>;
                const cells = fake.sheetCells.get(name) ?? [];
                used.isNullObject = cells.length === 0;
                reseed(used, "rowIndex", 0);
                reseed(used, "rowCount", cells.length);
                return used;
              };
              node.delete = () =>
                fake.queue.push(() => {
                  fake.sheets.delete(name);
                  for (const [t, v] of fake.tables) if (v.sheet === name) fake.tables.delete(t);
                });
              return node;
            },
            add(name: string) {
              fake.queue.push(() => fake.sheets.add(name));
              return fake.sheetApi(name);
            },
          },
          settings: {
            ...settingSlots,
            getItemOrNullObject(
              this: Record<string, OfficeMockObject & Record<string, unknown>>,
              key: string
            ) {
              const node = this[key];
              if (!node) throw new Error(`FakeExcel has no slot for setting ${key}`);
              node.isNullObject = !fake.settings.has(key);
              reseed(node, "value", fake.settings.get(key) ?? "");
              return node;
            },
            add(key: string, value: string) {
              fake.queue.push(() => fake.settings.set(key, value));
            },
          },
          application: {
            calculate(type: string) {
              fake.queue.push(() => fake.calculations.push(type));
            },
          },
        },
      },
    });
    const context = this.mock["context"] as OfficeMockObject;
    const sync = context.sync.bind(context);
    context.sync = async () => {
      fake.syncs += 1;
      const q = fake.queue;
      fake.queue = [];
      if (q.length > 0 && fake.failNextWriteSync) {
        const e = fake.failNextWriteSync;
        fake.failNextWriteSync = undefined;
        throw e;
      }
      for (const op of q) op();
      await sync();
    };
    // Table events: handlers are kept (fire them with fire()); items load as a whole (the mock cannot load
    // "items/name" of an array), and read back only after a sync like any other property.
    const tables = (context["workbook"] as OfficeMockObject)["tables"] as OfficeMockObject &
      Record<string, unknown>;
    const load = tables.load.bind(tables);
    tables.load = (what?: unknown) => {
      reseed(
        tables,
        "items",
        [...fake.tables.keys()].map((name) => ({ id: fake.tableId(name), name }))
      );
      return load(
        typeof what === "string" && what.startsWith("items/") ? "items" : (what as string)
      );
    };
    for (const [event, list] of [
      ["onChanged", fake.handlers.changed],
      ["onAdded", fake.handlers.added],
      ["onDeleted", fake.handlers.deleted],
    ] as const) {
      tables[event] = {
        add: (handler: (e: unknown) => Promise<void>) => {
          list.push(handler);
          return {
            context,
            remove: () => fake.queue.push(() => list.splice(list.indexOf(handler), 1)),
          };
        },
      };
    }
  }

  /** The id Excel would give a table (stable, unlike its name). */
  tableId(name: string): string {
    return `{table-${name}}`;
  }

  /** Raises a table event as Excel would, to every handler registered for it. */
  async fire(event: keyof FakeExcel["handlers"], args: Record<string, unknown>): Promise<void> {
    for (const h of [...this.handlers[event]]) await h({ type: event, source: "Local", ...args });
  }

  /** Excel.run for ExcelWorkbook, on this fake. */
  run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(this.mock["context"] as unknown as Excel.RequestContext);

  /** A worksheet's methods; `settable` adds a position that can be set (a loaded sheet's is a mock property). */
  private sheetApi(sheet: string, settable = true) {
    const rangeAt = (row: number, col: number): PlainRange => {
      const r: PlainRange = {
        format: { font: {}, autofitColumns: () => undefined },
      };
      let values: Cell[][] | undefined;
      Object.defineProperty(r, "values", {
        get: () => values,
        set: (v: Cell[][]) => {
          values = v;
          this.queue.push(() => this.put(sheet, row, col, v));
        },
      });
      Object.defineProperty(r, "formulas", {
        get: () => values,
        set: (v: Cell[][]) => {
          values = v;
          this.queue.push(() => this.put(sheet, row, col, v));
        },
      });
      return r;
    };
    const api = {
      // One cell's address ("A2"), as the code asks for; columns past Z are not needed.
      getRange: (address = "A1") =>
        rangeAt(Number(address.slice(1)) - 1, address.charCodeAt(0) - "A".charCodeAt(0)),
      getRangeByIndexes: (row: number, col: number) => rangeAt(row, col),
      tables: {
        add: (range: PlainRange) => {
          const created: { name: string; showTotals: boolean; style: string } = {
            name: "",
            showTotals: false,
            style: "",
          };
          this.queue.push(() => {
            const [header = [], ...rows] = range.values ?? [];
            this.tables.set(created.name, {
              sheet,
              header: header.map(String),
              rows: rows.map((r) => r.map(stored)),
              showTotals: created.showTotals,
              style: created.style,
            });
          });
          return created;
        },
      },
      charts: {
        add: (type: string) => {
          const chart = { title: { text: "" }, setPosition: () => undefined };
          this.queue.push(() => this.charts.push({ sheet, type, title: chart.title.text }));
          return chart;
        },
      },
      activate: () => this.queue.push(() => (this.active = sheet)),
    };
    if (!settable) return api;
    return Object.defineProperty(api, "position", {
      set: (p: number) => {
        this.queue.push(() => this.positions.set(sheet, p));
      },
    });
  }

  private put(sheet: string, row: number, col: number, v: Cell[][]): void {
    const cells = this.sheetCells.get(sheet) ?? [];
    v.forEach((r, i) =>
      r.forEach((x, j) => {
        const line = (cells[row + i] ??= []);
        line[col + j] = x;
      })
    );
    this.sheetCells.set(sheet, cells);
  }
}
