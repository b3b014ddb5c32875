import { formatAmount, parseAmount } from "../../core";
import { BILLINGS, CHANGES, CONTRACTS, header } from "../../core/tables/schema";
import type { Cell, TableChanges, TableData } from "../../workbook";
import type { SyncDocument, SyncResult } from "../api/types";
import { termEnd } from "../../core";
import { cellDate } from "./dates";
import { itemPostsTo, needsTerm } from "./rules";
import type { Settings } from "./rules";

export type Row = Record<string, Cell>;

/** What a contract row's rule is applied to, remembered from the sync that wrote it. */
export interface Source {
  item: string;
  serviceDate: string;
  txnDate: string;
  /** The QuickBooks customer id (absent in baselines written before it was kept): credits match on it. */
  customer?: string;
}

/**
 * What sync (or the rules) last wrote into the columns an analyst may edit, by table and row key, and the
 * source of each contract row. A cell that differs from what was written was edited, and is kept.
 */
export interface Baseline {
  written: Record<string, Record<string, Row>>;
  sources: Record<string, Source>;
  cursor?: string;
  syncedAt?: string;
}

export const BASELINE_KEY = "RevRec.SyncBaseline";

export const EDITABLE: Readonly<Record<string, readonly string[]>> = {
  [CONTRACTS.name]: ["Method", "Start", "End", "SSP"],
  [BILLINGS.name]: ["Obligation"],
  [CHANGES.name]: ["Contract", "Obligation", "Treatment"],
};

/**
 * Editable columns that are one choice, by table: an edit to any of them keeps them all. A credit's Contract and
 * Obligation are one match, so re-pointing only the Obligation must not let the sync re-match the Contract.
 */
const EDIT_GROUPS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  [CHANGES.name]: [["Contract", "Obligation"]],
};

const DATE_COLUMNS = new Set(["Start", "End", "Date"]);

export function emptyBaseline(): Baseline {
  return { written: {}, sources: {} };
}

export function parseBaseline(text: string | undefined): Baseline {
  if (!text) return emptyBaseline();
  try {
    const b = JSON.parse(text) as Partial<Baseline>;
    return { ...emptyBaseline(), ...b, written: b.written ?? {}, sources: b.sources ?? {} };
  } catch {
    return emptyBaseline();
  }
}

/** Cell values compared as an analyst sees them: dates by day, numbers by value, text trimmed. */
export function sameValue(column: string, a: Cell | undefined, b: Cell | undefined): boolean {
  const empty = (x: Cell | undefined) => x === undefined || x === "" || x === null;
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (DATE_COLUMNS.has(column)) {
    const da = cellDate(a);
    const db = cellDate(b);
    if (da !== undefined || db !== undefined) return da === db;
  }
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  if (typeof a === "boolean" || typeof b === "boolean")
    return String(a).toLowerCase() === String(b).toLowerCase();
  return String(a).trim() === String(b).trim();
}

function ruleColumns(settings: Settings, src: Source): Row {
  const rule = settings.rules[src.item] ?? settings.defaultRule;
  const start = rule.startFrom === "invoiceDate" ? src.txnDate : src.serviceDate;
  return {
    Method: rule.method,
    Start: start,
    End: needsTerm(rule.method) && rule.termMonths > 0 ? termEnd(start, rule.termMonths) : "",
  };
}

export interface Desired {
  rows: Map<string, Map<string, Row>>;
  sources: Record<string, Source>;
}

/**
 * A billing or credit row's Discount (grossAmount − amount, exact in cents) and Discount Account (the name QuickBooks
 * gives the line's discount account, else its id); both "" when the line was not discounted or the document is voided.
 */
export function lineDiscount(
  doc: SyncDocument,
  line: SyncDocument["lines"][number]
): { discount: Cell; discountAccount: Cell } {
  const net = parseAmount(line.amount);
  const gross = parseAmount(line.grossAmount);
  if (doc.voided || net === undefined || gross === undefined || gross === net)
    return { discount: "", discountAccount: "" };
  const account = line.discountAccount;
  return {
    discount: Number(formatAmount(gross - net)),
    discountAccount: account === undefined ? "" : account.name || account.id,
  };
}

/**
 * The rows a sync result stands for, by table and key. Voided documents come with their amounts at zero.
 * priorCredits are the RevRecChanges rows this sync leaves in place: their credits are taken off their
 * obligations' prices before the result's credit memos are matched. known is the baseline's sources, which
 * give the table's contract rows their QuickBooks customer ids.
 */
