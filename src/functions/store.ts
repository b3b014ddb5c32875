// The shared runtime's book store: the one loaded book and its schedule, used by the REVREC functions and
// the task pane alike (webpack's runtimeChunk/splitChunks keep this module single in the page).
import {
  buildSchedule,
  formatMonth,
  parseAccounts,
  parseBook,
  type AccountMap,
  type Book,
  type Contract,
  type Issue,
  type Schedule,
} from "../core";
import {
  accountsFromTable,
  ACCOUNTS,
  goLiveFromTable,
  tablesToBook,
  type BookJson,
  type TableIssue,
  type TablesInput,
} from "../core/tables";
import { clip, invalid, notAvailable, type RevRecError } from "./errors";
import {
  indexRows,
  own,
  planEdit,
  planUpdate,
  type OwnedTables,
  type Plan,
  type RowIndex,
  type RowsEdit,
} from "./incremental";
import { LiveSchedule } from "./liveSchedule";
import { syncTimeOf } from "./syncTime";

/** What the functions compute from; a new one on every load or edit (whose schedule updateTables patches in place). */
export interface Loaded {
  readonly schedule: Schedule | undefined;
  /** The book the schedule was built from (DETAIL lists its documents, DISAGGREGATE reads its methods). */
  readonly book: Book | undefined;
  /** Why nothing can be computed (no table, a table-wide problem, a failed read). */
  readonly fatal: RevRecError | undefined;
  /** Contracts left out because their rows could not be read, with the reason. */
  readonly rejected: ReadonlyMap<string, string>;
  /** Obligations of the left-out contracts: their contract. */
  readonly rejectedObligations: ReadonlyMap<string, string>;
  /** Set when some rows belong to no readable contract: totals over "*" would be incomplete. */
  readonly incomplete: string | undefined;
  readonly accounts: AccountMap | undefined;
  /** Why the account mapping is unusable (absent or wrong). */
  readonly accountsProblem: string | undefined;
  /** The last sync from QuickBooks as an Excel date-time serial (UTC), or why it cannot be read. */
  readonly syncedAt: number | RevRecError | undefined;
  /** Every problem found, in table terms, for the task pane to list. */
  readonly issues: readonly TableIssue[];
  /** Counts loads: the task pane can tell whether what it shows is current. */
  readonly version: number;
}

const NO_ACCOUNTS =
  "no account mapping: save the accounts in the task pane, or fill the RevRecAccounts table (Setting, Value)";

function summarize(issues: readonly { message: string }[]): string {
  const [first] = issues;
  if (!first) return "";
  const more = issues.length - 1;
  return more > 0
    ? `${first.message} (and ${more} more problem${more > 1 ? "s" : ""})`
    : first.message;
}

function emptyState(version: number, fatal: RevRecError): Loaded {
  return {
    schedule: undefined,
    book: undefined,
    fatal,
    rejected: new Map(),
    rejectedObligations: new Map(),
    incomplete: undefined,
    accounts: undefined,
    accountsProblem: NO_ACCOUNTS,
    syncedAt: undefined,
    issues: [],
    version,
  };
}

function readAccounts(raw: unknown): {
  accounts: AccountMap | undefined;
  problem: string | undefined;
} {
  const parsed = parseAccounts(raw);
  if (parsed.ok) return { accounts: parsed.value, problem: undefined };
  return { accounts: undefined, problem: `${ACCOUNTS.name}: ${summarize(parsed.issues)}` };
}

const contractIndex = (issue: Issue): number | undefined => {
  const m = /^contracts\[(\d+)\]/.exec(issue.path);
  return m ? Number(m[1]) : undefined;
};

/** The account mapping, the last sync time and their problems, from the RevRecAccounts table. */
function accountsOf(tables: TablesInput): {
  accounts: AccountMap | undefined;
  accountsProblem: string | undefined;
  syncedAt: number | RevRecError | undefined;
  issues: readonly TableIssue[];
} {
  const table = [...tables].find(
    ([name]) => name.toLowerCase() === ACCOUNTS.name.toLowerCase()
  )?.[1];
  const syncedAt = syncTimeOf(table);
  const fromTable = accountsFromTable(table);
  const acc =
    fromTable.issues.length > 0
      ? { accounts: undefined, problem: summarize(fromTable.issues) }
      : fromTable.accounts
        ? readAccounts(fromTable.accounts)
        : { accounts: undefined, problem: NO_ACCOUNTS };
  return {
    accounts: acc.accounts,
    accountsProblem: acc.problem,
    syncedAt,
    issues: fromTable.issues,
  };
}

