// CustomFunctions as Excel defines it (office.js outside Excel has only `associate`): the error class with
// a code from ErrorCode and an optional message. Installed before the functions are imported.
import { readFileSync } from "fs";
import path from "path";

export enum ErrorCode {
  invalidValue = "#VALUE!",
  notAvailable = "#N/A",
  divisionByZero = "#DIV/0!",
  invalidNumber = "#NUM!",
  nullReference = "#NULL!",
  invalidName = "#NAME?",
  invalidReference = "#REF!",
}

export class ExcelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string
  ) {
    super(message);
    this.name = "CustomFunctions.Error";
  }
}

export function installCustomFunctions(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: ExcelError,
    ErrorCode,
    associate: () => undefined,
  };
}

const example = path.join(__dirname, "..", "formulas", "example");
export const exampleBook = (): unknown =>
  JSON.parse(readFileSync(path.join(example, "book.json"), "utf8"));
export const exampleAccounts = (): unknown =>
  JSON.parse(readFileSync(path.join(example, "accounts.json"), "utf8"));

/** What an awaited function call shows: its values, or the error code and message. */
export async function shown(p: Promise<unknown[][]>): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ExcelError) return `${e.code} ${e.message}`;
    throw e;
  }
}

/**
 * Excel passes null for an omitted optional argument. A matrix parameter is typed `unknown[][]` (with
 * `| null` the metadata generator would drop its dimensionality), so tests hand in null through this.
 */
export const OMITTED_RANGE = null as unknown as undefined;
