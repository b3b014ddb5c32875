import { CONTRACTS, header as columnsOf, tablesToBook } from "../../src/core/tables";
import { MemoryWorkbook } from "../../src/workbook";
import type { Cell } from "../../src/workbook";

const header = ["InvoiceId", "Customer", "Amount", "Method"];

describe("MemoryWorkbook", () => {
  it("keeps blank rows as Excel does, so a problem's row number is the row under the header", async () => {
    const wb = new MemoryWorkbook();
    const cols = columnsOf(CONTRACTS);
    const row = (obligation: string, start: string): Cell[] =>
      cols.map((c) =>
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
    await wb.applyChanges([
      {
        table: CONTRACTS.name,
        sheet: CONTRACTS.sheet,
        header: cols,
        key: "Obligation",
        insert: [row("O-1", "2026-01-15"), cols.map(() => ""), row("O-2", "2026-02-30")],
        update: [],
        remove: [],
      },
    ]);
    const tables = await wb.readTables([CONTRACTS.name]);
    expect(tables.get(CONTRACTS.name)?.rows).toHaveLength(3);
    expect(tablesToBook(tables).issues.map((i) => i.message)).toEqual([
      'RevRecContracts row 3, Start: expected a date (an Excel date or text YYYY-MM-DD), found "2026-02-30"',
    ]);
  });

  it("creates a table on first write, then upserts by key without touching other cells", async () => {
    const wb = new MemoryWorkbook();
    await wb.applyChanges([
      {
        table: "RevRecBillings",
        sheet: "Billings",
        header,
        key: "InvoiceId",
        insert: [
          ["101", "Acme", 1200, "ratable"],
          ["102", "Beta", 500, "point"],
        ],
        update: [],
        remove: [],
      },
    ]);
    await wb.editCell("RevRecBillings", "InvoiceId", "101", "Method", "point");
    await wb.applyChanges([
      {
        table: "RevRecBillings",
        sheet: "Billings",
        header,
        key: "InvoiceId",
        insert: [["103", "Cole", 90, "ratable"]],
        update: [{ key: "101", values: { Amount: 1300 } }],
        remove: ["102"],
      },
    ]);
    const t = (await wb.readTables(["RevRecBillings", "Missing"])).get("RevRecBillings");
    expect(t?.rows).toEqual([
      ["101", "Acme", 1300, "point"],
      ["103", "Cole", 90, "ratable"],
    ]);
    expect((await wb.readTables(["Missing"])).has("Missing")).toBe(false);
  });

  it("adds the columns an older table lacks instead of dropping their values", async () => {
    const wb = new MemoryWorkbook([
      { name: "T", sheet: "S", header: ["InvoiceId", "Customer"], rows: [["1", "Acme"]] },
    ]);
    let told = 0;
    await wb.onTablesChanged(["T"], () => (told += 1));
    await wb.applyChanges([
      {
        table: "T",
        sheet: "S",
        header,
        key: "InvoiceId",
        insert: [["2", "Beta", 50, "daily"]],
        update: [{ key: "1", values: { Amount: 1200 } }],
        remove: [],
      },
    ]);
    const t = (await wb.readTables(["T"])).get("T");
    expect(t?.header).toEqual(header);
    expect(t?.rows).toEqual([
      ["1", "Acme", 1200, ""],
      ["2", "Beta", 50, "daily"],
    ]);
    expect(told).toBe(1);
  });

  it("tells listeners about changes to the tables they watch, until they unsubscribe", async () => {
    const wb = new MemoryWorkbook();
    let calls = 0;
    const off = await wb.onTablesChanged(["RevRecBillings"], () => (calls += 1));
    await wb.appendRows("RevRecBillings", "Billings", header, [["1", "A", 1, "ratable"]]);
    await wb.appendRows("Other", "Other", ["K"], [["x"]]);
    await off();
    await wb.appendRows("RevRecBillings", "Billings", header, [["2", "B", 2, "ratable"]]);
    expect(calls).toBe(1);
  });
});
