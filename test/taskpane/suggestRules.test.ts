import type { Item } from "../../src/wire";
import { invoiceSpacing, suggestRule } from "../../src/taskpane/logic/suggestRules";

const item = (name: string, extra: Partial<Item> = {}): Item => ({
  id: name,
  name,
  fullyQualifiedName: name,
  type: "Service",
  active: true,
  ...extra,
});

describe("suggestRule: each item's rule from its own evidence, with the reason", () => {
  test("a monthly subscription is earned over the one month each invoice covers", () => {
    expect(suggestRule(item("Monthly Subscription"), [])).toEqual({
      rule: { method: "monthly", termMonths: 1, startFrom: "serviceDate" },
      why: "The name says \u201cmonthly\u201d: earned over 1 month.",
    });
  });

  test("an annual subscription is earned over twelve months", () => {
    expect(suggestRule(item("Annual Subscription"), [])?.rule).toEqual({
      method: "monthly",
      termMonths: 12,
      startFrom: "serviceDate",
    });
  });

  test.each(["Implementation Services", "Training", "Setup fee", "Software License"])(
    "%s is earned when delivered, not over a year",
    (name) => {
      const s = suggestRule(item(name), [["2026-01", "2026-02"]]);
      expect(s?.rule.method).toBe("point-in-time");
      expect(s?.why).toMatch(/^The name says “[a-z-]+”: earned when delivered\.$/);
    }
  );

  test("support invoiced every three months is earned over three months, and says so", () => {
    const invoices = [
      ["2026-01", "2026-04", "2026-07"],
      ["2026-02", "2026-05"],
    ];
    expect(suggestRule(item("Premium Support"), invoices)).toEqual({
      rule: { method: "monthly", termMonths: 3, startFrom: "serviceDate" },
      why: "The name says \u201csupport\u201d: earned over the service period, invoiced every 3 months (2 customers).",
    });
  });

  test("QuickBooks' deferred revenue setting on the item, without repeat invoices, spreads over 12 months", () => {
    expect(suggestRule(item("Gold plan", { deferredRevenue: true }), [["2026-01"]])).toEqual({
      rule: { method: "monthly-from-start", termMonths: 12, startFrom: "serviceDate" },
      why: "QuickBooks marks the item\u2019s revenue as deferred; no repeat invoices, so 12 months.",
    });
  });

  test("an item named for nothing but invoiced monthly follows its invoices", () => {
    expect(suggestRule(item("Gold plan"), [["2026-01", "2026-02", "2026-03"]])).toEqual({
      rule: { method: "monthly", termMonths: 1, startFrom: "serviceDate" },
      why: "Invoiced every 1 month (1 customer): earned over that period.",
    });
  });

  test("a product is earned when delivered", () => {
    expect(suggestRule(item("Widget", { type: "NonInventory" }), [])).toEqual({
      rule: { method: "point-in-time", termMonths: 0, startFrom: "invoiceDate" },
      why: "A noninventory item: earned when delivered.",
    });
  });

  test("no evidence suggests nothing: the analyst chooses", () => {
    expect(suggestRule(item("Gold plan"), [["2026-01"]])).toBeUndefined();
  });
});

test("invoice spacing is the median gap between a customer's invoices, same-month invoices counted once", () => {
  expect(
    invoiceSpacing([
      ["2026-03", "2026-01", "2026-01", "2026-02"],
      ["2025-01", "2026-01"],
    ])
  ).toEqual({
    months: 1,
    customers: 2,
  });
  expect(invoiceSpacing([["2026-01"], []])).toBeUndefined();
});
