/* global CustomFunctions */
// Excel's side of the functions: wait for an in-progress reload, then turn RevRecErrors into CustomFunctions.Error.
import { RevRecError } from "./errors";
import type { Matrix, Out } from "./targets";
import type { BookStore } from "./store";

function excelError(e: RevRecError): CustomFunctions.Error | RevRecError {
  // Outside Excel (a browser page with office.js) CustomFunctions has no Error: keep our own error then.
  if (typeof CustomFunctions === "undefined" || typeof CustomFunctions.Error !== "function")
    return e;
  const code =
    e.kind === "#N/A"
      ? CustomFunctions.ErrorCode.notAvailable
      : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, e.message);
}

function excelCell(v: Out): number | string | CustomFunctions.Error | RevRecError {
  return v instanceof RevRecError ? excelError(v) : v;
}

/**
 * Runs a function for Excel: waits while the book reloads (so no cell computes from stale data), then
 * computes. A RevRecError becomes the cell's #VALUE!/#N/A with its message; errors inside a spilled range
 * stay in their cells.
 */
export async function forExcel(store: BookStore, compute: () => Matrix): Promise<unknown[][]> {
  for (let pending = store.whenReady(); pending; pending = store.whenReady()) await pending;
  let result: Matrix;
  try {
    result = compute();
  } catch (e) {
    if (e instanceof RevRecError) throw excelError(e);
    const why = e instanceof Error ? e.message : String(e);
    throw new CustomFunctions.Error(
      CustomFunctions.ErrorCode.invalidValue,
      `unexpected error: ${why}`
    );
  }
  return result.map((row) => row.map(excelCell));
}
