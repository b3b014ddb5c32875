/**
 * The demo company, generated deterministically from a seed and a fixed reference date (not the clock):
 * chart of accounts with a Deferred Revenue liability, items, classes, departments, customers,
 * two years of invoices ending at the reference date, credit memos, voided and deleted invoices, sales receipts (card
 * sales) and a refund receipt, a closing date.
 */
import type { Company, EntityName } from "./company";
import type { Behaviour } from "./config";
import type { WriteContext } from "./entities/context";
import { voidInvoice } from "./entities/sales";
import { getStr, type JsonObject } from "./json";
import { create } from "./operations";
import { addDays, addMonths, endOfMonth, pacificIso, parseInstant } from "./time";

export interface SeedOptions {
  seed: number;
  invoices: number;
  /** the last day of the generated history (YYYY-MM-DD) */
  referenceDate: string;
  companyName: string;
  /** the company's home currency; default USD */
  homeCurrency?: string;
  /** turn multicurrency on once the history is written (so that history is in the home currency) */
  multiCurrency?: boolean;
}

export const DEFAULT_REFERENCE_DATE = "2026-10-31";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Alder",
  "Birch",
  "Cedar",
  "Delta",
  "Ember",
  "Fjord",
  "Granite",
  "Harbor",
  "Iris",
  "Juniper",
  "Kestrel",
  "Lumen",
  "Maple",
  "Nimbus",
  "Orchid",
  "Pioneer",
  "Quartz",
  "Riverside",
  "Summit",
  "Tidal",
  "Upland",
  "Vista",
  "Willow",
  "Yarrow",
  "Zephyr",
];
const SECOND = [
  "Analytics",
  "Logistics",
  "Health",
  "Foods",
  "Robotics",
  "Media",
  "Energy",
  "Labs",
  "Outfitters",
  "Partners",
  "Dental",
  "Freight",
  "Studios",
  "Capital",
  "Systems",
  "Bakery",
];
const SUFFIX = ["Inc", "LLC", "Co", "Group", "Ltd"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function monthLabel(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return `${MONTHS[m - 1] ?? ""} ${y}`;
}

export function companyInfo(co: Company, name: string, at: number): JsonObject {
  return {
    Id: co.realmId,
    SyncToken: "0",
    domain: "QBO",
    sparse: false,
    CompanyName: name,
    LegalName: `${name} Inc.`,
    CompanyAddr: {
      Id: "1",
      Line1: "2600 Marine Way",
      City: "Mountain View",
      CountrySubDivisionCode: "CA",
      PostalCode: "94043",
    },
    Country: "US",
    Email: { Address: "books@example.com" },
    FiscalYearStartMonth: "January",
    CompanyStartDate: "2024-01-01",
    SupportedLanguages: "en",
    DefaultTimeZone: "America/Los_Angeles",
    NameValue: [
      { Name: "OfferingSku", Value: "QuickBooks Online Plus" },
      { Name: "NeoEnabled", Value: "true" },
      { Name: "IsQbdtMigrated", Value: "false" },
    ],
    MetaData: { CreateTime: pacificIso(at), LastUpdatedTime: pacificIso(at) },
  };
}

export function preferences(at: number, homeCurrency: string): JsonObject {
  return {
    Id: "1",
    SyncToken: "0",
    domain: "QBO",
    sparse: false,
    AccountingInfoPrefs: {
      TrackDepartments: true,
      DepartmentTerminology: "Location",
      ClassTrackingPerTxn: false,
      ClassTrackingPerTxnLine: true,
      CustomerTerminology: "Customers",
      FirstMonthOfFiscalYear: "January",
      UseAccountNumbers: false,
      TaxYearMonth: "January",
    },
    ProductAndServicesPrefs: {
      ForSales: true,
      ForPurchase: true,
      QuantityWithPriceAndRate: true,
      QuantityOnHand: false,
      RevenueRecognition: false,
    },
    SalesFormsPrefs: {
      CustomField: [
        {
          CustomField: [
            { Name: "SalesFormsPrefs.UseSalesCustom1", Type: "BooleanType", BooleanValue: true },
            {
              Name: "SalesFormsPrefs.SalesCustomName1",
              Type: "StringType",
              StringValue: "Contract #",
            },
          ],
        },
      ],
      CustomTxnNumbers: false,
      AllowServiceDate: true,
      AllowDiscount: true,
      AllowDeposit: false,
      AllowShipping: false,
      DefaultTerms: { value: "3" },
    },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: homeCurrency } },
    ReportPrefs: { ReportBasis: "Accrual", CalcAgingReportFromTxnDate: false },
    TaxPrefs: { UsingSalesTax: false },
    OtherPrefs: {
      NameValue: [
        { Name: "SalesFormsPrefs.DefaultCustomerMessage", Value: "Thank you for your business." },
        { Name: "WarnDuplicateJournalNumber", Value: "false" },
        { Name: "WarnDuplicateCheckNumber", Value: "true" },
      ],
    },
    MetaData: { CreateTime: pacificIso(at), LastUpdatedTime: pacificIso(at) },
  };
}

