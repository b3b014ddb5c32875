import { MemoryWorkbook } from "../../src/workbook";
import { FUNCTION_TABLES } from "../../src/core/tables";
import { asOf as asOfCell } from "../../src/functions/disclosures";
import { BookStore } from "../../src/functions/store";
import { ApiClient } from "../../src/taskpane/api/client";
import { PaneController } from "../../src/taskpane/controller";
import { unconfirmedItems, unconfirmedMessage } from "../../src/taskpane/logic/ruleConfirmation";
import { FakeBackend } from "./fakeBackend";
import { invoice, result } from "./fixtures";

const ORIGIN = "https://localhost:3000";

/** An Excel without table events (older builds): the pane must not rely on them. */
class NoEventsWorkbook extends MemoryWorkbook {
  override async onTablesChanged(): Promise<() => Promise<void>> {
    throw Object.assign(new Error("This API is not supported."), { code: "ApiNotFound" });
  }
}

/** An error as Office.js rejects a batch with: a message and Excel's error code. */
function excelError(code: string): Error {
  return Object.assign(new Error(`Office.js says ${code}`), { code, name: "RichApi.Error" });
}

/** Lets pending promise callbacks (a table event's handler) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

function setup(workbook: MemoryWorkbook = new MemoryWorkbook()) {
  const backend = new FakeBackend();
  backend.syncResult = result([
    invoice("130"),
    invoice("131", { customer: { id: "25", name: "Beta" } }),
  ]);
  let token: string | undefined;
  const client = new ApiClient(ORIGIN, () => token, backend.fetch);
  const controller = new PaneController({
    workbook,
    client,
    origin: ORIGIN,
    inOffice: false,
    now: () => new Date("2026-04-02T09:00:00Z"),
    wait: async () => undefined,
    who: () => "Dana (controller)",
    signIn: async (url) => {
      expect(url).toBe(`${ORIGIN}/auth/qbo/start?ticket=1.ticket.sig`);
      token = "rrs_test";
      return {
        type: "revrec-auth",
        ok: true,
        sessionToken: "rrs_test",
        realmId: "123",
        companyName: "Acme Books",
        environment: "local",
        expiresAt: "2026-05-02T09:00:00.000Z",
      };
    },
  });
  return { backend, workbook, controller };
}

/** The preview was taken off the screen because the tables changed since it was computed. */
function expectPreviewOutdated(controller: PaneController): void {
  expect(controller.get().close.preview).toBeUndefined();
  expect(controller.get().close.outdated).toBe(
    "The tables changed since the preview; preview again."
  );
}

async function connectedAndSynced(workbook?: MemoryWorkbook) {
  const s = setup(workbook);
  await s.controller.init();
  await s.controller.connect();
  await s.controller.sync("full");
  return s;
}

