import type { Account, Item, SyncDocument, SyncLine, SyncResult } from "../../src/wire";
import type { Settings } from "../../src/taskpane/logic/rules";

export const ACCOUNTS: Account[] = [
  {
    id: "92",
    name: "Deferred Revenue",
    fullyQualifiedName: "Deferred Revenue",
    accountType: "Other Current Liability",
    accountSubType: "DeferredRevenue",
    classification: "Liability",
    active: true,
  },
  {
    id: "93",
    name: "Contract Assets",
    fullyQualifiedName: "Contract Assets",
    accountType: "Other Current Asset",
    classification: "Asset",
    active: true,
  },
  {
    id: "79",
    name: "Subscription Revenue",
    fullyQualifiedName: "Subscription Revenue",
    accountType: "Income",
    classification: "Revenue",
    active: true,
  },
  {
    id: "80",
    name: "Services",
    fullyQualifiedName: "Services",
    accountType: "Income",
    classification: "Revenue",
    active: true,
  },
  {
    id: "35",
    name: "Checking",
    fullyQualifiedName: "Checking",
    accountType: "Bank",
    classification: "Asset",
    active: true,
  },
];

export const ITEMS: Item[] = [
  {
    id: "5",
    name: "SaaS Subscription",
    fullyQualifiedName: "SaaS Subscription",
    type: "Service",
    active: true,
    incomeAccount: { id: "79", name: "Subscription Revenue" },
  },
  {
    id: "6",
    name: "Setup",
    fullyQualifiedName: "Setup",
    type: "NonInventory",
    active: true,
    incomeAccount: { id: "80", name: "Services" },
  },
];

export const SETTINGS: Settings = {
  rules: {
    "5": { method: "monthly", termMonths: 12, startFrom: "serviceDate" },
    "6": { method: "point-in-time", termMonths: 0, startFrom: "invoiceDate" },
  },
  defaultRule: { method: "monthly", termMonths: 12, startFrom: "serviceDate" },
  accounts: {
    deferredRevenue: "92",
    contractAsset: "93",
    revenue: "79",
    revenueByItem: { "6": "80" },
    billingsPostTo: "deferred",
    billingsPostToByItem: {},
  },
};

export function invoice(
  id: string,
  opts: Partial<SyncDocument> = {},
  amount = "1200.00",
  setup = "300.00"
): SyncDocument {
  const total = (Number(amount) + Number(setup)).toFixed(2);
  return {
    id: `inv-${id}`,
    kind: "invoice",
    qboId: id,
    docNumber: `10${id}`,
    customer: { id: "24", name: "Acme" },
    txnDate: "2026-01-15",
    currency: "USD",
    voided: false,
    syncToken: "0",
    lastUpdated: "2026-01-15T10:00:00-08:00",
    lines: [
      {
        id: `inv-${id}-1`,
        qboLineId: "1",
        item: { id: "5", name: "SaaS Subscription" },
        amount,
        grossAmount: amount,
        serviceDate: "2026-02-01",
      },
      {
        id: `inv-${id}-2`,
        qboLineId: "2",
        item: { id: "6", name: "Setup" },
        amount: setup,
        grossAmount: setup,
        serviceDate: "2026-01-15",
      },
    ],
    subtotal: total,
    discount: "0.00",
    tax: "0.00",
    total,
    billings: [{ id: `inv-${id}`, date: "2026-01-15", amount: total }],
    ...opts,
  };
}

/**
 * A credit memo dated 2026-03-10 with these lines (ids cm-ID-1, cm-ID-2, …; gross = amount unless given); its
 * billing is their total.
 */
export function creditMemo(
  id: string,
  lines: (Pick<SyncLine, "item" | "amount"> & Partial<SyncLine>)[]
): SyncDocument {
  const full: SyncLine[] = lines.map((l, k) => ({
    id: `cm-${id}-${k + 1}`,
    qboLineId: String(k + 1),
    grossAmount: l.amount,
    serviceDate: "2026-03-10",
    ...l,
  }));
  const sum = (f: (l: SyncLine) => string): number =>
    full.reduce((a, l) => a + Math.round(Number(f(l)) * 100), 0);
  const [net, gross] = [sum((l) => l.amount), sum((l) => l.grossAmount)];
  const amount = (net / 100).toFixed(2);
  return {
    ...invoice(id),
    id: `cm-${id}`,
    kind: "creditMemo",
    txnDate: "2026-03-10",
    lines: full,
    subtotal: (gross / 100).toFixed(2),
    discount: ((gross - net) / 100).toFixed(2),
    total: amount,
    billings: [{ id: `cm-${id}`, date: "2026-03-10", amount }],
  };
}

export function result(invoices: SyncDocument[], opts: Partial<SyncResult> = {}): SyncResult {
  return {
    mode: "full",
    replace: true,
    fellBackToFull: false,
    cursor: "c1",
    syncedAt: "2026-03-02T10:00:00.000Z",
    homeCurrency: "USD",
    invoices,
    creditMemos: [],
    salesReceipts: [],
    refundReceipts: [],
    deleted: { invoices: [], creditMemos: [], salesReceipts: [], refundReceipts: [] },
    ...opts,
  };
}