/**
 * The touched contracts as a full load would read them from `tables` (only their rows), or undefined when that
 * cannot be told from their rows alone: a problem in them, another currency, a new contract, or an obligation id
 * that another contract also uses.
 */
function patchedContracts(
  book: Book,
  live: LiveSchedule,
  touched: ReadonlySet<string>,
  tables: TablesInput
): Contract[] | undefined {
  const t = tablesToBook(tables);
  if (!t.book || t.issues.length > 0 || t.orphans.length > 0 || t.rejected.size > 0)
    return undefined;
  const parsed = parseBook(t.book);
  if (!parsed.ok || parsed.value.currency !== book.currency) return undefined;
  for (const c of parsed.value.contracts) {
    if (!touched.has(c.id) || live.contract(c.id) === undefined) return undefined;
    const ids = [
      ...c.obligations.map((o) => o.id),
      ...c.changes.flatMap((ch) => (ch.type === "add" ? [ch.obligation.id] : [])),
    ];
    for (const id of ids) {
      const other = live.obligation(id);
      if (other !== undefined && !touched.has(other.contract)) return undefined;
    }
  }
  return parsed.value.contracts;
}

/** Where each contract stands in a book: made once, and handed on to a patched book that keeps the places. */
const positionsByBook = new WeakMap<Book, ReadonlyMap<string, number>>();

/** `book` with the touched contracts replaced by `next` where they stand; those without a replacement dropped. */
function withContracts(book: Book, touched: ReadonlySet<string>, next: readonly Contract[]): Book {
  const byId = new Map(next.map((c) => [c.id, c]));
  let at = positionsByBook.get(book);
  if (at === undefined) {
    at = new Map(book.contracts.map((c, i) => [c.id, i]));
    positionsByBook.set(book, at);
  }
  const places = at;
  if (![...touched].every((id) => byId.has(id) || !places.has(id))) {
    const kept = book.contracts.filter((c) => !touched.has(c.id) || byId.has(c.id));
    return { ...book, contracts: kept.map((c) => byId.get(c.id) ?? c) };
  }
  // In place: the book before the edit belongs to the state it replaces, which nothing reads any more.
  const contracts = book.contracts;
  for (const [id, c] of byId) {
    const i = places.get(id);
    if (i !== undefined) contracts[i] = c;
  }
  const patched = { ...book, contracts };
  positionsByBook.set(patched, places);
  return patched;
}

/** Whether RevRecAccounts' goLive differs from the loaded book's: the whole book then loads again. */
function goLiveMoved(book: Book, tables: TablesInput): boolean {
  const table = [...tables].find(([name]) => name.toLowerCase() === ACCOUNTS.name.toLowerCase());
  const loaded = book.goLive === undefined ? undefined : formatMonth(book.goLive);
  return goLiveFromTable(table?.[1]) !== loaded;
}

export type StoreListener = (state: Loaded) => void;

export class BookStore {
  private current: Loaded;
  private pending: Promise<void> | undefined;
  private again = false;
  private nextRead: (() => Promise<TablesInput>) | undefined;
  private readonly listeners = new Set<StoreListener>();
  /** The tables of the last clean load or patch, and who owns their rows: what the next edit is patched onto. */
  private loadedTables: { tables: OwnedTables; index: RowIndex } | undefined;

  constructor() {
    this.current = emptyState(
      0,
      notAvailable(
        "no contracts loaded yet: open the RevRec task pane, or add a RevRecContracts table"
      )
    );
  }

  get state(): Loaded {
    return this.current;
  }

  /** A promise while a reload is in progress (functions wait on it), else undefined. */
  whenReady(): Promise<void> | undefined {
    return this.pending;
  }