describe("the pane's controller", () => {
  it("connects, shows the company and QuickBooks' warnings", async () => {
    const { controller } = setup();
    await controller.init();
    await controller.connect();
    const s = controller.get();
    expect(s.session?.companyName).toBe("Acme Books");
    expect(s.status?.warnings.map((w) => w.code)).toEqual(["qbo_revenue_recognition_on"]);
    expect(s.settings?.accounts.deferredRevenue).toBe("92");
    expect(s.error).toBeUndefined();
  });

  it("syncs into the tables, with progress and a summary, and writes the account mapping", async () => {
    const { controller, workbook } = setup();
    await controller.init();
    await controller.connect();
    const seen: number[] = [];
    controller.subscribe(() => {
      const p = controller.get().sync.progress;
      if (p) seen.push(p.pagesDone);
    });
    await controller.sync("full");
    const tables = await workbook.readTables([
      "RevRecContracts",
      "RevRecBillings",
      "RevRecAccounts",
    ]);
    expect(tables.get("RevRecContracts")?.rows).toHaveLength(4);
    expect(tables.get("RevRecBillings")?.rows).toHaveLength(4);
    expect(tables.get("RevRecAccounts")?.rows).toContainEqual([
      "deferredRevenue",
      "Deferred Revenue",
    ]);
    expect(seen).toContain(1);
    expect(controller.get().notice).toContain("Sync finished. Contract rows: 4 added");
    expect(workbook.recalculations).toBe(1);
  });

  it("records each sync's time in RevRecAccounts, where REVREC.ASOF reads it and the mapping passes it over", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    const asOf = async (): Promise<unknown> => {
      const store = new BookStore();
      store.loadTables(await workbook.readTables(FUNCTION_TABLES));
      expect(store.state.accountsProblem).toBeUndefined();
      return asOfCell(store)[0]?.[0];
    };
    // 2026-03-02 is Excel's day 46083; 10:00 UTC is 10/24 of it.
    expect(await asOf()).toBeCloseTo(46083 + 10 / 24, 9);
    expect(await controller.saveSettings()).toBe(true);
    backend.syncResult = result([invoice("130")], { syncedAt: "2026-04-01T06:00:00.000Z" });
    await controller.sync("incremental");
    expect(controller.get().error).toBeUndefined();
    expect(await asOf()).toBeCloseTo(46113 + 6 / 24, 9);
    const accounts = (await workbook.readTables(["RevRecAccounts"])).get("RevRecAccounts");
    expect(accounts?.rows.filter((r) => r[0] === "lastSync")).toEqual([
      ["lastSync", "2026-04-01T06:00:00.000Z"],
    ]);
  });

  it("adds the Disclosures sheet for a year: live formulas, with what they evaluate to outside Excel", async () => {
    const { controller, workbook } = await connectedAndSynced();
    await controller.addDisclosures("2026");
    expect(controller.get().error).toBeUndefined();
    expect(controller.get().notice).toBe(
      "Added the Disclosures sheet for 2026. Its figures are REVREC formulas and stay up to date."
    );
    const sheet = workbook.reportSheets().find((r) => r.sheet === "Disclosures");
    const line = (name: string) => {
      const i = sheet?.table.rows.findIndex((r) => r[1] === name) ?? -1;
      return [sheet?.table.rows[i]?.[2], sheet?.table.values?.[i]?.[2]];
    };
    // Two customers, each a 300 setup in January and a 1,200 subscription over 12 months from February.
    expect(line("At the end of 2026")).toEqual(['=REVREC.RPO("*","2026")', 200]);
    expect(line("Within 12 months")).toEqual(['=REVREC.RPO("*","2026",12)', 200]);
    expect(line("Later")).toEqual(['=REVREC.RPO("*","2026")-REVREC.RPO("*","2026",12)', 0]);
    expect(line("Total recognized")).toEqual(['=REVREC.RECOGNIZED("*","2026")', 2800]);
    expect(line("Closing deferred revenue")).toEqual([
      '=INDEX(REVREC.ROLLFORWARD("2026"),2,8)',
      200,
    ]);
    expect(line("Last sync from QuickBooks (UTC)")[1]).toBe("2026-03-02 10:00");
    expect(sheet?.spills?.map((s) => [s.formula, s.values?.at(-1)])).toEqual([
      ['=REVREC.DISAGGREGATE("item","2026")', ["Total", 2800]],
      ['=REVREC.DISAGGREGATE("timing","2026")', ["Total", 2800]],
    ]);
  });

  it("names a year it cannot read and adds no sheet", async () => {
    const { controller, workbook } = await connectedAndSynced();
    for (const typed of ["26", "2026-03", "0999", ""]) {
      await controller.addDisclosures(typed);
      expect(controller.get().error).toEqual({
        message:
          "The disclosures' year is not valid: Enter a year as YYYY, from 1900 to 9999 (for example 2026).",
        action: "Correct the year on the Reports tab, then add the disclosures again.",
      });
    }
    expect(workbook.reportSheets()).toEqual([]);
  });

  it("leaves the tables as they were when the sync fails, is cancelled, or cannot be written", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    const before = await workbook.readTables(["RevRecContracts", "RevRecBillings"]);
    backend.syncResult = result([invoice("130", {}, "9999.00")]);

    backend.syncFails = {
      code: "qbo_unavailable",
      message: "QuickBooks kept failing.",
      action: "Try again in a few minutes.",
    };
    await controller.sync("full");
    expect(controller.get().error).toMatchObject({
      message: "QuickBooks kept failing.",
      action: "Try again in a few minutes.",
    });
    backend.syncFails = undefined;

    backend.pollsBeforeDone = 5;
    const running = controller.sync("full");
    controller.cancelSync();
    await running;
    expect(controller.get().error?.message).toContain("cancelled");

    backend.pollsBeforeDone = 1;
    const baseline = await workbook.readSetting("RevRec.SyncBaseline");
    workbook.failNextWrite = excelError("InvalidOperationInCellEditMode");
    await controller.sync("full");
    expect(controller.get().error).toMatchObject({
      message: "Could not write the tables: Excel is busy editing a cell (cell-edit mode).",
      action: "Press Enter or Esc in Excel to finish editing the cell, then try again.",
    });

    expect(await workbook.readTables(["RevRecContracts", "RevRecBillings"])).toEqual(before);
    // The baseline goes in the same batch as the tables: it still describes what the tables hold.
    expect(await workbook.readSetting("RevRec.SyncBaseline")).toBe(baseline);
  });

  it("cannot be cancelled once it writes the tables: Cancel then has nothing left to stop", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    backend.syncResult = result([invoice("130"), invoice("132")]);
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const apply = workbook.applyChanges.bind(workbook);
    workbook.applyChanges = async (changes, settings) => {
      await gate;
      return apply(changes, settings);
    };
    const running = controller.sync("full");
    while (controller.get().sync.progress?.phase !== "writing") await settle();
    controller.cancelSync();
    expect(controller.get().sync.cancelling).toBe(false);
    release();
    await running;
    expect(controller.get().error).toBeUndefined();
    expect(controller.get().notice).toContain("Sync finished");
  });

  it("keeps the documents left out in another currency in the workbook's baseline, for the Sync and Close tabs", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    const cadInvoice = {
      kind: "invoice" as const,
      qboId: "900",
      docNumber: "CA-900",
      customer: { id: "9", name: "Maple Ltd" },
      txnDate: "2026-03-01",
      reason: "foreignCurrency" as const,
      message: "Invoice CA-900 is in CAD.",
      currency: "CAD",
      total: "9.60",
      homeTotal: "7.01",
    };
    backend.syncResult = result([invoice("130")], { leftOut: [cadInvoice] });
    await controller.sync("full");
    expect(controller.get().sync.leftOut).toEqual({ "invoice-900": cadInvoice });
    const baseline = JSON.parse((await workbook.readSetting("RevRec.SyncBaseline")) ?? "{}") as {
      leftOut?: unknown;
    };
    expect(baseline.leftOut).toEqual({ "invoice-900": cadInvoice });
  });

  it("refuses to save a deferred revenue account that is not a liability", async () => {
    const { controller, workbook } = await connectedAndSynced();
    const s = controller.get().settings;
    if (!s) throw new Error("no settings");
    controller.editSettings({ ...s, accounts: { ...s.accounts, deferredRevenue: "79" } });
    expect(await controller.saveSettings()).toBe(false);
    expect(controller.get().settingsIssues[0]?.message).toBe(
      "Subscription Revenue is a revenue account; deferred revenue must be a liability."
    );
    const accounts = (await workbook.readTables(["RevRecAccounts"])).get("RevRecAccounts");
    expect(accounts?.rows).toContainEqual(["deferredRevenue", "Deferred Revenue"]);
  });

  it("syncs with the saved rules only: edits Save refused never reach the tables", async () => {
    const { controller, workbook } = await connectedAndSynced();
    const s = controller.get().settings;
    if (!s) throw new Error("no settings");
    const before = (await workbook.readTables(["RevRecContracts"])).get("RevRecContracts");
    const endColumn = before?.header.indexOf("End") ?? -1;
    expect(before?.rows.some((r) => r[endColumn] !== "")).toBe(true);
    // A term of 0 months and deferred revenue on a bank account: Save refuses both.
    controller.editSettings({
      ...s,
      rules: { ...s.rules, "5": { method: "monthly", termMonths: 0, startFrom: "serviceDate" } },
      accounts: { ...s.accounts, deferredRevenue: "35" },
    });
    expect(await controller.saveSettings()).toBe(false);
    controller.dismissError();
    await controller.sync("full");
    const tables = await workbook.readTables(["RevRecContracts", "RevRecAccounts"]);
    expect(tables.get("RevRecContracts")?.rows).toEqual(before?.rows);
    expect(tables.get("RevRecAccounts")?.rows).toContainEqual([
      "deferredRevenue",
      "Deferred Revenue",
    ]);
    expect(controller.get().notice).toContain("Unsaved changes on the Rules tab were not used");
  });

  it("refuses a first sync while the Rules tab's unsaved choices are invalid", async () => {
    const { controller, workbook } = setup();
    await controller.init();
    await controller.connect();
    const s = controller.get().settings;
    if (!s) throw new Error("no settings");
    controller.editSettings({ ...s, accounts: { ...s.accounts, deferredRevenue: "35" } });
    await controller.sync("full");
    expect(controller.get().error?.message).toBe(
      "Some choices on the Rules tab need attention, so nothing was synced."
    );
    expect(controller.get().error?.action).toContain(
      "Checking is an asset account; deferred revenue must be a liability."
    );
    expect((await workbook.readTables(["RevRecAccounts"])).has("RevRecAccounts")).toBe(false);
    expect(controller.get().sync.running).toBe(false);
  });

  it("blocks posting when RevRecAccounts maps a role to an account of the wrong kind", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    await workbook.editCell("RevRecAccounts", "Setting", "deferredRevenue", "Value", "Checking");
    controller.setPeriod("2026-03");
    await controller.preview();
    expect(controller.get().close.bookIssues).toEqual([
      "RevRecAccounts: Checking is an asset account; deferred revenue must be a liability. Choose the accounts on the Rules tab and save.",
    ]);
    await controller.post();
    expect(backend.posted.size).toBe(0);
  });

  it("saves where each item's invoices post, and the entry takes out of revenue only what went there", async () => {
    const { controller, workbook } = await connectedAndSynced();
    const s = controller.get().settings;
    if (!s) throw new Error("no settings");
    // QuickBooks posts both items to income accounts; say the subscription's invoices went to deferred revenue.
    expect(s.accounts.billingsPostToByItem).toEqual({ "5": "revenue", "6": "revenue" });
    controller.editSettings({
      ...s,
      accounts: { ...s.accounts, billingsPostToByItem: { "5": "deferred", "6": "revenue" } },
    });
    expect(await controller.saveSettings()).toBe(true);
    const rows = (await workbook.readTables(["RevRecAccounts"])).get("RevRecAccounts")?.rows;
    expect(rows).toContainEqual(["billingsPostTo[SaaS Subscription]", "deferred"]);
    expect(rows).toContainEqual(["billingsPostTo[Setup]", "revenue"]);

    // January: two invoices of 1,200.00 subscription (to deferred revenue, starting in February) and 300.00
    // setup (to revenue, delivered in January). The setup's revenue is already in QuickBooks and the
    // subscription's invoices already sit in deferred revenue: nothing to post.
    controller.setPeriod("2026-01");
    await controller.preview();
    expect(controller.get().close.preview?.lines).toEqual([]);
    // February: 100.00 a month of each subscription moves from deferred revenue to revenue.
    controller.setPeriod("2026-02");
    await controller.preview();
    expect(
      controller.get().close.preview?.lines.map((l) => [l.accountId, l.posting, l.amount])
    ).toEqual([
      ["79", "Credit", 20000],
      ["92", "Debit", 20000],
    ]);

    // The choices come back from the table, and a choice removed is removed from the table.
    await controller.refreshCompany();
    const again = controller.get().settings;
    expect(again?.accounts.billingsPostToByItem).toEqual({ "5": "deferred", "6": "revenue" });
    if (!again) throw new Error("no settings");
    controller.editSettings({
      ...again,
      accounts: { ...again.accounts, billingsPostToByItem: { "6": "revenue" } },
    });
    expect(await controller.saveSettings()).toBe(true);
    const after = (await workbook.readTables(["RevRecAccounts"])).get("RevRecAccounts")?.rows;
    expect(after?.map((r) => r[0])).not.toContain("billingsPostTo[SaaS Subscription]");
  });

  it("previews a balanced entry, posts it once and logs it, then shows it as posted", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    controller.setPeriod("2026-03");
    await controller.preview();
    const p = controller.get().close.preview;
    expect(p?.balanced).toBe(true);
    expect(p?.debits).toBeGreaterThan(0);
    await controller.post();
    const posted = backend.posted.get("2026-03") ?? [];
    expect(posted).toHaveLength(1);
    expect(posted[0]?.docNumber).toBe("RR-2026-03");
    expect(controller.get().close.posted?.docNumber).toBe("RR-2026-03");
    const log = (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
    // The first close catches up from the book's first month (the invoices of January): From says so.
    expect(log?.rows[0]?.slice(0, 5)).toEqual([
      "2026-03",
      "2026-01",
      "RR-2026-03",
      "100",
      "original",
    ]);
    expect(log?.rows[0]?.[9]).toBe("Dana (controller)");
    // Shown as posted, with nothing left to post; the log row the post wrote does not make the view stale.
    await settle();
    expect(controller.get().close.postings?.postings).toHaveLength(1);
    expect(controller.get().close.outdated).toBeUndefined();
    expect(controller.get().close.adjustment).toEqual([]);
    await controller.post();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
  });

  it("offers an adjusting entry for the difference only when the data changed after posting", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    controller.setPeriod("2026-03");
    await controller.preview();
    await controller.post();
    await workbook.editCell("RevRecContracts", "Obligation", "inv-130-1", "Price", 2400);
    await controller.preview();
    const adj = controller.get().close.adjustment ?? [];
    expect(adj.length).toBeGreaterThan(0);
    const amounts = adj.map((l) => l.amount);
    // 1,200 more over 12 months from February: 100.00 a month more recognized in February and March, the
    // months RR-2026-03 covered (2026-01 to 2026-03).
    expect(amounts).toEqual([20000, 20000]);
    await controller.post();
    expect((backend.posted.get("2026-03") ?? []).map((p) => p.docNumber)).toEqual([
      "RR-2026-03",
      "RR-2026-03-A1",
    ]);
  });

  it("after a dropped connection, says the post may have arrived, and posting again creates no second entry", async () => {
    const { controller, backend } = await connectedAndSynced();
    controller.setPeriod("2026-03");
    await controller.preview();
    backend.dropNextPost = "after";
    await controller.post();
    expect(controller.get().error?.action).toContain("Click Post again");
    expect(controller.get().close.posting).toBe(false);
    controller.dismissError();
    await controller.post();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
    expect(controller.get().notice).toContain("already had entry RR-2026-03");
  });

  it("shows the reconciliation difference and offers true-up lines", async () => {
    const { controller, backend } = await connectedAndSynced();
    backend.balances = { "92": "-5000.00", "93": "0.00" };
    controller.setPeriod("2026-03");
    await controller.preview();
    const rec = controller.get().close.reconcile ?? [];
    const deferred = rec.find((r) => r.label === "Deferred revenue");
    expect(deferred?.qbo).toBe(500000);
    expect(deferred?.difference).toBe((deferred?.engine ?? 0) - (deferred?.projected ?? 0));
    expect(controller.get().close.trueUp?.length).toBe(2);
  });

  it("posts a true-up alone as an adjusting entry when the period is already posted", async () => {
    const { controller, backend } = await connectedAndSynced();
    controller.setPeriod("2026-03");
    await controller.preview();
    await controller.post();
    backend.balances = { "92": "-5000.00", "93": "0.00" };
    await controller.preview();
    expect(controller.get().close.adjustment).toEqual([]);
    const trueUp = controller.get().close.trueUp ?? [];
    expect(trueUp).toHaveLength(2);
    controller.setIncludeTrueUp(true);
    await controller.post();
    const a1 = backend.posted.get("2026-03")?.[1];
    expect(a1?.docNumber).toBe("RR-2026-03-A1");
    expect(a1?.lines.map((l) => [l.account.id, l.posting, l.amount])).toEqual(
      trueUp.map((l) => [l.accountId, l.posting, (l.amount / 100).toFixed(2)])
    );
  });

  it("takes a preview off the screen when the tables change, so Post cannot send figures no longer on screen", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    controller.setPeriod("2026-03");
    await controller.preview();
    expect(controller.get().close.preview?.lines.length).toBeGreaterThan(0);
    await workbook.editCell("RevRecContracts", "Obligation", "inv-130-1", "Price", 3600);
    await settle();
    expectPreviewOutdated(controller);
    await controller.post();
    expect(backend.posted.get("2026-03")).toBeUndefined();
  });

  it("takes a preview off the screen when the tables change while it loads", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    const release = backend.holdUntilReleased("GET /api/balances");
    controller.setPeriod("2026-03");
    const previewing = controller.preview();
    while (!backend.requests.includes("GET /api/balances")) await settle();
    await workbook.editCell("RevRecContracts", "Obligation", "inv-130-1", "Price", 3600);
    await settle();
    release();
    await previewing;
    await settle();
    expectPreviewOutdated(controller);
  });

  it("refuses to post when the tables changed since the preview, even where Excel sends no table events", async () => {
    const { controller, workbook, backend } = await connectedAndSynced(new NoEventsWorkbook());
    controller.setPeriod("2026-03");
    await controller.preview();
    await workbook.editCell("RevRecContracts", "Obligation", "inv-130-1", "Price", 3600);
    expect(controller.get().close.preview).toBeDefined();
    await controller.post();
    expect(backend.posted.get("2026-03")).toBeUndefined();
    expect(controller.get().error).toEqual({
      message: "The tables changed since the preview, so nothing was posted.",
      action: "Click Preview entry, check the lines, then post.",
    });
    expect(controller.get().close.preview).toBeUndefined();
    // Previewed again, the lines on screen are the lines posted.
    await controller.preview();
    const shown = controller.get().close.preview?.lines ?? [];
    await controller.post();
    const sent = backend.posted.get("2026-03")?.[0]?.lines ?? [];
    expect(sent.map((l) => [l.account.id, l.posting, l.amount])).toEqual(
      shown.map((l) => [l.accountId, l.posting, (l.amount / 100).toFixed(2)])
    );
  });

  it("drops a preview that was superseded: February's late answer never shows (or posts) under March", async () => {
    const { controller, backend } = await connectedAndSynced();
    const release = backend.holdUntilReleased("GET /api/balances", "2026-02");
    controller.setPeriod("2026-02");
    const february = controller.preview();
    while (!backend.requests.includes("GET /api/balances")) await settle();
    controller.setPeriod("2026-03");
    await controller.preview();
    const march = controller.get().close.preview;
    expect(march?.period).toBe("2026-03");
    release();
    await february;
    expect(controller.get().close.period).toBe("2026-03");
    expect(controller.get().close.preview).toBe(march);
    expect(controller.get().close.loading).toBe(false);
    await controller.post();
    const sent = backend.posted.get("2026-03")?.[0]?.lines ?? [];
    expect(sent.map((l) => [l.account.id, l.posting, l.amount])).toEqual(
      (march?.lines ?? []).map((l) => [l.accountId, l.posting, (l.amount / 100).toFixed(2)])
    );
    expect(backend.posted.get("2026-02")).toBeUndefined();
  });

  it("refuses to post a preview of another period than the one selected", async () => {
    const { controller, backend } = await connectedAndSynced();
    controller.setPeriod("2026-02");
    const february = controller.preview();
    controller.setPeriod("2026-03");
    await february;
    expect(controller.get().close.preview).toBeUndefined();
    await controller.post();
    expect(backend.posted.size).toBe(0);
  });

  it("shows an entry that posted but could not be logged as posted, and the retry writes the log row without posting again", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    controller.setPeriod("2026-03");
    await controller.preview();
    workbook.failNextWrite = excelError("InvalidOperationInCellEditMode");
    await controller.post();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
    const s = controller.get();
    expect(s.error).toBeUndefined();
    expect(s.notice).toBe("Posted journal entry RR-2026-03 to QuickBooks.");
    expect(s.close.posted?.docNumber).toBe("RR-2026-03");
    expect(s.close.posted?.link).toBe("https://sandbox.local/journal/RR-2026-03");
    expect(s.unlogged?.problem).toMatchObject({
      message:
        "Posted RR-2026-03, but could not write its row in RevRecPostings: Excel is busy editing a cell (cell-edit mode).",
      action: "Press Enter or Esc in Excel to finish editing the cell, then try again.",
    });
    expect((await workbook.readTables(["RevRecPostings"])).has("RevRecPostings")).toBe(false);
    // Post stays shut until the row is written; the retry writes it and posts nothing.
    await controller.post();
    await controller.retryLog();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
    expect(controller.get().unlogged).toBeUndefined();
    expect(controller.get().notice).toBe("Recorded RR-2026-03 in RevRecPostings.");
    const log = (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
    expect(log?.rows.map((r) => r[2])).toEqual(["RR-2026-03"]);
    expect(controller.get().close.postings?.postings).toHaveLength(1);
    expect(controller.get().close.posted?.docNumber).toBe("RR-2026-03");
  });

  it("keeps the period and Post shut while a post is in flight, and logs the entry once, under its period", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    const release = backend.holdUntilReleased("POST /api/journal");
    controller.setPeriod("2026-03");
    await controller.preview();
    const posting = controller.post();
    while (!backend.requests.includes("POST /api/journal")) await settle();
    // The audit's sequence: another period and back, preview, post again.
    controller.setPeriod("2026-02");
    expect(controller.get().close.period).toBe("2026-03");
    expect(controller.get().close.posting).toBe(true);
    await controller.preview();
    await controller.post();
    release();
    await posting;
    await settle();
    expect(backend.requests.filter((r) => r === "POST /api/journal")).toHaveLength(1);
    const log = (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
    expect(log?.rows.map((r) => r[2])).toEqual(["RR-2026-03"]);
    expect(controller.get().close.period).toBe("2026-03");
    expect(controller.get().close.posted?.docNumber).toBe("RR-2026-03");
  });

  it("writes no second log row for an entry already in RevRecPostings (the write arrived, Excel's answer did not)", async () => {
    class LostAnswerWorkbook extends MemoryWorkbook {
      loseNextAnswer = false;
      override async appendRows(
        ...args: Parameters<MemoryWorkbook["appendRows"]>
      ): ReturnType<MemoryWorkbook["appendRows"]> {
        await super.appendRows(...args);
        if (this.loseNextAnswer) {
          this.loseNextAnswer = false;
          throw excelError("GeneralException");
        }
      }
    }
    const workbook = new LostAnswerWorkbook();
    const { controller } = await connectedAndSynced(workbook);
    controller.setPeriod("2026-03");
    await controller.preview();
    workbook.loseNextAnswer = true;
    await controller.post();
    expect(controller.get().unlogged).toBeDefined();
    await controller.retryLog();
    const log = (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
    expect(log?.rows.map((r) => r[2])).toEqual(["RR-2026-03"]);
    expect(controller.get().unlogged).toBeUndefined();
  });

  it("neither previews nor posts while a sync runs, and the sync's write takes the preview off the screen", async () => {
    const { controller, backend } = await connectedAndSynced();
    controller.setPeriod("2026-03");
    await controller.preview();
    expect(controller.get().close.preview).toBeDefined();
    backend.syncResult = result([invoice("130", {}, "9999.00"), invoice("131")]);
    const release = backend.holdUntilReleased("GET /api/sync/sj_1/result");
    const syncing = controller.sync("full");
    while (!backend.requests.includes("GET /api/sync/sj_1/result")) await settle();
    await controller.post();
    expect(backend.posted.size).toBe(0);
    await controller.preview();
    expect(controller.get().close.loading).toBe(false);
    release();
    await syncing;
    await settle();
    expectPreviewOutdated(controller);
    expect(backend.posted.size).toBe(0);
  });

  it("refuses to post a month that has not ended", async () => {
    const { controller, backend } = await connectedAndSynced();
    controller.setPeriod("2026-04");
    await controller.preview();
    await controller.post();
    expect(backend.posted.size).toBe(0);
    expect(controller.get().error).toEqual({
      message: "2026-04 has not ended yet, so nothing was posted.",
      action:
        "Post it from 2026-05-01, when all of its revenue through 2026-04-30 is known; choose an earlier period now.",
    });
  });

  it("lists the rows a report leaves out, in the Close tab's words", async () => {
    const { controller, workbook } = await connectedAndSynced();
    await workbook.editCell("RevRecContracts", "Obligation", "inv-131-1", "Price", "abc");
    await controller.addReport("waterfall", "2026-01", "2026-03");
    const s = controller.get();
    expect(s.error).toBeUndefined();
    expect(s.reportIssues).toHaveLength(1);
    expect(s.reportIssues[0]).toMatch(/^RevRecContracts row 3, Price: /);
    expect(s.notice).toContain("A problem in the tables left rows out of it");
    const waterfall = workbook.reportSheets().find((r) => r.sheet === "RevRec Waterfall");
    expect(waterfall?.table.rows.map((r) => r[0])).toEqual(["inv-130"]);
    controller.setPeriod("2026-03");
    await controller.preview();
    expect(controller.get().close.bookIssues).toEqual(s.reportIssues);
  });

  it("brings the waterfall up to date with contracts synced later, replacing its sheet rather than adding one", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    await controller.addReport("waterfall", "2026-01", "2026-03");
    expect(controller.get().notice).toBe(
      "Added the waterfall sheet. Its figures are REVREC formulas and stay up to date."
    );
    backend.syncResult = result([invoice("130"), invoice("131"), invoice("132")]);
    await controller.sync("full");
    expect(controller.get().notice).toContain(
      "The waterfall sheet was brought up to date: it now lists 3 contracts (1 new)."
    );
    const sheets = workbook.reportSheets();
    expect(sheets.map((r) => r.sheet)).toEqual(["RevRec Waterfall"]);
    expect(sheets[0]?.table.rows.map((r) => r[0])).toEqual(["inv-130", "inv-131", "inv-132"]);
    expect(sheets[0]?.table.header).toEqual([
      "Contract",
      "Customer",
      "2026-01",
      "2026-02",
      "2026-03",
      "Total",
    ]);
    // Added again, the sheet is replaced, and the pane says so.
    await controller.addReport("waterfall", "2026-01", "2026-06");
    expect(controller.get().notice).toContain(
      "Replaced the waterfall sheet: it now lists 3 contracts (0 new)."
    );
    expect(workbook.reportSheets()).toHaveLength(1);
    // A waterfall the analyst deleted is not made again by the next sync.
    workbook.deleteReportSheet("RevRec Waterfall");
    backend.syncResult = result([invoice("130"), invoice("133")]);
    await controller.sync("full");
    expect(controller.get().error).toBeUndefined();
    expect(workbook.reportSheets()).toEqual([]);
  });

  it("refuses impossible months for a report in plain words, before touching the workbook", async () => {
    const { controller, workbook } = await connectedAndSynced();
    await controller.addReport("waterfall", "2026-11", "2026-13");
    expect(controller.get().error).toEqual({
      message:
        "The report's months are not valid: Enter a month as YYYY-MM, with the month from 01 to 12 (for example 2026-03).",
      action: "Correct From and To on the Reports tab, then add the report again.",
    });
    expect(workbook.reportSheets()).toEqual([]);
  });
});

