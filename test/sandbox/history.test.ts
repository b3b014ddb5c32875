import type { RunningSandbox } from "../../sandbox";
import { at, connect, fault, list, qbo, query, start, type Conn } from "./helpers";

type Obj = Record<string, unknown>;

describe("the sandbox company with history", () => {
  let sb: RunningSandbox;
  let c: Conn;
  beforeAll(async () => {
    sb = await start({ company: "history" });
    c = await connect(sb.url);
  });
  afterAll(async () => {
    await sb.close();
  });

  const trial = async (end: string): Promise<Map<string, [string, string]>> => {
    const r = await qbo(c, "GET", "reports/TrialBalance", undefined, { end_date: end });
    const out = new Map<string, [string, string]>();
    for (const row of at(r.json, "Rows", "Row") as Obj[]) {
      const cols = (row["ColData"] ?? at(row, "Summary", "ColData")) as { value: string }[];
      out.set(String(cols[0]?.value), [String(cols[1]?.value), String(cols[2]?.value)]);
    }
    return out;
  };

  test("three yearly invoices share PO number 4500 and a customer; card sales and a refund; books closed through March 2026", async () => {
    const info = await qbo(c, "GET", `companyinfo/${c.realmId}`);
    expect(at(info.json, "CompanyInfo", "CompanyName")).toBe("Harbor Lane Software (with history)");
    const invoices = list(await query(c, "select * from Invoice"), "Invoice");
    expect(invoices).toHaveLength(5);
    const onPo = invoices.filter((i) => at(i, "CustomField", 0, "StringValue") === "4500");
    expect(onPo.map((i) => [i["TxnDate"], i["TotalAmt"], at(i, "CustomerRef", "value")])).toEqual([
      ["2024-03-25", 13500, at(onPo[0], "CustomerRef", "value")],
      ["2025-03-25", 12000, at(onPo[0], "CustomerRef", "value")],
      ["2026-03-25", 12000, at(onPo[0], "CustomerRef", "value")],
    ]);
    const corrected = invoices.find((i) => i["TxnDate"] === "2026-05-12") ?? {};
    expect([corrected["TotalAmt"], corrected["SyncToken"]]).toEqual([1200, "1"]);
    expect(list(await query(c, "select * from SalesReceipt"), "SalesReceipt")).toHaveLength(2);
    expect(list(await query(c, "select * from RefundReceipt"), "RefundReceipt")).toHaveLength(1);
    const prefs = await qbo(c, "GET", "preferences");
    expect(at(prefs.json, "Preferences", "AccountingInfoPrefs", "BookCloseDate")).toBe(
      "2026-03-31"
    );
    const march = onPo[2] ?? {};
    const late = await qbo(c, "POST", "invoice", {
      Id: march["Id"],
      SyncToken: march["SyncToken"],
      sparse: true,
      PrivateNote: "another correction",
    });
    expect(fault(late).code).toBe("6210");
  });

  test("manual deferral entries each month to March 2026 hold what the bookkeeper deferred, nothing after", async () => {
    const jes = list(await query(c, "select * from JournalEntry maxresults 1000"), "JournalEntry");
    expect(jes.length).toBeGreaterThan(0);
    expect(jes.every((j) => String(j["TxnDate"]) <= "2026-03-31")).toBe(true);
    expect(jes.every((j) => String(j["DocNumber"]).startsWith("DEF-"))).toBe(true);
    // At the end of March 2026: the 2026 year of PO-4500 (12,000.00, from April) whole, and half of Lumen's
    // 6,000.00 (October to March: 6 of 12 months earned); the 2024 and 2025 years are earned.
    expect((await trial("2026-03-31")).get("Deferred Revenue")).toEqual(["", "15000.00"]);
    expect((await trial("2026-10-31")).get("Deferred Revenue")).toEqual(["", "15000.00"]);
  });
});
