// Workbook tables <-> book JSON. Pure: used by the REVREC functions and the task pane.
export * from "./schema";
export * from "./cells";
export type * from "./book";
export { tablesToBook } from "./toBook";
export type { CellPlace, TableIssue, TableRows, TablesBook, TablesInput } from "./toBook";
export { bookToTables, accountsToRows } from "./fromBook";
export type { TableValues } from "./fromBook";
export { accountsFromTable, goLiveFromTable, LAST_SYNC_SETTING, settingKey } from "./accounts";
