/**
 * The company "with history" (issue #9): a company that deferred revenue by hand before it came to RevRec. Fixed
 * figures, no randomness: three customers; subscriptions billed to an income account and moved to Deferred Revenue by
 * a manual journal entry each month through March 2026 (the month before a go-live in April 2026); a contract billed
 * by three yearly invoices that share a PO number (4500); card sales as sales receipts and a refund receipt (never deferred
 * by hand); a May 2026 invoice corrected after the fact; the books closed through March 2026, the last month deferred by hand.
 */
import type { Company, EntityName } from "./company";
import type { Behaviour } from "./config";
import type { WriteContext } from "./entities/context";
import { getStr, type JsonObject } from "./json";
import { create, update } from "./operations";
import { endOfMonth, pacificIso, parseInstant } from "./time";
import { companyInfo, preferences } from "./seed";

export const HISTORY_COMPANY_NAME = "Harbor Lane Software (with history)";
export const HISTORY_GO_LIVE = "2026-04";
export const HISTORY_BOOK_CLOSE = "2026-03-31";

export interface HistorySummary {
  invoices: number;
  salesReceipts: number;
  refundReceipts: number;
  journalEntries: number;
  bookCloseDate: string;
}

/** A subscription line the hand-kept entries defer: 12 equal months from its service month. */
interface Deferred {
  cents: number;
  /** YYYY-MM of the first month */
  from: string;
}

function monthIndex(ym: string): number {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return y * 12 + m - 1;
}

/** What the bookkeeper held as deferred at the end of `ym`: each line less round(price × months elapsed / 12). */
function heldDeferred(lines: readonly Deferred[], ym: string): number {
  let out = 0;
  for (const l of lines) {
    const elapsed = monthIndex(ym) - monthIndex(l.from) + 1;
    if (monthIndex(ym) < monthIndex(l.from) - 1) continue;
    const k = Math.min(12, Math.max(0, elapsed));
    out += l.cents - Math.round((l.cents * k) / 12);
  }
  return out;
}

