// RevRecContracts rows for table tests: one monthly obligation of contract C-1, changed where a test says.
import { CONTRACTS, header, type TableRows } from "../../../src/core/tables";

export type Cell = string | number | boolean;

const H = [...header(CONTRACTS)];

export const BASE_OBLIGATION: Readonly<Record<string, Cell>> = {
  Contract: "C-1",
  Customer: "Acme",
  Obligation: "C-1-1",
  Price: 1200,
  Method: "monthly",
  Start: "2026-01-01",
  End: "2026-12-31",
};

/** A RevRecContracts row: the base obligation with `changes` (a column set to "" is emptied). */
export const contractRow = (changes: Readonly<Record<string, Cell>> = {}): Cell[] =>
  H.map((h) => changes[h] ?? BASE_OBLIGATION[h] ?? "");

export const contractsTable = (rows: Cell[][]): [string, TableRows] => [
  CONTRACTS.name,
  { header: H, rows },
];
