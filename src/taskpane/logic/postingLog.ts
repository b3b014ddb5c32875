import { header, POSTINGS } from "../../core/tables";
import type { TableData } from "../../workbook";

/** RevRecPostings' preparer column before it was named "Prepared By". */
export const OLD_PREPARED_BY = "Posted By";

/**
 * The header a new RevRecPostings row is written under: the table's own, so a workbook made before "Posted By" became
 * "Prepared By" keeps its preparers in the column it has.
 */
export function postingsHeader(log: TableData | undefined): string[] {
  const now = header(POSTINGS);
  const had = log?.header.map((h) => h.trim()) ?? [];
  if (!had.includes(OLD_PREPARED_BY) || had.includes("Prepared By")) return now;
  return now.map((h) => (h === "Prepared By" ? OLD_PREPARED_BY : h));
}