export function desiredRows(
  result: SyncResult,
  settings: Settings,
  existingContracts: readonly Row[],
  priorCredits: readonly Row[] = [],
  known: Readonly<Record<string, Source>> = {}
): Desired {
  const contracts = new Map<string, Row>();
  const billings = new Map<string, Row>();
  const changes = new Map<string, Row>();
  const sources: Record<string, Source> = {};
  for (const doc of result.invoices) {
    for (const line of doc.lines) {
      const src: Source = {
        item: line.item?.id ?? "",
        serviceDate: line.serviceDate || doc.txnDate,
        txnDate: doc.txnDate,
        customer: doc.customer.id,
      };
      sources[line.id] = src;
      contracts.set(line.id, {
        Contract: doc.id,
        Customer: doc.customer.name,
        Obligation: line.id,
        Item: line.item?.name ?? "",
        Class: line.class?.name ?? doc.class?.name ?? "",
        Price: doc.voided ? 0 : Number(line.amount),
        SSP: "",
        ...ruleColumns(settings, src),
        Currency: doc.currency ?? result.homeCurrency,
        Invoice: doc.docNumber ?? "",
        "QBO Invoice Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
      });
    }
    // One billing per invoice line, tied to the line's obligation: the line's item decides where QuickBooks
    // posted it (deferred revenue or revenue, RevRecAccounts billingsPostTo[ITEM]). The lines' amounts are
    // after discount and add up to the invoice's billing (docs/api.md); a discounted line also carries its
    // discount and the account QuickBooks debited for it (it posted the line gross), for the journal to undo.
    for (const line of doc.lines) {
      const { discount, discountAccount } = lineDiscount(doc, line);
      billings.set(line.id, {
        Contract: doc.id,
        Billing: line.id,
        Date: doc.txnDate,
        Amount: doc.voided ? 0 : Number(line.amount),
        Obligation: line.id,
        Discount: discount,
        "Discount Account": discountAccount,
        Invoice: doc.docNumber ?? "",
        "QBO Invoice Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
      });
    }
  }
  const candidates = [
    ...existingContracts.filter((r) => !contracts.has(String(r.Obligation))),
    ...contracts.values(),
  ];
  // What is left of each obligation's price after the credits matched so far (oldest credit first).
  const left = new Map(candidates.map((r) => [String(r.Obligation), Number(r.Price) || 0]));
  for (const r of priorCredits) {
    const ob = String(r.Obligation ?? "");
    if (
      String(r.Type ?? "")
        .trim()
        .toLowerCase() !== "credit" ||
      !left.has(ob)
    )
      continue;
    if (String(r.Voided ?? "").toLowerCase() === "true") continue;
    left.set(ob, (left.get(ob) ?? 0) - (Number(r.Amount) || 0));
  }
  // Where QuickBooks posted an item's documents (deferred revenue or revenue), by item name.
  const itemIds = new Map<string, string>();
  for (const doc of [...result.invoices, ...result.creditMemos])
    for (const line of doc.lines) if (line.item) itemIds.set(line.item.name, line.item.id);
  const postsTo = (name: string) => itemPostsTo(settings.accounts, itemIds.get(name) ?? "");
  const memos = [...result.creditMemos].sort((a, b) => a.txnDate.localeCompare(b.txnDate));
  for (const doc of memos) {
    for (const line of doc.lines) {
      const amount = doc.voided ? 0 : Number(line.amount);
      // QuickBooks debited the income account with the line's gross and credited the discount account; the row
      // keeps the net Amount and the discount, for the journal to undo (as for an invoice line).
      const { discount, discountAccount } = lineDiscount(doc, line);
      const match = matchCredit(
        doc,
        line.item?.name ?? "",
        amount,
        candidates,
        left,
        postsTo,
        (r) => (sources[String(r.Obligation)] ?? known[String(r.Obligation)])?.customer
      );
      if (match)
        left.set(String(match.Obligation), (left.get(String(match.Obligation)) ?? 0) - amount);
      changes.set(line.id, {
        Contract: match ? String(match.Contract) : "",
        Change: line.id,
        Type: "credit",
        Date: doc.txnDate,
        Obligation: match ? String(match.Obligation) : "",
        Treatment: "prospective",
        Price: "",
        End: "",
        Amount: amount,
        Discount: discount,
        "Discount Account": discountAccount,
        // QuickBooks posted the credit memo by its own item, which may not be the matched obligation's.
        Item: line.item?.name ?? "",
        Class: "",
        Method: "",
        Start: "",
        "Credit Memo": doc.docNumber ?? "",
        "QBO Credit Memo Id": doc.qboId,
        "QBO Line Id": line.qboLineId,
        Voided: doc.voided,
      });
    }
  }
  return {
    rows: new Map([
      [CONTRACTS.name, contracts],
      [BILLINGS.name, billings],
      [CHANGES.name, changes],
    ]),
    sources,
  };
}

