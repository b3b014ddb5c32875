import { CONTRACTS, header as columnsOf, tablesToBook } from "../../src/core/tables";
import { ExcelWorkbook, excelValue, MissingColumnError } from "../../src/workbook";
import type { Cell, TableChanges } from "../../src/workbook";
import { addressRows } from "../../src/workbook/excelWorkbook";
import { FakeExcel } from "./fakeExcel";

const TABLES = ["RevRecContracts", "RevRecPostings", "RevRecScheduleReport", "Missing"];
const SHEETS = ["RevRec Contracts", "RevRec Postings", "RevRec Schedule"];
const HEADER = ["Contract", "Obligation", "Price", "Method", "End"];

function changes(patch: Partial<TableChanges>): TableChanges {
  return {
    table: "RevRecContracts",
    sheet: "RevRec Contracts",
    header: HEADER,
    key: "Obligation",
    insert: [],
    update: [],
    remove: [],
    ...patch,
  };
}

const ROW: Cell[] = ["inv-1", "inv-1-1", 1200, "daily", "2027-01-31"];

/** An Excel whose RevRecContracts table holds one row, ROW. */
function excelWithContracts(): FakeExcel {
  const excel = new FakeExcel(TABLES, SHEETS);
  excel.sheets.add("RevRec Contracts");
  excel.tables.set("RevRecContracts", {
    sheet: "RevRec Contracts",
    header: HEADER,
    rows: [[...ROW]],
  });
  return excel;
}

/** A price change to ROW and a new row: what a sync writes. */
const UPSERT = changes({
  update: [{ key: "inv-1-1", values: { Price: 1300 } }],
  insert: [["inv-2", "inv-2-1", 500, "monthly", "2026-12-31"]],
});

