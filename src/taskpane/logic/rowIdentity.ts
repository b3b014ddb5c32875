// Which QuickBooks document a table row came from, and cells read as the engine reads them.
import { readAmount, type TableCell } from "../../core/tables";
import type { SyncResult } from "../../wire";
import type { Row } from "./baseline";
import { DOCUMENT_TYPE } from "./grouping";

/**
 * A row's document as `Type|QuickBooks Id` (an Invoice and a SalesReceipt may share an Id), or undefined for a row
 * typed by hand (no Id). Rows written before the Document Type column existed are of `defaultType`.
 */
export function documentOf(row: Row, defaultType: string, idColumn: string): string | undefined {
  const id = String(row[idColumn] ?? "");
  if (id === "") return undefined;
  const type = String(row["Document Type"] ?? "").trim();
  return `${type === "" ? defaultType : type}|${id}`;
}

/** The documents of a result's lists (or its deleted Ids), as documentOf names them. */
export function resultDocuments(
  result: SyncResult,
  lists: readonly ("invoices" | "salesReceipts" | "creditMemos" | "refundReceipts")[],
  deleted = false
): Set<string> {
  const type = {
    invoices: DOCUMENT_TYPE.invoice,
    salesReceipts: DOCUMENT_TYPE.salesReceipt,
    creditMemos: DOCUMENT_TYPE.creditMemo,
    refundReceipts: DOCUMENT_TYPE.refundReceipt,
  };
  const out = new Set<string>();
  for (const list of lists) {
    const ids = deleted ? result.deleted[list] : result[list].map((d) => d.qboId);
    for (const id of ids) out.add(`${type[list]}|${id}`);
  }
  return out;
}

/**
 * A Price or Amount cell as the engine reads it ("1,234.56" text included); 0 for a cell it refuses, which the book's
 * own reading reports with its table, row and column.
 */
export function cellAmount(v: TableCell): number {
  const read = readAmount(v);
  return read.ok ? Number(read.value) : 0;
}
