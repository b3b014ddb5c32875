// Catch-up ranges: the entry of a period covers every month no earlier RevRec entry covered.
import { buildJournal, parseMonth } from "../../src/core";
import { ApiClient } from "../../src/taskpane/api/client";
import { PaneController } from "../../src/taskpane/controller";
import { loadBook } from "../../src/taskpane/logic/book";
import {
  catchUpText,
  closeRange,
  loggedEntries,
  rangeOfPosting,
} from "../../src/taskpane/logic/coverage";
import { MemoryWorkbook } from "../../src/workbook";
import { FakeBackend } from "./fakeBackend";
import { invoice, result } from "./fixtures";

const ORIGIN = "https://localhost:3000";

function controllerFor(backend: FakeBackend, workbook: MemoryWorkbook) {
  let token: string | undefined;
  const client = new ApiClient(ORIGIN, () => token, backend.fetch);
  return new PaneController({
    workbook,
    client,
    origin: ORIGIN,
    inOffice: false,
    now: () => new Date("2026-06-02T09:00:00Z"),
    wait: async () => undefined,
    who: () => "Dana",
    signIn: async () => {
      token = "rrs_test";
      return {
        type: "revrec-auth",
        ok: true,
        sessionToken: "rrs_test",
        realmId: "123",
        companyName: "Acme Books",
        environment: "local",
        expiresAt: "2026-07-02T09:00:00.000Z",
      };
    },
  });
}

async function synced() {
  const backend = new FakeBackend();
  // January invoices: a 1,200.00 subscription from February (12 months) and 300.00 setup in January.
  backend.syncResult = result([
    invoice("130"),
    invoice("131", { customer: { id: "25", name: "Beta" } }),
  ]);
  const workbook = new MemoryWorkbook();
  const controller = controllerFor(backend, workbook);
  await controller.init();
  await controller.connect();
  await controller.sync("full");
  return { backend, workbook, controller };
}

async function engineLines(workbook: MemoryWorkbook, from: string, to: string) {
  const loaded = loadBook(
    await workbook.readTables([
      "RevRecContracts",
      "RevRecBillings",
      "RevRecChanges",
      "RevRecProgress",
      "RevRecAccounts",
    ])
  );
  if (!loaded.schedule || !loaded.map) throw new Error("no book");
  return buildJournal(
    loaded.schedule,
    loaded.map,
    parseMonth(from) ?? 0,
    parseMonth(to) ?? 0,
    "summary"
  ).lines.map((l) => [l.account, l.posting, l.amount]);
}

