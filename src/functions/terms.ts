// A one-row range of obligation terms (the RevRecContracts column order), computed on the spot without the book.
import { buildSchedule, parseBook, type ContractSchedule } from "../core";
import {
  CONTRACTS,
  header,
  readAmount,
  readDate,
  readMethod,
  tablesToBook,
  type TableCell,
} from "../core/tables";
import { isBlank } from "./args";
import { clip, invalid, RevRecError } from "./errors";

const TERMS_MIN_WIDTH = 9;
const COLUMN = (name: string): number => header(CONTRACTS).indexOf(name);
const PRICE = COLUMN("Price");
const METHOD = COLUMN("Method");
const START = COLUMN("Start");

export const tableCell = (v: unknown): TableCell =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : "";

/**
 * Whether a row holds obligation terms rather than ids: wide enough, and its Method column holds a method,
 * or (Method blank or text) its Start column a date and its Price column an amount. A row of ids has ids
 * there, so `A1:J1` of ten ids stays ten ids, as a column of ids does.
 */
export function isTermsRow(row: readonly unknown[]): boolean {
  if (row.length < TERMS_MIN_WIDTH) return false;
  const method = tableCell(row[METHOD]);
  if (readMethod(method).ok) return true;
  return (
    typeof method === "string" &&
    readDate(tableCell(row[START])).ok &&
    readAmount(tableCell(row[PRICE])).ok
  );
}

/** A range is read as terms, one result per row, when any of its rows holds terms (the others then fail). */
export const isTermsRange = (g: readonly (readonly unknown[])[]): boolean => g.some(isTermsRow);

const termsCache = new Map<string, ContractSchedule | RevRecError>();

/** An obligation's terms computed on the spot, as a one-obligation contract without billings. */
export function termsSchedule(name: string, row: readonly unknown[]): ContractSchedule {
  const key = JSON.stringify(row);
  let hit = termsCache.get(key);
  if (hit === undefined) {
    hit = computeTerms(name, row);
    if (termsCache.size >= 5000) termsCache.clear();
    termsCache.set(key, hit);
  }
  if (hit instanceof RevRecError) throw hit;
  return hit;
}

function computeTerms(name: string, row: readonly unknown[]): ContractSchedule | RevRecError {
  const cols = header(CONTRACTS).slice(0, Math.min(row.length, CONTRACTS.columns.length));
  const cells = cols.map((_, i) => tableCell(row[i]));
  for (const col of ["Contract", "Customer", "Obligation"]) {
    const i = cols.indexOf(col);
    if (i >= 0 && isBlank(cells[i])) cells[i] = "terms";
  }
  const method = cells[cols.indexOf("Method")];
  if (typeof method === "string" && /^(progress|manual)$/i.test(method.trim())) {
    return invalid(
      `${name}: a ${method.trim().toLowerCase()} obligation needs the RevRecProgress table; use its obligation id instead of its terms`
    );
  }
  const t = tablesToBook(new Map([[CONTRACTS.name, { header: cols, rows: [cells] }]]));
  const where = (m: string): string => m.replace(`${CONTRACTS.name} row 1, `, `${name} terms, `);
  if (!t.book || t.issues.length > 0) {
    return invalid(
      clip(where(t.issues[0]?.message ?? `${name}: expected a row of RevRecContracts columns`))
    );
  }
  const parsed = parseBook(t.book);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    return invalid(
      clip(first ? where(t.explain(first, t.book).message) : `${name}: the terms cannot be read`)
    );
  }
  const c = buildSchedule(parsed.value).contracts[0];
  return c ?? invalid(`${name}: the terms cannot be read`);
}