/**
 * QuickBooks does not link a credit memo to an invoice: take the customer's (by QuickBooks id when both
 * sides have one, so a renamed customer still matches; else by name) obligation for the same item with
 * enough price left, the latest that started on or before the credit; else one whose item QuickBooks posts to the
 * same place (deferred revenue or revenue) — QuickBooks posted the credit memo by its own item, and the journal
 * reads where from the obligation's item, so a match across the two would leave deferred revenue off by the credit;
 * else any of the customer's with enough left. The analyst can change it in RevRecChanges.
 */
function matchCredit(
  doc: SyncDocument,
  item: string,
  amount: number,
  rows: readonly Row[],
  left: ReadonlyMap<string, number>,
  postsTo: (item: string) => "deferred" | "revenue",
  customerOf: (r: Row) => string | undefined
): Row | undefined {
  const enough = (r: Row) => (left.get(String(r.Obligation)) ?? 0) + 0.005 >= amount;
  const sameCustomer = (r: Row) => {
    const id = customerOf(r);
    return id && doc.customer.id
      ? id === doc.customer.id
      : String(r.Customer) === doc.customer.name;
  };
  const mine = rows.filter((r) => sameCustomer(r) && r.Voided !== true && enough(r));
  const sameItem = mine.filter((r) => item !== "" && String(r.Item) === item);
  const samePlace = mine.filter((r) => postsTo(String(r.Item)) === postsTo(item));
  const pool = sameItem.length > 0 ? sameItem : samePlace.length > 0 ? samePlace : mine;
  const before = pool.filter((r) => (cellDate(r.Start) ?? "") <= doc.txnDate);
  const pick = (before.length > 0 ? before : pool).slice();
  pick.sort((a, b) => (cellDate(a.Start) ?? "").localeCompare(cellDate(b.Start) ?? ""));
  return pick[pick.length - 1];
}

export interface TableSummary {
  table: string;
  added: number;
  updated: number;
  removed: number;
  voided: number;
  /** Cells an analyst edited that the sync kept. */
  keptEdits: number;
}

export interface Plan {
  changes: TableChanges[];
  baseline: Baseline;
  summary: TableSummary[];
}

function rowsOf(t: TableData | undefined): Row[] {
  if (!t) return [];
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? ""])));
}

const QBO_ID: Readonly<Record<string, string>> = {
  [CONTRACTS.name]: "QBO Invoice Id",
  [BILLINGS.name]: "QBO Invoice Id",
  [CHANGES.name]: "QBO Credit Memo Id",
};

/**
 * The upsert of a sync result into the three tables: rows are matched on their key (QBO-based ids); cells are
 * written only when they differ; the analyst's columns are kept when edited; rows from QuickBooks that are gone
 * (full sync) or deleted (incremental) are removed; rows typed by hand (no QBO id) are never touched.
 */
export function planSync(
  result: SyncResult,
  tables: ReadonlyMap<string, TableData>,
  baseline: Baseline,
  settings: Settings
): Plan {
  const deletedIds = new Set([...result.deleted.invoices, ...result.deleted.creditMemos]);
  // Documents that came whole in this sync: their rows that are no longer wanted are gone (a line removed
  // in QuickBooks, or a billing row per invoice written by an earlier version).
  const invoiceIds = new Set(result.invoices.map((d) => d.qboId));
  const memoIds = new Set(result.creditMemos.map((d) => d.qboId));
  // Credit rows this sync does not rewrite or remove (all of a full sync's are rewritten): they already
  // use up part of their obligations' prices.
  const memoId = QBO_ID[CHANGES.name] ?? "";
  const deletedMemos = new Set(result.deleted.creditMemos);
  const priorCredits = rowsOf(tables.get(CHANGES.name)).filter((r) => {
    const id = String(r[memoId] ?? "");
    return id === "" || !(result.replace || memoIds.has(id) || deletedMemos.has(id));
  });
  const desired = desiredRows(
    result,
    settings,
    rowsOf(tables.get(CONTRACTS.name)),
    priorCredits,
    baseline.sources
  );
  const next: Baseline = {
    written: { ...baseline.written },
    sources: { ...baseline.sources, ...desired.sources },
    cursor: result.cursor,
    syncedAt: result.syncedAt,
  };
  const changes: TableChanges[] = [];
  const summary: TableSummary[] = [];
  for (const spec of [CONTRACTS, BILLINGS, CHANGES]) {
    const key = spec.key ?? "";
    const want = desired.rows.get(spec.name) ?? new Map<string, Row>();
    const existing = rowsOf(tables.get(spec.name));
    const written = { ...(baseline.written[spec.name] ?? {}) };
    const qboId = QBO_ID[spec.name] ?? "";
    const syncedIds = spec.name === CHANGES.name ? memoIds : invoiceIds;
    const gone = (r: Row) =>
      String(r[qboId] ?? "") !== "" &&
      (result.replace
        ? !want.has(String(r[key]))
        : deletedIds.has(String(r[qboId])) ||
          (syncedIds.has(String(r[qboId])) && !want.has(String(r[key]))));
    const plan = diffTable(spec.name, header(spec), key, existing, want, written, gone);
    for (const k of plan.removed) delete written[k];
    for (const [k, row] of want)
      written[k] = remember(written[k], pick(row, EDITABLE[spec.name] ?? []), plan.kept.get(k));
    for (const k of plan.removed) delete next.sources[k];
    next.written[spec.name] = written;
    changes.push({
      table: spec.name,
      sheet: spec.sheet,
      header: header(spec),
      key,
      ...plan.changes,
    });
    summary.push({
      table: spec.name,
      ...plan.counts,
      voided: [...want.values()].filter((r) => r.Voided === true).length,
    });
  }
  return { changes, baseline: next, summary };
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? ""]));
}

