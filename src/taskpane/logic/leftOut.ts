// Documents the sync leaves out of the tables (another currency than the home currency): kept in the workbook's
// baseline across incremental syncs, so the Sync and Close tabs can say what the tables do not hold and why
// QuickBooks' balances differ from the workbook's by them.
import { formatAmount, parseAmount } from "../../core";
import type { LeftOutDocument, SyncResult } from "../../wire";

/** By `${kind}-${qboId}`. */
export type LeftOut = Record<string, LeftOutDocument>;

const keyOf = (kind: string, qboId: string): string => `${kind}-${qboId}`;

/**
 * The left-out documents after a sync: a full sync's list replaces the old one; an incremental sync upserts its list
 * and forgets the documents it deleted or now brings into the tables.
 */
export function mergeLeftOut(prior: LeftOut | undefined, result: SyncResult): LeftOut {
  const next: LeftOut = result.replace ? {} : { ...prior };
  const forget = (kind: string, ids: readonly string[]): void => {
    for (const id of ids) delete next[keyOf(kind, id)];
  };
  forget("invoice", result.deleted.invoices);
  forget("creditMemo", result.deleted.creditMemos);
  forget(
    "invoice",
    result.invoices.map((d) => d.qboId)
  );
  forget(
    "creditMemo",
    result.creditMemos.map((d) => d.qboId)
  );
  for (const doc of result.leftOut ?? []) next[keyOf(doc.kind, doc.qboId)] = doc;
  return next;
}

export interface LeftOutCurrency {
  currency: string;
  count: number;
  /** in `currency`; a credit memo counts negative */
  total: string;
  /** in the home currency, when QuickBooks gave every document's home amount */
  homeTotal?: string;
}

/** Left-out documents by currency, in currency order. */
export function leftOutByCurrency(left: LeftOut): LeftOutCurrency[] {
  const by = new Map<string, { count: number; total: number; home: number | undefined }>();
  for (const doc of Object.values(left)) {
    const sign = doc.kind === "creditMemo" ? -1 : 1;
    const entry = by.get(doc.currency) ?? { count: 0, total: 0, home: 0 };
    const home = doc.homeTotal === undefined ? undefined : parseAmount(doc.homeTotal);
    entry.count += 1;
    entry.total += sign * (parseAmount(doc.total) ?? 0);
    entry.home =
      entry.home === undefined || home === undefined ? undefined : entry.home + sign * home;
    by.set(doc.currency, entry);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, e]) => ({
      currency,
      count: e.count,
      total: formatAmount(e.total),
      ...(e.home === undefined ? {} : { homeTotal: formatAmount(e.home) }),
    }));
}

/**
 * One sentence for the Sync and Close tabs, or undefined when nothing is left out: how many documents, how much in
 * each currency, and what it means for the reconciliation.
 */
export function leftOutText(left: LeftOut, homeCurrency: string): string | undefined {
  const groups = leftOutByCurrency(left);
  const count = groups.reduce((n, g) => n + g.count, 0);
  if (count === 0) return undefined;
  const parts = groups.map(
    (g) =>
      `${g.currency} ${g.total} (${g.count} document${g.count === 1 ? "" : "s"}${g.homeTotal === undefined ? "" : `, ${homeCurrency} ${g.homeTotal} in QuickBooks`})`
  );
  return (
    `${count} document${count === 1 ? " is" : "s are"} in another currency than ${homeCurrency} and left out of the tables: ` +
    `${parts.join(", ")}. RevRec does not recognize foreign-currency documents yet, so QuickBooks' balances include ` +
    "them and the workbook's do not: the reconciliation differs by what they posted."
  );
}
