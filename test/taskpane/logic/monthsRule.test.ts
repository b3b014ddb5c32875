// A monthly-from-start rule writes QuickBooks' count of months to the Months column, not an End date.
import { ruleColumns } from "../../../src/taskpane/logic/desiredRows";
import { SETTINGS } from "../fixtures";

const SOURCE = { item: "Gold plan", serviceDate: "2026-03-15", txnDate: "2026-03-01" };

test("monthly-from-start: Months from the term, End empty", () => {
  const settings = {
    ...SETTINGS,
    rules: {
      "Gold plan": {
        method: "monthly-from-start",
        termMonths: 12,
        startFrom: "serviceDate" as const,
      },
    },
  };
  expect(ruleColumns(settings, SOURCE)).toEqual({
    Method: "monthly-from-start",
    Start: "2026-03-15",
    End: "",
    Months: 12,
  });
});

test("monthly: an End date from the term, Months empty", () => {
  const settings = {
    ...SETTINGS,
    rules: {
      "Gold plan": { method: "monthly", termMonths: 12, startFrom: "serviceDate" as const },
    },
  };
  expect(ruleColumns(settings, SOURCE)).toEqual({
    Method: "monthly",
    Start: "2026-03-15",
    End: "2027-03-14",
    Months: "",
  });
});
