import {
  billingMismatches,
  suggestSettings,
  validateSettings,
} from "../../src/taskpane/logic/rules";
import { ACCOUNTS, ITEMS, SETTINGS } from "./fixtures";

describe("rules and account mapping", () => {
  it("suggests the deferred revenue liability, a revenue account and a rule per item", () => {
    const s = suggestSettings(ACCOUNTS, ITEMS);
    expect(s.accounts).toMatchObject({ deferredRevenue: "92", contractAsset: "93", revenue: "79" });
    expect(s.accounts.revenueByItem).toEqual({ "5": "79", "6": "80" });
    expect(s.rules["5"]).toEqual({ method: "monthly", termMonths: 12, startFrom: "serviceDate" });
    expect(s.rules["6"]?.method).toBe("point-in-time");
    expect(validateSettings(s, ACCOUNTS)).toEqual([]);
  });

  it("says in words what is wrong with each account choice", () => {
    const bad = {
      ...SETTINGS,
      accounts: { ...SETTINGS.accounts, deferredRevenue: "35", contractAsset: "92", revenue: "" },
    };
    expect(validateSettings(bad, ACCOUNTS).map((i) => `${i.field}: ${i.message}`)).toEqual([
      "deferredRevenue: Checking is an asset account; deferred revenue must be a liability.",
      "contractAsset: Deferred Revenue is a liability account; contract asset must be an asset.",
      "revenue: Choose the revenue account.",
    ]);
  });

  it("flags inactive or vanished accounts and impossible terms", () => {
    const accounts = ACCOUNTS.map((a) => (a.id === "93" ? { ...a, active: false } : a));
    const s = {
      ...SETTINGS,
      rules: {
        ...SETTINGS.rules,
        "5": { method: "monthly", termMonths: 0, startFrom: "serviceDate" as const },
      },
      accounts: { ...SETTINGS.accounts, revenueByItem: { "6": "999" } },
    };
    expect(validateSettings(s, accounts).map((i) => i.message)).toEqual([
      "Contract Assets is inactive in QuickBooks. Choose an active account.",
      "The item's revenue account no longer exists in QuickBooks. Choose another.",
      "The term must be a whole number of months, from 1 to 600.",
    ]);
  });

  it("lists the items whose invoices QuickBooks posts to the other kind of account", () => {
    const items = [
      ...ITEMS,
      {
        id: "7",
        name: "Annual plan",
        fullyQualifiedName: "Annual plan",
        type: "Service",
        active: true,
        incomeAccount: { id: "92", name: "Deferred Revenue" },
      },
    ];
    expect(billingMismatches(SETTINGS, ACCOUNTS, items).map((i) => i.name)).toEqual([
      "SaaS Subscription",
      "Setup",
    ]);
    const toRevenue = {
      ...SETTINGS,
      accounts: { ...SETTINGS.accounts, billingsPostTo: "revenue" as const },
    };
    expect(billingMismatches(toRevenue, ACCOUNTS, items).map((i) => i.name)).toEqual([
      "Annual plan",
    ]);
  });
});
