import {
  billingMismatches,
  parseSettings,
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

  it("asks for the custom field's name when grouping by one; reads back only a grouping it knows", () => {
    const s = { ...SETTINGS, grouping: { by: "customField" as const, field: "  " } };
    expect(validateSettings(s, ACCOUNTS)).toEqual([
      {
        field: "grouping",
        message:
          "Name the QuickBooks custom field to group documents by (as it is named on the invoice).",
      },
    ]);
    const saved = (grouping: unknown) =>
      parseSettings(JSON.stringify({ ...SETTINGS, grouping }))?.grouping;
    expect(saved({ by: "customField", field: "Contract #" })).toEqual({
      by: "customField",
      field: "Contract #",
    });
    expect(saved({ by: "poNumber" })).toEqual({ by: "poNumber" });
    expect(saved({ by: "customField" })).toBeUndefined();
    expect(saved({ by: "customer" })).toBeUndefined();
    expect(saved("poNumber")).toBeUndefined();
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
    expect(billingMismatches(SETTINGS, ACCOUNTS, items).map((m) => m.item.name)).toEqual([
      "SaaS Subscription",
      "Setup",
    ]);
    const toRevenue = {
      ...SETTINGS,
      accounts: { ...SETTINGS.accounts, billingsPostTo: "revenue" as const },
    };
    expect(billingMismatches(toRevenue, ACCOUNTS, items).map((m) => m.item.name)).toEqual([
      "Annual plan",
    ]);
  });

  it("sets where each item's invoices post from its QuickBooks income account, so a mixed company has no mismatch", () => {
    const annual = {
      id: "7",
      name: "Annual plan",
      fullyQualifiedName: "Annual plan",
      type: "Service",
      active: true,
      incomeAccount: { id: "92", name: "Deferred Revenue" },
    };
    const items = [...ITEMS, annual];
    const s = suggestSettings(ACCOUNTS, items);
    expect(s.accounts.billingsPostToByItem).toEqual({
      "5": "revenue",
      "6": "revenue",
      "7": "deferred",
    });
    // Two of three items post to revenue: that is the default for items without a choice.
    expect(s.accounts.billingsPostTo).toBe("revenue");
    expect(s.accounts.revenueByItem).toEqual({ "5": "79", "6": "80" });
    expect(billingMismatches(s, ACCOUNTS, items)).toEqual([]);
  });

  it("warns only about items whose own choice disagrees with QuickBooks, saying which way", () => {
    const s = {
      ...SETTINGS,
      accounts: {
        ...SETTINGS.accounts,
        billingsPostTo: "revenue" as const,
        billingsPostToByItem: { "6": "deferred" as const },
      },
    };
    expect(
      billingMismatches(s, ACCOUNTS, ITEMS).map((m) => [m.item.name, m.chosen, m.actual])
    ).toEqual([["Setup", "deferred", "revenue"]]);
  });

  it("reads settings saved before invoices could post per item", () => {
    const old = JSON.stringify({
      ...SETTINGS,
      accounts: { ...SETTINGS.accounts, billingsPostToByItem: undefined },
    });
    expect(parseSettings(old)?.accounts.billingsPostToByItem).toEqual({});
  });
});