  /** Called after every load with the new state; returns an unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: Loaded): Loaded {
    this.current = state;
    for (const l of this.listeners) l(state);
    return state;
  }

  /** Loads a book JSON (docs/book.md) and optionally an accounts JSON directly: the CLI-style path. */
  setBook(rawBook: unknown, rawAccounts?: unknown): Loaded {
    this.loadedTables = undefined;
    const version = this.current.version + 1;
    const parsed = parseBook(rawBook);
    const acc =
      rawAccounts === undefined
        ? { accounts: undefined, problem: NO_ACCOUNTS }
        : readAccounts(rawAccounts);
    if (!parsed.ok) {
      const issues = parsed.issues.map((i) => ({
        ...i,
        message: `${i.path}: ${i.message}`,
        table: "",
      }));
      return this.set({
        ...emptyState(version, invalid(clip(`the book cannot be read: ${summarize(issues)}`))),
        issues,
      });
    }
    return this.set({
      schedule: buildSchedule(parsed.value),
      book: parsed.value,
      fatal: undefined,
      rejected: new Map(),
      rejectedObligations: new Map(),
      incomplete: undefined,
      accounts: acc.accounts,
      accountsProblem: acc.problem,
      syncedAt: undefined,
      issues: [],
      version,
    });
  }

  /** Loads the workbook tables (RevRecContracts, ...) and the RevRecAccounts mapping. */
  loadTables(tables: TablesInput): Loaded {
    const version = this.current.version + 1;
    this.loadedTables = undefined;
    const acc = accountsOf(tables);
    const t = tablesToBook(tables);
    const issues: TableIssue[] = [...t.issues, ...acc.issues];
    const withAccounts = (s: Omit<Loaded, "accounts" | "accountsProblem" | "syncedAt">): Loaded =>
      this.set({
        ...s,
        accounts: acc.accounts,
        accountsProblem: acc.accountsProblem,
        syncedAt: acc.syncedAt,
      });

    if (!t.book) {
      const fatal =
        t.issues.length > 0
          ? invalid(
              clip(
                `the RevRec tables cannot be read: ${summarize(t.orphans.length > 0 ? t.orphans : t.issues)}`
              )
            )
          : notAvailable(
              "the workbook has no RevRecContracts table: sync from QuickBooks in the task pane, or add the table"
            );
      return withAccounts({ ...emptyState(version, fatal), issues });
    }

    const rejected = new Map<string, string>();
    for (const [id, list] of t.rejected) rejected.set(id, summarize(list));
    let book: BookJson = t.book;
    let parsed = parseBook(book);
    // Core problems: leave out the contracts they belong to (restated as table cells) and parse the rest.
    for (let round = 0; !parsed.ok && round < 2; round++) {
      const bad = new Map<number, TableIssue[]>();
      const global: TableIssue[] = [];
      for (const issue of parsed.issues) {
        const explained = t.explain(issue, book);
        issues.push(explained);
        const i = contractIndex(issue);
        if (i === undefined) global.push(explained);
        else bad.set(i, [...(bad.get(i) ?? []), explained]);
      }
      if (global.length > 0) {
        return withAccounts({
          ...emptyState(
            version,
            invalid(clip(`the RevRec tables cannot be read: ${summarize(global)}`))
          ),
          issues,
        });
      }
      for (const [i, list] of bad) {
        const id = book.contracts[i]?.id;
        if (id !== undefined) rejected.set(id, summarize(list));
      }
      const kept = book.contracts.filter((_, i) => !bad.has(i));
      book = { ...book, contracts: kept };
      parsed = parseBook(book);
    }
    if (!parsed.ok) {
      return withAccounts({
        ...emptyState(
          version,
          invalid(clip(`the RevRec tables cannot be read: ${summarize(parsed.issues)}`))
        ),
        issues,
      });
    }
    const incomplete = t.orphans.length > 0 ? summarize(t.orphans) : undefined;
    const rejectedObligations = new Map<string, string>();
    for (const [obligation, contract] of t.obligationContracts) {
      if (rejected.has(contract)) rejectedObligations.set(obligation, contract);
    }
    // A clean load can be patched by later edits (updateTables); one with problems is loaded again in full, so
    // that its messages stay those of a full load.
    const clean = issues.length === 0 && rejected.size === 0 && incomplete === undefined;
    const index = clean ? indexRows(tables) : undefined;
    if (index) this.loadedTables = { tables: own(tables), index };
    return withAccounts({
      schedule: new LiveSchedule(buildSchedule(parsed.value)),
      book: parsed.value,
      fatal: undefined,
      rejected,
      rejectedObligations,
      incomplete,
      issues,
      version,
    });
  }