describe("ExcelWorkbook on office-addin-mock", () => {
  it("creates a missing table with its header and rows, then reads it back", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    const wb = new ExcelWorkbook(excel.run);
    await wb.applyChanges([
      changes({ insert: [["inv-1", "inv-1-1", 1200, "monthly", "2027-01-31"]] }),
    ]);
    expect(excel.sheets.has("RevRec Contracts")).toBe(true);
    expect(excel.tables.get("RevRecContracts")).toMatchObject({
      sheet: "RevRec Contracts",
      header: HEADER,
      rows: [["inv-1", "inv-1-1", 1200, "monthly", "2027-01-31"]],
    });
    const read = await wb.readTables(["RevRecContracts", "Missing"]);
    expect(read.get("RevRecContracts")?.rows).toEqual([
      ["inv-1", "inv-1-1", 1200, "monthly", "2027-01-31"],
    ]);
    expect(read.has("Missing")).toBe(false);
  });

  it("upserts by key: writes only the changed cells, leaves the analyst's Method alone, deletes and appends", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    excel.sheets.add("RevRec Contracts");
    excel.tables.set("RevRecContracts", {
      sheet: "RevRec Contracts",
      header: HEADER,
      rows: [
        ["inv-1", "inv-1-1", 1200, "daily", "2027-01-31"],
        ["inv-2", "inv-2-1", 500, "monthly", "2026-12-31"],
        ["", "", "", "", ""],
      ],
    });
    const wb = new ExcelWorkbook(excel.run);
    await wb.applyChanges([
      changes({
        update: [{ key: "inv-1-1", values: { Price: 1300, End: "2027-01-31" } }],
        remove: ["inv-2-1"],
        insert: [["inv-3", "inv-3-1", 90, "point-in-time", ""]],
      }),
    ]);
    expect(excel.writes).toEqual([{ table: "RevRecContracts", row: 0, col: 2, value: 1300 }]);
    const rows = (await wb.readTables(["RevRecContracts"])).get("RevRecContracts")?.rows;
    // The blank row stays where it was in Excel; the new row goes below it.
    expect(rows).toEqual([
      ["inv-1", "inv-1-1", 1300, "daily", "2027-01-31"],
      ["", "", "", "", ""],
      ["inv-3", "inv-3-1", 90, "point-in-time", ""],
    ]);
  });

  it("adds the columns an older table lacks instead of dropping their values", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    excel.sheets.add("RevRec Contracts");
    // Written by an earlier version, before the End column existed.
    excel.tables.set("RevRecContracts", {
      sheet: "RevRec Contracts",
      header: ["Contract", "Obligation", "Price", "Method"],
      rows: [["inv-1", "inv-1-1", 1200, "daily"]],
    });
    const wb = new ExcelWorkbook(excel.run);
    await wb.applyChanges([
      changes({
        update: [{ key: "inv-1-1", values: { End: "2027-01-31" } }],
        insert: [["inv-2", "inv-2-1", 500, "monthly", "2026-12-31"]],
      }),
    ]);
    const read = (await wb.readTables(["RevRecContracts"])).get("RevRecContracts");
    expect(read?.header).toEqual(HEADER);
    expect(read?.rows).toEqual([
      ["inv-1", "inv-1-1", 1200, "daily", "2027-01-31"],
      ["inv-2", "inv-2-1", 500, "monthly", "2026-12-31"],
    ]);
  });

  it("keeps blank rows, so a problem's row number is the row the analyst sees under the header", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    excel.sheets.add("RevRec Contracts");
    const header = columnsOf(CONTRACTS);
    const row = (obligation: string, start: string): Cell[] =>
      header.map((c) =>
        c === "Contract"
          ? "C-1"
          : c === "Customer"
            ? "Acme"
            : c === "Obligation"
              ? obligation
              : c === "Price"
                ? 1200
                : c === "Method"
                  ? "point-in-time"
                  : c === "Start"
                    ? start
                    : ""
      );
    excel.tables.set("RevRecContracts", {
      sheet: "RevRec Contracts",
      header,
      rows: [row("O-1", "2026-01-15"), header.map(() => ""), row("O-2", "2026-02-30")],
    });
    const wb = new ExcelWorkbook(excel.run);
    const tables = await wb.readTables(["RevRecContracts"]);
    expect(tables.get("RevRecContracts")?.rows).toHaveLength(3);
    const messages = tablesToBook(tables).issues.map((i) => i.message);
    expect(messages).toEqual([
      'RevRecContracts row 3, Start: expected a date (an Excel date or text YYYY-MM-DD), found "2026-02-30"',
    ]);
  });

  it("keeps QuickBooks text as text: ids with leading zeros, and formulas are never evaluated", async () => {
    expect(excelValue("00123")).toBe("'00123");
    expect(excelValue('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(excelValue("TRUE")).toBe("'TRUE");
    expect(excelValue("3/4")).toBe("'3/4");
    expect(excelValue("Mar-26")).toBe("'Mar-26");
    expect(excelValue("2026-03-15")).toBe("2026-03-15");
    expect(excelValue("inv-130-1")).toBe("inv-130-1");
    expect(excelValue("Acme Inc.")).toBe("Acme Inc.");
    const excel = new FakeExcel(TABLES, SHEETS);
    const wb = new ExcelWorkbook(excel.run);
    await wb.applyChanges([changes({ insert: [["=1+1", "00123", 5, "monthly", "2027-01-31"]] })]);
    expect(excel.tables.get("RevRecContracts")?.rows[0]).toEqual([
      "=1+1",
      "00123",
      5,
      "monthly",
      "2027-01-31",
    ]);
  });

  it("appends to the postings log, creating it on first post", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    const wb = new ExcelWorkbook(excel.run);
    const header = ["Period", "DocNumber", "QBO Id"];
    await wb.appendRows("RevRecPostings", "RevRec Postings", header, [
      ["2026-03", "RR-2026-03", "228"],
    ]);
    await wb.appendRows("RevRecPostings", "RevRec Postings", header, [
      ["2026-03", "RR-2026-03-A1", "229"],
    ]);
    expect(excel.tables.get("RevRecPostings")?.rows).toEqual([
      ["2026-03", "RR-2026-03", "228"],
      ["2026-03", "RR-2026-03-A1", "229"],
    ]);
  });

  it("keeps settings in the workbook and recalculates fully", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    const wb = new ExcelWorkbook(excel.run);
    expect(await wb.readSetting("k")).toBeUndefined();
    await wb.writeSetting("k", '{"a":1}');
    expect(await wb.readSetting("k")).toBe('{"a":1}');
    await wb.recalculateRevRec();
    expect(excel.calculations).toEqual(["Full"]);
  });

  it("adds a report sheet of formulas as a table with a chart", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    const wb = new ExcelWorkbook(excel.run);
    await wb.addReportSheet({
      sheet: "RevRec Schedule",
      title: "Revenue schedule",
      note: "1 contract with no revenue in these months is not shown.",
      table: {
        name: "RevRecScheduleReport",
        header: ["Period", "Recognized", "Deferred revenue"],
        rows: [["2026-03", '=REVREC.RECOGNIZED("*",$A4)', '=REVREC.DEFERRED("*",$A4)']],
        formats: { Recognized: "#,##0.00" },
      },
      chart: {
        title: "Recognized and deferred",
        type: "column",
        series: ["Recognized", "Deferred revenue"],
      },
    });
    expect(excel.tables.get("RevRecScheduleReport")).toMatchObject({
      sheet: "RevRec Schedule",
      header: ["Period", "Recognized", "Deferred revenue"],
      rows: [["2026-03", '=REVREC.RECOGNIZED("*",$A4)', '=REVREC.DEFERRED("*",$A4)']],
      style: "TableStyleMedium2",
    });
    expect(excel.sheetCells.get("RevRec Schedule")?.[0]?.[0]).toBe("Revenue schedule");
    expect(excel.sheetCells.get("RevRec Schedule")?.[1]?.[0]).toBe(
      "1 contract with no revenue in these months is not shown."
    );
    expect(excel.charts).toEqual([
      { sheet: "RevRec Schedule", type: "ColumnClustered", title: "Recognized and deferred" },
    ]);
  });

  it("writes a report's spilling formulas beside its table, each under its title and clear of the one before", async () => {
    const excel = new FakeExcel(TABLES, [...SHEETS, "Disclosures"]);
    const wb = new ExcelWorkbook(excel.run);
    await wb.addReportSheet({
      sheet: "Disclosures",
      title: "ASC 606 disclosures for 2026",
      table: {
        name: "RevRecDisclosures",
        header: ["Disclosure", "Line", "Amount"],
        rows: [["Revenue", "Total recognized", '=REVREC.RECOGNIZED("*","2026")']],
      },
      spills: [
        { title: "By item", formula: '=REVREC.DISAGGREGATE("item","2026")', columns: 2 },
        { title: "By timing", formula: '=REVREC.DISAGGREGATE("timing","2026")', columns: 2 },
      ],
    });
    const cells = excel.sheetCells.get("Disclosures");
    // Columns E and H: one empty column after the table's three, and after the first spill's two.
    expect([cells?.[2]?.[4], cells?.[3]?.[4]]).toEqual([
      "By item",
      '=REVREC.DISAGGREGATE("item","2026")',
    ]);
    expect([cells?.[2]?.[7], cells?.[3]?.[7]]).toEqual([
      "By timing",
      '=REVREC.DISAGGREGATE("timing","2026")',
    ]);
  });

  it("reads nothing without a sync: the mock's load/sync checks stand behind every value", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    excel.tables.set("RevRecContracts", { sheet: "RevRec Contracts", header: HEADER, rows: [] });
    const batch = async (context: Excel.RequestContext) => {
      const range = context.workbook.tables.getItemOrNullObject("RevRecContracts").getRange();
      range.load("values");
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- reading without sync on purpose
      return range.values as unknown;
    };
    expect(await excel.run(batch)).toBe("Error, context.sync() was not called");
  });

  it("writes the tables and the settings in one batch: two syncs read, one writes", async () => {
    const excel = excelWithContracts();
    const wb = new ExcelWorkbook(excel.run);
    const before = excel.syncs;
    await wb.applyChanges([UPSERT], { "RevRec.SyncBaseline": '{"cursor":"c2"}' });
    expect(excel.syncs - before).toBe(3);
    expect(excel.tables.get("RevRecContracts")?.rows).toEqual([
      ["inv-1", "inv-1-1", 1300, "daily", "2027-01-31"],
      ["inv-2", "inv-2-1", 500, "monthly", "2026-12-31"],
    ]);
    expect(excel.settings.get("RevRec.SyncBaseline")).toBe('{"cursor":"c2"}');
  });

  it("writes nothing when one table's change cannot be planned, not the other tables nor the settings", async () => {
    const excel = excelWithContracts();
    excel.sheets.add("RevRec Postings");
    // An analyst renamed the key column of the second table.
    excel.tables.set("RevRecPostings", {
      sheet: "RevRec Postings",
      header: ["Period", "Doc #"],
      rows: [["2026-03", "RR-2026-03"]],
    });
    const wb = new ExcelWorkbook(excel.run);
    const failed = wb.applyChanges(
      [
        UPSERT,
        {
          table: "RevRecPostings",
          sheet: "RevRec Postings",
          header: ["Period", "DocNumber"],
          key: "DocNumber",
          insert: [["2026-04", "RR-2026-04"]],
          update: [],
          remove: [],
        },
      ],
      { "RevRec.SyncBaseline": '{"cursor":"c2"}' }
    );
    await expect(failed).rejects.toThrow(MissingColumnError);
    // A later batch's sync must not carry anything the failed one queued.
    const read = await wb.readTables(["RevRecContracts", "RevRecPostings"]);
    expect(read.get("RevRecContracts")?.rows).toEqual([ROW]);
    expect(read.get("RevRecPostings")?.rows).toEqual([["2026-03", "RR-2026-03"]]);
    expect(excel.writes).toEqual([]);
    expect(excel.settings.has("RevRec.SyncBaseline")).toBe(false);
  });

  it("leaves the tables and the settings as they were when Excel refuses the batch (cell-edit mode)", async () => {
    const excel = excelWithContracts();
    excel.settings.set("RevRec.SyncBaseline", '{"cursor":"c1"}');
    excel.failNextWriteSync = Object.assign(new Error("cell-edit mode"), {
      code: "InvalidOperationInCellEditMode",
    });
    const wb = new ExcelWorkbook(excel.run);
    await expect(
      wb.applyChanges([UPSERT], { "RevRec.SyncBaseline": '{"cursor":"c2"}' })
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(excel.tables.get("RevRecContracts")?.rows).toEqual([ROW]);
    expect(excel.settings.get("RevRec.SyncBaseline")).toBe('{"cursor":"c1"}');
  });

  it("tells its listener when a RevRec table changes, is added or is deleted, and not for other tables", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    excel.tables.set("RevRecContracts", { sheet: "RevRec Contracts", header: HEADER, rows: [] });
    excel.tables.set("Budget", { sheet: "Budget", header: ["Line"], rows: [] });
    const wb = new ExcelWorkbook(excel.run);
    let calls = 0;
    const unsubscribe = await wb.onTablesChanged(["RevRecContracts"], () => {
      calls += 1;
    });
    await excel.fire("changed", { tableId: excel.tableId("Budget") });
    expect(calls).toBe(0);
    await excel.fire("changed", { tableId: excel.tableId("RevRecContracts") });
    expect(calls).toBe(1);
    // A table added since (its id is new) may be a RevRec table: the listener hears of it.
    await excel.fire("added", { tableId: "{table-new}" });
    expect(calls).toBe(2);
    await excel.fire("deleted", { tableId: excel.tableId("Budget"), tableName: "Budget" });
    expect(calls).toBe(2);
    // Deleting a RevRec table must reload the book, or cells keep figures from the deleted table.
    await excel.fire("deleted", {
      tableId: excel.tableId("RevRecContracts"),
      tableName: "RevRecContracts",
    });
    expect(calls).toBe(3);
    await unsubscribe();
    expect(excel.handlers).toEqual({ changed: [], added: [], deleted: [] });
  });

  it("rewrites a report sheet where it stands on refresh, and adds none the analyst deleted", async () => {
    const excel = new FakeExcel(TABLES, SHEETS);
    const wb = new ExcelWorkbook(excel.run);
    const report = {
      sheet: "RevRec Schedule",
      title: "Revenue schedule",
      table: { name: "RevRecScheduleReport", header: ["Period"], rows: [["2026-03"]] },
    };
    expect(await wb.refreshReportSheet(report, { k: "1" })).toBe(false);
    expect(excel.sheets.has("RevRec Schedule")).toBe(false);
    expect(excel.settings.has("k")).toBe(false);
    excel.sheets.add("RevRec Contracts");
    await wb.addReportSheet(report);
    excel.sheets.add("RevRec Postings");
    expect(excel.active).toBe("RevRec Schedule");
    excel.active = "RevRec Postings";
    const refreshed = { ...report, table: { ...report.table, rows: [["2026-03"], ["2026-04"]] } };
    expect(await wb.refreshReportSheet(refreshed, { k: "2" })).toBe(true);
    expect(excel.tables.get("RevRecScheduleReport")?.rows).toEqual([["2026-03"], ["2026-04"]]);
    expect(excel.settings.get("k")).toBe("2");
    expect(excel.active).toBe("RevRec Postings");
    expect(excel.positions.get("RevRec Schedule")).toBe(1);
  });
});

describe("the rows of a change event's address", () => {
  test.each([
    ["C5:D5", { first: 4, last: 4 }],
    ["Sheet1!B7:F9", { first: 6, last: 8 }],
    ["'RevRec Contracts'!$A$12", { first: 11, last: 11 }],
    ["D9:A3", { first: 2, last: 8 }],
  ])("%s is sheet rows %o", (address, rows) => {
    expect(addressRows(address)).toEqual(rows);
  });

  test.each(["B:B", "", "5:7", "Sheet1!"])(
    "%p names no rows: the tables are read in full",
    (address) => {
      expect(addressRows(address)).toBeUndefined();
    }
  );
});
