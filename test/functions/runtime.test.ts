import { bookToTables, FUNCTION_TABLES, type BookJson } from "../../src/core/tables";
import { excelWithTables, type Values } from "./excelMock";
import { exampleBook, installCustomFunctions, shown } from "./excelStub";

installCustomFunctions();
// Imported after the CustomFunctions global is installed (the functions use it).
import * as F from "../../src/functions/functions";
import { connectWorkbook } from "../../src/functions/runtime";
import { waterfall } from "../../src/functions/impl";
import { BookStore, store } from "../../src/functions/store";

const book = exampleBook() as BookJson;
const [contracts, billings, changes, progress] = bookToTables(book, { dates: "serial" });
if (!contracts || !billings || !changes || !progress)
  throw new Error("bookToTables returned too few tables");
const accounts = {
  name: "RevRecAccounts",
  header: ["Setting", "Value"],
  rows: [
    ["revenue", "Revenue"],
    ["deferredRevenue", "Deferred Revenue"],
    ["contractAsset", "Contract Asset"],
    ["billingsPostTo", "deferred"],
  ] as Values,
};
const one = (v: unknown): unknown[][] => [[v]];

describe("the shared runtime on ExcelWorkbook (office-addin-mock)", () => {
  test("loads the RevRec tables into the book and recalculates the REVREC cells", async () => {
    const excel = excelWithTables([contracts, billings, changes, progress, accounts]);
    const connection = await connectWorkbook(excel.workbook, store);
    expect(await F.recognized(one("C-1001"), "2026-03", null)).toEqual([[100]]);
    expect(await F.recognized(one("C-1003"), "2026-07", null)).toEqual([[450]]); // the change row was read
    expect(await F.billed(one("C-1002"), "2026-05", null)).toEqual([[920]]); // the billing row was read
    expect(((await F.journal("2026-03")) as unknown[][])[1]?.[0]).toBe("Revenue"); // RevRecAccounts was read
    expect(excel.calculations).toEqual(["Full"]);
    await connection.disconnect();
    expect(excel.handlers).toHaveLength(0);
  });

  test("a table change reloads the book, functions wait for the reload, then Excel recalculates", async () => {
    const excel = excelWithTables([contracts, billings, changes, progress, accounts]);
    await connectWorkbook(excel.workbook, store);
    expect(await F.recognized(one("C-1001-SUB"), "2026-03", null)).toEqual([[100]]);

    // The analyst doubles the subscription price; Excel fires onChanged.
    const edited = contracts.rows.map((r) =>
      r[2] === "C-1001-SUB" ? r.map((v, i) => (i === 5 ? 2400 : v)) : r
    );
    const spec = [contracts, billings, changes, progress, accounts];
    const t0 = spec.indexOf(contracts);
    (excel as { edit: (i: number, rows: Values) => Promise<void> })
      .edit(t0, edited)
      .catch(() => undefined);
    // A cell evaluated while the reload runs must not show the old 100.
    expect(await F.recognized(one("C-1001-SUB"), "2026-03", null)).toEqual([[200]]);
    await store.whenReady();
    await excel.calculated(2);
    expect(excel.calculations).toEqual(["Full", "Full"]);
  });

  test("a cell edited in place: only its row is read, and the book is the one a full reload gives", async () => {
    const excel = excelWithTables([contracts, billings, changes, progress, accounts]);
    await connectWorkbook(excel.workbook, store);
    const reads = excel.reads();
    const row = contracts.rows.findIndex((r) => r[2] === "C-1001-SUB");
    const values = contracts.rows[row]?.map((v, i) => (i === 5 ? 2400 : v)) ?? [];
    await excel.editRow(0, row, values);
    await store.whenReady();
    await excel.calculated(2);
    // No table was read again; one row was.
    expect([excel.reads() - reads, excel.rowsRead()]).toEqual([0, 1]);
    expect(await F.recognized(one("C-1001-SUB"), "2026-03", null)).toEqual([[200]]);
    const full = new BookStore();
    full.loadTables(await excel.workbook.readTables(FUNCTION_TABLES));
    expect(store.state.book).toEqual(full.state.book);
    expect(await F.waterfall("2026-01", 12)).toEqual(waterfall(full, "2026-01", 12, null));
  });

  test("a problem row shows in its contract's cells with table, row and column; totals refuse", async () => {
    const bad = contracts.rows.map((r) =>
      r[2] === "C-1002-SUPPORT" ? r.map((v, i) => (i === 8 ? "2026-02-30" : v)) : r
    );
    const excel = excelWithTables([{ ...contracts, rows: bad }, billings]);
    await connectWorkbook(excel.workbook, store);
    expect(await F.recognized(one("C-1001"), "2026-03", null)).toEqual([[100]]);
    expect(await shown(F.recognized(one("C-1002"), "2026-03", null))).toBe(
      '#VALUE! contract C-1002 cannot be computed: RevRecContracts row 3, Start: expected a date (an Excel date or text YYYY-MM-DD), found "2026-02-30"'
    );
    expect(await shown(F.recognized(one("*"), "2026-03", null))).toMatch(
      /^#VALUE! contract "\*": totals need every contract, but contract C-1002 cannot be read/
    );
    expect(await shown(F.recognized(one("C-1002-SUPPORT"), "2026-03", null))).toMatch(
      /^#VALUE! obligation C-1002-SUPPORT cannot be computed: its contract C-1002 cannot be read: RevRecContracts row 3, Start/
    );
    expect(store.state.issues.map((i) => [i.table, i.row, i.column])).toEqual([
      ["RevRecContracts", 3, "Start"],
    ]);
  });

  test("an engine problem is restated as the table cell it came from", async () => {
    const bad = contracts.rows.map((r) =>
      r[2] === "C-1002-SUPPORT" ? r.map((v, i) => (i === 9 ? "" : v)) : r
    );
    const excel = excelWithTables([{ ...contracts, rows: bad }]);
    await connectWorkbook(excel.workbook, store);
    expect(await shown(F.recognized(one("C-1002"), "2026-03", null))).toMatch(
      /^#VALUE! contract C-1002 cannot be computed: RevRecContracts row 3, End: /
    );
    // The other contracts still compute (no RevRecChanges table here, so no July catch-up).
    expect(await F.recognized(one("C-1003"), "2026-07", null)).toEqual([[100]]);
  });

  test("a workbook without the tables is #N/A saying what to do", async () => {
    const excel = excelWithTables([]);
    await connectWorkbook(excel.workbook, store);
    expect(await shown(F.recognized(one("C-1001"), "2026-03", null))).toBe(
      "#N/A the workbook has no RevRecContracts table: sync from QuickBooks in the task pane, or add the table"
    );
  });
});

