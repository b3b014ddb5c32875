// Go-live as the REVREC functions meet it: the goLive row of RevRecAccounts. JOURNAL covers go-live's month on, and a
// month before go-live says so; RECOGNIZED still shows the engine's figures for every month.
import { installCustomFunctions, shown } from "./excelStub";

installCustomFunctions();
// Imported after the CustomFunctions global is installed (the functions use it).
import * as F from "../../src/functions/functions";
import { store } from "../../src/functions/store";
import { accountsToRows, ACCOUNTS, type TableRows } from "../../src/core/tables";
import { contractRow, contractsTable } from "../core/tables/contractRows";

// 1200.00 monthly over 2026, 100.00 a month, never invoiced: each month's entry credits revenue and debits the asset.
const ACCOUNT_ROWS = accountsToRows({
  revenue: "Revenue",
  revenueByItem: {},
  deferredRevenue: "Deferred Revenue",
  contractAsset: "Contract Asset",
  billingsPostTo: "deferred",
}).rows;
const settings = (goLive: string | number): [string, TableRows] => [
  ACCOUNTS.name,
  { header: ["Setting", "Value"], rows: [...ACCOUNT_ROWS, ["goLive", goLive]] },
];

function load(goLive: string | number): void {
  store.loadTables(new Map([contractsTable([contractRow()]), settings(goLive)]));
}

describe("go-live in RevRecAccounts", () => {
  test("a month before go-live has no entry, and says why", async () => {
    load("2026-04");
    expect(await shown(F.journal("2026-03"))).toBe(
      "#N/A JOURNAL: 2026-03 is before go-live (2026-04): its revenue was booked outside RevRec, so RevRec has no entry for it."
    );
  });

  test("a year across go-live covers go-live's month on; RECOGNIZED keeps every month", async () => {
    load("2026-04");
    expect(await F.journal("2026")).toEqual([
      ["Account", "Debit", "Credit", "Class", "Customer"],
      ["Revenue", 0, 900, "", ""],
      ["Contract Asset", 900, 0, "", ""],
    ]);
    expect(await F.recognized([["C-1"]], "2026")).toEqual([[1200]]);
  });

  test("a date cell names its month; empty is no go-live", async () => {
    load(46113); // 2026-04-01 as Excel stores it
    expect(await shown(F.journal("2026-03"))).toMatch(/^#N\/A JOURNAL: 2026-03 is before/);
    load("");
    expect(await F.journal("2026-03")).toEqual([
      ["Account", "Debit", "Credit", "Class", "Customer"],
      ["Revenue", 0, 100, "", ""],
      ["Contract Asset", 100, 0, "", ""],
    ]);
  });

  test("a go-live that is not a month is refused with the cell", async () => {
    load("April");
    expect(await shown(F.journal("2026-04"))).toBe(
      "#VALUE! the RevRec tables cannot be read: RevRecAccounts, Value: goLive must be a month written YYYY-MM, e.g. 2026-03."
    );
  });
});
