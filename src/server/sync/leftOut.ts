/** The documents a sync leaves out (another currency than the home currency), in Id order and totalled by currency. */
import type { LeftOutDocument, LeftOutTotal, SyncResult } from "../../wire";
import { formatAmount, parseAmount } from "../../core";

/** QuickBooks Id order (numeric ids: shorter first, then by text). */
export function byQboId(a: { qboId: string }, b: { qboId: string }): number {
  return a.qboId.length - b.qboId.length || (a.qboId < b.qboId ? -1 : a.qboId > b.qboId ? 1 : 0);
}

export function leftOutTotals(docs: readonly LeftOutDocument[]): LeftOutTotal[] {
  const by = new Map<string, { count: number; total: number; home: number | undefined }>();
  for (const d of docs) {
    const t = by.get(d.currency) ?? { count: 0, total: 0, home: 0 };
    const home = d.homeTotal === undefined ? undefined : parseAmount(d.homeTotal);
    by.set(d.currency, {
      count: t.count + 1,
      total: t.total + (parseAmount(d.total) ?? 0),
      home: t.home === undefined || home === undefined ? undefined : t.home + home,
    });
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => {
      const out: LeftOutTotal = { currency, count: t.count, total: formatAmount(t.total) };
      if (t.home !== undefined) out.homeTotal = formatAmount(t.home);
      return out;
    });
}

/** The result with its left-out documents, when there are any (the fields are left out otherwise). */
export function withLeftOut(result: SyncResult, docs: readonly LeftOutDocument[]): SyncResult {
  if (docs.length === 0) return result;
  const leftOut = [...docs].sort(byQboId);
  return { ...result, leftOut, leftOutTotals: leftOutTotals(leftOut) };
}