describe("rules nobody confirmed", () => {
  it("block the close, naming the items, until the Rules tab is saved; Saved shows only after a save", async () => {
    const { controller } = await connectedAndSynced();
    const before = controller.get();
    if (!before.settings || !before.items) throw new Error("no settings");
    expect(before.settingsSaved).toBe(false);
    expect(unconfirmedMessage(unconfirmedItems(before.items, before.settings))).toBe(
      "No confirmed recognition rule for SaaS Subscription and Setup. Review the suggestions on the Rules tab and click Save rules before closing."
    );
    // Each suggestion says what it rests on.
    expect(before.ruleSuggestions["6"]?.why).toBe(
      "The name says \u201csetup\u201d: earned when delivered."
    );
    expect(await controller.saveSettings()).toBe(true);
    const after = controller.get();
    if (!after.settings || !after.items) throw new Error("no settings");
    expect(after.settingsSaved).toBe(true);
    expect(unconfirmedItems(after.items, after.settings)).toEqual([]);
    // The confirmation is the workbook's: a pane opened again finds the items confirmed.
    await controller.refreshCompany();
    const reopened = controller.get();
    if (!reopened.settings || !reopened.items) throw new Error("no settings");
    expect(unconfirmedItems(reopened.items, reopened.settings)).toEqual([]);
    expect(reopened.settingsSaved).toBe(false);
  });
});

