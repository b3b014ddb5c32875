import type { RunningSandbox } from "../../sandbox";
import {
  admin,
  at,
  connect,
  fault,
  firstCustomer,
  idsByName,
  iso,
  list,
  qbo,
  query,
  start,
  type Conn,
} from "./helpers";

type Obj = Record<string, unknown>;

describe("sandbox sales and refund receipts: create, read, query, CDC, void, delete, ledger", () => {
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

  const balanceOf = async (name: string): Promise<number> => {
    const found = list(
      await query(c, `select * from Account where Name = '${name}'`),
      "Account"
    )[0];
    return Number(found?.["CurrentBalance"] ?? 0);
  };
  const line = (itemName: string, amount: number): Obj => ({
    Amount: amount,
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: {
      ItemRef: { value: item[itemName] },
      Qty: 1,
      UnitPrice: amount,
      ServiceDate: "2026-08-01",
    },
  });

  test("a sales receipt debits Undeposited Funds (not A/R) and credits each line's item account", async () => {
    const r = await qbo(c, "POST", "salesreceipt", {
      CustomerRef: { value: customer },
      TxnDate: "2026-08-10",
      PaymentRefNum: "ch_1",
      Line: [line("Annual Subscription", 1200), line("Training", 300)],
    });
    expect(r.status).toBe(200);
    const sr = r.json["SalesReceipt"] as Obj;
    expect(sr["TotalAmt"]).toBe(1500);
    expect(sr["Balance"]).toBe(0);
    expect(sr["DocNumber"]).toBe("1001");
    expect(at(sr, "DepositToAccountRef", "name")).toBe("Undeposited Funds");
    expect(await balanceOf("Undeposited Funds")).toBe(1500);
    expect(await balanceOf("Accounts Receivable (A/R)")).toBe(0);
    expect(await balanceOf("Deferred Revenue")).toBe(1200);
    expect(await balanceOf("Services Revenue")).toBe(300);
    const read = await qbo(c, "GET", `salesreceipt/${String(sr["Id"])}`);
    expect(at(read.json, "SalesReceipt", "TotalAmt")).toBe(1500);
  });

  test("a refund receipt credits its DepositToAccountRef and debits the items' accounts; it requires the account", async () => {
    const missing = await qbo(c, "POST", "refundreceipt", {
      CustomerRef: { value: customer },
      TxnDate: "2026-08-20",
      Line: [line("Annual Subscription", 200)],
    });
    expect(missing.status).toBe(400);
    expect(fault(missing).element).toBe("DepositToAccountRef");
    const r = await qbo(c, "POST", "refundreceipt", {
      CustomerRef: { value: customer },
      TxnDate: "2026-08-20",
      DepositToAccountRef: { value: acct["Checking"] },
      Line: [line("Annual Subscription", 200)],
    });
    expect(r.status).toBe(200);
    expect(at(r.json, "RefundReceipt", "TotalAmt")).toBe(200);
    expect(await balanceOf("Checking")).toBe(-200);
    expect(await balanceOf("Deferred Revenue")).toBe(1000);
    expect(await balanceOf("Accounts Receivable (A/R)")).toBe(0);
  });

  test("a sales receipt deposited to Checking; query pages; void by update&include=void; delete", async () => {
    const made: Obj[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await qbo(c, "POST", "salesreceipt", {
        CustomerRef: { value: customer },
        TxnDate: `2026-09-0${i + 1}`,
        DepositToAccountRef: { value: acct["Checking"] },
        Line: [line("Monthly Subscription", 100)],
      });
      made.push(r.json["SalesReceipt"] as Obj);
    }
    expect(await balanceOf("Checking")).toBe(100);
    const page2 = list(
      await query(c, "select * from SalesReceipt orderby Id startposition 2 maxresults 2"),
      "SalesReceipt"
    );
    expect(page2.map((x) => x["Id"])).toEqual([made[0]?.["Id"], made[1]?.["Id"]]);
    const count = await query(c, "select count(*) from SalesReceipt");
    expect(at(count.json, "QueryResponse", "totalCount")).toBe(4);

    const [a, b] = made as [Obj, Obj];
    const v = await qbo(
      c,
      "POST",
      "salesreceipt",
      { Id: a["Id"], SyncToken: "0", sparse: true },
      { operation: "update", include: "void" }
    );
    expect(v.status).toBe(200);
    const voided = v.json["SalesReceipt"] as Obj;
    expect(voided["TotalAmt"]).toBe(0);
    expect(voided["PrivateNote"]).toBe("Voided");
    expect(voided["SyncToken"]).toBe("1");
    expect(await balanceOf("Checking")).toBe(0);

    const d = await qbo(
      c,
      "POST",
      "salesreceipt",
      { Id: b["Id"], SyncToken: "0" },
      { operation: "delete" }
    );
    expect(at(d.json, "SalesReceipt", "status")).toBe("Deleted");
    expect(await balanceOf("Checking")).toBe(-100);
    const gone = await qbo(c, "GET", `salesreceipt/${String(b["Id"])}`);
    expect(fault(gone).code).toBe("610");
  });

  test("a refund receipt cannot be voided (QuickBooks documents no void for it)", async () => {
    const rr = list(await query(c, "select * from RefundReceipt"), "RefundReceipt")[0] ?? {};
    const r = await qbo(
      c,
      "POST",
      "refundreceipt",
      { Id: rr["Id"], SyncToken: rr["SyncToken"], sparse: true },
      { operation: "update", include: "void" }
    );
    expect(r.status).toBe(400);
    expect(fault(r).Message).toBe("Unsupported Operation");
  });

  test("CDC brings changed receipts whole and deleted ones as stubs", async () => {
    await admin(sb.url, "POST", "clock", { advanceSeconds: 600 });
    const since = iso(Date.parse(String((await admin(sb.url, "GET", "state")).json["now"])) - 1000);
    const sr = (
      await qbo(c, "POST", "salesreceipt", {
        CustomerRef: { value: customer },
        TxnDate: "2026-10-01",
        Line: [line("Monthly Subscription", 100)],
      })
    ).json["SalesReceipt"] as Obj;
    const rr = list(await query(c, "select * from RefundReceipt"), "RefundReceipt")[0] ?? {};
    await qbo(
      c,
      "POST",
      "refundreceipt",
      { Id: rr["Id"], SyncToken: rr["SyncToken"] },
      { operation: "delete" }
    );
    const r = await qbo(c, "GET", "cdc", undefined, {
      entities: "SalesReceipt,RefundReceipt",
      changedSince: since,
    });
    const responses = at(r.json, "CDCResponse", 0, "QueryResponse") as Obj[];
    const of = (e: string): Obj[] =>
      (responses.find((x) => e in x)?.[e] as Obj[] | undefined) ?? [];
    expect(of("SalesReceipt").map((x) => [x["Id"], x["TotalAmt"]])).toEqual([[sr["Id"], 100]]);
    expect(of("RefundReceipt")).toEqual([
      expect.objectContaining({ Id: rr["Id"], status: "Deleted" }),
    ]);
  });
});

