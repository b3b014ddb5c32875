// Go-live (docs/book.md, "Go-live"): before the go-live month, recognition was booked outside RevRec (by hand or by
// QuickBooks' own schedules), so RevRec posts no entry for those months; the ledger is brought to the engine's
// balances once, by an opening true-up dated on the go-live month's first day.
import { firstDay, formatDay, formatMonth, type Day, type Month } from "../calendar";
import { formatAmount, type Cents } from "../money";
import { fail, ok, type Result } from "../result";
import type { Schedule } from "../schedule/types";
import type { AccountMap, JournalLine } from "./types";

export const GO_LIVE_MESSAGES = {
  beforeGoLive: (month: string, goLive: string) =>
    `${month} is before go-live (${goLive}): its revenue was booked outside RevRec, so RevRec has no entry for it.`,
} as const;

/**
 * The months an entry for from..to covers: the range itself, or its part from go-live on; refused when the whole
 * range is before go-live.
 */
export function entrySpan(
  goLive: Month | undefined,
  from: Month,
  to: Month
): Result<{ from: Month; to: Month }> {
  if (goLive === undefined || from >= goLive) return ok({ from, to });
  if (to < goLive) {
    return fail([
      {
        code: "before_go_live",
        path: "period",
        message: GO_LIVE_MESSAGES.beforeGoLive(formatMonth(to), formatMonth(goLive)),
      },
    ]);
  }
  return ok({ from: goLive, to });
}

/** Which balance an account of the cut-over holds. */
export type CutoverRole = "deferredRevenue" | "contractAsset";

export interface CutoverRow {
  role: CutoverRole;
  /** The account of the map (as written there). */
  account: string;
  /** The engine's balance at the end of the month before go-live: deferred revenue as a positive liability. */
  engine: Cents;
  /** QuickBooks' balance at that date, the same sign convention. */
  qbo: Cents;
  /** engine − qbo: what the opening true-up moves. */
  difference: Cents;
}

/**
 * The engine's deferred revenue and contract asset accounts at the end of the month before go-live. Without a
 * refund liability account of its own, customers' credits stay on the contract asset account, as the journal
 * posts them there.
 */
export function cutoverBalances(
  s: Schedule,
  accounts: AccountMap,
  goLive: Month
): Record<CutoverRole, Cents> {
  const refundOnAsset = accounts.refundLiability === undefined;
  let deferredRevenue = 0;
  let contractAsset = 0;
  for (const c of s.contracts) {
    deferredRevenue += c.deferred(goLive - 1);
    contractAsset += c.unbilled(goLive - 1) + (refundOnAsset ? c.refund(goLive - 1) : 0);
  }
  return { deferredRevenue, contractAsset };
}

/**
 * The cut-over reconciliation: per account, the engine against QuickBooks (`qbo`, same signs as CutoverRow) at
 * the end of the month before go-live.
 */
export function cutoverReconciliation(
  s: Schedule,
  accounts: AccountMap,
  goLive: Month,
  qbo: Readonly<Record<CutoverRole, Cents>>
): CutoverRow[] {
  const engine = cutoverBalances(s, accounts, goLive);
  const roles: CutoverRole[] = ["deferredRevenue", "contractAsset"];
  return roles.map((role) => ({
    role,
    account: accounts[role],
    engine: engine[role],
    qbo: qbo[role],
    difference: engine[role] - qbo[role],
  }));
}

export interface OpeningEntry {
  /** RR-OPEN-YYYY-MM, the go-live month. */
  docNumber: string;
  /** The first day of the go-live month. */
  date: Day;
  /** Balanced; empty when the cut-over already ties. */
  lines: JournalLine[];
}

export const openingDocNumber = (goLive: Month): string => `RR-OPEN-${formatMonth(goLive)}`;

/**
 * The opening true-up: each cut-over difference to its account, the total against `offset` (the account the analyst
 * chooses, e.g. retained earnings or revenue). More deferred revenue is a credit, more contract asset a debit.
 */
export function openingTrueUp(
  rows: readonly CutoverRow[],
  offset: string,
  goLive: Month
): OpeningEntry {
  const lines: JournalLine[] = [];
  let offsetDebit = 0;
  for (const r of rows) {
    if (r.difference === 0) continue;
    // A liability grows with credits, an asset with debits.
    const debit = r.role === "contractAsset" ? r.difference > 0 : r.difference < 0;
    lines.push({
      account: r.account,
      posting: debit ? "Debit" : "Credit",
      amount: Math.abs(r.difference),
    });
    offsetDebit += debit ? -Math.abs(r.difference) : Math.abs(r.difference);
  }
  if (offsetDebit !== 0) {
    lines.push({
      account: offset,
      posting: offsetDebit > 0 ? "Debit" : "Credit",
      amount: Math.abs(offsetDebit),
    });
  }
  return { docNumber: openingDocNumber(goLive), date: firstDay(goLive), lines };
}

/** The cut-over and its opening true-up as `revrec cutover --format json` prints them: amounts as text. */
export interface CutoverReport {
  /** The month whose end is compared: the one before go-live. */
  asOf: string;
  rows: { role: CutoverRole; account: string; engine: string; qbo: string; difference: string }[];
  entry: {
    docNumber: string;
    date: string;
    lines: { account: string; posting: "Debit" | "Credit"; amount: string }[];
  };
}

export function cutoverReport(
  s: Schedule,
  accounts: AccountMap,
  goLive: Month,
  qbo: Readonly<Record<CutoverRole, Cents>>,
  offset: string
): CutoverReport {
  const rows = cutoverReconciliation(s, accounts, goLive, qbo);
  const entry = openingTrueUp(rows, offset, goLive);
  return {
    asOf: formatMonth(goLive - 1),
    rows: rows.map((r) => ({
      role: r.role,
      account: r.account,
      engine: formatAmount(r.engine),
      qbo: formatAmount(r.qbo),
      difference: formatAmount(r.difference),
    })),
    entry: {
      docNumber: entry.docNumber,
      date: formatDay(entry.date),
      lines: entry.lines.map((l) => ({
        account: l.account,
        posting: l.posting,
        amount: formatAmount(l.amount),
      })),
    },
  };
}
