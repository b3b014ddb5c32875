// Which contracts a change to the RevRec tables touches, and the tables holding only their rows: the store
// rebuilds those contracts with tablesToBook and splices them into the loaded book. Rows are owned by a contract:
// a RevRecContracts row by its Contract, a billing or change row by its Contract or else its obligation's
// contract, a progress row by its obligation's contract. Anything this cannot place asks for a full load.
import {
  BOOK_TABLES,
  CHANGES,
  CONTRACTS,
  isEmpty,
  PROGRESS,
  type TableCell,
  type TableRows,
  type TableSpec,
  type TablesInput,
} from "../core/tables";

type Rows = readonly (readonly TableCell[])[];

/**
 * Who owns each row of each book table, and which contract each obligation belongs to. planUpdate updates it in
 * place (a copy per edit would cost more than the edit); after a plan that is not applied, index the tables again.
 */
export interface RowIndex {
  /** By table spec name: the owning contract per row; "" for a blank row. */
  readonly owners: Map<string, string[]>;
  readonly obligationContracts: Map<string, string>;
  /** By table spec name: each contract's rows, in order; made from `owners` when an edit needs it. */
  byOwner?: Map<string, Map<string, number[]>> | undefined;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");
const text = (v: TableCell): string =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
const blank = (row: readonly TableCell[]): boolean => row.every((c) => isEmpty(c));

/** The table of `spec` in `tables`, found as tablesToBook finds it (name ignoring case and spacing). */
export function tableOf(tables: TablesInput, spec: TableSpec): TableRows | undefined {
  let found: TableRows | undefined;
  for (const [name, t] of tables) if (norm(name) === norm(spec.name)) found = t;
  return found;
}

function column(t: TableRows, name: string): number {
  return t.header.findIndex((h) => norm(String(h)) === norm(name));
}

interface Reader {
  readonly spec: TableSpec;
  readonly rows: Rows;
  owner(row: readonly TableCell[], obligations: ReadonlyMap<string, string>): string | undefined;
}

function reader(tables: TablesInput, spec: TableSpec): Reader | undefined {
  const t = tableOf(tables, spec);
  if (!t) return undefined;
  const contract = spec === PROGRESS ? -1 : column(t, "Contract");
  const obligation = column(t, "Obligation");
  return {
    spec,
    rows: t.rows,
    owner(row, obligations) {
      if (blank(row)) return "";
      const own = contract < 0 ? "" : text(row[contract]);
      if (own !== "" || spec === CONTRACTS) return own === "" ? undefined : own;
      return obligations.get(text(row[obligation]));
    },
  };
}

/** Obligation -> contract, from RevRecContracts and the obligations that RevRecChanges adds. */
function obligationsOf(tables: TablesInput): Map<string, string> {
  const out = new Map<string, string>();
  const contracts = tableOf(tables, CONTRACTS);
  if (contracts) {
    const c = column(contracts, "Contract");
    const o = column(contracts, "Obligation");
    for (const row of contracts.rows) {
      const id = text(row[o]);
      if (id !== "" && !out.has(id)) out.set(id, text(row[c]));
    }
  }
  const changes = tableOf(tables, CHANGES);
  if (changes) {
    const c = column(changes, "Contract");
    const o = column(changes, "Obligation");
    const type = column(changes, "Type");
    for (const row of changes.rows) {
      const id = text(row[o]);
      if (text(row[type]).toLowerCase() === "add" && id !== "" && !out.has(id))
        out.set(id, text(row[c]));
    }
  }
  return out;
}

/** Owners of every row; undefined when some row has no contract this can tell (a full load then explains it). */
export function indexRows(tables: TablesInput): RowIndex | undefined {
  const obligationContracts = obligationsOf(tables);
  const owners = new Map<string, string[]>();
  for (const spec of BOOK_TABLES) {
    const r = reader(tables, spec);
    if (!r) continue;
    const list: string[] = [];
    for (const row of r.rows) {
      const owner = r.owner(row, obligationContracts);
      if (owner === undefined) return undefined;
      list.push(owner);
    }
    owners.set(spec.name, list);
  }
  return { owners, obligationContracts };
}

function sameRow(
  a: readonly TableCell[] | undefined,
  b: readonly TableCell[] | undefined
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  // A plain loop: this runs over every cell of the book on each edit.
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The rows that differ: old rows [start, oldEnd) became new rows [start, newEnd); undefined when equal. */
function changed(a: Rows, b: Rows): { start: number; oldEnd: number; newEnd: number } | undefined {
  let start = 0;
  const shortest = Math.min(a.length, b.length);
  while (start < shortest && sameRow(a[start], b[start])) start++;
  if (start === a.length && start === b.length) return undefined;
  let oldEnd = a.length;
  let newEnd = b.length;
  while (oldEnd > start && newEnd > start && sameRow(a[oldEnd - 1], b[newEnd - 1])) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

export type Plan =
  | { readonly kind: "unchanged" }
  | { readonly kind: "full" }
  | {
      readonly kind: "patch";
      /** Contracts whose rows changed, by their old and their new owner. */
      readonly touched: ReadonlySet<string>;
      /** The book tables with only the touched contracts' rows, each with its row number. */
      readonly tables: TablesInput;
      readonly index: RowIndex;
    };

const EMPTY: readonly TableCell[] = [];

function sameHeader(a: TableRows | undefined, b: TableRows | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.header.length === b.header.length && a.header.every((h, i) => h === b.header[i]);
}

/**
 * What it takes to go from `before` (loaded, indexed by `index`) to `after`: nothing, a patch of the touched
 * contracts, or a full load (a table added, removed or re-headed, rows this cannot place, a contract's first row
 * moved, which could change the book's order).
 */
export function planUpdate(before: TablesInput, index: RowIndex, after: TablesInput): Plan {
  const diffs = new Map<TableSpec, { start: number; oldEnd: number; newEnd: number }>();
  for (const spec of BOOK_TABLES) {
    const a = tableOf(before, spec);
    const b = tableOf(after, spec);
    if (!sameHeader(a, b)) return { kind: "full" };
    if (!a || !b) continue;
    const d = changed(a.rows, b.rows);
    if (d) diffs.set(spec, d);
  }
  if (diffs.size === 0) return { kind: "unchanged" };
  if (stayed(before, after, diffs)) {
    // Cells edited in place that say the same about where their rows belong: the owners hold, so the touched
    // contracts are those rows' owners and their rows are found by owner, as for an edit a change event names.
    const touched = new Set<string>();
    for (const [spec, d] of diffs) {
      const owners = index.owners.get(spec.name) ?? [];
      for (let i = d.start; i < d.oldEnd; i++) if (owners[i]) touched.add(owners[i] ?? "");
    }
    return touchedRows(after, index, touched);
  }
  if ([...diffs.values()].some((d) => d.newEnd - d.oldEnd !== 0)) {
    // Rows inserted or deleted shift the owners after them: index again (still no book rebuilt).
    const fresh = indexRows(after);
    return fresh ? patch(before, index, after, diffs, fresh) : { kind: "full" };
  }
  return patch(before, index, after, diffs, undefined);
}

/** Whether every changed range kept its length and its rows' places (samePlaces): then no row changes owner. */
function stayed(
  before: TablesInput,
  after: TablesInput,
  diffs: ReadonlyMap<TableSpec, { start: number; oldEnd: number; newEnd: number }>
): boolean {
  for (const [spec, d] of diffs) {
    const a = tableOf(before, spec);
    const b = tableOf(after, spec);
    if (!a || !b || d.newEnd !== d.oldEnd) return false;
    if (!samePlaces(b, a.rows.slice(d.start, d.oldEnd), b.rows.slice(d.start, d.newEnd)))
      return false;
  }
  return true;
}

function patch(
  before: TablesInput,
  index: RowIndex,
  after: TablesInput,
  diffs: ReadonlyMap<TableSpec, { start: number; oldEnd: number; newEnd: number }>,
  fresh: RowIndex | undefined
): Plan {
  // Owners may move below: the rows by owner are made again when next needed.
  index.byOwner = undefined;
  const touched = new Set<string>();
  const next = fresh ?? index;
  const obligations = next.obligationContracts;
  // Old owners of the changed rows.
  for (const [spec, d] of diffs) {
    const owners = index.owners.get(spec.name) ?? [];
    for (let i = d.start; i < d.oldEnd; i++) if (owners[i]) touched.add(owners[i] ?? "");
  }
  if (!fresh) {
    // Obligations the changed rows defined, before and after.
    for (const spec of [CONTRACTS, CHANGES]) {
      const d = diffs.get(spec);
      if (!d) continue;
      const was = obligationsOf(
        new Map([[spec.name, slice(tableOf(before, spec), d.start, d.oldEnd)]])
      );
      const is = obligationsOf(
        new Map([[spec.name, slice(tableOf(after, spec), d.start, d.newEnd)]])
      );
      for (const [o] of was) obligations.delete(o);
      for (const [o, c] of is) {
        if (obligations.has(o)) return { kind: "full" };
        obligations.set(o, c);
      }
    }
  }
  // The owners the contracts table had where they are overwritten, to find the contracts' first rows before.
  const overwritten = new Map<number, string>();
  for (const spec of BOOK_TABLES) {
    const r = reader(after, spec);
    const list = next.owners.get(spec.name);
    const d = diffs.get(spec);
    if (!r || !list || !d) continue;
    for (let i = d.start; i < d.newEnd; i++) {
      const owner = r.owner(r.rows[i] ?? EMPTY, obligations);
      if (owner === undefined) return { kind: "full" };
      if (spec === CONTRACTS && !fresh && !overwritten.has(i)) overwritten.set(i, list[i] ?? "");
      list[i] = owner;
      if (owner) touched.add(owner);
    }
  }
  const contractOwners = next.owners.get(CONTRACTS.name) ?? [];
  const oldOwner = fresh
    ? (i: number) => index.owners.get(CONTRACTS.name)?.[i] ?? ""
    : (i: number) => overwritten.get(i) ?? contractOwners[i] ?? "";
  const oldLength = fresh ? (index.owners.get(CONTRACTS.name)?.length ?? 0) : contractOwners.length;
  if (!firstRowsKept(oldOwner, oldLength, contractOwners, diffs.get(CONTRACTS), touched))
    return { kind: "full" };

  const tables = new Map<string, TableRows>();
  for (const spec of BOOK_TABLES) {
    const t = tableOf(after, spec);
    const list = next.owners.get(spec.name);
    const r = reader(after, spec);
    if (!t || !list || !r) continue;
    // Only the touched contracts' rows, each with its row number (a table of blank rows but for them cost a
    // 100,000-contract book more than the contracts it rebuilt).
    const rows: (readonly TableCell[])[] = [];
    const rowNumbers: number[] = [];
    for (let i = 0; i < list.length; i++) {
      if (!touched.has(list[i] ?? "")) continue;
      const row = t.rows[i] ?? EMPTY;
      rows.push(row);
      rowNumbers.push(i + 1);
      // A row of a touched contract may now belong to another (its obligation moved): own it again.
      const owner = r.owner(row, obligations);
      if (owner === undefined || (owner !== "" && !touched.has(owner))) return { kind: "full" };
      list[i] = owner;
    }
    tables.set(spec.name, { header: t.header, rows, rowNumbers });
  }
  return { kind: "patch", touched, tables, index: next };
}

/** Tables the store owns: their rows arrays are its own copies, which an edit of rows changes in place. */
export type OwnedTables = ReadonlyMap<
  string,
  { readonly header: readonly string[]; readonly rows: (readonly TableCell[])[] }
>;

/** `tables` as the store keeps them: the rows arrays copied (the rows themselves shared). */
export function own(tables: TablesInput): OwnedTables {
  return new Map(
    [...tables].map(([name, t]) => [name, { header: t.header, rows: t.rows.slice() }])
  );
}

/** Cells edited in place, as a table-change event names them: rows [first, first + rows.length) under the header. */
export interface RowsEdit {
  readonly table: string;
  readonly first: number;
  readonly rows: Rows;
}

/**
 * The tables after `edit` and the plan from `before` to them, comparing only the rows the edit names; undefined
 * when it is no edit of rows a book table has (another table, rows past its end): the tables must be read then.
 */
export function planEdit(
  tables: OwnedTables,
  index: RowIndex,
  edit: RowsEdit
): { tables: OwnedTables; plan: Plan } | undefined {
  const spec = BOOK_TABLES.find((s) => norm(s.name) === norm(edit.table));
  const name = [...tables.keys()].find((n) => norm(n) === norm(edit.table));
  const t = name === undefined ? undefined : tables.get(name);
  const end = edit.first + edit.rows.length;
  if (!spec || name === undefined || !t || edit.first < 0 || end > t.rows.length) return undefined;
  const was = t.rows.slice(edit.first, end);
  const d = changed(was, edit.rows);
  if (!d) return { tables, plan: { kind: "unchanged" } };
  // The tables before the edit are needed only when rows may change owner; the rows then change in place (a plan
  // not carried out makes the store load in full).
  const stay = samePlaces(t, was, edit.rows);
  const before = stay
    ? tables
    : new Map(tables).set(name, { header: t.header, rows: t.rows.slice() });
  edit.rows.forEach((r, i) => (t.rows[edit.first + i] = r));
  if (stay) {
    const touched = new Set<string>();
    const owners = index.owners.get(spec.name) ?? [];
    for (let i = edit.first; i < end; i++) if (owners[i]) touched.add(owners[i] ?? "");
    return { tables, plan: touchedRows(tables, index, touched) };
  }
  const at = {
    start: edit.first + d.start,
    oldEnd: edit.first + d.oldEnd,
    newEnd: edit.first + d.newEnd,
  };
  return { tables, plan: patch(before, index, tables, new Map([[spec, at]]), undefined) };
}

/** The columns that say which contract a row belongs to and which obligation it names or adds. */
const PLACE_COLUMNS = ["Contract", "Obligation", "Type"];

/**
 * Whether the edited rows still say the same about where they belong (blank or not, the same Contract,
 * Obligation and Type): then no row changes owner and no obligation moves, so only their contracts change.
 */
function samePlaces(t: TableRows, was: Rows, rows: Rows): boolean {
  const places = PLACE_COLUMNS.map((c) => column(t, c)).filter((i) => i >= 0);
  return rows.every((row, k) => {
    const old = was[k] ?? EMPTY;
    return blank(old) === blank(row) && places.every((c) => text(old[c]) === text(row[c]));
  });
}

/** The rows of each contract, per book table, from the index's owners (kept until owners move). */
function rowsByOwner(index: RowIndex, spec: TableSpec): ReadonlyMap<string, readonly number[]> {
  const all = (index.byOwner ??= new Map());
  let byOwner = all.get(spec.name);
  if (byOwner === undefined) {
    const made = new Map<string, number[]>();
    (index.owners.get(spec.name) ?? []).forEach((owner, i) => {
      if (owner === "") return;
      const rows = made.get(owner);
      if (rows === undefined) made.set(owner, [i]);
      else rows.push(i);
    });
    all.set(spec.name, made);
    byOwner = made;
  }
  return byOwner;
}

/** A patch of `touched` contracts whose rows stayed theirs: their rows of `after`, found by owner. */
function touchedRows(after: TablesInput, index: RowIndex, touched: ReadonlySet<string>): Plan {
  if (touched.size === 0) return { kind: "unchanged" };
  const tables = new Map<string, TableRows>();
  for (const spec of BOOK_TABLES) {
    const t = tableOf(after, spec);
    if (!t) continue;
    // Only their rows, in table order, each with its row number: what they read does not depend on the others.
    const byOwner = rowsByOwner(index, spec);
    const at = [...touched].flatMap((c) => byOwner.get(c) ?? []).sort((a, b) => a - b);
    tables.set(spec.name, {
      header: t.header,
      rows: at.map((i) => t.rows[i] ?? EMPTY),
      rowNumbers: at.map((i) => i + 1),
    });
  }
  return { kind: "patch", touched, tables, index };
}

function slice(t: TableRows | undefined, from: number, to: number): TableRows {
  return { header: t?.header ?? [], rows: t?.rows.slice(from, to) ?? [] };
}

/**
 * Whether every touched contract's first RevRecContracts row is where it was (shifted by rows inserted or
 * deleted before it): the book orders contracts by their first row, so the patched book keeps the full load's order.
 */
function firstRowsKept(
  oldOwner: (row: number) => string,
  oldLength: number,
  owners: readonly string[],
  d: { start: number; oldEnd: number; newEnd: number } | undefined,
  touched: ReadonlySet<string>
): boolean {
  const was = new Map<string, number>();
  for (let i = 0; i < oldLength; i++) {
    const c = oldOwner(i);
    if (touched.has(c) && !was.has(c)) was.set(c, i);
  }
  const is = new Map<string, number>();
  for (let i = 0; i < owners.length; i++) {
    const c = owners[i] ?? "";
    if (touched.has(c) && !is.has(c)) is.set(c, i);
  }
  const shift = d ? d.newEnd - d.oldEnd : 0;
  for (const [c, i] of is) {
    const old = was.get(c);
    if (old === undefined) return false;
    const moved =
      !d || old < d.start ? old : old >= d.oldEnd ? old + shift : shift === 0 ? old : -1;
    if (moved !== i) return false;
  }
  return true;
}