  /**
   * Applies new tables: when the last load was clean and the change touches some contracts' rows, only those
   * contracts are rebuilt and spliced into the book and schedule in place; a table added, removed or re-headed, or
   * anything a patch cannot reproduce exactly, loads everything (loadTables).
   */
  updateTables(tables: TablesInput): Loaded {
    const last = this.loadedTables;
    if (!last) return this.loadTables(tables);
    const owned = own(tables);
    return this.apply(owned, planUpdate(last.tables, last.index, owned)) ?? this.loadTables(tables);
  }

  /**
   * Applies cells edited in place when a change event said which rows: only those rows are compared with the
   * loaded ones. Undefined when that cannot be done (no clean load to patch, another table, a patch that would
   * not give a full load's book): then the tables must be read and loaded with updateTables.
   */
  updateRows(edit: RowsEdit): Loaded | undefined {
    const last = this.loadedTables;
    const planned = last && planEdit(last.tables, last.index, edit);
    if (!planned) return undefined;
    const done = this.apply(planned.tables, planned.plan);
    // A plan not applied may have moved the row index half-way: the next update loads in full.
    if (!done) this.loadedTables = undefined;
    return done;
  }

  /** `plan` carried out, reaching `tables`; undefined when it takes a full load. */
  private apply(tables: OwnedTables, plan: Plan): Loaded | undefined {
    const prev = this.current;
    const live = prev.schedule;
    if (!(live instanceof LiveSchedule) || !prev.book) return undefined;
    const acc = accountsOf(tables);
    if (plan.kind === "full" || acc.issues.length > 0 || goLiveMoved(prev.book, tables))
      return undefined;
    const version = prev.version + 1;
    const accounts = {
      accounts: acc.accounts,
      accountsProblem: acc.accountsProblem,
      syncedAt: acc.syncedAt,
    };
    if (plan.kind === "unchanged") {
      if (this.loadedTables) this.loadedTables = { tables, index: this.loadedTables.index };
      return this.set({ ...prev, ...accounts, version });
    }
    // Rebuilding most of the book piecewise costs more than building it once.
    if (plan.touched.size > live.contracts.length / 2) return undefined;
    const contracts = patchedContracts(prev.book, live, plan.touched, plan.tables);
    if (!contracts) return undefined;
    live.replace(
      plan.touched,
      buildSchedule({ currency: prev.book.currency, contracts }).contracts
    );
    const book = withContracts(prev.book, plan.touched, contracts);
    this.loadedTables = { tables, index: plan.index };
    return this.set({ ...prev, ...accounts, book, version });
  }

  /**
   * Reloads from `read` (the Workbook's readTables). Calls made while a reload runs join it; a change
   * that arrives during a read triggers one more read, so the last state always reflects the last change.
   * `edited` reads just the rows a change event named: they are applied alone when nothing else is under way.
   */
  reload(
    read: () => Promise<TablesInput>,
    edited?: () => Promise<RowsEdit | undefined>
  ): Promise<void> {
    this.nextRead = read;
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    const run = async (): Promise<void> => {
      // Yield first so that `pending` is assigned before the loop can finish.
      await Promise.resolve();
      let rows = edited;
      try {
        do {
          this.again = false;
          const reader = this.nextRead ?? read;
          try {
            // The rows an event named, once; a failed read of them falls back to reading the tables.
            const edit = await rows?.().catch(() => undefined);
            rows = undefined;
            if (edit && this.updateRows(edit)) continue;
            this.updateTables(await reader());
          } catch (e) {
            const why = e instanceof Error ? e.message : String(e);
            this.set(
              emptyState(
                this.current.version + 1,
                notAvailable(clip(`could not read the RevRec tables: ${why}`))
              )
            );
          }
        } while (this.again);
      } finally {
        // Cleared in the same turn as the last check of `again`, so no change can slip in between.
        this.pending = undefined;
      }
    };
    this.pending = run();
    return this.pending;
  }
}

/** The one store of the shared runtime. */
export const store = new BookStore();
