import { CHANGES, header } from "../../src/core/tables/schema";
import { MemoryWorkbook } from "../../src/workbook";
import type { TableData } from "../../src/workbook";
import { termEnd } from "../../src/core";
import { emptyBaseline } from "../../src/taskpane/logic/baseline";
import type { Baseline } from "../../src/taskpane/logic/baseline";
import { planRules, planSync } from "../../src/taskpane/logic/tableRows";
import { creditMemo, invoice, result, SETTINGS } from "./fixtures";

const NAMES = ["RevRecContracts", "RevRecBillings", "RevRecChanges"];

async function syncInto(
  wb: MemoryWorkbook,
  r: ReturnType<typeof result>,
  baseline: Baseline,
  settings = SETTINGS
) {
  const tables = await wb.readTables(NAMES);
  const planned = planSync(r, tables, baseline, settings);
  if (!planned.ok) throw new Error(planned.message);
  await wb.applyChanges(planned.plan.changes);
  return planned.plan;
}

function col(t: TableData | undefined, key: string, column: string): unknown {
  if (!t) return undefined;
  const k = t.header.indexOf(
    t.name === "RevRecContracts" ? "Obligation" : t.name === "RevRecBillings" ? "Billing" : "Change"
  );
  const c = t.header.indexOf(column);
  return t.rows.find((r) => r[k] === key)?.[c];
}

