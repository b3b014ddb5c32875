// The Close tab's reconciliation compares each account with what RevRec's entries put there. A customer's credit
// beyond its invoices is carried on the refund liability account, or without one on the contract asset's: the
// reconciliation must follow the journal, or a company with such a credit never ties.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildJournal,
  buildSchedule,
  parseBook,
  parseMonth,
  type AccountMap,
  type Schedule,
} from "../../../src/core";
import { reconcile } from "../../../src/taskpane/logic/close";
import type { Account, Balances } from "../../../src/wire";
import { ACCOUNTS } from "../fixtures";

const REFUNDS: Account = {
  id: "95",
  name: "Customer Credits",
  fullyQualifiedName: "Customer Credits",
  accountType: "Other Current Liability",
  classification: "Liability",
  active: true,
};
const CHART = [...ACCOUNTS, REFUNDS];

/** A credit memo of 120.00 on 2026-01-10, before the first invoice (2026-03-31): the customer's credit. */
function schedule(): Schedule {
  const dir = join(__dirname, "..", "..", "golden", "journal-refund-without-its-account");
  const book = parseBook(JSON.parse(readFileSync(join(dir, "book.json"), "utf8")));
  if (!book.ok) throw new Error("the golden book does not parse");
  return buildSchedule(book.value);
}

function map(refundLiability?: string): AccountMap {
  const m: AccountMap = {
    revenue: "79",
    revenueByItem: {},
    deferredRevenue: "92",
    contractAsset: "93",
    billingsPostTo: "deferred",
    billingsPostToByItem: {},
  };
  if (refundLiability !== undefined) m.refundLiability = refundLiability;
  return m;
}

/**
 * QuickBooks' balances once every entry from 2026-01 to `period` is posted: the invoices and credit memos (posted
 * to deferred revenue) and RevRec's entries.
 */
function ledger(s: Schedule, m: AccountMap, period: string): Balances {
  const to = parseMonth(period);
  const from = parseMonth("2026-01");
  if (to === undefined || from === undefined) throw new Error("bad month");
  const net = new Map<string, number>();
  for (const c of s.contracts) net.set("92", (net.get("92") ?? 0) - c.billed(from, to));
  for (const l of buildJournal(s, m, from, to, "summary").lines) {
    const signed = l.posting === "Debit" ? l.amount : -l.amount;
    net.set(l.account, (net.get(l.account) ?? 0) + signed);
  }
  return {
    period,
    asOf: `${period}-28`,
    basis: "Accrual",
    accounts: CHART.map((a) => ({
      id: a.id,
      name: a.name,
      classification: a.classification,
      debit: "0.00",
      credit: "0.00",
      balance: ((net.get(a.id) ?? 0) / 100).toFixed(2),
    })),
  };
}

describe("the reconciliation with a customer's credit", () => {
  test.each(["2026-01", "2026-02", "2026-06"])(
    "without a refund account, the contract asset account ties to the entries at %s",
    (period) => {
      const s = schedule();
      const rows = reconcile(s, map(), period, CHART, ledger(s, map(), period), []);
      expect(rows.map((r) => r.label)).toEqual(["Deferred revenue", "Contract asset"]);
      expect(rows.map((r) => r.difference)).toEqual([0, 0]);
    }
  );

  test("with one, it is a row of its own holding the credit, and every row ties", () => {
    const s = schedule();
    const m = map("95");
    const rows = reconcile(s, m, "2026-01", CHART, ledger(s, m, "2026-01"), []);
    expect(rows.map((r) => [r.label, r.accountName, r.engine, r.difference])).toEqual([
      ["Deferred revenue", "Deferred Revenue", 0, 0],
      ["Contract asset", "Contract Assets", 9_000, 0],
      ["Refund liability", "Customer Credits", 12_000, 0],
    ]);
  });
});