describe("sandbox demo company's receipts", () => {
  test("card sales as sales receipts and one refund receipt; the ledger still balances", async () => {
    const sb = await start({ invoices: 200 });
    try {
      const c = await connect(sb.url);
      const srs = list(await query(c, "select * from SalesReceipt"), "SalesReceipt");
      const rrs = list(await query(c, "select * from RefundReceipt"), "RefundReceipt");
      expect(srs).toHaveLength(5);
      expect(rrs).toHaveLength(1);
      expect(at(srs[0], "DepositToAccountRef", "name")).toBe("Checking");
      expect(at(srs[1], "DepositToAccountRef", "name")).toBe("Undeposited Funds");
      const deposited = srs.reduce((a, x) => a + Number(x["TotalAmt"]), 0);
      const undeposited = list(
        await query(c, "select * from Account where Name = 'Undeposited Funds'"),
        "Account"
      )[0];
      expect(Number(undeposited?.["CurrentBalance"])).toBe(
        deposited - Number(srs[0]?.["TotalAmt"])
      );
      expect(rrs[0]?.["TotalAmt"]).toBe(600);
      const tb = await qbo(c, "GET", "reports/TrialBalance", undefined, {
        end_date: "2026-12-31",
      });
      const rows = at(tb.json, "Rows", "Row") as Obj[];
      const total = at(rows[rows.length - 1], "Summary", "ColData") as { value: string }[];
      expect(total[1]?.value).toBe(total[2]?.value);
    } finally {
      await sb.close();
    }
  });
});
