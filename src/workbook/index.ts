export type {
  Cell,
  ReportChart,
  ReportSheet,
  ReportSpill,
  ReportTable,
  RowsEdited,
  RowUpdate,
  TableChanges,
  TableData,
  Workbook,
} from "./types";
export { MemoryWorkbook } from "./memoryWorkbook";
export { ExcelWorkbook, excelValue } from "./excelWorkbook";
export type { ExcelRun } from "./excelWorkbook";
export { placeChanges, isBlankRow, sameCell, MissingColumnError } from "./plan";
