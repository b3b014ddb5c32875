import type { RunningSandbox } from "../../sandbox";
import { admin, at, connect, list, query, start, type Conn } from "./helpers";

type Obj = Record<string, unknown>;

async function all(c: Conn, entity: string): Promise<Obj[]> {
  const out: Obj[] = [];
  for (let pos = 1; ; pos += 1000) {
    const page = list(
      await query(c, `select * from ${entity} startposition ${pos} maxresults 1000`),
      entity
    );
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

describe("sandbox demo company", () => {
  let a: RunningSandbox;
  let b: RunningSandbox;
  let d: RunningSandbox;
  beforeAll(async () => {
    a = await start({ seed: 11, invoices: 400 });
    b = await start({ seed: 11, invoices: 400 });
    d = await start({ seed: 12, invoices: 400 });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), d.close()]);
  });

  test("is deterministic from the seed", async () => {
    const [ca, cb, cd] = await Promise.all([connect(a.url), connect(b.url), connect(d.url)]);
    const ia = await all(ca, "Invoice");
    expect(await all(cb, "Invoice")).toEqual(ia);
    expect(await all(cd, "Invoice")).not.toEqual(ia);
    expect(await all(cb, "CreditMemo")).toEqual(await all(ca, "CreditMemo"));
  });

  test("has the chart of accounts, items, classes and closing date the add-in needs", async () => {
    const c = await connect(a.url);
    const deferred = list(
      await query(c, "select * from Account where Name = 'Deferred Revenue'"),
      "Account"
    )[0];
    expect(deferred).toMatchObject({
      AccountType: "Other Current Liability",
      Classification: "Liability",
    });
    const items = list(await query(c, "select * from Item"), "Item");
    const income = (name: string): unknown =>
      at(
        items.find((i) => i["Name"] === name),
        "IncomeAccountRef",
        "name"
      );
    expect(income("Annual Subscription")).toBe("Deferred Revenue");
    expect(income("Premium Support")).toBe("Deferred Revenue");
    expect(income("Monthly Subscription")).toBe("Subscription Revenue");
    expect(income("Implementation Services")).toBe("Services Revenue");
    expect(list(await query(c, "select * from Class"), "Class").map((x) => x["Name"])).toEqual([
      "Software",
      "Services",
      "Partner Channel",
    ]);
    expect(list(await query(c, "select * from Department"), "Department")).toHaveLength(2);
    const prefs = list(await query(c, "select * from Preferences"), "Preferences")[0];
    expect(at(prefs, "AccountingInfoPrefs", "BookCloseDate")).toBe("2026-06-30");
  });

  test("two years of invoices with service dates, bundles, discounts, credit memos, voids and deletions", async () => {
    const c = await connect(a.url);
    const invoices = await all(c, "Invoice");
    const dates = invoices.map((i) => String(i["TxnDate"])).sort();
    const [firstDate, lastDate] = [dates[0] ?? "", dates[dates.length - 1] ?? ""];
    expect(firstDate >= "2024-11-01" && firstDate < "2025-01-01").toBe(true);
    expect(lastDate <= "2026-10-31" && lastDate > "2026-09-01").toBe(true);
    const lines = invoices.flatMap((i) => i["Line"] as Obj[]);
    const sales = lines.filter((l) => l["DetailType"] === "SalesItemLineDetail");
    const dated = (l: Obj): boolean =>
      typeof at(l, "SalesItemLineDetail", "ServiceDate") === "string";
    const training = (l: Obj): boolean =>
      at(l, "SalesItemLineDetail", "ItemRef", "name") === "Training";
    expect(sales.filter((l) => !training(l)).every(dated)).toBe(true);
    expect(sales.filter(training).some(dated)).toBe(false);
    const names = new Set(sales.map((l) => at(l, "SalesItemLineDetail", "ItemRef", "name")));
    expect([...names].sort()).toEqual([
      "Annual Subscription",
      "Implementation Services",
      "Monthly Subscription",
      "Premium Support",
      "Training",
    ]);
    expect(lines.some((l) => l["DetailType"] === "DiscountLineDetail")).toBe(true);
    expect(
      invoices.some(
        (i) =>
          (i["Line"] as Obj[]).filter((l) => l["DetailType"] === "SalesItemLineDetail").length >= 3
      )
    ).toBe(true);
    expect(invoices.every((i) => at(i, "CustomField", 0, "Name") === "Contract #")).toBe(true);
    const locations = new Set(invoices.map((i) => at(i, "DepartmentRef", "name")));
    expect([...locations].sort()).toEqual(["EMEA", "US"]);
    const voided = invoices.filter((i) => String(i["PrivateNote"]).startsWith("Voided"));
    expect(voided.length).toBeGreaterThan(0);
    expect(voided.every((i) => i["TotalAmt"] === 0)).toBe(true);
    const memos = await all(c, "CreditMemo");
    expect(memos.length).toBe(20);
    // Every other credit memo is discounted 10%, posted to the company's discount account.
    const discounted = memos.filter((m) =>
      (m["Line"] as Obj[]).some((l) => l["DetailType"] === "DiscountLineDetail")
    );
    expect(discounted).toHaveLength(10);
    for (const m of discounted) {
      const lines = m["Line"] as Obj[];
      const gross = Number(
        lines.find((l) => l["DetailType"] === "SalesItemLineDetail")?.["Amount"]
      );
      const discount = lines.find((l) => l["DetailType"] === "DiscountLineDetail");
      expect(discount?.["Amount"]).toBe(gross / 10);
      expect(at(discount, "DiscountLineDetail", "DiscountAccountRef", "name")).toBe(
        "Discounts Given"
      );
      expect(m["TotalAmt"]).toBe(gross - gross / 10);
    }
    const state = (await admin(a.url, "GET", "state")).json;
    expect(Number(state["deletions"])).toBeGreaterThan(0);
    expect(invoices.length + Number(state["deletions"])).toBe(400);
  });

  test("--invoices 10000 seeds ten thousand invoices", async () => {
    const big = await start({ invoices: 10000 });
    try {
      const c = await connect(big.url);
      const n = Number(
        at((await query(c, "select count(*) from Invoice")).json, "QueryResponse", "totalCount")
      );
      const deleted = Number((await admin(big.url, "GET", "state")).json["deletions"]);
      expect(n + deleted).toBe(10000);
    } finally {
      await big.close();
    }
  });
});
