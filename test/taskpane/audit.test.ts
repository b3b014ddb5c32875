// The audit trail (RevRecAudit) as the pane keeps it, on the in-memory workbook: an override made in the pane asks
// for the reason and is logged as it is saved; values typed straight into the sheet are found at sync and before a
// post; the Require approval setting's changes are logged; the opening true-up is signed off like a month-end entry.
import { MemoryWorkbook } from "../../src/workbook";
import { ApiClient } from "../../src/taskpane/api/client";
import { PaneController } from "../../src/taskpane/controller";
import { FakeBackend } from "./fakeBackend";
import { invoice, result } from "./fixtures";

const ORIGIN = "https://localhost:3000";

function setup(who = "Dana (controller)", workbook = new MemoryWorkbook()) {
  const backend = new FakeBackend();
  backend.syncResult = result([invoice("130")]);
  let token: string | undefined;
  const client = new ApiClient(ORIGIN, () => token, backend.fetch);
  let clock = Date.parse("2026-04-02T09:00:00Z");
  const controller = new PaneController({
    workbook,
    client,
    origin: ORIGIN,
    inOffice: false,
    // Each reading of the clock is a second later, so every audit row has its own time.
    now: () => new Date((clock += 1000)),
    wait: async () => undefined,
    who: () => who,
    signIn: async () => {
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

async function synced(who?: string) {
  const s = setup(who);
  await s.controller.init();
  await s.controller.connect();
  await s.controller.sync("full");
  expect(await s.controller.saveSettings()).toBe(true);
  return s;
}

/** RevRecAudit's rows by column name, When left out (the injected clock's). */
async function auditRows(wb: MemoryWorkbook): Promise<Record<string, unknown>[]> {
  const t = (await wb.readTables(["RevRecAudit"])).get("RevRecAudit");
  return (t?.rows ?? []).map((r) => {
    const row = Object.fromEntries(t?.header.map((h, i) => [h, r[i]]) ?? []);
    expect(row.When).toMatch(/^2026-04-02T09:\d\d:\d\d\.000Z$/);
    delete row.When;
    return row;
  });
}

async function cell(wb: MemoryWorkbook, table: string, key: string, column: string) {
  const t = (await wb.readTables([table])).get(table);
  const k = t?.header.indexOf(table === "RevRecContracts" ? "Obligation" : "Change") ?? -1;
  const row = t?.rows.find((r) => r[k] === key);
  return row?.[t?.header.indexOf(column) ?? -1];
}

describe("an override made in the pane", () => {
  it("is refused without a reason, then saved with its audit row, and the sync keeps it", async () => {
    const { controller, workbook } = await synced();
    const targets = await controller.overrideTargets();
    expect(targets.filter((t) => t.rowKey === "inv-130-1").map((t) => t.column)).toEqual([
      "Method",
      "Start",
      "End",
      "SSP",
    ]);
    const change = {
      table: "RevRecContracts",
      rowKey: "inv-130-1",
      column: "Method",
      value: "daily",
      reason: " ",
    };
    expect(await controller.overrideValue(change)).toBe(false);
    expect(controller.get().error).toEqual({
      message: "The change was not saved.",
      action: "Say why in Reason: RevRecAudit records it with the change.",
    });
    expect(await cell(workbook, "RevRecContracts", "inv-130-1", "Method")).toBe("monthly");
    expect(await auditRows(workbook)).toEqual([]);

    expect(await controller.overrideValue({ ...change, value: "weekly", reason: "x" })).toBe(false);
    expect(controller.get().error?.action).toMatch(/^Method must be one of monthly, /);

    const why = "Support is delivered daily per the contract's SOW";
    expect(await controller.overrideValue({ ...change, reason: why })).toBe(true);
    expect(controller.get().notice).toBe(
      "Saved: Method of inv-130-1 is daily (was monthly); recorded in RevRecAudit."
    );
    expect(await cell(workbook, "RevRecContracts", "inv-130-1", "Method")).toBe("daily");
    const logged = {
      Who: "Dana (controller)",
      Table: "RevRecContracts",
      "Row Key": "inv-130-1",
      Column: "Method",
      "Old Value": "monthly",
      "New Value": "daily",
      "Synced Value": "monthly",
      Reason: why,
    };
    expect(await auditRows(workbook)).toEqual([logged]);
    // The next sync keeps the override and finds nothing new to log.
    await controller.sync("full");
    expect(await cell(workbook, "RevRecContracts", "inv-130-1", "Method")).toBe("daily");
    expect(await auditRows(workbook)).toEqual([logged]);
  });

  it("takes dates as YYYY-MM-DD and SSP as an amount, and logs them so", async () => {
    const { controller, workbook } = await synced();
    const at = { table: "RevRecContracts", rowKey: "inv-130-1", reason: "Signed SOW" };
    expect(await controller.overrideValue({ ...at, column: "End", value: "2027-13-01" })).toBe(
      false
    );
    expect(controller.get().error?.action).toBe("End must be a date written YYYY-MM-DD.");
    expect(await controller.overrideValue({ ...at, column: "End", value: "2027-06-30" })).toBe(
      true
    );
    expect(await controller.overrideValue({ ...at, column: "SSP", value: "1,400.50" })).toBe(true);
    expect(await cell(workbook, "RevRecContracts", "inv-130-1", "SSP")).toBe(1400.5);
    const rows = await auditRows(workbook);
    expect(rows.map((r) => [r.Column, r["Old Value"], r["New Value"], r["Synced Value"]])).toEqual([
      ["End", "2027-01-31", "2027-06-30", "2027-01-31"],
      ["SSP", "", 1400.5, ""],
    ]);
  });

  it("asks for a name first: RevRecAudit records who", async () => {
    const { controller, workbook } = await synced("");
    controller.setPreparer("");
    const ok = await controller.overrideValue({
      table: "RevRecContracts",
      rowKey: "inv-130-1",
      column: "Method",
      value: "daily",
      reason: "SOW",
    });
    expect(ok).toBe(false);
    expect(controller.get().error?.action).toBe(
      "Enter your name in Your name: RevRecAudit records who changed it."
    );
    expect(await auditRows(workbook)).toEqual([]);
  });
});

describe("values typed straight into the sheet", () => {
  it("are logged at the next sync, as typed in the sheet by the preparer, once", async () => {
    const { controller, workbook } = await synced();
    await workbook.editCell("RevRecContracts", "Obligation", "inv-130-2", "Method", "daily");
    await controller.sync("full");
    const typed = {
      Who: "Dana (controller)",
      Table: "RevRecContracts",
      "Row Key": "inv-130-2",
      Column: "Method",
      "Old Value": "point-in-time",
      "New Value": "daily",
      "Synced Value": "point-in-time",
      Reason: "Typed in the sheet (found at sync)",
    };
    expect(await auditRows(workbook)).toEqual([typed]);
    await controller.sync("full");
    expect(await auditRows(workbook)).toEqual([typed]);
    // Typing the synced value back ends the override: logged once, and never again after.
    await workbook.editCell(
      "RevRecContracts",
      "Obligation",
      "inv-130-2",
      "Method",
      "point-in-time"
    );
    await controller.sync("full");
    await controller.sync("full");
    expect(await auditRows(workbook)).toEqual([
      typed,
      { ...typed, "Old Value": "daily", "New Value": "point-in-time" },
    ]);
  });

  it("are logged before a post, which then goes ahead", async () => {
    const { controller, workbook, backend } = await synced();
    controller.setPeriod("2026-03");
    await controller.preview();
    // A Start typed after the preview: preview again, then post.
    await workbook.editCell("RevRecContracts", "Obligation", "inv-130-1", "Start", "2026-02-15");
    await controller.preview();
    await controller.post();
    expect(controller.get().error).toBeUndefined();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
    expect(await auditRows(workbook)).toEqual([
      {
        Who: "Dana (controller)",
        Table: "RevRecContracts",
        "Row Key": "inv-130-1",
        Column: "Start",
        "Old Value": "2026-02-01",
        "New Value": "2026-02-15",
        "Synced Value": "2026-02-01",
        Reason: "Typed in the sheet (found before a post)",
      },
    ]);
  });

  it("are not rows typed by hand: only values the sync wrote are audited", async () => {
    const { controller, workbook } = await synced();
    const t = (await workbook.readTables(["RevRecContracts"])).get("RevRecContracts");
    if (!t) throw new Error("no contracts");
    const row = t.header.map(
      (h) =>
        ({ Contract: "HAND-1", Customer: "Walk-in", Obligation: "HAND-1-1", Price: 100 })[h] ?? ""
    );
    await workbook.applyChanges([
      {
        table: "RevRecContracts",
        sheet: "RevRec Contracts",
        header: t.header,
        key: "Obligation",
        insert: [row],
        update: [],
        remove: [],
      },
    ]);
    await workbook.editCell("RevRecContracts", "Obligation", "HAND-1-1", "Method", "daily");
    await controller.sync("full");
    expect(await auditRows(workbook)).toEqual([]);
  });
});

describe("sign-off settings", () => {
  it("logs each change of Require approval in RevRecAudit, with the setting saved in the same batch", async () => {
    const { controller, workbook } = await synced();
    await controller.setRequireApproval(true);
    await controller.setRequireApproval(true);
    await controller.setRequireApproval(false);
    expect(await workbook.readSetting("RevRec.RequireApproval")).toBe("false");
    expect(await auditRows(workbook)).toEqual(
      [
        ["false", "true", "on"],
        ["true", "false", "off"],
      ].map(([was, now, turned]) => ({
        Who: "Dana (controller)",
        Table: "Settings",
        "Row Key": "RevRec.RequireApproval",
        Column: "Value",
        "Old Value": was,
        "New Value": now,
        "Synced Value": "",
        Reason: `Require a second person's approval to post: turned ${turned ?? ""} in the pane`,
      }))
    );
  });

  it("is not changed by nobody", async () => {
    const { controller, workbook } = await synced("");
    controller.setPreparer(" ");
    await controller.setRequireApproval(true);
    expect(controller.get().requireApproval).toBe(false);
    expect(await workbook.readSetting("RevRec.RequireApproval")).toBeUndefined();
    expect(controller.get().error?.message).toBe("The Require approval setting was not changed.");
  });
});

describe("the opening true-up at go-live", () => {
  it("goes through the same sign-off as a month-end entry", async () => {
    const { controller, backend, workbook } = await synced();
    await controller.setRequireApproval(true);
    controller.setGoLiveDraft("2026-03");
    await controller.saveGoLive();
    await controller.checkCutover();
    const rows = controller.get().goLive.rows ?? [];
    expect(rows.length).toBeGreaterThan(0);
    controller.setOpeningOffset("80");
    await controller.postOpening();
    expect(controller.get().error).toEqual({
      message: "Nothing was posted: this workbook requires a second person's approval.",
      action: "Enter the approver's name in Approved by, then post.",
    });
    controller.setApprover("DANA (controller)");
    await controller.postOpening();
    expect(controller.get().error?.message).toBe(
      "Nothing was posted: the approver must be someone other than the preparer."
    );
    expect(backend.posted.get("2026-03")).toBeUndefined();
    controller.setApprover("Sam Approver");
    await controller.postOpening();
    expect(backend.posted.get("2026-03")).toHaveLength(1);
    const log = (await workbook.readTables(["RevRecPostings"])).get("RevRecPostings");
    const at = (name: string) => log?.rows[0]?.[log.header.indexOf(name)];
    expect([at("Kind"), at("Prepared By"), at("Approved By")]).toEqual([
      "opening",
      "Dana (controller)",
      "Sam Approver",
    ]);
  });
});
