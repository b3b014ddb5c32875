// CSV fields that Excel opens as data, never as formulas.

/** An amount cell: written as the number it is, so that -12.50 stays a number in Excel. */
export interface CsvAmount {
  readonly amount: string;
}

/** A CSV cell: text (names, ids, accounts, periods) or an amount. */
export type CsvCell = string | CsvAmount;

export const amount = (text: string): CsvAmount => ({ amount: text });

/** What Excel reads as the start of a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * A text cell that Excel would run (`=HYPERLINK(...)`, `-2+3`, `@SUM(...)`) is neutralised as OWASP
 * recommends: a leading single quote, and the field quoted. Other text is quoted only when CSV needs it.
 */
function textField(text: string): string {
  if (FORMULA_START.test(text)) return quote(`'${text}`);
  return /[",\n\r]/.test(text) ? quote(text) : text;
}

function field(cell: CsvCell): string {
  if (typeof cell === "string") return textField(cell);
  return cell.amount === "" || PLAIN_NUMBER.test(cell.amount)
    ? cell.amount
    : textField(cell.amount);
}

export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(field).join(",");
}
