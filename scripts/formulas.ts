/* global console, process */
// npm run formulas -- --book BOOK.json [--accounts ACCOUNTS.json] SHEET.csv
// Evaluates a sheet of REVREC formulas (cells starting with "=") against a book, in the HyperFormula
// harness of test/formulas (test-only: HyperFormula is GPLv3 and never bundled), and prints the sheet
// as it would show, as CSV; errors as "#VALUE!: message".
import { readFileSync } from "fs";
import type { RawCellContent } from "hyperformula";
import { BookStore } from "../src/functions/store";
import { evaluate } from "../test/formulas/harness";

const USAGE = `usage: npm run formulas -- --book BOOK.json [--accounts ACCOUNTS.json] SHEET.csv

Evaluates the REVREC formulas of SHEET.csv (cells starting with "=") against BOOK.json (docs/book.md) and
prints the sheet as Excel would show it, as CSV. ACCOUNTS.json (docs/book.md, "The accounts file") is needed
by REVREC.JOURNAL only. Exit codes: 0 evaluated, 2 bad arguments or a book that cannot be read.`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV cell as typed into Excel: formulas, numbers, TRUE/FALSE, text; empty is an empty cell. */
function cell(text: string): RawCellContent {
  const t = text.trim();
  if (t === "") return null;
  if (t.startsWith("=")) return t;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  return text;
}

function csvField(v: string | number | boolean | null): string {
  if (v === null) return "";
  const s = typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return usage(`cannot read ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function main(argv: string[]): void {
  let book: string | undefined;
  let accounts: string | undefined;
  let sheet: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      return;
    }
    if (a === "--book") book = argv[++i];
    else if (a === "--accounts") accounts = argv[++i];
    else if (a?.startsWith("--")) usage(`unknown option ${a}`);
    else sheet = a;
  }
  if (!book) usage("missing --book BOOK.json");
  if (!sheet) usage("missing SHEET.csv");
  const store = new BookStore();
  const state = store.setBook(
    readJson(book, "book"),
    accounts ? readJson(accounts, "accounts") : undefined
  );
  if (state.fatal) {
    // Every problem, one a line, as the revrec command lists them: the summary names only the first.
    const problems =
      state.issues.length > 0 ? state.issues.map((i) => i.message) : [state.fatal.message];
    console.error(`${book}: the book cannot be read:\n${problems.map((m) => `  ${m}`).join("\n")}`);
    process.exit(2);
  }
  let text: string;
  try {
    text = readFileSync(sheet, "utf8");
  } catch (e) {
    return usage(`cannot read sheet ${sheet}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const cells = parseCsv(text).map((r) => r.map(cell));
  const values = evaluate(store, cells);
  process.stdout.write(values.map((r) => r.map(csvField).join(",")).join("\n") + "\n");
}

if (require.main === module) main(process.argv.slice(2));