export interface SeedSummary {
  invoices: number;
  creditMemos: number;
  salesReceipts: number;
  refundReceipts: number;
  voided: number;
  deleted: number;
  customers: number;
  bookCloseDate: string;
}

export function seedCompany(co: Company, behaviour: Behaviour, opts: SeedOptions): SeedSummary {
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const ref = opts.referenceDate;
  const start = addDays(addMonths(ref, -24), 1);
  const startMs = parseInstant(start) ?? 0;
  co.put("CompanyInfo", companyInfo(co, opts.companyName, startMs));
  co.put("Preferences", preferences(startMs, opts.homeCurrency ?? "USD"));
  const ctx: WriteContext = { co, behaviour, today: start, includes: new Set() };
  const at = (date: string, hours = 10): JsonObject => {
    const t = (parseInstant(date) ?? startMs) + hours * 3_600_000;
    return { CreateTime: pacificIso(t), LastUpdatedTime: pacificIso(t) };
  };
  const add = (entity: EntityName, body: JsonObject, date = start): JsonObject => {
    const obj = create(entity, body, ctx);
    obj["MetaData"] = at(date, 9);
    return obj;
  };
  const acct = (Name: string, AccountType: string, AccountSubType: string): string =>
    getStr(add("Account", { Name, AccountType, AccountSubType }), "Id") ?? "";

  const checking = acct("Checking", "Bank", "Checking");
  acct("Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable");
  const deferred = acct("Deferred Revenue", "Other Current Liability", "OtherCurrentLiabilities");
  acct("Contract Asset (Unbilled Revenue)", "Other Current Asset", "OtherCurrentAssets");
  acct("Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable");
  acct("Opening Balance Equity", "Equity", "OpeningBalanceEquity");
  acct("Retained Earnings", "Equity", "RetainedEarnings");
  const subRev = acct("Subscription Revenue", "Income", "ServiceFeeIncome");
  const svcRev = acct("Services Revenue", "Income", "ServiceFeeIncome");
  acct("Discounts Given", "Income", "DiscountsRefundsGiven");
  acct("Hosting Costs", "Cost of Goods Sold", "OtherCostsOfServiceCos");
  acct("Old Revenue", "Income", "OtherPrimaryIncome");

  const item = (Name: string, account: string, UnitPrice: number, Description: string): string =>
    getStr(
      add("Item", {
        Name,
        Type: "Service",
        IncomeAccountRef: { value: account },
        UnitPrice,
        Description,
      }),
      "Id"
    ) ?? "";
  const annual = item(
    "Annual Subscription",
    deferred,
    12000,
    "Annual platform subscription, billed in advance"
  );
  const monthly = item("Monthly Subscription", subRev, 1000, "Monthly platform subscription");
  const impl = item(
    "Implementation Services",
    svcRev,
    175,
    "Implementation and onboarding, per hour"
  );
  const support = item("Premium Support", deferred, 2400, "Premium support plan, 12 months");
  const training = item("Training", svcRev, 1500, "Training workshop, per day");
  const retired = add("Item", {
    Name: "Legacy Add-on",
    Type: "Service",
    IncomeAccountRef: { value: svcRev },
    UnitPrice: 99,
  });

  const software = getStr(add("Class", { Name: "Software" }), "Id") ?? "";
  const services = getStr(add("Class", { Name: "Services" }), "Id") ?? "";
  add("Class", { Name: "Partner Channel" });
  const us = getStr(add("Department", { Name: "US" }), "Id") ?? "";
  const emea = getStr(add("Department", { Name: "EMEA" }), "Id") ?? "";
  // every fifth customer is billed from EMEA (by position, so the random stream is not disturbed)
  const location = (customerId: string): JsonObject => ({
    value: customers.indexOf(customerId) % 5 === 4 ? emea : us,
  });
  add("Vendor", { DisplayName: "Cloud Hosting Provider", CompanyName: "Cloud Hosting Provider" });

  const nCustomers = Math.min(400, 25 + Math.floor(opts.invoices / 50));
  const customers: string[] = [];
  const used = new Set<string>();
  for (let i = 0; customers.length < nCustomers; i++) {
    let name = `${pick(FIRST)} ${pick(SECOND)} ${pick(SUFFIX)}`;
    if (used.has(name)) name = `${name} ${i}`;
    used.add(name);
    const c = add("Customer", {
      DisplayName: name,
      CompanyName: name,
      PrimaryEmailAddr: { Address: `ap${i}@example.com` },
    });
    customers.push(getStr(c, "Id") ?? "");
  }
  // one inactive customer and one inactive item, hidden from default queries
  const inactiveCustomer = add("Customer", {
    DisplayName: "Closed Account Co",
    CompanyName: "Closed Account Co",
  });
  for (const obj of [inactiveCustomer, retired]) {
    obj["Active"] = false;
    obj["SyncToken"] = "1";
  }

  const span = Math.round(((parseInstant(ref) ?? 0) - startMs) / 86_400_000);
  const dates: string[] = [];
  for (let i = 0; i < opts.invoices; i++)
    dates.push(addDays(start, Math.floor(rnd() * (span + 1))));
  dates.sort();
  const line = (
    itemId: string,
    qty: number,
    price: number,
    desc: string,
    service: string,
    cls: string
  ): JsonObject => ({
    Description: desc,
    Amount: Math.round(qty * price * 100) / 100,
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: {
      ItemRef: { value: itemId },
      Qty: qty,
      UnitPrice: price,
      // training lines carry no ServiceDate, as QBO allows: clients fall back to the invoice date
      ...(service === "" ? {} : { ServiceDate: service }),
      ClassRef: { value: cls },
    },
  });
  const annualLine = (date: string): JsonObject => {
    const price = pick([6000, 9000, 12000, 18000, 24000, 36000]);
    const end = addDays(addMonths(date, 12), -1);
    return line(
      annual,
      1,
      price,
      `Annual subscription (${monthLabel(date)} - ${monthLabel(end)})`,
      date,
      software
    );
  };
  let seq = 0;
  const invoiceIds: { id: string; date: string }[] = [];
  for (const date of dates) {
    seq++;
    const r = rnd();
    const lines: JsonObject[] = [];
    if (r < 0.35) lines.push(annualLine(date));
    else if (r < 0.65) {
      const first = `${date.slice(0, 8)}01`;
      lines.push(
        line(
          monthly,
          1,
          pick([500, 1000, 1500, 2500]),
          `Monthly subscription (${monthLabel(date)})`,
          first,
          software
        )
      );
    } else if (r < 0.8) {
      const hours = 10 + Math.floor(rnd() * 71);
      lines.push(
        line(impl, hours, pick([150, 175, 200]), "Implementation services", date, services)
      );
    } else if (r < 0.95) {
      lines.push(annualLine(date));
      lines.push(
        line(
          impl,
          20 + Math.floor(rnd() * 41),
          175,
          "Implementation services (bundle)",
          date,
          services
        )
      );
      lines.push(line(support, 1, 2400, "Premium support, 12 months", date, software));
      lines.push(
        rnd() < 0.5
          ? {
              DetailType: "DiscountLineDetail",
              DiscountLineDetail: { PercentBased: true, DiscountPercent: pick([5, 10, 15]) },
            }
          : {
              Amount: pick([250, 500, 1000]),
              DetailType: "DiscountLineDetail",
              DiscountLineDetail: { PercentBased: false },
            }
      );
    } else {
      lines.push(line(training, 1 + Math.floor(rnd() * 3), 1500, "On-site training", "", services));
      lines.push({
        Amount: 200,
        DetailType: "DiscountLineDetail",
        DiscountLineDetail: { PercentBased: false },
      });
    }
    const contract = `C-${date.slice(0, 4)}-${String(seq).padStart(5, "0")}`;
    const customer = pick(customers);
    const inv = add(
      "Invoice",
      {
        CustomerRef: { value: customer },
        DepartmentRef: location(customer),
        TxnDate: date,
        PrivateNote: `Contract ${contract}`,
        CustomField: [
          { DefinitionId: "1", Name: "Contract #", Type: "StringType", StringValue: contract },
        ],
        Line: lines,
      },
      date
    );
    invoiceIds.push({ id: getStr(inv, "Id") ?? "", date });
  }

  let creditMemos = 0;
  const nCredit = Math.floor(opts.invoices / 20);
  for (let i = 0; i < nCredit; i++) {
    const date = addDays(start, Math.floor(rnd() * (span + 1)));
    const amount = pick([100, 250, 500, 1000]);
    const lines = [
      line(rnd() < 0.5 ? annual : monthly, 1, amount, "Service credit", date, software),
    ];
    // Every other credit memo gets a 10% discount (by position, so the random stream, and with it every other
    // seeded document, stays as it was): QuickBooks posts it as the mirror of a discounted invoice.
    if (i % 2 === 1) {
      lines.push({
        DetailType: "DiscountLineDetail",
        DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
      });
    }
    add(
      "CreditMemo",
      {
        CustomerRef: { value: pick(customers) },
        TxnDate: date,
        CustomerMemo: { value: "Service credit" },
        Line: lines,
      },
      date
    );
    creditMemos++;
  }

  // about 1% voided and 0.5% deleted (at least one of each when there are 20 or more invoices)
  const nVoid = invoiceIds.length >= 20 ? Math.max(1, Math.round(invoiceIds.length * 0.01)) : 0;
  const nDelete = invoiceIds.length >= 20 ? Math.max(1, Math.round(invoiceIds.length * 0.005)) : 0;
  const chosen = new Set<number>();
  const choose = (): number => {
    for (;;) {
      const i = Math.floor(rnd() * invoiceIds.length);
      if (!chosen.has(i)) {
        chosen.add(i);
        return i;
      }
    }
  };
  let voided = 0;
  let deleted = 0;
  for (let k = 0; k < nVoid; k++) {
    const { id, date } = invoiceIds[choose()] ?? { id: "", date: start };
    const inv = co.get("Invoice", id);
    if (!inv) continue;
    const v = voidInvoice(inv, ctx);
    v["SyncToken"] = "1";
    v["MetaData"] = {
      CreateTime: at(date)["CreateTime"] ?? "",
      LastUpdatedTime: at(addDays(date, 3))["CreateTime"] ?? "",
    };
    co.put("Invoice", v);
    voided++;
  }
  for (let k = 0; k < nDelete; k++) {
    const { id, date } = invoiceIds[choose()] ?? { id: "", date: start };
    if (!co.get("Invoice", id)) continue;
    co.delete("Invoice", id, (parseInstant(addDays(date, 2)) ?? 0) + 11 * 3_600_000);
    deleted++;
  }

  const { salesReceipts, refundReceipts } = seedReceipts(add, opts.invoices, {
    start,
    span,
    customers,
    checking,
    annual: { id: annual, cls: software },
    monthly: { id: monthly, cls: software },
  });

  const close = endOfMonth(addMonths(ref, -4));
  const prefs = co.preferences();
  const acc = prefs["AccountingInfoPrefs"];
  if (acc && typeof acc === "object" && !Array.isArray(acc)) acc["BookCloseDate"] = close;
  const cur = prefs["CurrencyPrefs"];
  if (opts.multiCurrency === true && cur && typeof cur === "object" && !Array.isArray(cur))
    cur["MultiCurrencyEnabled"] = true;
  return {
    invoices: opts.invoices,
    creditMemos,
    salesReceipts,
    refundReceipts,
    voided,
    deleted,
    customers: customers.length,
    bookCloseDate: close,
  };
}

