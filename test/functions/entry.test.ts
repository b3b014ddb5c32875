import { bookToTables, type BookJson } from "../../src/core/tables";
import { excelWithTables } from "./excelMock";
import { exampleBook, installCustomFunctions } from "./excelStub";

// The functions bundle's entry as the shared runtime runs it: office.js calls Office.onReady with the Excel
// host, the entry connects the workbook (Excel.run from office.js, here office-addin-mock) to the store.
test("in Excel, the entry loads the RevRec tables into the one store and recalculates", async () => {
  installCustomFunctions();
  const tables = bookToTables(exampleBook() as BookJson, { dates: "serial" });
  const excel = excelWithTables(tables);
  let ready: ((info: { host: string }) => void) | undefined;
  const g = globalThis as unknown as { Office: unknown; Excel: unknown };
  g.Excel = { run: excel.run };
  g.Office = {
    HostType: { Excel: "Excel" },
    onReady: (cb: (info: { host: string }) => void) => {
      ready = cb;
      return Promise.resolve({ host: "Excel" });
    },
  };
  await import("../../src/functions/index");
  const F = await import("../../src/functions/functions");
  const { store } = await import("../../src/functions/store");
  expect(store.state.schedule).toBeUndefined();

  ready?.({ host: "Excel" });
  // A cell evaluated while the first load runs waits for it rather than showing #N/A.
  expect(await F.recognized([["C-1001"]], "2026-03", null)).toEqual([[100]]);
  await excel.calculated(1);
  expect(excel.calculations).toEqual(["Full"]);
  expect(excel.handlers).toHaveLength(1);
});
