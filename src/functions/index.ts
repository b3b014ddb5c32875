/* global Office, console */
// Entry of the functions bundle, loaded into the shared runtime by taskpane.html: registers the functions
// (custom-functions-metadata-plugin appends the CustomFunctions.associate calls to functions.ts) and, in
// Excel, connects the workbook's RevRec tables to the book store.
import { ExcelWorkbook } from "../workbook";
import "./outsideExcel";
import "./functions";
import { startRuntime } from "./runtime";

Office.onReady((info) => {
  if (info.host === Office.HostType.Excel) {
    startRuntime(new ExcelWorkbook(), (e) => console.error("REVREC recalculation failed", e)).catch(
      (e: unknown) => console.error("REVREC could not read the workbook tables", e)
    );
  }
}).catch(() => undefined);
