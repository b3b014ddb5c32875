import type { RunningSandbox } from "../../sandbox";
import { at, connect, fault, list, qbo, query, start, type Conn } from "./helpers";

describe("sandbox query language", () => {
  let sb: RunningSandbox;
  let c: Conn;
  beforeAll(async () => {
    sb = await start({ invoices: 250, seed: 7 });
    c = await connect(sb.url);
  });
  afterAll(async () => {
    await sb.close();
  });

  test("SELECT COUNT(*) returns only totalCount", async () => {
    const r = await query(c, "SELECT COUNT(*) FROM Invoice");
    expect(r.status).toBe(200);
    expect(Object.keys(r.json["QueryResponse"] as object)).toEqual(["totalCount"]);
    expect(at(r.json, "QueryResponse", "totalCount")).toBe(
      sb.sandbox.company.table("Invoice").size
    );
    expect(typeof r.json["time"]).toBe("string");
  });

  test("MAXRESULTS defaults to 100; pages walk with 1-based STARTPOSITION; maxResults is the page size", async () => {
    const total = Number(
      at((await query(c, "select count(*) from Invoice")).json, "QueryResponse", "totalCount")
    );
    const first = await query(c, "select * from Invoice");
    expect(list(first, "Invoice")).toHaveLength(100);
    expect(at(first.json, "QueryResponse", "startPosition")).toBe(1);
    const ids: string[] = [];
    for (let pos = 1; ; pos += 100) {
      const r = await query(c, `select * from Invoice startposition ${pos} maxresults 100`);
      const page = list(r, "Invoice");
      if (page.length === 0) {
        expect(r.json["QueryResponse"]).toEqual({});
        break;
      }
      expect(at(r.json, "QueryResponse", "startPosition")).toBe(pos);
      expect(at(r.json, "QueryResponse", "maxResults")).toBe(page.length);
      ids.push(...page.map((i) => String(i["Id"])));
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  test("MAXRESULTS above 1000 is a query error", async () => {
    const r = await query(c, "select * from Invoice maxresults 1001");
    expect(r.status).toBe(400);
    expect(fault(r).code).toBe("4001");
  });

  test("WHERE with =, <, >, <=, >=, IN, LIKE and AND; ORDERBY ASC/DESC", async () => {
    const all = list(await query(c, "select * from Invoice maxresults 1000"), "Invoice");
    const doc = String(all[5]?.["DocNumber"]);
    expect(
      list(await query(c, `select * from Invoice where DocNumber = '${doc}'`), "Invoice").map(
        (i) => i["DocNumber"]
      )
    ).toEqual([doc]);
    const dated = list(
      await query(
        c,
        "select * from Invoice where TxnDate >= '2026-01-01' and TxnDate < '2026-04-01' orderby TxnDate desc maxresults 1000"
      ),
      "Invoice"
    );
    const expected = all.filter(
      (i) => String(i["TxnDate"]) >= "2026-01-01" && String(i["TxnDate"]) < "2026-04-01"
    );
    expect(dated).toHaveLength(expected.length);
    const dates = dated.map((i) => String(i["TxnDate"]));
    expect([...dates].sort().reverse()).toEqual(dates);
    const gt = list(
      await query(c, "select * from Invoice where TotalAmt > 20000 maxresults 1000"),
      "Invoice"
    );
    expect(gt.every((i) => Number(i["TotalAmt"]) > 20000)).toBe(true);
    expect(gt.length).toBe(all.filter((i) => Number(i["TotalAmt"]) > 20000).length);
    const le = list(
      await query(c, "select * from Invoice where TotalAmt <= 500 maxresults 1000"),
      "Invoice"
    );
    expect(le.length).toBe(all.filter((i) => Number(i["TotalAmt"]) <= 500).length);
    const ids = [String(all[0]?.["Id"]), String(all[1]?.["Id"]), "99999"];
    const inq = list(
      await query(c, `select * from Invoice where Id in ('${ids.join("','")}')`),
      "Invoice"
    );
    expect(inq.map((i) => i["Id"])).toEqual(ids.slice(0, 2));
    const customers = list(
      await query(c, "select * from Customer where DisplayName like 'A%' orderby DisplayName"),
      "Customer"
    );
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.every((x) => String(x["DisplayName"]).startsWith("A"))).toBe(true);
    const custRef = String(at(all[0], "CustomerRef", "value"));
    const byCustomer = list(
      await query(c, `select * from Invoice where CustomerRef = '${custRef}' maxresults 1000`),
      "Invoice"
    );
    expect(byCustomer.length).toBe(
      all.filter((i) => at(i, "CustomerRef", "value") === custRef).length
    );
  });

  test("keywords and properties are case-insensitive; entity names are not", async () => {
    const r = await query(c, "select * from Account where accounttype = 'Income' ORDER BY name");
    expect(list(r, "Account").length).toBeGreaterThan(0);
    const lower = await query(c, "select * from account");
    expect(lower.status).toBe(400);
    expect(fault(lower).code).toBe("4000");
  });

  test("MetaData.LastUpdatedTime filters compare instants", async () => {
    const r = await query(
      c,
      "select * from Invoice where MetaData.LastUpdatedTime >= '2026-10-01T00:00:00-07:00' maxresults 1000"
    );
    for (const i of list(r, "Invoice")) {
      expect(Date.parse(String(at(i, "MetaData", "LastUpdatedTime")))).toBeGreaterThanOrEqual(
        Date.parse("2026-10-01T00:00:00-07:00")
      );
    }
  });

  test("OR and other unsupported syntax are 4000; non-filterable properties 4001", async () => {
    const or = await query(c, "select * from Invoice where DocNumber = '1' or DocNumber = '2'");
    expect(or.status).toBe(400);
    expect(fault(or)).toMatchObject({ code: "4000", type: "ValidationFault" });
    expect(fault(await query(c, "select Id from Invoice")).code).toBe("4000");
    const nf = await query(c, "select * from Invoice where PrivateNote = 'x'");
    expect(nf.status).toBe(400);
    expect(fault(nf).code).toBe("4001");
  });

  test("only = < > <= >= IN LIKE are operators: != and <> are parse errors (4000)", async () => {
    for (const op of ["!=", "<>"]) {
      const r = await query(c, `select * from Invoice where DocNumber ${op} '1001'`);
      expect(r.status).toBe(400);
      expect(fault(r)).toMatchObject({ code: "4000", type: "ValidationFault" });
    }
  });

  test("ORDERBY an unknown or non-filterable property is 4001, as in WHERE", async () => {
    for (const field of ["NoSuchField", "PrivateNote", "Line.Amount"]) {
      const r = await query(c, `select * from Invoice orderby ${field}`);
      expect(r.status).toBe(400);
      expect(fault(r)).toMatchObject({ code: "4001", type: "ValidationFault" });
      expect(String(at(r.json, "Fault", "Error", 0, "Detail"))).toContain(field);
    }
    const later = await query(c, "select * from Invoice orderby TxnDate desc, PrivateNote");
    expect(fault(later).code).toBe("4001");
    const ok = await query(c, "select * from Invoice orderby MetaData.LastUpdatedTime, Id");
    expect(ok.status).toBe(200);
    expect(list(ok, "Invoice")).toHaveLength(100);
  });

  test("inactive name-list records are hidden unless the query asks for them", async () => {
    const active = list(await query(c, "select * from Customer maxresults 1000"), "Customer");
    expect(active.every((x) => x["Active"] === true)).toBe(true);
    const both = list(
      await query(c, "select * from Customer where Active in (true, false) maxresults 1000"),
      "Customer"
    );
    expect(both.length).toBe(active.length + 1);
    const inactive = list(
      await query(c, "select * from Customer where Active = false"),
      "Customer"
    );
    expect(inactive.map((x) => x["DisplayName"])).toEqual(["Closed Account Co"]);
  });

  test("no match is {QueryResponse:{}}", async () => {
    const r = await query(c, "select * from Invoice where DocNumber = 'no-such'");
    expect(r.json["QueryResponse"]).toEqual({});
  });

  test("POST with application/text works like GET", async () => {
    const r = await qbo(
      c,
      "POST",
      "query",
      "select * from Item where Name = 'Annual Subscription'"
    );
    expect(r.status).toBe(200);
    expect(list(r, "Item")[0]?.["IncomeAccountRef"]).toMatchObject({ name: "Deferred Revenue" });
  });

  test("CompanyInfo and Preferences answer as one-element lists", async () => {
    expect(list(await query(c, "select * from CompanyInfo"), "CompanyInfo")).toHaveLength(1);
    const prefs = list(await query(c, "select * from Preferences"), "Preferences");
    expect(at(prefs[0], "AccountingInfoPrefs", "BookCloseDate")).toBe("2026-06-30");
  });
});
