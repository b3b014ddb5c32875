import type { RunningSandbox } from "../../sandbox";
import {
  at,
  connect,
  firstCustomer,
  idsByName,
  list,
  qbo,
  query,
  start,
  type Conn,
} from "./helpers";

type Obj = Record<string, unknown>;

describe("sandbox ledger: balances by double entry, TrialBalance as of a date", () => {
  let sb: RunningSandbox;
  let c: Conn;
  let acct: Record<string, string>;
  let item: Record<string, string>;
  let customer: string;
  beforeAll(async () => {
    sb = await start({ invoices: 0 });
    c = await connect(sb.url);
    acct = await idsByName(c, "Account");
    item = await idsByName(c, "Item");
    customer = await firstCustomer(c);
  });
  afterAll(async () => {
    await sb.close();
  });

  const balance = async (name: string): Promise<number> =>
    Number(
      at((await qbo(c, "GET", `account/${acct[name] ?? ""}`)).json, "Account", "CurrentBalance")
    );
  const trial = async (end: string): Promise<Map<string, [string, string]>> => {
    const r = await qbo(c, "GET", "reports/TrialBalance", undefined, { end_date: end });
    expect(r.status).toBe(200);
    expect(at(r.json, "Header", "ReportName")).toBe("TrialBalance");
    expect(at(r.json, "Header", "EndPeriod")).toBe(end);
    const rows = at(r.json, "Rows", "Row") as Obj[];
    const out = new Map<string, [string, string]>();
    for (const row of rows) {
      const cols = (row["ColData"] ?? at(row, "Summary", "ColData")) as { value: string }[];
      out.set(String(cols[0]?.value), [String(cols[1]?.value), String(cols[2]?.value)]);
    }
    return out;
  };

  test("an invoice debits A/R and credits each line's item income account; discounts debit their account", async () => {
    const r = await qbo(c, "POST", "invoice", {
      CustomerRef: { value: customer },
      TxnDate: "2026-08-10",
      Line: [
        {
          Amount: 12000,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: {
            ItemRef: { value: item["Annual Subscription"] },
            Qty: 1,
            UnitPrice: 12000,
          },
        },
        {
          Amount: 3000,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: {
            ItemRef: { value: item["Implementation Services"] },
            Qty: 20,
            UnitPrice: 150,
          },
        },
        {
          Amount: 500,
          DetailType: "DiscountLineDetail",
          DiscountLineDetail: { PercentBased: false },
        },
      ],
    });
    expect(r.status).toBe(200);
    expect(await balance("Accounts Receivable (A/R)")).toBe(14500);
    expect(await balance("Deferred Revenue")).toBe(12000);
    expect(await balance("Services Revenue")).toBe(3000);
    expect(await balance("Discounts Given")).toBe(-500);
  });

  test("a credit memo reverses; a journal entry moves deferred revenue to revenue", async () => {
    const cm = await qbo(c, "POST", "creditmemo", {
      CustomerRef: { value: customer },
      TxnDate: "2026-08-20",
      Line: [
        {
          Amount: 1000,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: { ItemRef: { value: item["Annual Subscription"] } },
        },
      ],
    });
    expect(cm.status).toBe(200);
    expect(await balance("Accounts Receivable (A/R)")).toBe(13500);
    expect(await balance("Deferred Revenue")).toBe(11000);
    const je = await qbo(c, "POST", "journalentry", {
      TxnDate: "2026-08-31",
      Line: [
        {
          Amount: 916.67,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Debit",
            AccountRef: { value: acct["Deferred Revenue"] },
          },
        },
        {
          Amount: 916.67,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Credit",
            AccountRef: { value: acct["Subscription Revenue"] },
          },
        },
      ],
    });
    expect(je.status).toBe(200);
    expect(await balance("Deferred Revenue")).toBe(10083.33);
    expect(await balance("Subscription Revenue")).toBe(916.67);
    const q = list(
      await query(c, "select * from Account where CurrentBalance > 10000"),
      "Account"
    ).map((a) => a["Name"]);
    expect(q).toEqual(["Accounts Receivable (A/R)", "Deferred Revenue"]);
  });

  test("Customer.Balance is the customer's open invoices less unapplied credits", async () => {
    const cust = await qbo(c, "GET", `customer/${customer}`);
    expect(at(cust.json, "Customer", "Balance")).toBe(13500);
    const q = list(await query(c, "select * from Customer where Balance > 0"), "Customer").map(
      (x) => x["Id"]
    );
    expect(q).toEqual([customer]);
  });

  test("TrialBalance as of a date includes only postings on or before it, and balances", async () => {
    const aug15 = await trial("2026-08-15");
    expect(aug15.get("Accounts Receivable (A/R)")).toEqual(["14500.00", ""]);
    expect(aug15.get("Deferred Revenue")).toEqual(["", "12000.00"]);
    expect(aug15.get("Discounts Given")).toEqual(["500.00", ""]);
    expect(aug15.has("Subscription Revenue")).toBe(false);
    expect(aug15.get("TOTAL")).toEqual(["15000.00", "15000.00"]);
    const aug31 = await trial("2026-08-31");
    expect(aug31.get("Deferred Revenue")).toEqual(["", "10083.33"]);
    expect(aug31.get("Subscription Revenue")).toEqual(["", "916.67"]);
    const [d, cr] = aug31.get("TOTAL") ?? ["", ""];
    expect(d).toBe(cr);
    const before = await qbo(c, "GET", "reports/TrialBalance", undefined, {
      end_date: "2026-01-01",
    });
    expect(at(before.json, "Header", "Option", 0)).toEqual({ Name: "NoReportData", Value: "true" });
  });

  test("void and delete take the postings out", async () => {
    const inv = (
      await qbo(c, "POST", "invoice", {
        CustomerRef: { value: customer },
        TxnDate: "2026-09-01",
        Line: [
          {
            Amount: 700,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: { value: item["Monthly Subscription"] } },
          },
        ],
      })
    ).json["Invoice"] as Obj;
    expect(await balance("Subscription Revenue")).toBe(1616.67);
    await qbo(c, "POST", "invoice", { Id: inv["Id"], SyncToken: "0" }, { operation: "void" });
    expect(await balance("Subscription Revenue")).toBe(916.67);
    const jes = list(await query(c, "select * from JournalEntry"), "JournalEntry");
    await qbo(
      c,
      "POST",
      "journalentry",
      { Id: jes[0]?.["Id"], SyncToken: jes[0]?.["SyncToken"] },
      { operation: "delete" }
    );
    expect(await balance("Subscription Revenue")).toBe(0);
    expect(await balance("Deferred Revenue")).toBe(11000);
  });

  test("the seeded company's ledger balances and A/R equals invoices less credit memos", async () => {
    const s = await start({ invoices: 300, seed: 3 });
    try {
      const k = await connect(s.url);
      const r = await qbo(k, "GET", "reports/TrialBalance", undefined, { end_date: "2026-12-31" });
      const rows = at(r.json, "Rows", "Row") as Obj[];
      const total = at(rows[rows.length - 1], "Summary", "ColData") as { value: string }[];
      expect(total[1]?.value).toBe(total[2]?.value);
      let billed = 0;
      for (const [entity, sign] of [
        ["Invoice", 1],
        ["CreditMemo", -1],
      ] as const) {
        for (let pos = 1; ; pos += 1000) {
          const page = list(
            await query(k, `select * from ${entity} startposition ${pos} maxresults 1000`),
            entity
          );
          for (const x of page) billed += sign * Math.round(Number(x["TotalAmt"]) * 100);
          if (page.length < 1000) break;
        }
      }
      const ar = list(
        await query(k, "select * from Account where AccountType = 'Accounts Receivable'"),
        "Account"
      )[0];
      expect(Math.round(Number(ar?.["CurrentBalance"]) * 100)).toBe(billed);
    } finally {
      await s.close();
    }
  });

  test("a discounted credit memo debits the income account gross, credits the discount account and A/R net", async () => {
    const arBefore = await balance("Accounts Receivable (A/R)");
    const deferredBefore = await balance("Deferred Revenue");
    const discountsBefore = await balance("Discounts Given");
    const r = await qbo(c, "POST", "creditmemo", {
      CustomerRef: { value: customer },
      TxnDate: "2026-09-20",
      Line: [
        {
          Amount: 200,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: { ItemRef: { value: item["Annual Subscription"] } },
        },
        {
          Amount: 20,
          DetailType: "DiscountLineDetail",
          DiscountLineDetail: { PercentBased: false },
        },
      ],
    });
    expect(r.status).toBe(200);
    expect(at(r.json, "CreditMemo", "TotalAmt")).toBe(180);
    // Deferred Revenue is a credit-balance account: CurrentBalance falls by the gross 200.
    expect(await balance("Deferred Revenue")).toBe(deferredBefore - 200);
    // Discounts Given holds a debit (shown negative here, as for the invoice above); the memo credits it back.
    expect(await balance("Discounts Given")).toBe(discountsBefore + 20);
    expect(await balance("Accounts Receivable (A/R)")).toBe(arBefore - 180);
  });

  test("a bundle as a GroupLineDetail line posts each nested line to its item's account; void zeroes them", async () => {
    const group = await qbo(c, "POST", "item", { Name: "Starter Bundle", Type: "Group" });
    expect(group.status).toBe(200);
    const deferredBefore = await balance("Deferred Revenue");
    const servicesBefore = await balance("Services Revenue");
    const r = await qbo(c, "POST", "invoice", {
      CustomerRef: { value: customer },
      TxnDate: "2026-09-15",
      Line: [
        {
          DetailType: "GroupLineDetail",
          GroupLineDetail: {
            GroupItemRef: { value: at(group.json, "Item", "Id") },
            Quantity: 1,
            Line: [
              {
                Amount: 1200,
                DetailType: "SalesItemLineDetail",
                SalesItemLineDetail: {
                  ItemRef: { value: item["Annual Subscription"] },
                  Qty: 1,
                  UnitPrice: 1200,
                },
              },
              {
                Amount: 300,
                DetailType: "SalesItemLineDetail",
                SalesItemLineDetail: {
                  ItemRef: { value: item["Implementation Services"] },
                  Qty: 2,
                  UnitPrice: 150,
                },
              },
            ],
          },
        },
      ],
    });
    expect(r.status).toBe(200);
    const inv = r.json["Invoice"] as Obj;
    expect(inv["TotalAmt"]).toBe(1500);
    expect(at(inv, "Line", 0, "Amount")).toBe(1500);
    expect(
      at(inv, "Line", 0, "GroupLineDetail", "Line", 1, "SalesItemLineDetail", "ItemRef", "name")
    ).toBe("Implementation Services");
    expect(await balance("Deferred Revenue")).toBe(deferredBefore + 1200);
    expect(await balance("Services Revenue")).toBe(servicesBefore + 300);
    const v = await qbo(
      c,
      "POST",
      "invoice",
      { Id: inv["Id"], SyncToken: "0" },
      { operation: "void" }
    );
    expect(at(v.json, "Invoice", "Line", 0, "GroupLineDetail", "Line", 0, "Amount")).toBe(0);
    expect(await balance("Deferred Revenue")).toBe(deferredBefore);
  });
});
