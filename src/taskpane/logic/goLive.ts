// Go-live on the Close tab (docs/book.md, "Go-live"): the month as the analyst types it, the cut-over
// reconciliation at the end of the month before it, and the opening true-up that makes QuickBooks match.
import {
  formatMonth,
  monthOfDay,
  openingTrueUp,
  parseAmount,
  parseDay,
  parseMonth,
  previousMonth,
} from "../../core";
import type { AccountMap, Schedule } from "../../core";
import type { Account, ApiJournalLine, Balances, PostRequest } from "../../wire";
import { apiLines, reconcile, resolveAccount } from "./close";
import type { PreviewLine, ReconcileRow } from "./close";

export const GO_LIVE_PROBLEMS = {
  notMonth: "Go-live must be a month written YYYY-MM, e.g. 2026-04.",
  afterPosted: (goLive: string, posted: string) =>
    `Go-live ${goLive} is after ${posted}, which RevRec has already posted to QuickBooks; choose ${posted} or an earlier month.`,
  booksClosed: (goLive: string, closeDate: string, open: string) =>
    `Go-live ${goLive} is in a period QuickBooks has closed (books closed through ${closeDate}): the opening true-up, dated ${goLive}-01, could not be posted; choose ${open} or a later month.`,
} as const;

/**
 * Why a go-live month cannot be saved, or undefined ("" clears it). `posted` are the periods of the entries RevRec
 * has posted (the RevRecPostings log): go-live after one of them would leave a posted month before go-live.
 * `closeDate` is QuickBooks' closing date: the opening true-up is dated on go-live's first day, which must be open.
 */
export function goLiveProblem(
  text: string,
  posted: readonly string[],
  closeDate: string | null = null
): string | undefined {
  const month = text.trim();
  if (month === "") return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || parseMonth(month) === undefined)
    return GO_LIVE_PROBLEMS.notMonth;
  const first = [...posted].sort()[0];
  if (first !== undefined && first < month) return GO_LIVE_PROBLEMS.afterPosted(month, first);
  const closed = closeDate === null ? undefined : parseDay(closeDate);
  if (closeDate !== null && closed !== undefined && `${month}-01` <= closeDate)
    return GO_LIVE_PROBLEMS.booksClosed(month, closeDate, formatMonth(monthOfDay(closed) + 1));
  return undefined;
}

/** The first month an entry may cover: go-live's when it is later than the first activity. */
export function firstEntryMonth(
  firstActivity: string | undefined,
  goLive: string | undefined
): string | undefined {
  if (goLive === undefined) return firstActivity;
  return firstActivity === undefined || firstActivity < goLive ? goLive : firstActivity;
}

/**
 * The cut-over: the engine's deferred revenue and contract asset at the end of the month before go-live against
 * QuickBooks' then (`balances`, asked for that month), with `opening` (the true-up, posted or not) counted in.
 */
export function cutover(
  schedule: Schedule,
  map: AccountMap,
  goLive: string,
  accounts: readonly Account[],
  balances: Balances,
  opening: readonly PreviewLine[]
): ReconcileRow[] {
  return reconcile(schedule, map, previousMonth(goLive), accounts, balances, opening);
}

/** The opening true-up's lines: each cut-over difference to its account, the total to `offset` (an account id). */
export function openingLines(
  rows: readonly ReconcileRow[],
  offset: string,
  goLive: string,
  accounts: readonly Account[]
): PreviewLine[] {
  const month = parseMonth(goLive);
  if (month === undefined) return [];
  const entry = openingTrueUp(
    rows.map((r) => ({
      role: r.label === "Deferred revenue" ? "deferredRevenue" : "contractAsset",
      account: r.accountId,
      engine: r.engine,
      qbo: r.projected,
      difference: r.difference,
    })),
    offset,
    month
  );
  return entry.lines.map((l) => ({
    accountId: l.account,
    accountName: resolveAccount(l.account, accounts)?.fullyQualifiedName ?? l.account,
    posting: l.posting,
    amount: l.amount,
  }));
}

/** The opening true-up as the backend takes it. */
export function openingRequest(goLive: string, lines: readonly PreviewLine[]): PostRequest {
  const description = `Opening true-up at go-live ${goLive}`;
  return {
    period: goLive,
    opening: true,
    memo: `${description}: deferred revenue and contract asset brought to the workbook's balances at the end of ${previousMonth(goLive)}`,
    lines: apiLines(lines, false, description),
  };
}

/** Posted lines (accounts by id) as preview lines, to count a posted true-up into the cut-over. */
export function postedOpeningLines(lines: readonly ApiJournalLine[]): PreviewLine[] {
  return lines.map((l) => ({
    accountId: l.account,
    accountName: l.account,
    posting: l.posting,
    amount: parseAmount(l.amount) ?? 0,
  }));
}
