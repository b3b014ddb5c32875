import { buildJournal, formatAmount, journalDifference, parseAmount, parseMonth } from "../../core";
import type { AccountMap, Cents, JournalLine, Schedule } from "../../core";
import type { Account, ApiJournalLine, Balances, Posting, PostResult } from "../../wire";
import type { Cell } from "../../workbook";
import { lastDayOf } from "../../core";

/** Finds the QuickBooks account an identifier of the account map names: id, name or full name. */
export function resolveAccount(
  identifier: string,
  accounts: readonly Account[]
): Account | undefined {
  const byId = accounts.find((a) => a.id === identifier);
  if (byId) return byId;
  const lower = identifier.trim().toLowerCase();
  return accounts.find(
    (a) => a.fullyQualifiedName.toLowerCase() === lower || a.name.toLowerCase() === lower
  );
}

export interface PreviewLine {
  accountId: string;
  accountName: string;
  posting: "Debit" | "Credit";
  amount: Cents;
  customer?: string;
  class?: string;
}

export interface Preview {
  period: string;
  /** The first month the entry covers (period itself, or earlier for a catch-up entry). */
  from: string;
  txnDate: string;
  lines: PreviewLine[];
  debits: Cents;
  credits: Cents;
  balanced: boolean;
  /** Accounts of the map QuickBooks does not have (the entry cannot be posted until they are fixed). */
  unknownAccounts: string[];
}

function toPreviewLines(
  lines: readonly JournalLine[],
  accounts: readonly Account[],
  unknown: Set<string>
) {
  return lines.map((l): PreviewLine => {
    const a = resolveAccount(l.account, accounts);
    if (!a) unknown.add(l.account);
    const line: PreviewLine = {
      accountId: a?.id ?? l.account,
      accountName: a?.fullyQualifiedName ?? l.account,
      posting: l.posting,
      amount: l.amount,
    };
    if (l.customer) line.customer = l.customer;
    if (l.class) line.class = l.class;
    return line;
  });
}

function totals(lines: readonly { posting: string; amount: Cents }[]) {
  let debits = 0;
  let credits = 0;
  for (const l of lines) {
    if (l.posting === "Debit") debits += l.amount;
    else credits += l.amount;
  }
  return { debits, credits, balanced: debits === credits };
}

function monthOf(period: string): number {
  const m = parseMonth(period);
  if (m === undefined) throw new Error(`Not a period: ${period}`);
  return m;
}

/**
 * The entry for `period` covering the months from..period (a catch-up entry when from is earlier), from the
 * engine, with accounts resolved against QuickBooks. It is dated the last day of `period`.
 */
export function previewClose(
  schedule: Schedule,
  map: AccountMap,
  period: string,
  accounts: readonly Account[],
  detail: "summary" | "customer" = "summary",
  from: string = period
): Preview {
  const m = monthOf(period);
  const f = monthOf(from);
  if (f > m) throw new Error(`The range ${from} to ${period} is empty.`);
  const journal = buildJournal(schedule, map, f, m, detail);
  const unknown = new Set<string>();
  const lines = toPreviewLines(journal.lines, accounts, unknown);
  return {
    period,
    from,
    txnDate: lastDayOf(period),
    lines,
    ...totals(lines),
    unknownAccounts: [...unknown],
  };
}

/** Lines as the backend takes them (accounts by id, amounts as decimal strings). */
export function apiLines(
  lines: readonly PreviewLine[],
  withClass: boolean,
  description: string
): ApiJournalLine[] {
  return lines.map((l) => {
    const line: ApiJournalLine = {
      account: l.accountId,
      posting: l.posting,
      amount: formatAmount(l.amount),
      description,
    };
    if (l.customer) line.customer = l.customer;
    if (withClass && l.class) line.class = l.class;
    return line;
  });
}

export interface ReconcileRow {
  label: string;
  accountId: string;
  accountName: string;
  /** Engine balance at the period end (deferred revenue as a positive liability). */
  engine: Cents;
  /** QuickBooks' balance now, the same sign convention. */
  qbo: Cents;
  /** What QuickBooks will show once the previewed entry is posted (equal to qbo when it is posted). */
  projected: Cents;
  /** engine - projected: what a true-up must move. */
  difference: Cents;
}

/** Deferred revenue and contract asset: the engine against QuickBooks at the period end. */
export function reconcile(
  schedule: Schedule,
  map: AccountMap,
  period: string,
  accounts: readonly Account[],
  balances: Balances,
  pending: readonly PreviewLine[]
): ReconcileRow[] {
  const m = monthOf(period);
  // Customers' credits beyond their invoices are posted to the refund liability account, or without one to the
  // contract asset's (buildJournal), so each account is compared with what the entries put there.
  const refundOnAsset = map.refundLiability === undefined;
  let deferred = 0;
  let unbilled = 0;
  let refund = 0;
  for (const c of schedule.contracts) {
    deferred += c.deferred(m);
    unbilled += c.unbilled(m) + (refundOnAsset ? c.refund(m) : 0);
    refund += c.refund(m);
  }
  const rows: ReconcileRow[] = [];
  const add = (label: string, identifier: string, engine: Cents, liability: boolean) => {
    const a = resolveAccount(identifier, accounts);
    if (!a) return;
    const b = balances.accounts.find((x) => x.id === a.id);
    const raw = b ? (parseAmount(b.balance) ?? 0) : 0;
    const qbo = liability ? -raw : raw;
    let effect = 0;
    for (const l of pending) {
      if (l.accountId !== a.id) continue;
      const signed = l.posting === "Debit" ? l.amount : -l.amount;
      effect += liability ? -signed : signed;
    }
    const projected = qbo + effect;
    rows.push({
      label,
      accountId: a.id,
      accountName: a.fullyQualifiedName,
      engine,
      qbo,
      projected,
      difference: engine - projected,
    });
  };
  add("Deferred revenue", map.deferredRevenue, deferred, true);
  add("Contract asset", map.contractAsset, unbilled, false);
  // Debited by the entries, as the contract asset is (docs/book.md, "Balances").
  if (map.refundLiability !== undefined)
    add("Refund liability", map.refundLiability, refund, false);
  return rows;
}