describe("sync into the tables", () => {
  it("writes one contract row per invoice line with the item's rule, and one billing per line for its obligation", async () => {
    const wb = new MemoryWorkbook();
    const plan = await syncInto(wb, result([invoice("130")]), emptyBaseline());
    const t = await wb.readTables(NAMES);
    const contracts = t.get("RevRecContracts");
    expect(contracts?.rows).toHaveLength(2);
    expect(col(contracts, "inv-130-1", "Method")).toBe("monthly");
    expect(col(contracts, "inv-130-1", "Start")).toBe("2026-02-01");
    expect(col(contracts, "inv-130-1", "End")).toBe("2027-01-31");
    expect(col(contracts, "inv-130-2", "Method")).toBe("point-in-time");
    expect(col(contracts, "inv-130-2", "Start")).toBe("2026-01-15");
    // Each line's billing names its obligation, so the journal knows where QuickBooks posted it (by item).
    const billings = t.get("RevRecBillings");
    expect(billings?.rows).toHaveLength(2);
    expect(col(billings, "inv-130-1", "Amount")).toBe(1200);
    expect(col(billings, "inv-130-1", "Obligation")).toBe("inv-130-1");
    expect(col(billings, "inv-130-2", "Amount")).toBe(300);
    expect(col(billings, "inv-130-2", "Obligation")).toBe("inv-130-2");
    expect(col(billings, "inv-130-2", "QBO Line Id")).toBe("2");
    expect(plan.summary.find((s) => s.table === "RevRecContracts")).toMatchObject({
      added: 2,
      updated: 0,
      removed: 0,
    });
  });

  it("gives every discounted line's billing its Discount (gross − net, to the cent) and Discount Account", async () => {
    const wb = new MemoryWorkbook();
    const doc = invoice("130");
    const [sub, setup] = doc.lines;
    if (sub === undefined || setup === undefined) throw new Error("fixture lines");
    const discounted = {
      ...doc,
      lines: [
        {
          ...sub,
          amount: "1066.67",
          grossAmount: "1200.00",
          discountAccount: { id: "86", name: "Discounts given" },
        },
        {
          ...setup,
          amount: "266.66",
          grossAmount: "300.00",
          discountAccount: { id: "87", name: "" },
        },
      ],
    };
    await syncInto(wb, result([discounted, invoice("131")]), emptyBaseline());
    const billings = (await wb.readTables(NAMES)).get("RevRecBillings");
    expect(col(billings, "inv-130-1", "Amount")).toBe(1066.67);
    expect(col(billings, "inv-130-1", "Discount")).toBe(133.33);
    expect(col(billings, "inv-130-1", "Discount Account")).toBe("Discounts given");
    expect(col(billings, "inv-130-2", "Discount")).toBe(33.34);
    // No name from QuickBooks: the account's id, which the journal also accepts.
    expect(col(billings, "inv-130-2", "Discount Account")).toBe("87");
    expect(col(billings, "inv-131-1", "Discount")).toBe("");
    expect(col(billings, "inv-131-1", "Discount Account")).toBe("");
  });

  it("keeps the Method, Start, End and SSP an analyst edited, and updates the rest from QuickBooks", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([invoice("130")]), emptyBaseline());
    await wb.editCell("RevRecContracts", "Obligation", "inv-130-1", "End", 46402); // 2027-01-15 as an Excel date
    await wb.editCell("RevRecContracts", "Obligation", "inv-130-1", "SSP", 1000);
    const second = await syncInto(wb, result([invoice("130", {}, "2400.00")]), first.baseline);
    const contracts = (await wb.readTables(NAMES)).get("RevRecContracts");
    expect(col(contracts, "inv-130-1", "Price")).toBe(2400);
    expect(col(contracts, "inv-130-1", "End")).toBe(46402);
    expect(col(contracts, "inv-130-1", "SSP")).toBe(1000);
    expect(second.summary.find((s) => s.table === "RevRecContracts")).toMatchObject({
      updated: 1,
      keptEdits: 2,
    });
  });

  it("keeps an edit that a later sync's value happened to equal, and takes the sync's value once the analyst sets a cell back", async () => {
    const wb = new MemoryWorkbook();
    const moved = (serviceDate: string) => {
      const doc = invoice("130");
      const [sub] = doc.lines;
      if (sub === undefined) throw new Error("fixture lines");
      sub.serviceDate = serviceDate;
      return doc;
    };
    const first = await syncInto(wb, result([invoice("130")]), emptyBaseline());
    await wb.editCell("RevRecContracts", "Obligation", "inv-130-1", "End", "2027-02-28");
    // QuickBooks moves the service date so that the rule's End is the analyst's End, then moves it again.
    const second = await syncInto(wb, result([moved("2026-03-01")]), first.baseline);
    const third = await syncInto(wb, result([moved("2026-04-01")]), second.baseline);
    let contracts = (await wb.readTables(NAMES)).get("RevRecContracts");
    expect(col(contracts, "inv-130-1", "Start")).toBe("2026-04-01");
    expect(col(contracts, "inv-130-1", "End")).toBe("2027-02-28");
    // Set back to what the sync last wrote, the cell is the sync's again.
    await wb.editCell("RevRecContracts", "Obligation", "inv-130-1", "End", "2027-01-31");
    await syncInto(wb, result([moved("2026-05-01")]), third.baseline);
    contracts = (await wb.readTables(NAMES)).get("RevRecContracts");
    expect(col(contracts, "inv-130-1", "End")).toBe("2027-04-30");
  });

  it("does nothing on a second identical sync, even though Excel turned the dates into serials", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([invoice("130")]), emptyBaseline());
    await wb.editCell("RevRecContracts", "Obligation", "inv-130-1", "Start", 46054); // 2026-02-01, as Excel stores it
    const again = await syncInto(wb, result([invoice("130")]), first.baseline);
    expect(
      again.changes.every((c) => c.insert.length + c.update.length + c.remove.length === 0)
    ).toBe(true);
  });

  it("zeroes and flags a voided invoice, removes a deleted one, and never touches rows typed by hand", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([invoice("130"), invoice("131")]), emptyBaseline());
    await wb.applyChanges([
      {
        table: "RevRecContracts",
        sheet: "RevRec Contracts",
        header: ["Contract", "Customer", "Obligation", "Price", "Method", "Start"],
        key: "Obligation",
        insert: [["C-HAND", "Zed", "HAND-1", 99, "point-in-time", "2026-01-01"]],
        update: [],
        remove: [],
      },
    ]);
    const voided = invoice("130", { voided: true });
    const plan = await syncInto(
      wb,
      result([voided], {
        mode: "incremental",
        replace: false,
        deleted: { invoices: ["131"], creditMemos: [], salesReceipts: [], refundReceipts: [] },
      }),
      first.baseline
    );
    const t = await wb.readTables(NAMES);
    const contracts = t.get("RevRecContracts");
    expect(col(contracts, "inv-130-1", "Price")).toBe(0);
    expect(col(contracts, "inv-130-1", "Voided")).toBe(true);
    expect(col(t.get("RevRecBillings"), "inv-130-1", "Amount")).toBe(0);
    expect(col(contracts, "inv-131-1", "Price")).toBeUndefined();
    expect(col(t.get("RevRecBillings"), "inv-131-1", "Amount")).toBeUndefined();
    expect(col(contracts, "HAND-1", "Price")).toBe(99);
    expect(plan.summary.find((s) => s.table === "RevRecContracts")).toMatchObject({
      removed: 2,
      voided: 2,
    });
  });

  it("an incremental sync replaces a billing row per invoice (an earlier version's) with the invoice's lines", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([invoice("130"), invoice("131")]), emptyBaseline());
    await wb.applyChanges([
      {
        table: "RevRecBillings",
        sheet: "RevRec Billings",
        header: ["Contract", "Billing", "Date", "Amount", "Obligation", "QBO Invoice Id"],
        key: "Billing",
        insert: [["inv-130", "inv-130", "2026-01-15", 1500, "", "130"]],
        update: [],
        remove: [],
      },
    ]);
    await syncInto(
      wb,
      result([invoice("130", {}, "2400.00")], { mode: "incremental", replace: false }),
      first.baseline
    );
    const billings = (await wb.readTables(NAMES)).get("RevRecBillings");
    expect(col(billings, "inv-130", "Amount")).toBeUndefined();
    expect(col(billings, "inv-130-1", "Amount")).toBe(2400);
    expect(col(billings, "inv-131-1", "Amount")).toBe(1200);
  });

  it("matches a credit memo to the customer's obligation for the same item", async () => {
    const wb = new MemoryWorkbook();
    const cm = creditMemo("45", [
      {
        item: { id: "5", name: "SaaS Subscription" },
        amount: "100.00",
      },
    ]);
    await syncInto(wb, result([invoice("130")], { creditMemos: [cm] }), emptyBaseline());
    const changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    expect(col(changes, "cm-45-1", "Obligation")).toBe("inv-130-1");
    expect(col(changes, "cm-45-1", "Contract")).toBe("inv-130");
    expect(col(changes, "cm-45-1", "Amount")).toBe(100);
    expect(col(changes, "cm-45-1", "Type")).toBe("credit");
  });

  it("keeps a hand-matched credit's Contract with its edited Obligation when a full sync would match it elsewhere", async () => {
    const wb = new MemoryWorkbook();
    const cm = creditMemo("140", [
      { item: { id: "5", name: "SaaS Subscription" }, amount: "100.00" },
    ]);
    const first = await syncInto(
      wb,
      result([invoice("130")], { creditMemos: [cm] }),
      emptyBaseline()
    );
    // The analyst re-points the credit to the setup line of the same contract; Contract is left as it was.
    await wb.editCell("RevRecChanges", "Change", "cm-140-1", "Obligation", "inv-130-2");
    // A later invoice for the same customer and item would now be the credit's match.
    const later = invoice("132", { txnDate: "2026-03-01" });
    const [sub] = later.lines;
    if (sub === undefined) throw new Error("fixture lines");
    sub.serviceDate = "2026-03-01";
    const second = await syncInto(
      wb,
      result([invoice("130"), later], { creditMemos: [cm] }),
      first.baseline
    );
    const changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    expect(col(changes, "cm-140-1", "Obligation")).toBe("inv-130-2");
    expect(col(changes, "cm-140-1", "Contract")).toBe("inv-130");
    expect(second.summary.find((s) => s.table === "RevRecChanges")).toMatchObject({ updated: 0 });
  });

  it("matches an incremental sync's credit memo past obligations the table's credits already used up, as a full sync then does", async () => {
    const wb = new MemoryWorkbook();
    const setup = (id: string) =>
      creditMemo(id, [{ item: { id: "6", name: "Setup" }, amount: "300.00" }]);
    const first = await syncInto(
      wb,
      result([invoice("130"), invoice("131")], { creditMemos: [setup("150")] }),
      emptyBaseline()
    );
    let changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    const used = col(changes, "cm-150-1", "Obligation");
    const other = used === "inv-131-2" ? "inv-130-2" : "inv-131-2";
    // Only the new credit memo comes: the setup it would have taken is fully credited already.
    const second = await syncInto(
      wb,
      result([], { mode: "incremental", replace: false, creditMemos: [setup("151")] }),
      first.baseline
    );
    changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    expect(col(changes, "cm-151-1", "Obligation")).toBe(other);
    // A full sync of the same documents agrees, so nothing moves.
    const third = await syncInto(
      wb,
      result([invoice("130"), invoice("131")], { creditMemos: [setup("150"), setup("151")] }),
      second.baseline
    );
    changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    expect(col(changes, "cm-150-1", "Obligation")).toBe(used);
    expect(col(changes, "cm-151-1", "Obligation")).toBe(other);
    expect(third.summary.find((s) => s.table === "RevRecChanges")).toMatchObject({ updated: 0 });
  });

  it("matches an incremental sync's credit memo by QuickBooks customer id after the customer was renamed", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([invoice("130")]), emptyBaseline());
    const renamed = {
      ...creditMemo("141", [{ item: { id: "5", name: "SaaS Subscription" }, amount: "100.00" }]),
      customer: { id: "24", name: "Acme Inc" },
    };
    await syncInto(
      wb,
      result([], { mode: "incremental", replace: false, creditMemos: [renamed] }),
      first.baseline
    );
    const changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    expect(col(changes, "cm-141-1", "Obligation")).toBe("inv-130-1");
    expect(col(changes, "cm-141-1", "Contract")).toBe("inv-130");
  });

  it("gives a discounted credit memo's change row its Discount and Discount Account, adding the columns an older RevRecChanges lacks", async () => {
    // A RevRecChanges written before the Discount columns existed.
    const older = header(CHANGES).filter((c) => c !== "Discount" && c !== "Discount Account");
    const wb = new MemoryWorkbook([
      { name: "RevRecChanges", sheet: CHANGES.sheet, header: older, rows: [] },
    ]);
    const cm = creditMemo("47", [
      {
        item: { id: "5", name: "SaaS Subscription" },
        amount: "180.00",
        grossAmount: "200.00",
        discountAccount: { id: "86", name: "Discounts given" },
      },
      {
        item: { id: "6", name: "Setup" },
        amount: "50.00",
      },
    ]);
    await syncInto(wb, result([invoice("130")], { creditMemos: [cm] }), emptyBaseline());
    const changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    expect(changes?.header).toEqual([...older, "Discount", "Discount Account"]);
    expect(col(changes, "cm-47-1", "Amount")).toBe(180);
    expect(col(changes, "cm-47-1", "Discount")).toBe(20);
    expect(col(changes, "cm-47-1", "Discount Account")).toBe("Discounts given");
    expect(col(changes, "cm-47-2", "Discount")).toBe("");
    expect(col(changes, "cm-47-2", "Discount Account")).toBe("");
  });

  it("without an obligation for its item, matches a credit memo to one whose item QuickBooks posts to the same place, and keeps its own item", async () => {
    const wb = new MemoryWorkbook();
    const cm = creditMemo("46", [
      {
        item: { id: "7", name: "Training" },
        amount: "100.00",
      },
    ]);
    // The subscription (5) posts to deferred revenue, the setup (6) and the training (7) to revenue.
    const settings = {
      ...SETTINGS,
      accounts: { ...SETTINGS.accounts, billingsPostToByItem: { "6": "revenue", "7": "revenue" } },
    } satisfies typeof SETTINGS;
    await syncInto(wb, result([invoice("130")], { creditMemos: [cm] }), emptyBaseline(), settings);
    const changes = (await wb.readTables(NAMES)).get("RevRecChanges");
    // The latest-started obligation is the subscription, but QuickBooks took the credit out of revenue, as for the setup.
    expect(col(changes, "cm-46-1", "Obligation")).toBe("inv-130-2");
    // The credit memo's own item: where QuickBooks posted it, for the journal.
    expect(col(changes, "cm-46-1", "Item")).toBe("Training");
  });

  it("re-applies saved rules to synced rows but not to the ones an analyst edited", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([invoice("130"), invoice("131")]), emptyBaseline());
    await wb.editCell("RevRecContracts", "Obligation", "inv-131-1", "Method", "daily");
    const settings = {
      ...SETTINGS,
      rules: {
        ...SETTINGS.rules,
        "5": { method: "monthly", termMonths: 24, startFrom: "invoiceDate" as const },
      },
    };
    const tables = await wb.readTables(NAMES);
    const plan = planRules(tables, first.baseline, settings);
    await wb.applyChanges(plan.changes);
    const contracts = (await wb.readTables(NAMES)).get("RevRecContracts");
    expect(col(contracts, "inv-130-1", "Start")).toBe("2026-01-15");
    expect(col(contracts, "inv-130-1", "End")).toBe("2028-01-14");
    expect(col(contracts, "inv-131-1", "Method")).toBe("daily");
    expect(col(contracts, "inv-131-1", "End")).toBe("2028-01-14");
  });

  it("keeps an edit that re-applied rules happened to equal when the rules change again", async () => {
    const wb = new MemoryWorkbook();
    const first = await syncInto(wb, result([invoice("130")]), emptyBaseline());
    await wb.editCell("RevRecContracts", "Obligation", "inv-130-1", "End", "2027-07-31");
    const term = (termMonths: number) => ({
      ...SETTINGS,
      rules: {
        ...SETTINGS.rules,
        "5": { method: "monthly", termMonths, startFrom: "serviceDate" as const },
      },
    });
    let baseline = first.baseline;
    for (const months of [18, 24]) {
      const plan = planRules(await wb.readTables(NAMES), baseline, term(months));
      await wb.applyChanges(plan.changes);
      baseline = plan.baseline;
    }
    const contracts = (await wb.readTables(NAMES)).get("RevRecContracts");
    expect(col(contracts, "inv-130-1", "End")).toBe("2027-07-31");
  });
});

describe("term end dates", () => {
  it.each([
    ["2026-04-01", 12, "2027-03-31"],
    ["2026-02-01", 12, "2027-01-31"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2026-01-31", 2, "2026-03-30"],
    ["2026-03-01", 1, "2026-03-31"],
    ["2026-01-15", 1, "2026-02-14"],
    ["2024-03-01", 12, "2025-02-28"],
    ["2023-03-01", 12, "2024-02-29"],
  ])("%s plus %i months ends %s", (start, months, end) => {
    expect(termEnd(start, months)).toBe(end);
  });
});
