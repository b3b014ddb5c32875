import { MissingColumnError } from "../workbook";
import { ApiError } from "../wire";
import { SignInCancelled } from "./host/signIn";
import { SyncCancelled } from "./logic/runSync";

/** An error as the pane shows it: what happened, what to do next, and details for support. */
export interface PaneError {
  message: string;
  action: string;
  details?: string;
}

/** Excel's error codes (Excel.ErrorCodes) that someone closing the books can do something about. */
const EXCEL_ERRORS: Readonly<Record<string, { reason: string; action: string }>> = {
  InvalidOperationInCellEditMode: {
    reason: "Excel is busy editing a cell (cell-edit mode)",
    action: "Press Enter or Esc in Excel to finish editing the cell, then try again.",
  },
  ItemNotFound: {
    reason: "a RevRec table or sheet is no longer in the workbook (deleted or renamed meanwhile)",
    action:
      "Check that the RevRec tables still have their names (RevRecContracts, RevRecBillings, RevRecChanges, RevRecAccounts), or run a full sync to create them again, then try again.",
  },
  AccessDenied: {
    reason: "the workbook or the sheet is protected, or the workbook is open read-only",
    action:
      "Unprotect it (Review > Unprotect Sheet, or Protect Workbook to turn it off) or open it for editing, then try again.",
  },
  InsertDeleteConflict: {
    reason: "Excel could not add or remove table rows because something on the sheet is in the way",
    action:
      "Move other tables, merged cells or data out from under the RevRec table on its sheet, then try again.",
  },
  RequestPayloadSizeLimitExceeded: {
    reason: "the change is too large for Excel to take in one step",
    action: "Try again in Excel desktop, or sync changes since last time instead of a full sync.",
  },
  GeneralException: {
    reason: "Excel reported an internal error",
    action:
      "Try again. If it keeps happening, save the workbook, close and reopen it, then try again.",
  },
};

/** The code of an Office.js error (OfficeExtension.Error), which Excel's batches reject with. */
function officeCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null || !("code" in e)) return undefined;
  const code = (e as { code: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Plain-language text for any failure, with what to do next. `what` says what was being done
 * ("Could not write the tables"), for failures that do not explain themselves.
 */
export function toPaneError(
  e: unknown,
  what = "That did not work",
  fallbackAction = "Try again."
): PaneError {
  if (e instanceof ApiError) {
    const err: PaneError = { message: e.message, action: e.action };
    const parts: string[] = [`code ${e.code}`];
    if (e.body.intuitTid) parts.push(`Intuit transaction id ${e.body.intuitTid}`);
    if (e.body.detail) parts.push(e.body.detail);
    for (const f of e.body.fields ?? []) parts.push(`${f.path}: ${f.message}`);
    err.details = parts.join(" · ");
    return err;
  }
  if (e instanceof SignInCancelled)
    return { message: e.message, action: "Click Connect to QuickBooks to try again." };
  if (e instanceof SyncCancelled)
    return { message: e.message, action: "Start the sync again when you are ready." };
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof MissingColumnError)
    return {
      message: `${what}: the ${e.table} table has no ${e.column} column (renamed or deleted?).`,
      action: `Put the column back with the header ${e.column}, or delete the ${e.table} table and sync again, then try again.`,
    };
  const code = officeCode(e);
  const known = code === undefined ? undefined : EXCEL_ERRORS[code];
  if (known)
    return {
      message: `${what}: ${known.reason}.`,
      action: known.action,
      details: `Excel error ${code ?? ""}: ${text}`,
    };
  return {
    message: `${what}: ${text}`,
    action: fallbackAction,
    ...(code === undefined ? {} : { details: `Excel error ${code}` }),
  };
}