describe("BookStore.reload", () => {
  test("a change during a read triggers one more read; waiters see the last state", async () => {
    const { BookStore } = await import("../../src/functions/store");
    const s = new BookStore();
    let price = 1200;
    let reads = 0;
    // Each read waits at its gate until the test opens it; the test hears of each read as it starts.
    const started: ((open: () => void) => void)[] = [];
    const gates: (() => void)[] = [];
    const nextRead = (): Promise<() => void> =>
      new Promise((hear) => {
        const gate = gates.shift();
        if (gate) hear(gate);
        else started.push(hear);
      });
    const read = async () => {
      reads += 1;
      const p = price;
      await new Promise<void>((open) => {
        const hear = started.shift();
        if (hear) hear(open);
        else gates.push(open);
      });
      const b: BookJson = JSON.parse(JSON.stringify(book)) as BookJson;
      const ob = b.contracts[0]?.obligations[0];
      if (ob) ob.price = p.toFixed(2);
      const tables = bookToTables(b);
      return new Map(tables.map((t) => [t.name, t]));
    };
    const first = s.reload(read);
    await Promise.resolve();
    await Promise.resolve();
    price = 2400; // the table changes while the first read is in flight
    const second = s.reload(read);
    expect(second).toBe(first);
    // Release the first read; the store then reads again for the change, and that read is released too.
    for (let i = 0; i < 2; i++) (await nextRead())();
    await first;
    expect(reads).toBe(2);
    expect(s.state.schedule?.obligation("C-1001-SUB")?.revenue(24314, 24314)).toBe(20000);
    expect(s.whenReady()).toBeUndefined();
  });

  test("a failed read leaves cells #N/A with the reason, never old figures", async () => {
    const { BookStore } = await import("../../src/functions/store");
    const s = new BookStore();
    s.setBook(book);
    await s.reload(() => Promise.reject(new Error("InvalidOperation")));
    expect(s.state.schedule).toBeUndefined();
    expect(s.state.fatal?.message).toBe("could not read the RevRec tables: InvalidOperation");
  });
});

describe("totals while a contract cannot be read", () => {
  test("JOURNAL and WATERFALL of all contracts refuse with the reason", async () => {
    const bad = contracts.rows.map((r) =>
      r[2] === "C-1002-SUPPORT" ? r.map((v, i) => (i === 5 ? "12.345" : v)) : r
    );
    const excel = excelWithTables([{ ...contracts, rows: bad }, accounts]);
    await connectWorkbook(excel.workbook, store);
    expect(await shown(F.journal("2026-03"))).toBe(
      '#VALUE! JOURNAL: totals need every contract, but contract C-1002 cannot be read: RevRecContracts row 3, Price: expected an amount with at most 2 decimals, found "12.345"'
    );
    expect(await shown(F.waterfall("2026-03", 2))).toMatch(
      /^#VALUE! contracts "\*": totals need every contract/
    );
    expect(await F.waterfall("2026-03", 1, [["C-1001"]])).toEqual([
      ["Contract", "2026-03"],
      ["C-1001", 100],
      ["Total", 100],
    ]);
  });
});