describe("approval, when the workbook requires it", () => {
  it("posts nothing without an approver, or with the preparer as approver; then posts and logs both", async () => {
    const { controller, workbook, backend } = await connectedAndSynced();
    await controller.setRequireApproval(true);
    expect(await workbook.readSetting("RevRec.RequireApproval")).toBe("true");
    controller.setPeriod("2026-03");
    await controller.preview();
    await controller.post();
    expect(controller.get().error).toEqual({
      message: "Nothing was posted: this workbook requires a second person's approval.",
      action: "Enter the approver's name in Approved by, then post.",
    });
    // The preparer is "Dana (controller)": the same name in other letters is the same person.
    controller.setApprover(" dana (CONTROLLER) ");
    await controller.post();
    expect(controller.get().error).toEqual({
      message: "Nothing was posted: the approver must be someone other than the preparer.",
      action: "Ask a second person to check the entry and enter their name in Approved by.",
    });
    expect(backend.posted.get("2026-03")).toBeUndefined();
    controller.setApprover("Sam Approver");
    await controller.post();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
    expect(controller.lastPostRequest).toMatchObject({
      preparedBy: "Dana (controller)",
      approvedBy: "Sam Approver",
    });
    const log = (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
    const row = log?.rows[0] ?? [];
    const at = (name: string) => row[log?.header.indexOf(name) ?? -1];
    expect([at("DocNumber"), at("Prepared By"), at("Approved By")]).toEqual([
      "RR-2026-03",
      "Dana (controller)",
      "Sam Approver",
    ]);
  });

  it("is read from the workbook when the pane opens, and off where the workbook says nothing", async () => {
    const wb = new MemoryWorkbook();
    expect((await connectedAndSynced(wb)).controller.get().requireApproval).toBe(false);
    await wb.writeSetting("RevRec.RequireApproval", "true");
    expect((await connectedAndSynced(wb)).controller.get().requireApproval).toBe(true);
  });

  it("keeps writing the preparer under Posted By in a workbook made before the column was renamed", async () => {
    const old = [
      "Period",
      "From",
      "DocNumber",
      "QBO Id",
      "Kind",
      "Debits",
      "Credits",
      "Lines",
      "Posted At",
      "Posted By",
      "Request Id",
    ];
    const wb = new MemoryWorkbook([
      { name: "RevRecPostings", sheet: "RevRec Postings", header: old, rows: [] },
    ]);
    const { controller, workbook } = await connectedAndSynced(wb);
    controller.setPeriod("2026-03");
    await controller.preview();
    await controller.post();
    const log = (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
    expect(log?.header).toEqual([...old, "Approved By", "Txn Date"]);
    expect(log?.rows[0]?.[9]).toBe("Dana (controller)");
    expect(log?.rows[0]?.[11]).toBe("");
  });
});

describe("changing the grouping key on the Rules tab", () => {
  /** Two yearly invoices of one deal, PO number 4500, and another customer's invoice without a PO number. */
  function deal() {
    return result([
      invoice("140", { poNumber: "4500", txnDate: "2025-03-25" }),
      invoice("141", { poNumber: "4500", txnDate: "2026-03-25" }),
      invoice("142", { customer: { id: "25", name: "Beta" } }),
    ]);
  }
  const contractsOf = async (workbook: MemoryWorkbook): Promise<string[]> => {
    const t = (await workbook.readTables(["RevRecContracts"])).get("RevRecContracts");
    const col = t?.header.indexOf("Contract") ?? -1;
    return [...new Set((t?.rows ?? []).map((r) => String(r[col])))].sort();
  };

  it("regroups the tables when the rules are saved, with no sync to run by hand; and back again", async () => {
    const s = setup();
    s.backend.syncResult = deal();
    await s.controller.init();
    await s.controller.connect();
    await s.controller.sync("full");
    expect(await s.controller.saveSettings()).toBe(true);
    expect(await contractsOf(s.workbook)).toEqual(["inv-140", "inv-141", "inv-142"]);
    const settings = s.controller.get().settings;
    if (!settings) throw new Error("no settings");
    s.controller.editSettings({ ...settings, grouping: { by: "poNumber" } });
    expect(await s.controller.saveSettings()).toBe(true);
    expect(s.controller.get().error).toBeUndefined();
    expect(await contractsOf(s.workbook)).toEqual(["PO-4500", "inv-142"]);
    expect(s.controller.get().notice).toMatch(
      /^Rules and accounts saved in this workbook\..* The contracts were regrouped by PO number\. Sync finished\./
    );
    s.controller.editSettings({ ...settings, grouping: { by: "none" } });
    expect(await s.controller.saveSettings()).toBe(true);
    expect(await contractsOf(s.workbook)).toEqual(["inv-140", "inv-141", "inv-142"]);
    expect(s.controller.get().notice).toContain("The contracts were regrouped one per document.");
  });

  it("saving rules with the same key does not sync; a key that puts two customers in a contract is refused where it is saved", async () => {
    const s = setup();
    s.backend.syncResult = deal();
    await s.controller.init();
    await s.controller.connect();
    await s.controller.sync("full");
    expect(await s.controller.saveSettings()).toBe(true);
    expect(s.controller.get().notice).not.toContain("Sync finished");
    s.backend.syncResult = result([
      invoice("140", { poNumber: "4500" }),
      invoice("142", { poNumber: "4500", customer: { id: "25", name: "Beta" } }),
    ]);
    const settings = s.controller.get().settings;
    if (!settings) throw new Error("no settings");
    s.controller.editSettings({ ...settings, grouping: { by: "poNumber" } });
    await s.controller.saveSettings();
    expect(s.controller.get().error).toEqual({
      message: "The sync was not written to the tables.",
      action:
        "Grouping by PO number puts two customers in contract PO-4500: Acme (Invoice 10140) and Beta (Invoice " +
        "10142). A contract has one customer: correct the key in QuickBooks, or choose another grouping on the " +
        "Rules tab.",
    });
    expect(await contractsOf(s.workbook)).toEqual(["inv-140", "inv-141", "inv-142"]);
  });
});