async function log(workbook: MemoryWorkbook) {
  return (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
}

describe("the range an entry covers", () => {
  it("a first close catches up from the book's first month of activity, and says so", async () => {
    const { controller, workbook, backend } = await synced();
    controller.setPeriod("2026-03");
    await controller.preview();
    const c = controller.get().close;
    expect(c.range).toMatchObject({ kind: "open", from: "2026-01", to: "2026-03" });
    expect(c.preview?.from).toBe("2026-01");
    expect(c.preview?.txnDate).toBe("2026-03-31");
    // The same lines as the engine's journal for the whole range (accounts are QuickBooks ids here).
    expect(c.preview?.lines.map((l) => [l.accountName, l.posting, l.amount])).toEqual(
      await engineLines(workbook, "2026-01", "2026-03")
    );
    expect(catchUpText(c.range ?? { kind: "open", from: "", to: "" })).toContain(
      "Catch-up entry for 2026-01 to 2026-03: no earlier RevRec entry was posted"
    );
    await controller.post();
    // Dated the last day of the period, numbered after it, the range on every line and in the log.
    const entry = backend.posted.get("2026-03")?.[0];
    expect(entry?.docNumber).toBe("RR-2026-03");
    expect(entry?.txnDate).toBe("2026-03-31");
    expect(new Set(entry?.lines.map((l) => l.description))).toEqual(
      new Set(["Revenue recognition 2026-01 to 2026-03"])
    );
    expect(controller.lastPostRequest?.memo).toContain("2026-01 to 2026-03");
    const t = await log(workbook);
    expect(t?.header.slice(0, 3)).toEqual(["Period", "From", "DocNumber"]);
    expect(t?.rows[0]?.slice(0, 3)).toEqual(["2026-03", "2026-01", "RR-2026-03"]);
    // Once posted, the period shows its entry and the honest comparison: posted lines against the workbook's.
    expect(controller.get().close.range).toMatchObject({ kind: "posted", from: "2026-01" });
    expect(controller.get().close.adjustment).toEqual([]);
  });

  it("a later close starts the month after the latest posted period", async () => {
    const { controller, workbook } = await synced();
    controller.setPeriod("2026-03");
    await controller.preview();
    await controller.post();
    controller.setPeriod("2026-04");
    await controller.preview();
    expect(controller.get().close.range).toMatchObject({ kind: "open", from: "2026-04" });
    expect(controller.get().close.preview?.from).toBe("2026-04");
    // Skipping a month: May's entry also covers April.
    controller.setPeriod("2026-05");
    await controller.preview();
    const c = controller.get().close;
    expect(c.range).toMatchObject({ kind: "open", from: "2026-04", to: "2026-05" });
    expect(catchUpText(c.range ?? { kind: "open", from: "", to: "" })).toContain(
      "the latest RevRec entry, RR-2026-03, covers through 2026-03"
    );
    expect(c.preview?.lines.map((l) => [l.accountName, l.posting, l.amount])).toEqual(
      await engineLines(workbook, "2026-04", "2026-05")
    );
    await controller.post();
    expect((await log(workbook))?.rows.map((r) => r.slice(0, 3))).toEqual([
      ["2026-03", "2026-01", "RR-2026-03"],
      ["2026-05", "2026-04", "RR-2026-05"],
    ]);
  });

  it("a period an earlier catch-up entry covered shows that entry, with nothing to post", async () => {
    const { controller, backend } = await synced();
    controller.setPeriod("2026-03");
    await controller.preview();
    await controller.post();
    controller.setPeriod("2026-02");
    await controller.preview();
    const c = controller.get().close;
    expect(c.range).toMatchObject({
      kind: "covered",
      from: "2026-01",
      to: "2026-03",
      entry: { docNumber: "RR-2026-03" },
    });
    expect(c.preview).toBeUndefined();
    expect(c.coveredBy?.postings.map((p) => p.docNumber)).toEqual(["RR-2026-03"]);
    await controller.post();
    expect(backend.posted.get("2026-02")).toBeUndefined();
  });

  it("an adjustment compares against the range the original entry covered", async () => {
    const { controller, workbook, backend } = await synced();
    controller.setPeriod("2026-03");
    await controller.preview();
    await controller.post();
    await workbook.editCell("RevRecContracts", "Obligation", "inv-130-1", "Price", 2400);
    await controller.preview();
    // 1,200.00 more over 12 months from February: 200.00 more for February and March, not only March's 100.00.
    expect(
      controller.get().close.adjustment?.map((l) => [l.accountId, l.posting, l.amount])
    ).toEqual(
      [
        ["92", "Debit", 20000],
        ["79", "Credit", 20000],
      ].sort()
    );
    await controller.post();
    const a1 = backend.posted.get("2026-03")?.[1];
    expect(a1?.docNumber).toBe("RR-2026-03-A1");
    expect(a1?.lines[0]?.description).toBe("Revenue recognition 2026-01 to 2026-03 (adjustment 1)");
    const t = await log(workbook);
    expect(t?.rows[1]?.slice(0, 5)).toEqual([
      "2026-03",
      "2026-01",
      "RR-2026-03-A1",
      "101",
      "adjustment",
    ]);
    await controller.preview();
    expect(controller.get().close.adjustment).toEqual([]);
  });

  it("an entry QuickBooks has but the log missed (the log write failed) still counts as posted", async () => {
    const { controller, workbook, backend } = await synced();
    controller.setPeriod("2026-03");
    await controller.preview();
    workbook.failNextWrite = new Error("The workbook is in cell-edit mode.");
    await controller.post();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
    expect((await log(workbook))?.rows ?? []).toEqual([]);
    controller.dismissError();
    controller.setPeriod("2026-04");
    await controller.preview();
    expect(controller.get().close.range).toMatchObject({
      kind: "open",
      from: "2026-04",
      to: "2026-04",
    });
  });

  it("without the log, the ranges are read back from the entries in QuickBooks", async () => {
    const first = await synced();
    first.controller.setPeriod("2026-03");
    await first.controller.preview();
    await first.controller.post();
    // Another copy of the workbook: the same tables, no RevRecPostings.
    const tables = await first.workbook.readTables([
      "RevRecContracts",
      "RevRecBillings",
      "RevRecChanges",
      "RevRecAccounts",
    ]);
    const copy = new MemoryWorkbook([...tables.values()]);
    const controller = controllerFor(first.backend, copy);
    await controller.init();
    await controller.connect();
    controller.setPeriod("2026-02");
    await controller.preview();
    expect(controller.get().close.range).toMatchObject({
      kind: "covered",
      from: "2026-01",
      entry: { docNumber: "RR-2026-03", source: "quickbooks" },
    });
    controller.setPeriod("2026-05");
    await controller.preview();
    expect(controller.get().close.range).toMatchObject({ kind: "open", from: "2026-04" });
  });
});

describe("coverage helpers", () => {
  it("reads the log: From..Period, a legacy Period range, a single month; adjustments cover nothing new", () => {
    const entries = loggedEntries({
      name: "RevRecPostings",
      header: ["Period", "From", "DocNumber", "Kind"],
      rows: [
        ["2026-03", "2026-01", "RR-2026-03", "original"],
        ["2026-03", "2026-01", "RR-2026-03-A1", "adjustment"],
        ["2026-04..2026-05", "", "RR-2026-05", "original"],
        ["2026-06", "", "RR-2026-06", "original"],
        ["", "", "", ""],
      ],
    });
    expect(entries.map((e) => [e.docNumber, e.from, e.period])).toEqual([
      ["RR-2026-03", "2026-01", "2026-03"],
      ["RR-2026-05", "2026-04", "2026-05"],
      ["RR-2026-06", "2026-06", "2026-06"],
    ]);
  });

  it("chooses the range: first activity, after the latest, covered, posted", () => {
    const e = (docNumber: string, from: string, period: string) => ({
      docNumber,
      from,
      period,
      source: "log" as const,
    });
    expect(closeRange("2026-10", [], "2024-11")).toEqual({
      kind: "open",
      from: "2024-11",
      to: "2026-10",
    });
    // A book whose first activity is after the period: the period alone.
    expect(closeRange("2024-10", [], "2024-11")).toMatchObject({ from: "2024-10" });
    const posted = [e("RR-2026-07", "2024-11", "2026-07"), e("RR-2026-08", "2026-08", "2026-08")];
    expect(closeRange("2026-10", posted, "2024-11")).toMatchObject({
      kind: "open",
      from: "2026-09",
    });
    expect(closeRange("2026-05", posted, "2024-11")).toMatchObject({
      kind: "covered",
      entry: { docNumber: "RR-2026-07" },
    });
    expect(closeRange("2026-07", posted, "2024-11")).toMatchObject({
      kind: "posted",
      from: "2024-11",
    });
    // Months before the first entry's range that no entry covered (a legacy one-month entry) can still be closed.
    expect(closeRange("2026-07", [e("RR-2026-08", "2026-08", "2026-08")], "2024-11")).toMatchObject(
      {
        kind: "open",
        from: "2024-11",
        to: "2026-07",
      }
    );
  });

  it("reads the range from the posted lines' descriptions", () => {
    const posting = {
      docNumber: "RR-2026-10",
      adjustment: 0,
      journalEntryId: "1",
      txnDate: "2026-10-31",
      link: "",
      totals: { debits: "1.00", credits: "1.00" },
      lines: [
        {
          account: { id: "92", name: "Deferred Revenue" },
          posting: "Debit" as const,
          amount: "1.00",
          description: "Revenue recognition 2024-11 to 2026-10",
        },
      ],
    };
    expect(rangeOfPosting(posting, "2026-10")).toBe("2024-11");
    expect(rangeOfPosting(posting, "2026-09")).toBeUndefined();
  });
});
