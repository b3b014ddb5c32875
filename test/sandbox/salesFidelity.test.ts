/**
 * Real QuickBooks invoices replayed into the sandbox come back as QuickBooks stores them: tax in TotalAmt and
 * Balance, a foreign currency refused while multicurrency is off, ExchangeRate 1 at home, HomeTotalAmt abroad.
 */
import type { RunningSandbox, SandboxOptions } from "../../sandbox";
import { at, connect, fault, list, qbo, query, start, type Conn, type Reply } from "./helpers";

type Obj = Record<string, unknown>;

interface Company {
  sb: RunningSandbox;
  c: Conn;
  /** the taxed invoice (see `taxed`), with `extra` header fields, posted */
  invoice: (extra?: Obj) => Promise<Reply>;
  /** the taxed document's body */
  body: (extra?: Obj) => Obj;
}

async function company(opts: SandboxOptions): Promise<Company> {
  const sb = await start({ invoices: 20, ...opts });
  const c = await connect(sb.url);
  const customer = String(
    list(await query(c, "select * from Customer maxresults 1"), "Customer")[0]?.["Id"]
  );
  const item = String(
    list(await query(c, "select * from Item where Name = 'Monthly Subscription'"), "Item")[0]?.[
      "Id"
    ]
  );
  const body = (extra: Obj = {}): Obj => taxed(customer, item, extra);
  return { sb, c, body, invoice: (extra) => qbo(c, "POST", "invoice", body(extra)) };
}

/** An 8.49 invoice with 1.11 of tax, as QuickBooks answered it (9.60 in all). */
const taxed = (customer: string, item: string, extra: Obj = {}): Obj => ({
  CustomerRef: { value: customer },
  TxnDate: "2026-10-20",
  Line: [
    {
      Amount: 8.49,
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: { ItemRef: { value: item }, Qty: 1, UnitPrice: 8.49 },
    },
  ],
  TxnTaxDetail: { TotalTax: 1.11 },
  ...extra,
});

describe("a company without multicurrency", () => {
  let sb: RunningSandbox;
  let c: Conn;
  let invoice: Company["invoice"];
  let body: Company["body"];
  beforeAll(async () => {
    ({ sb, c, invoice, body } = await company({}));
  });
  afterAll(async () => {
    await sb.close();
  });

  test("an invoice's TotalAmt and Balance include its tax, and the ledger credits the tax to a liability", async () => {
    const r = await invoice();
    expect(r.status).toBe(200);
    expect(r.json["Invoice"]).toMatchObject({
      TotalAmt: 9.6,
      Balance: 9.6,
      TxnTaxDetail: { TotalTax: 1.11 },
    });
    const id = String(at(r.json, "Invoice", "Id"));
    expect(at((await qbo(c, "GET", `invoice/${id}`)).json, "Invoice", "TotalAmt")).toBe(9.6);
    const tax = list(
      await query(c, "select * from Account where Name = 'Sales Tax Payable'"),
      "Account"
    )[0];
    expect(tax).toMatchObject({ AccountSubType: "SalesTaxPayable", CurrentBalance: 1.11 });
    const memo = await qbo(c, "POST", "creditmemo", body());
    expect(memo.json["CreditMemo"]).toMatchObject({ TotalAmt: 9.6, RemainingCredit: 9.6 });
  });

  test("a foreign CurrencyRef is refused with a validation fault", async () => {
    const r = await invoice({ CurrencyRef: { value: "CAD" } });
    expect(r.status).toBe(400);
    expect(fault(r)).toMatchObject({
      code: "6000",
      element: "CurrencyRef",
      type: "ValidationFault",
    });
    expect(at(r.json, "Fault", "Error", 0, "Detail")).toBe(
      "Business Validation Error: Multicurrency is not turned on for this company, so a transaction must be in its home currency (USD), not CAD."
    );
  });

  test("a home-currency document keeps ExchangeRate 1 whatever was sent", async () => {
    const r = await invoice({ CurrencyRef: { value: "USD" }, ExchangeRate: 1.36 });
    expect(r.status).toBe(200);
    expect(r.json["Invoice"]).toMatchObject({
      CurrencyRef: { value: "USD", name: "United States Dollar" },
      ExchangeRate: 1,
    });
    expect(at(r.json, "Invoice", "HomeTotalAmt")).toBeUndefined();
  });
});

test("the foreign-currency refusal can be switched off (foreignCurrencyWhenOff: accept)", async () => {
  const { sb, invoice } = await company({ behaviour: { foreignCurrencyWhenOff: "accept" } });
  try {
    const r = await invoice({ CurrencyRef: { value: "CAD" } });
    expect(r.status).toBe(200);
  } finally {
    await sb.close();
  }
});

test("a multicurrency company: home currency from the seed flag, foreign documents with HomeTotalAmt", async () => {
  const { sb, c, invoice } = await company({ multiCurrency: true, homeCurrency: "USD" });
  try {
    const prefs = (await qbo(c, "GET", "preferences")).json["Preferences"];
    expect(at(prefs, "CurrencyPrefs")).toEqual({
      MultiCurrencyEnabled: true,
      HomeCurrency: { value: "USD" },
    });
    const seeded = list(await query(c, "select * from Invoice maxresults 5"), "Invoice");
    expect(seeded.map((i) => at(i, "CurrencyRef", "value"))).toEqual([
      "USD",
      "USD",
      "USD",
      "USD",
      "USD",
    ]);
    expect(fault(await invoice())).toMatchObject({
      code: "6000",
      element: "CurrencyRef",
    });
    const cad = await invoice({ CurrencyRef: { value: "CAD" }, ExchangeRate: 0.73 });
    expect(cad.status).toBe(200);
    expect(cad.json["Invoice"]).toMatchObject({
      CurrencyRef: { value: "CAD", name: "Canadian Dollar" },
      ExchangeRate: 0.73,
      TotalAmt: 9.6,
      HomeTotalAmt: 7.01,
    });
  } finally {
    await sb.close();
  }
});
