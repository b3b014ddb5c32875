import type { RunningSandbox } from "../../sandbox";
import { admin, at, connect, fault, iso, list, qbo, query, start, type Conn } from "./helpers";

type Obj = Record<string, unknown>;

describe("sandbox change data capture", () => {
  let sb: RunningSandbox;
  let c: Conn;
  beforeAll(async () => {
    sb = await start({ invoices: 40 });
    c = await connect(sb.url);
  });
  afterAll(async () => {
    await sb.close();
  });

  const cdc = async (entities: string, since: string): Promise<ReturnType<typeof qbo>> =>
    qbo(c, "GET", "cdc", undefined, { entities, changedSince: since });
  const byEntity = (r: Awaited<ReturnType<typeof qbo>>, entity: string): Obj[] => {
    const responses = at(r.json, "CDCResponse", 0, "QueryResponse") as Obj[];
    const hit = responses.find((x) => entity in x);
    return hit ? (hit[entity] as Obj[]) : [];
  };

  test("full entities for changes, Deleted stubs for deletions, voids as full objects", async () => {
    await admin(sb.url, "POST", "clock", { advanceSeconds: 600 });
    const since = iso(Date.parse(String((await admin(sb.url, "GET", "state")).json["now"])) - 1000);
    const invoices = list(
      await query(c, "select * from Invoice where TxnDate > '2026-07-01' maxresults 3"),
      "Invoice"
    );
    const [a, b, d] = invoices as [Obj, Obj, Obj];
    await qbo(c, "POST", "invoice", {
      Id: a["Id"],
      SyncToken: a["SyncToken"],
      sparse: true,
      PrivateNote: "touched",
    });
    await qbo(
      c,
      "POST",
      "invoice",
      { Id: b["Id"], SyncToken: b["SyncToken"] },
      { operation: "void" }
    );
    await qbo(
      c,
      "POST",
      "invoice",
      { Id: d["Id"], SyncToken: d["SyncToken"] },
      { operation: "delete" }
    );
    const acct = list(
      await query(c, "select * from Account where Name = 'Deferred Revenue'"),
      "Account"
    )[0] as Obj;
    const rev = list(
      await query(c, "select * from Account where Name = 'Subscription Revenue'"),
      "Account"
    )[0] as Obj;
    const je = await qbo(c, "POST", "journalentry", {
      TxnDate: "2026-10-31",
      Line: [
        {
          Amount: 1,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: acct["Id"] } },
        },
        {
          Amount: 1,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: { PostingType: "Credit", AccountRef: { value: rev["Id"] } },
        },
      ],
    });
    expect(je.status).toBe(200);

    const r = await cdc("Invoice,JournalEntry,creditmemo", since);
    expect(r.status).toBe(200);
    expect(typeof r.json["time"]).toBe("string");
    const inv = byEntity(r, "Invoice");
    expect(inv).toHaveLength(3);
    const touched = inv.find((x) => x["Id"] === a["Id"]);
    expect(touched).toMatchObject({
      PrivateNote: "touched",
      SyncToken: String(Number(a["SyncToken"]) + 1),
    });
    expect(inv.find((x) => x["Id"] === b["Id"])).toMatchObject({ TotalAmt: 0 });
    expect(String(inv.find((x) => x["Id"] === b["Id"])?.["PrivateNote"])).toMatch(/^Voided/);
    const stub = inv.find((x) => x["Id"] === d["Id"]);
    expect(stub).toEqual({
      domain: "QBO",
      status: "Deleted",
      Id: d["Id"],
      MetaData: { LastUpdatedTime: expect.any(String) as unknown },
    });
    expect(byEntity(r, "JournalEntry")).toHaveLength(1);
    expect(byEntity(r, "CreditMemo")).toHaveLength(0);
    const responses = at(r.json, "CDCResponse", 0, "QueryResponse") as Obj[];
    expect(responses.find((x) => "Invoice" in x)).toMatchObject({
      startPosition: 1,
      maxResults: 3,
    });
  });

  test("changedSince older than 30 days is refused", async () => {
    const now = Date.parse(String((await admin(sb.url, "GET", "state")).json["now"]));
    const r = await cdc("Invoice", iso(now - 31 * 86_400_000));
    expect(r.status).toBe(400);
    expect(String(at(r.json, "Fault", "Error", 0, "Detail"))).toContain(
      "older than fixed days is not supported"
    );
    const ok = await cdc("Invoice", iso(now - 29 * 86_400_000));
    expect(ok.status).toBe(200);
  });

  test("at most 1000 objects (configurable), the oldest kept, no paging and nothing marking the cut", async () => {
    const small = await start({ invoices: 10, behaviour: { cdcMaxObjects: 2 } });
    try {
      const k = await connect(small.url);
      const since = iso(
        Date.parse(String((await admin(small.url, "GET", "state")).json["now"])) - 1000
      );
      const cust = list(
        await query(k, "select * from Customer maxresults 1"),
        "Customer"
      )[0] as Obj;
      const item = list(await query(k, "select * from Item maxresults 1"), "Item")[0] as Obj;
      const created: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        const w = await qbo(k, "POST", "invoice", {
          CustomerRef: { value: cust["Id"] },
          Line: [
            {
              Amount: 10,
              DetailType: "SalesItemLineDetail",
              SalesItemLineDetail: { ItemRef: { value: item["Id"] } },
            },
          ],
        });
        created.push(at(w.json, "Invoice", "Id"));
        await admin(small.url, "POST", "clock", { advanceSeconds: 1 });
      }
      const r = await qbo(k, "GET", "cdc", undefined, {
        entities: "Invoice",
        changedSince: since,
        startposition: "3",
      });
      expect(byEntity(r, "Invoice").map((i) => i["Id"])).toEqual(created.slice(0, 2));
      // Documented in the README: the response looks complete; only its size hints at the cut.
      expect(at(r.json, "CDCResponse", 0, "QueryResponse", 0)).toMatchObject({
        startPosition: 1,
        maxResults: 2,
        totalCount: 2,
      });
    } finally {
      await small.close();
    }
  });

  test("missing parameters are faults", async () => {
    const r = await qbo(c, "GET", "cdc", undefined, { entities: "Invoice" });
    expect(r.status).toBe(400);
    expect(fault(r).code).toBe("2020");
  });
});