/** Lines of a true-up entry that brings QuickBooks to the engine's balances, against revenue. */
export function trueUpLines(
  rows: readonly ReconcileRow[],
  map: AccountMap,
  accounts: readonly Account[]
): PreviewLine[] {
  const revenue = resolveAccount(map.revenue, accounts);
  if (!revenue) return [];
  const lines: PreviewLine[] = [];
  const push = (a: { id: string; name: string }, posting: "Debit" | "Credit", amount: Cents) =>
    lines.push({ accountId: a.id, accountName: a.name, posting, amount });
  const rev = { id: revenue.id, name: revenue.fullyQualifiedName };
  for (const r of rows) {
    if (r.difference === 0) continue;
    const acct = { id: r.accountId, name: r.accountName };
    const amount = Math.abs(r.difference);
    const liability = r.label === "Deferred revenue";
    // More liability or less asset is needed -> revenue goes down (debit), and the other way round.
    const lowerRevenue = liability ? r.difference > 0 : r.difference < 0;
    push(rev, lowerRevenue ? "Debit" : "Credit", amount);
    push(acct, lowerRevenue ? "Credit" : "Debit", amount);
  }
  return lines;
}

/** Posted lines (accounts by id) in the engine's line shape, for journalDifference. */
export function postedLines(postings: readonly Posting[]): JournalLine[] {
  const out: JournalLine[] = [];
  for (const p of postings) {
    for (const l of p.lines) {
      const line: JournalLine = {
        account: l.account.id,
        posting: l.posting,
        amount: parseAmount(l.amount) ?? 0,
      };
      if (l.customer) line.customer = l.customer.name;
      if (l.class) line.class = l.class.name;
      out.push(line);
    }
  }
  return out;
}

/**
 * What an adjusting entry must post so that QuickBooks matches the current preview (empty: nothing changed).
 * The preview must cover the same months as the original entry did (from..period).
 */
export function adjustment(
  preview: Preview,
  postings: readonly Posting[],
  accounts: readonly Account[]
): PreviewLine[] {
  const current = {
    from: monthOf(preview.from),
    to: monthOf(preview.period),
    date: 0,
    lines: preview.lines.map((l) => {
      const line: JournalLine = { account: l.accountId, posting: l.posting, amount: l.amount };
      if (l.customer) line.customer = l.customer;
      if (l.class) line.class = l.class;
      return line;
    }),
  };
  const diff = journalDifference(current, postedLines(postings));
  return toPreviewLines(diff, accounts, new Set());
}

/** A row of the RevRecPostings log (src/core/tables POSTINGS column order). */
export const postingRow = (
  period: string,
  from: string,
  result: PostResult & { requestId?: string },
  kind: "original" | "adjustment" | "opening",
  lines: readonly ApiJournalLine[],
  at: string,
  people: { preparedBy: string; approvedBy: string }
): Cell[] => [
  period,
  from,
  result.docNumber,
  result.journalEntryId,
  kind,
  Number(result.totals.debits),
  Number(result.totals.credits),
  JSON.stringify(lines),
  at,
  people.preparedBy,
  people.approvedBy,
  result.requestId ?? "",
  result.txnDate,
];

/**
 * Why QuickBooks' balances still differ from the workbook's after the entry, in plain words, and what to do; undefined
 * when they agree.
 */
export function reconcileExplanation(
  rows: readonly ReconcileRow[],
  pending: boolean,
  format: (c: Cents) => string = formatAmount
): string | undefined {
  const off = rows.filter((r) => r.difference !== 0);
  if (off.length === 0) return undefined;
  const what = off
    .map((r) => `${r.label} (${r.accountName}) by ${format(Math.abs(r.difference))}`)
    .join(" and ");
  return (
    `${pending ? "After this entry QuickBooks would still differ" : "QuickBooks differs"} from the workbook: ${what}. ` +
    "The usual causes: entries posted to that account outside RevRec (a manual journal entry, QuickBooks' own " +
    "revenue recognition, an earlier entry deleted in QuickBooks); or discounted invoice or credit memo lines whose " +
    "RevRecBillings or RevRecChanges row has no Discount and Discount Account (QuickBooks posts such a line at its " +
    "gross amount and books the discount to its discount account; the entry undoes that only for the discounts the " +
    "workbook knows: sync again to fill them). Look at the account's transactions in QuickBooks; when the workbook " +
    "is right, tick the true-up option below to post the difference against revenue with this entry."
  );
}