export function seedHistory(co: Company, behaviour: Behaviour): HistorySummary {
  const start = "2024-01-01";
  const startMs = parseInstant(start) ?? 0;
  co.put("CompanyInfo", companyInfo(co, HISTORY_COMPANY_NAME, startMs));
  const prefs = preferences(startMs, "USD");
  co.put("Preferences", prefs);
  const ctx: WriteContext = { co, behaviour, today: start, includes: new Set() };
  const add = (entity: EntityName, body: JsonObject, date = start): JsonObject => {
    const obj = create(entity, body, ctx);
    const t = pacificIso((parseInstant(date) ?? startMs) + 9 * 3_600_000);
    obj["MetaData"] = { CreateTime: t, LastUpdatedTime: t };
    return obj;
  };
  const id = (o: JsonObject): string => getStr(o, "Id") ?? "";
  const acct = (Name: string, AccountType: string, AccountSubType: string): string =>
    id(add("Account", { Name, AccountType, AccountSubType }));
  const checking = acct("Checking", "Bank", "Checking");
  acct("Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable");
  const deferred = acct("Deferred Revenue", "Other Current Liability", "OtherCurrentLiabilities");
  acct("Contract Asset (Unbilled Revenue)", "Other Current Asset", "OtherCurrentAssets");
  acct("Opening Balance Equity", "Equity", "OpeningBalanceEquity");
  const subRev = acct("Subscription Revenue", "Income", "ServiceFeeIncome");
  const svcRev = acct("Services Revenue", "Income", "ServiceFeeIncome");
  const item = (Name: string, account: string, UnitPrice: number): string =>
    id(add("Item", { Name, Type: "Service", IncomeAccountRef: { value: account }, UnitPrice }));
  const annual = item("Annual Subscription", subRev, 12000);
  const setup = item("Setup", svcRev, 1500);
  const training = item("Training", svcRev, 1500);
  const customer = (name: string): string =>
    id(add("Customer", { DisplayName: name, CompanyName: name }));
  const harbor = customer("Harbor Freight Partners");
  const lumen = customer("Lumen Labs LLC");
  const vista = customer("Vista Dental Group");

  const line = (itemId: string, amount: number, service?: string): JsonObject => ({
    Amount: amount,
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: {
      ItemRef: { value: itemId },
      Qty: 1,
      UnitPrice: amount,
      ...(service === undefined ? {} : { ServiceDate: service }),
    },
  });
  const po = (value: string): JsonObject[] => [
    { DefinitionId: "2", Name: "P.O. Number", Type: "StringType", StringValue: value },
  ];
  const deferredLines: Deferred[] = [];
  const invoice = (cust: string, date: string, lines: JsonObject[], extra: JsonObject = {}) =>
    add("Invoice", { CustomerRef: { value: cust }, TxnDate: date, Line: lines, ...extra }, date);

  // Harbor: a three-year deal billed yearly on PO number 4500, a setup with the first year.
  for (const year of [2024, 2025, 2026]) {
    const lines = [line(annual, 12000, `${year}-04-01`)];
    if (year === 2024) lines.push(line(setup, 1500, `${year}-03-25`));
    invoice(harbor, `${year}-03-25`, lines, { CustomField: po("4500") });
    deferredLines.push({ cents: 1_200_000, from: `${year}-04` });
  }
  // Lumen: a yearly subscription from October 2025.
  invoice(lumen, "2025-09-28", [line(annual, 6000, "2025-10-01")]);
  deferredLines.push({ cents: 600_000, from: "2025-10" });
  // Lumen: training in May 2026, corrected afterwards from 1,500.00 to 1,200.00.
  const may = invoice(lumen, "2026-05-12", [line(training, 1500, "2026-05-12")]);
  const fixed = update(
    "Invoice",
    { ...may, Line: [line(training, 1200, "2026-05-12")], sparse: true },
    ctx
  );
  const fixedAt = pacificIso((parseInstant("2026-05-29") ?? startMs) + 9 * 3_600_000);
  fixed["MetaData"] = { ...(may["MetaData"] as JsonObject), LastUpdatedTime: fixedAt };

  // Vista pays by card: sales receipts (never deferred by hand) and a refund.
  const receipt = (entity: "SalesReceipt" | "RefundReceipt", date: string, l: JsonObject) =>
    add(
      entity,
      {
        CustomerRef: { value: vista },
        TxnDate: date,
        Line: [l],
        ...(entity === "RefundReceipt" ? { DepositToAccountRef: { value: checking } } : {}),
      },
      date
    );
  receipt("SalesReceipt", "2026-02-01", line(annual, 1200, "2026-02-01"));
  receipt("SalesReceipt", "2026-05-01", line(annual, 2400, "2026-05-01"));
  receipt("RefundReceipt", "2026-06-10", line(annual, 300, "2026-06-10"));

  // The bookkeeper's month-end deferral entries, March 2024 to March 2026: the change in what is held deferred.
  let journalEntries = 0;
  let held = 0;
  for (let m = monthIndex("2024-03"); m <= monthIndex("2026-03"); m++) {
    const ym = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    const now = heldDeferred(deferredLines, ym);
    const change = now - held;
    held = now;
    if (change === 0) continue;
    const date = endOfMonth(`${ym}-01`);
    const amount = Math.abs(change) / 100;
    const side = (account: string, type: "Debit" | "Credit"): JsonObject => ({
      Amount: amount,
      DetailType: "JournalEntryLineDetail",
      JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account } },
    });
    add(
      "JournalEntry",
      {
        DocNumber: `DEF-${ym}`,
        TxnDate: date,
        PrivateNote: `Manual deferral ${ym}`,
        Line:
          change > 0
            ? [side(subRev, "Debit"), side(deferred, "Credit")]
            : [side(deferred, "Debit"), side(subRev, "Credit")],
      },
      date
    );
    journalEntries++;
  }
  const acc = prefs["AccountingInfoPrefs"];
  if (acc && typeof acc === "object" && !Array.isArray(acc))
    acc["BookCloseDate"] = HISTORY_BOOK_CLOSE;
  return {
    invoices: 5,
    salesReceipts: 2,
    refundReceipts: 1,
    journalEntries,
    bookCloseDate: HISTORY_BOOK_CLOSE,
  };
}