/**
 * The baseline row after a write: what was written, except the cells kept as the analyst's edits, which keep
 * their previous baseline value (none if there was none), so they still differ from it and stay edits even
 * when the sync's value happens to equal them.
 */
function remember(before: Row | undefined, row: Row, kept: ReadonlySet<string> | undefined): Row {
  const next: Row = { ...row };
  for (const c of kept ?? []) {
    const b = before?.[c];
    if (b === undefined) delete next[c];
    else next[c] = b;
  }
  return next;
}

function diffTable(
  table: string,
  columns: readonly string[],
  key: string,
  existing: readonly Row[],
  want: ReadonlyMap<string, Row>,
  written: Readonly<Record<string, Row>>,
  gone: (r: Row) => boolean
) {
  const editable = EDITABLE[table] ?? [];
  const groups = EDIT_GROUPS[table] ?? [];
  const byKey = new Map(existing.map((r) => [String(r[key]), r]));
  const insert: Cell[][] = [];
  const update: { key: string; values: Row }[] = [];
  const removed: string[] = [];
  const kept = new Map<string, Set<string>>();
  let keptEdits = 0;
  for (const [k, row] of want) {
    const have = byKey.get(k);
    if (!have) {
      insert.push(columns.map((c) => row[c] ?? ""));
      continue;
    }
    const isEdited = (c: string) => {
      const before = written[k]?.[c];
      return before === undefined ? have[c] !== "" : !sameValue(c, have[c], before);
    };
    const edited = new Set(editable.filter((c) => c in row && isEdited(c)));
    for (const group of groups)
      if (group.some((c) => edited.has(c))) for (const c of group) if (c in row) edited.add(c);
    if (edited.size > 0) kept.set(k, edited);
    const values: Row = {};
    for (const c of columns) {
      if (c === key || !(c in row)) continue;
      const target = row[c] ?? "";
      if (edited.has(c)) {
        if (!sameValue(c, have[c], target)) keptEdits += 1;
        continue;
      }
      if (!sameValue(c, have[c], target)) values[c] = target;
    }
    if (Object.keys(values).length > 0) update.push({ key: k, values });
  }
  for (const r of existing) if (gone(r) && !want.has(String(r[key]))) removed.push(String(r[key]));
  return {
    changes: { insert, update, remove: removed },
    removed,
    /** By row key, the columns kept as the analyst's edits. */
    kept,
    counts: { added: insert.length, updated: update.length, removed: removed.length, keptEdits },
  };
}

/**
 * Re-applies the rules to contract rows that came from QuickBooks, leaving the rows whose Method, Start or End
 * an analyst edited. Used when the rules are saved after a sync.
 */
export function planRules(
  tables: ReadonlyMap<string, TableData>,
  baseline: Baseline,
  settings: Settings
): Plan {
  const want = new Map<string, Row>();
  for (const row of rowsOf(tables.get(CONTRACTS.name))) {
    const k = String(row.Obligation);
    const src = baseline.sources[k];
    if (src) want.set(k, { ...ruleColumns(settings, src) });
  }
  const written = { ...(baseline.written[CONTRACTS.name] ?? {}) };
  const plan = diffTable(
    CONTRACTS.name,
    header(CONTRACTS),
    "Obligation",
    rowsOf(tables.get(CONTRACTS.name)),
    want,
    written,
    () => false
  );
  for (const [k, row] of want)
    written[k] = remember(written[k], { ...written[k], ...row }, plan.kept.get(k));
  return {
    changes: [
      {
        table: CONTRACTS.name,
        sheet: CONTRACTS.sheet,
        header: header(CONTRACTS),
        key: "Obligation",
        ...plan.changes,
      },
    ],
    baseline: { ...baseline, written: { ...baseline.written, [CONTRACTS.name]: written } },
    summary: [{ table: CONTRACTS.name, ...plan.counts, voided: 0 }],
  };
}
