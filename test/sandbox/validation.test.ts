import type { RunningSandbox } from "../../sandbox";
import { at, connect, fault, list, qbo, query, start, type Conn } from "./helpers";

type Obj = Record<string, unknown>;

describe("sandbox validation faults", () => {
  let sb: RunningSandbox;
  let c: Conn;
  let ids: Record<string, string>;
  const acct = (name: string): string => ids[name] ?? "";
  beforeAll(async () => {
    sb = await start({ invoices: 40 });
    c = await connect(sb.url);
    ids = {};
    for (const a of list(await query(c, "select * from Account"), "Account"))
      ids[String(a["Name"])] = String(a["Id"]);
    ids["customer"] = String(
      list(await query(c, "select * from Customer maxresults 1"), "Customer")[0]?.["Id"]
    );
    ids["vendor"] = String(list(await query(c, "select * from Vendor"), "Vendor")[0]?.["Id"]);
    ids["item"] = String(
      list(await query(c, "select * from Item where Name = 'Monthly Subscription'"), "Item")[0]?.[
        "Id"
      ]
    );
  });
  afterAll(async () => {
    await sb.close();
  });

  const jeLine = (
    posting: string | undefined,
    amount: number,
    account: string,
    extra: Obj = {}
  ): Obj => ({
    Amount: amount,
    DetailType: "JournalEntryLineDetail",
    JournalEntryLineDetail: {
      ...(posting ? { PostingType: posting } : {}),
      AccountRef: { value: account },
      ...extra,
    },
  });
  const je = (lines: Obj[], extra: Obj = {}): Obj => ({
    TxnDate: "2026-10-31",
    Line: lines,
    ...extra,
  });
  const post = async (
    body: Obj,
    params: Record<string, string> = {}
  ): Promise<ReturnType<typeof qbo>> => qbo(c, "POST", "journalentry", body, params);

  test("a balanced journal entry posts, with line ids from 0 and names filled", async () => {
    const r = await post(
      je([
        jeLine("Debit", 1000, acct("Deferred Revenue"), {
          Entity: { Type: "Customer", EntityRef: { value: acct("customer") } },
        }),
        jeLine("Credit", 1000, acct("Subscription Revenue"), {
          ClassRef: {
            value: String(list(await query(c, "select * from Class"), "Class")[0]?.["Id"]),
          },
        }),
      ])
    );
    expect(r.status).toBe(200);
    const e = r.json["JournalEntry"] as Obj;
    expect(e).toMatchObject({
      SyncToken: "0",
      TxnDate: "2026-10-31",
      Adjustment: false,
      CurrencyRef: { value: "USD" },
      TxnTaxDetail: {},
    });
    expect(at(e, "Line", 0, "Id")).toBe("0");
    expect(at(e, "Line", 1, "Id")).toBe("1");
    expect(at(e, "Line", 0, "JournalEntryLineDetail", "AccountRef", "name")).toBe(
      "Deferred Revenue"
    );
    expect(at(e, "Line", 0, "JournalEntryLineDetail", "Entity", "EntityRef", "name")).toBeTruthy();
  });

  test("2300: debits not equal to credits, or no credit at all", async () => {
    for (const lines of [
      [
        jeLine("Debit", 100, acct("Deferred Revenue")),
        jeLine("Credit", 99.99, acct("Subscription Revenue")),
      ],
      [
        jeLine("Debit", 100, acct("Deferred Revenue")),
        jeLine("Debit", 100, acct("Subscription Revenue")),
      ],
    ]) {
      const r = await post(je(lines));
      expect(r.status).toBe(400);
      expect(fault(r)).toMatchObject({
        code: "2300",
        Message: "Amount on debits not equal to credits",
        type: "ValidationFault",
      });
      expect(typeof r.json["time"]).toBe("string");
    }
  });

  test("2290 negative amount, 2260 missing PostingType, 2250 no lines", async () => {
    const neg = await post(
      je([
        jeLine("Debit", -5, acct("Deferred Revenue")),
        jeLine("Credit", -5, acct("Subscription Revenue")),
      ])
    );
    expect(fault(neg)).toMatchObject({ code: "2290", element: "Line.Amount" });
    const noType = await post(
      je([
        jeLine(undefined, 5, acct("Deferred Revenue")),
        jeLine("Credit", 5, acct("Subscription Revenue")),
      ])
    );
    expect(fault(noType).code).toBe("2260");
    const none = await post(je([]));
    expect(fault(none).code).toBe("2250");
  });

  test("2500 unknown reference, 610 inactive reference", async () => {
    const unknown = await post(
      je([jeLine("Debit", 5, "987654"), jeLine("Credit", 5, acct("Subscription Revenue"))])
    );
    expect(fault(unknown)).toMatchObject({ code: "2500", Message: "Invalid Reference Id" });
    const created = await qbo(c, "POST", "account", {
      Name: "Soon Inactive",
      AccountType: "Income",
    });
    const a = created.json["Account"] as Obj;
    const off = await qbo(c, "POST", "account", {
      Id: a["Id"],
      SyncToken: a["SyncToken"],
      sparse: true,
      Active: false,
    });
    expect(at(off.json, "Account", "Name")).toBe("Soon Inactive (deleted)");
    const inactive = await post(
      je([jeLine("Debit", 5, String(a["Id"])), jeLine("Credit", 5, acct("Subscription Revenue"))])
    );
    expect(fault(inactive)).toMatchObject({ code: "610", Message: "Object Not Found" });
  });

  test("A/R lines need a Customer and A/P lines a Vendor (6000)", async () => {
    const ar = acct("Accounts Receivable (A/R)");
    const r = await post(
      je([jeLine("Debit", 5, ar), jeLine("Credit", 5, acct("Subscription Revenue"))])
    );
    expect(r.status).toBe(400);
    expect(fault(r)).toMatchObject({ code: "6000", element: "Line.JournalEntryLineDetail.Entity" });
    expect(String(at(r.json, "Fault", "Error", 0, "Detail"))).toContain("Accounts Receivable");
    const ok = await post(
      je([
        jeLine("Debit", 5, ar, {
          Entity: { Type: "Customer", EntityRef: { value: acct("customer") } },
        }),
        jeLine("Credit", 5, acct("Subscription Revenue")),
      ])
    );
    expect(ok.status).toBe(200);
    const ap = acct("Accounts Payable (A/P)");
    const noVendor = await post(
      je([jeLine("Debit", 5, acct("Hosting Costs")), jeLine("Credit", 5, ap)])
    );
    expect(fault(noVendor).code).toBe("6000");
    const vendor = await post(
      je([
        jeLine("Debit", 5, acct("Hosting Costs")),
        jeLine("Credit", 5, ap, {
          Entity: { Type: "Vendor", EntityRef: { value: acct("vendor") } },
        }),
      ])
    );
    expect(vendor.status).toBe(200);
  });

  test("6140 duplicate DocNumber only when WarnDuplicateJournalNumber is on, unless include=allowduplicatedocnum", async () => {
    const lines = [
      jeLine("Debit", 5, acct("Deferred Revenue")),
      jeLine("Credit", 5, acct("Subscription Revenue")),
    ];
    expect((await post(je(lines, { DocNumber: "RR-DUP" }))).status).toBe(200);
    expect((await post(je(lines, { DocNumber: "RR-DUP" }))).status).toBe(200);
    const prefs = (await qbo(c, "GET", "preferences")).json["Preferences"] as Obj;
    const nv = (at(prefs, "OtherPrefs", "NameValue") as Obj[]).map((x) =>
      x["Name"] === "WarnDuplicateJournalNumber" ? { ...x, Value: "true" } : x
    );
    const on = await qbo(c, "POST", "preferences", {
      SyncToken: prefs["SyncToken"],
      sparse: true,
      OtherPrefs: { NameValue: nv },
    });
    expect(on.status).toBe(200);
    const dup = await post(je(lines, { DocNumber: "RR-DUP" }));
    expect(dup.status).toBe(400);
    expect(fault(dup)).toMatchObject({ code: "6140", element: "DocNumber" });
    expect(
      (await post(je(lines, { DocNumber: "RR-DUP" }), { include: "allowduplicatedocnum" })).status
    ).toBe(200);
    expect((await post(je(lines, { DocNumber: "RR-NEW" }))).status).toBe(200);
    const off = (await qbo(c, "GET", "preferences")).json["Preferences"] as Obj;
    await qbo(c, "POST", "preferences", {
      SyncToken: off["SyncToken"],
      sparse: true,
      OtherPrefs: {
        NameValue: nv.map((x) =>
          x["Name"] === "WarnDuplicateJournalNumber" ? { ...x, Value: "false" } : x
        ),
      },
    });
  });

  test("6210 Account Period Closed on or before BookCloseDate, for create, void and delete", async () => {
    const lines = [
      jeLine("Debit", 5, acct("Deferred Revenue")),
      jeLine("Credit", 5, acct("Subscription Revenue")),
    ];
    const closed = await post(je(lines, { TxnDate: "2026-06-30" }));
    expect(closed.status).toBe(400);
    expect(fault(closed)).toMatchObject({ code: "6210", Message: "Account Period Closed" });
    expect((await post(je(lines, { TxnDate: "2026-07-01" }))).status).toBe(200);
    const old = list(
      await query(c, "select * from Invoice where TxnDate <= '2026-06-30' maxresults 1"),
      "Invoice"
    )[0] as Obj;
    const v = await qbo(
      c,
      "POST",
      "invoice",
      { Id: old["Id"], SyncToken: old["SyncToken"] },
      { operation: "void" }
    );
    expect(fault(v).code).toBe("6210");
    const d = await qbo(
      c,
      "POST",
      "invoice",
      { Id: old["Id"], SyncToken: old["SyncToken"] },
      { operation: "delete" }
    );
    expect(fault(d).code).toBe("6210");
  });

  test("6070 Amount not equal to Qty x UnitPrice; 2020 missing CustomerRef; 2290 negative invoice line", async () => {
    const line = (amount: number, qty: number, price: number): Obj => ({
      Amount: amount,
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: { ItemRef: { value: acct("item") }, Qty: qty, UnitPrice: price },
    });
    const calc = await qbo(c, "POST", "invoice", {
      CustomerRef: { value: acct("customer") },
      Line: [line(100, 3, 30)],
    });
    expect(fault(calc)).toMatchObject({ code: "6070", element: "Line.Amount" });
    const noCustomer = await qbo(c, "POST", "invoice", { Line: [line(90, 3, 30)] });
    expect(fault(noCustomer)).toMatchObject({ code: "2020", element: "CustomerRef" });
    const neg = await qbo(c, "POST", "invoice", {
      CustomerRef: { value: acct("customer") },
      Line: [line(-90, -3, 30)],
    });
    expect(fault(neg).code).toBe("2290");
    const ok = await qbo(c, "POST", "invoice", {
      CustomerRef: { value: acct("customer") },
      Line: [line(89.97, 3, 29.99)],
    });
    expect(ok.status).toBe(200);
  });

  test("an inactive customer on an invoice is 610; an unknown one 2500", async () => {
    const inactive = list(
      await query(c, "select * from Customer where Active = false"),
      "Customer"
    )[0] as Obj;
    const line = {
      Amount: 10,
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: { ItemRef: { value: acct("item") } },
    };
    expect(
      fault(
        await qbo(c, "POST", "invoice", { CustomerRef: { value: inactive["Id"] }, Line: [line] })
      ).code
    ).toBe("610");
    expect(
      fault(await qbo(c, "POST", "invoice", { CustomerRef: { value: "424242" }, Line: [line] }))
        .code
    ).toBe("2500");
  });

  test("multicurrency on: CurrencyRef required; class tracking off: ClassRef rejected", async () => {
    const prefs = (await qbo(c, "GET", "preferences")).json["Preferences"] as Obj;
    const set = await qbo(c, "POST", "preferences", {
      SyncToken: prefs["SyncToken"],
      sparse: true,
      CurrencyPrefs: { MultiCurrencyEnabled: true },
      AccountingInfoPrefs: { ClassTrackingPerTxnLine: false },
    });
    expect(set.status).toBe(200);
    const lines = [
      jeLine("Debit", 5, acct("Deferred Revenue")),
      jeLine("Credit", 5, acct("Subscription Revenue")),
    ];
    expect(fault(await post(je(lines))).code).toBe("6000");
    const cls = String(list(await query(c, "select * from Class"), "Class")[0]?.["Id"]);
    const withClass = await post(
      je(
        [
          jeLine("Debit", 5, acct("Deferred Revenue"), { ClassRef: { value: cls } }),
          jeLine("Credit", 5, acct("Subscription Revenue")),
        ],
        {
          CurrencyRef: { value: "USD" },
        }
      )
    );
    expect(fault(withClass)).toMatchObject({
      code: "6000",
      element: "Line.JournalEntryLineDetail.ClassRef",
    });
    expect((await post(je(lines, { CurrencyRef: { value: "USD" } }))).status).toBe(200);
    const back = (await qbo(c, "GET", "preferences")).json["Preferences"] as Obj;
    await qbo(c, "POST", "preferences", {
      SyncToken: back["SyncToken"],
      sparse: true,
      CurrencyPrefs: { MultiCurrencyEnabled: false },
      AccountingInfoPrefs: { ClassTrackingPerTxnLine: true },
    });
  });

  test("2010 for a property the schema does not have; 2050 for a DocNumber over 21 characters", async () => {
    const lines = [
      jeLine("Debit", 5, acct("Deferred Revenue")),
      jeLine("Credit", 5, acct("Subscription Revenue")),
    ];
    const header = await post(je(lines, { Memo: "x" }));
    expect(fault(header)).toMatchObject({ code: "2010", element: "Memo" });
    const detail = await post(
      je([jeLine("Debit", 5, acct("Deferred Revenue"), { Posting: "Debit" }), lines[1] as Obj])
    );
    expect(fault(detail)).toMatchObject({
      code: "2010",
      element: "Line.JournalEntryLineDetail.Posting",
    });
    const long = await post(je(lines, { DocNumber: "RR-2026-10-ADJUSTMENT-99" }));
    expect(fault(long)).toMatchObject({ code: "2050", element: "DocNumber" });
  });
});
