// Workbook tables -> book JSON, with every problem named by table, row and column: each table is read in
// turn into a draft of the book (contracts first, since the others link their rows to its contracts and
// obligations), then the book and the way back from its paths to the cells are assembled.
import type { BookJson } from "./book";
import { BookDraft } from "./draft";
import { makeIssue, type CellPlace, type TableIssue } from "./issues";
import { locatePath } from "./locate";
import { readBillings } from "./readBillings";
import { readChanges } from "./readChanges";
import { readContracts } from "./readContracts";
import { readProgress } from "./readProgress";
import { readVariable } from "./readVariable";
import { locateTable, type TablesInput } from "./rowReader";
import { goLiveFromTable } from "./accounts";
import { ACCOUNTS, BILLINGS, CHANGES, CONTRACTS, PROGRESS, VARIABLE } from "./schema";

export type { CellPlace, TableIssue } from "./issues";
export type { TableRows, TablesInput } from "./rowReader";

export interface TablesBook {
  /** The book of every readable contract; undefined when there is no RevRecContracts table or a table-wide problem. */
  book: BookJson | undefined;
  /** Every problem found, in table order. */
  issues: TableIssue[];
  /** Contracts left out of `book` because of their rows' problems. */
  rejected: Map<string, TableIssue[]>;
  /** The obligations of every contract read (left out or not), by id: their contract. */
  obligationContracts: ReadonlyMap<string, string>;
  /** Problems tied to no readable contract (table-wide, or rows whose contract is unknown): totals are unsafe. */
  orphans: TableIssue[];
  /** The table cell a book path (contracts[3].obligations[0].end) came from, for a book built from these tables. */
  locate(path: string, book: BookJson): CellPlace | undefined;
  /** A core issue on `book` restated in table terms (table, row, column). */
  explain(issue: { code: string; path: string; message: string }, book: BookJson): TableIssue;
}

/**
 * Turns the workbook tables into a book. Contracts with unreadable rows are left out (and listed in
 * `rejected`) so that the others still compute; problems tied to no contract go to `orphans`.
 */
export function tablesToBook(tables: TablesInput): TablesBook {
  const draft = new BookDraft();
  const contractsT = locateTable(tables, CONTRACTS, draft.orphans);
  const billingsT = locateTable(tables, BILLINGS, draft.orphans);
  const changesT = locateTable(tables, CHANGES, draft.orphans);
  const progressT = locateTable(tables, PROGRESS, draft.orphans);
  const variableT = locateTable(tables, VARIABLE, draft.orphans);
  readContracts(contractsT, draft);
  readBillings(billingsT, draft);
  readChanges(changesT, draft);
  readProgress(progressT, draft);
  readVariable(variableT, draft);
  checkCurrencies(draft);
  const read = assemble(draft, contractsT !== undefined);
  const accounts = [...tables].find(([name]) => name.toLowerCase() === ACCOUNTS.name.toLowerCase());
  const goLive = goLiveFromTable(accounts?.[1]);
  if (read.book && goLive !== undefined) read.book.goLive = goLive;
  return read;
}

function checkCurrencies(draft: BookDraft): void {
  if (draft.currencies.size <= 1) return;
  const list = [...draft.currencies.keys()].join(", ");
  const issue = makeIssue(
    "table.currency-mismatch",
    { table: CONTRACTS.name, column: "Currency" },
    `one currency per workbook; found ${list}`
  );
  draft.issues.push(issue);
  draft.orphans.push(issue);
}

/** The book of the readable contracts (none after a table-wide problem), its problems in table order, and the way back to cells. */
function assemble(draft: BookDraft, hasContracts: boolean): TablesBook {
  const { issues, orphans, rejected, sources } = draft;
  for (const o of orphans) if (!issues.includes(o)) issues.push(o);
  issues.sort((a, b) => order(a) - order(b));

  const tableWide = orphans.some((o) => o.row === undefined);
  const book: BookJson | undefined =
    hasContracts && !tableWide
      ? {
          currency: [...draft.currencies.keys()][0] ?? "USD",
          contracts: [...draft.contracts.values()].filter((c) => !rejected.has(c.id)),
        }
      : undefined;

  const locate = (path: string, b: BookJson): CellPlace | undefined => locatePath(path, b, sources);
  const explain = (
    issue: { code: string; path: string; message: string },
    b: BookJson
  ): TableIssue => {
    const place = locatePath(issue.path, b, sources);
    if (!place) return { ...issue, table: "" };
    return makeIssue(issue.code, place, issue.message);
  };
  return {
    book,
    issues,
    rejected,
    // The draft's own map when no unreadable row names an obligation: a copy of 200,000 pairs is not free.
    obligationContracts:
      draft.mentioned.size === 0
        ? draft.obligationContract
        : new Map([...draft.mentioned, ...draft.obligationContract]),
    orphans,
    locate,
    explain,
  };
}

const TABLE_ORDER = [CONTRACTS.name, BILLINGS.name, CHANGES.name, PROGRESS.name, VARIABLE.name];
function order(i: TableIssue): number {
  return TABLE_ORDER.indexOf(i.table) * 1e9 + (i.row ?? 0);
}