interface ReceiptPlan {
  start: string;
  /** days from start to the reference date */
  span: number;
  customers: readonly string[];
  checking: string;
  annual: { id: string; cls: string };
  monthly: { id: string; cls: string };
}

/**
 * Card sales as a connector writes them: one sales receipt per 40 invoices (at least 3, none for a company of fewer
 * than 20 invoices), spread evenly over the history, alternating an annual subscription (deferred) and a month of the
 * monthly one; the first deposited to Checking, the others to Undeposited Funds; then one refund receipt, from
 * Checking, for half of the last annual one. Placed by position, not by the random stream, so every other seeded
 * document stays as it was.
 */
function seedReceipts(
  add: (entity: EntityName, body: JsonObject, date: string) => JsonObject,
  invoices: number,
  plan: ReceiptPlan
): { salesReceipts: number; refundReceipts: number } {
  const n = invoices >= 20 ? Math.max(3, Math.floor(invoices / 40)) : 0;
  let lastAnnual: { customer: string; date: string; price: number } | undefined;
  for (let i = 0; i < n; i++) {
    const date = addDays(plan.start, Math.floor(((i + 0.5) * plan.span) / n));
    const customer = plan.customers[(i * 7) % plan.customers.length] ?? "";
    const annual = i % 2 === 0;
    const price = annual ? 1200 : 100;
    const item = annual ? plan.annual : plan.monthly;
    const service = annual ? date : `${date.slice(0, 8)}01`;
    add(
      "SalesReceipt",
      {
        CustomerRef: { value: customer },
        TxnDate: date,
        PaymentRefNum: `ch_${String(i + 1).padStart(6, "0")}`,
        ...(i === 0 ? { DepositToAccountRef: { value: plan.checking } } : {}),
        Line: [
          {
            Description: annual ? "Annual subscription (card)" : "Monthly subscription (card)",
            Amount: price,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: {
              ItemRef: { value: item.id },
              Qty: 1,
              UnitPrice: price,
              ServiceDate: service,
              ClassRef: { value: item.cls },
            },
          },
        ],
      },
      date
    );
    if (annual) lastAnnual = { customer, date, price };
  }
  if (lastAnnual === undefined) return { salesReceipts: n, refundReceipts: 0 };
  const date = addDays(lastAnnual.date, 10);
  const refund = lastAnnual.price / 2;
  add(
    "RefundReceipt",
    {
      CustomerRef: { value: lastAnnual.customer },
      TxnDate: date,
      DepositToAccountRef: { value: plan.checking },
      Line: [
        {
          Description: "Partial refund (card)",
          Amount: refund,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: {
            ItemRef: { value: plan.annual.id },
            Qty: 1,
            UnitPrice: refund,
            ServiceDate: date,
            ClassRef: { value: plan.annual.cls },
          },
        },
      ],
    },
    date
  );
  return { salesReceipts: n, refundReceipts: 1 };
}
