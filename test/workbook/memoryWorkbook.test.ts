import { MemoryWorkbook } from "../../src/workbook";

const header = ["InvoiceId", "Customer", "Amount", "Method"];

describe("MemoryWorkbook", () => {
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
