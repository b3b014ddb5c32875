import type { RunningSandbox } from "../../sandbox";
import { at, call, connect, fault, list, qbo, query, start, type Conn } from "./helpers";

type Obj = Record<string, unknown>;

describe("sandbox entities: create, read, update, delete, void, batch", () => {
  let sb: RunningSandbox;
  let c: Conn;
  let customer: string;
  let annual: string;
  let impl: string;
  let software: string;
  beforeAll(async () => {
    sb = await start({ invoices: 30 });
    c = await connect(sb.url);
    customer = String(
      list(await query(c, "select * from Customer maxresults 1"), "Customer")[0]?.["Id"]
    );
    annual = String(
      list(await query(c, "select * from Item where Name = 'Annual Subscription'"), "Item")[0]?.[
        "Id"
      ]
    );
    impl = String(
      list(
        await query(c, "select * from Item where Name = 'Implementation Services'"),
        "Item"
      )[0]?.["Id"]
    );
    software = String(
      list(await query(c, "select * from Class where Name = 'Software'"), "Class")[0]?.["Id"]
    );
  });
  afterAll(async () => {
    await sb.close();
  });

  const invoiceBody = (): Obj => ({
    CustomerRef: { value: customer },
    TxnDate: "2026-10-15",
    PrivateNote: "Contract C-1",
    CustomField: [
      { DefinitionId: "1", Name: "Contract #", Type: "StringType", StringValue: "C-1" },
    ],
    Line: [
      {
        Description: "Annual",
        Amount: 12000,
        DetailType: "SalesItemLineDetail",
        SalesItemLineDetail: {
          ItemRef: { value: annual },
          Qty: 1,
          UnitPrice: 12000,
          ServiceDate: "2026-11-01",
          ClassRef: { value: software },
        },
      },
      {
        Amount: 3000,
        DetailType: "SalesItemLineDetail",
        SalesItemLineDetail: { ItemRef: { value: impl }, Qty: 20, UnitPrice: 150 },
      },
      {
        DetailType: "DiscountLineDetail",
        DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 },
      },
    ],
  });

  test("invoice create: SubTotal line, discount, TotalAmt and Balance computed, names filled, strings for ids", async () => {
    const r = await qbo(c, "POST", "invoice", invoiceBody());
    expect(r.status).toBe(200);
    expect(r.headers.get("intuit_tid")).toBeTruthy();
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(String(r.json["time"])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-0[78]:00$/);
    const inv = r.json["Invoice"] as Obj;
    expect(inv).toMatchObject({
      SyncToken: "0",
      domain: "QBO",
      sparse: false,
      TotalAmt: 13500,
      Balance: 13500,
    });
    expect(typeof inv["Id"]).toBe("string");
    expect(typeof inv["DocNumber"]).toBe("string");
    expect(inv["DueDate"]).toBe("2026-11-14");
    const lines = inv["Line"] as Obj[];
    expect(lines.map((l) => l["DetailType"])).toEqual([
      "SalesItemLineDetail",
      "SalesItemLineDetail",
      "SubTotalLineDetail",
      "DiscountLineDetail",
    ]);
    expect(lines[0]).toMatchObject({
      Id: "1",
      LineNum: 1,
      SalesItemLineDetail: {
        ItemRef: { name: "Annual Subscription" },
        ClassRef: { name: "Software" },
      },
    });
    expect(lines[2]).toMatchObject({ Amount: 15000, SubTotalLineDetail: {} });
    expect(lines[3]).toMatchObject({ Amount: 1500 });
    expect(String(at(inv, "MetaData", "CreateTime"))).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]:00$/
    );
    expect(JSON.stringify(inv)).not.toContain("null");
    const read = await qbo(c, "GET", `invoice/${String(inv["Id"])}`);
    expect(read.json["Invoice"]).toEqual(inv);
  });

  test("full update clears omitted fields and bumps SyncToken; stale SyncToken is 5010", async () => {
    const inv = (await qbo(c, "POST", "invoice", invoiceBody())).json["Invoice"] as Obj;
    const body: Obj = { ...invoiceBody(), Id: inv["Id"], SyncToken: "0" };
    delete body["PrivateNote"];
    const r = await qbo(c, "POST", "invoice", body);
    expect(r.status).toBe(200);
    const upd = r.json["Invoice"] as Obj;
    expect(upd["SyncToken"]).toBe("1");
    expect(upd["PrivateNote"]).toBeUndefined();
    expect(upd["DocNumber"]).toBe(inv["DocNumber"]);
    const stale = await qbo(c, "POST", "invoice", { ...body, SyncToken: "0" });
    expect(stale.status).toBe(400);
    expect(fault(stale)).toMatchObject({
      code: "5010",
      Message: "Stale Object Error",
      type: "ValidationFault",
    });
  });

  test("sparse update changes only the fields sent; a Line array replaces all lines", async () => {
    const inv = (await qbo(c, "POST", "invoice", invoiceBody())).json["Invoice"] as Obj;
    const r1 = await qbo(c, "POST", "invoice", {
      Id: inv["Id"],
      SyncToken: "0",
      sparse: true,
      PrivateNote: "changed",
    });
    const s1 = r1.json["Invoice"] as Obj;
    expect(s1).toMatchObject({ PrivateNote: "changed", TotalAmt: 13500, SyncToken: "1" });
    expect(s1["CustomField"]).toEqual(inv["CustomField"]);
    const r2 = await qbo(c, "POST", "invoice", {
      Id: inv["Id"],
      SyncToken: "1",
      sparse: true,
      Line: [
        {
          Amount: 500,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: { ItemRef: { value: impl }, Qty: 2, UnitPrice: 250 },
        },
      ],
    });
    const s2 = r2.json["Invoice"] as Obj;
    expect(s2["TotalAmt"]).toBe(500);
    expect(
      (s2["Line"] as Obj[]).filter((l) => l["DetailType"] === "SalesItemLineDetail")
    ).toHaveLength(1);
    expect(s2["PrivateNote"]).toBe("changed");
  });

  test("operation=delete returns the Deleted stub; the invoice is gone (610)", async () => {
    const inv = (await qbo(c, "POST", "invoice", invoiceBody())).json["Invoice"] as Obj;
    const r = await qbo(
      c,
      "POST",
      "invoice",
      { Id: inv["Id"], SyncToken: "0" },
      { operation: "delete" }
    );
    expect(r.status).toBe(200);
    expect(r.json["Invoice"]).toEqual({ status: "Deleted", domain: "QBO", Id: inv["Id"] });
    const read = await qbo(c, "GET", `invoice/${String(inv["Id"])}`);
    expect(read.status).toBe(400);
    expect(fault(read).code).toBe("610");
    expect(
      list(await query(c, `select * from Invoice where Id = '${String(inv["Id"])}'`), "Invoice")
    ).toHaveLength(0);
  });

  test("operation=void zeroes amounts and Qty, drops UnitPrice, prepends Voided to PrivateNote", async () => {
    const inv = (await qbo(c, "POST", "invoice", invoiceBody())).json["Invoice"] as Obj;
    const r = await qbo(
      c,
      "POST",
      "invoice",
      { Id: inv["Id"], SyncToken: "0" },
      { operation: "void" }
    );
    expect(r.status).toBe(200);
    const v = r.json["Invoice"] as Obj;
    expect(v).toMatchObject({
      SyncToken: "1",
      TotalAmt: 0,
      Balance: 0,
      PrivateNote: "Voided - Contract C-1",
      LinkedTxn: [],
    });
    for (const l of v["Line"] as Obj[]) {
      expect(l["Amount"]).toBe(0);
      const d = l["SalesItemLineDetail"] as Obj | undefined;
      if (d) {
        expect(d["Qty"]).toBe(0);
        expect(d["UnitPrice"]).toBeUndefined();
      }
    }
    const noNote = { ...invoiceBody() };
    delete noNote["PrivateNote"];
    const inv2 = (await qbo(c, "POST", "invoice", noNote)).json["Invoice"] as Obj;
    const v2 = (
      await qbo(c, "POST", "invoice", { Id: inv2["Id"], SyncToken: "0" }, { operation: "void" })
    ).json["Invoice"] as Obj;
    expect(v2["PrivateNote"]).toBe("Voided");
    expect((await qbo(c, "GET", `invoice/${String(inv2["Id"])}`)).json["Invoice"]).toEqual(v2);
  });

  test("credit memos: positive amounts, RemainingCredit", async () => {
    const r = await qbo(c, "POST", "creditmemo", {
      CustomerRef: { value: customer },
      TxnDate: "2026-10-20",
      Line: [
        {
          Amount: 500,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: { ItemRef: { value: annual }, Qty: 1, UnitPrice: 500 },
        },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json["CreditMemo"]).toMatchObject({
      TotalAmt: 500,
      Balance: 500,
      RemainingCredit: 500,
    });
  });

  test("name lists: create, deactivate instead of delete, duplicate names (6240)", async () => {
    const r = await qbo(c, "POST", "customer", { DisplayName: "Test Customer One" });
    expect(r.status).toBe(200);
    const cust = r.json["Customer"] as Obj;
    expect(cust).toMatchObject({
      Active: true,
      FullyQualifiedName: "Test Customer One",
      SyncToken: "0",
    });
    const dup = await qbo(c, "POST", "customer", { DisplayName: "Test Customer One" });
    expect(fault(dup).code).toBe("6240");
    const del = await qbo(
      c,
      "POST",
      "customer",
      { Id: cust["Id"], SyncToken: "0" },
      { operation: "delete" }
    );
    expect(del.status).toBe(400);
    const off = await qbo(c, "POST", "customer", {
      Id: cust["Id"],
      SyncToken: "0",
      sparse: true,
      Active: false,
    });
    expect(off.json["Customer"]).toMatchObject({ Active: false, SyncToken: "1" });
    const acct = await qbo(c, "POST", "account", {
      Name: "Contract Liabilities",
      AccountType: "Other Current Liability",
    });
    expect(acct.json["Account"]).toMatchObject({
      Classification: "Liability",
      AccountSubType: "OtherCurrentLiabilities",
      CurrentBalance: 0,
    });
    for (const [path, body] of [
      ["class", { Name: "Test Class" }],
      ["department", { Name: "APAC" }],
      [
        "item",
        {
          Name: "Test Item",
          Type: "Service",
          IncomeAccountRef: { value: String(at(acct.json, "Account", "Id")) },
        },
      ],
    ] as const) {
      const x = await qbo(c, "POST", path, body);
      expect(x.status).toBe(200);
    }
  });

  test("CompanyInfo and Preferences read; Preferences sparse update", async () => {
    const info = await qbo(c, "GET", `companyinfo/${c.realmId}`);
    expect(info.json["CompanyInfo"]).toMatchObject({
      Id: c.realmId,
      CompanyName: "Cascade Cloud Software (Sandbox)",
    });
    expect(at(info.json, "CompanyInfo", "NameValue")).toContainEqual({
      Name: "OfferingSku",
      Value: "QuickBooks Online Plus",
    });
    const prefs = await qbo(c, "GET", "preferences");
    const p = prefs.json["Preferences"] as Obj;
    expect(at(p, "AccountingInfoPrefs", "ClassTrackingPerTxnLine")).toBe(true);
    expect(at(p, "CurrencyPrefs", "MultiCurrencyEnabled")).toBe(false);
    const upd = await qbo(c, "POST", "preferences", {
      SyncToken: p["SyncToken"],
      sparse: true,
      SalesFormsPrefs: { AllowShipping: true },
    });
    expect(upd.status).toBe(200);
    expect(at(upd.json, "Preferences", "SalesFormsPrefs", "AllowShipping")).toBe(true);
    expect(at(upd.json, "Preferences", "SalesFormsPrefs", "AllowServiceDate")).toBe(true);
  });

  test("batch: independent items with their own Faults; more than 30 items is 1040", async () => {
    const inv = (await qbo(c, "POST", "invoice", invoiceBody())).json["Invoice"] as Obj;
    const r = await qbo(c, "POST", "batch", {
      BatchItemRequest: [
        { bId: "q1", Query: "select count(*) from Class" },
        { bId: "c1", operation: "create", Class: { Name: "Batch Class" } },
        { bId: "c2", operation: "create", Class: { Name: "Batch Class" } },
        { bId: "v1", operation: "void", Invoice: { Id: inv["Id"], SyncToken: "0" } },
        { bId: "d1", operation: "delete", Invoice: { Id: "999999", SyncToken: "0" } },
      ],
    });
    expect(r.status).toBe(200);
    const items = r.json["BatchItemResponse"] as Obj[];
    expect(items.map((i) => i["bId"])).toEqual(["q1", "c1", "c2", "v1", "d1"]);
    expect(at(items[0], "QueryResponse", "totalCount")).toBeGreaterThan(0);
    expect(at(items[1], "Class", "Name")).toBe("Batch Class");
    expect(at(items[2], "Fault", "Error", 0, "code")).toBe("6240");
    expect(at(items[3], "Invoice", "TotalAmt")).toBe(0);
    expect(at(items[4], "Fault", "Error", 0, "code")).toBe("610");
    const many = Array.from({ length: 31 }, (_, i) => ({
      bId: `q${i}`,
      Query: "select count(*) from Class",
    }));
    const big = await qbo(c, "POST", "batch", { BatchItemRequest: many });
    expect(big.status).toBe(400);
    expect(fault(big).code).toBe("1040");
  });

  test("without Accept: application/json the API answers XML", async () => {
    const r = await call(`${c.base}/v3/company/${c.realmId}/companyinfo/${c.realmId}`, {
      headers: { authorization: `Bearer ${c.access}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/application\/xml/);
    expect(r.text).toContain("<IntuitResponse");
    expect(r.text).toContain("<CompanyName>Cascade Cloud Software (Sandbox)</CompanyName>");
    const missing = await call(`${c.base}/v3/company/${c.realmId}/invoice/999999`, {
      headers: { authorization: `Bearer ${c.access}` },
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/<Fault type="ValidationFault"><Error code="610" element="">/);
    const fmt = await call(`${c.base}/v3/company/${c.realmId}/preferences?format=json`, {
      headers: { authorization: `Bearer ${c.access}` },
    });
    expect(fmt.headers.get("content-type")).toMatch(/application\/json/);
  });

  test("minorversion below 75 is accepted", async () => {
    const r = await qbo(c, "GET", "preferences", undefined, { minorversion: "4" });
    expect(r.status).toBe(200);
  });
});
