/**
 * The company with history through the backend's sync over real HTTP, then into the tables grouped by PO number:
 * Harbor's three yearly invoices are one contract and one continued subscription, as the README's walk-through says.
 */
import { planSync } from "../../src/taskpane/logic/tableRows";
import { emptyBaseline } from "../../src/taskpane/logic/baseline";
import { MemoryWorkbook } from "../../src/workbook";
import { SETTINGS } from "../taskpane/fixtures";
import { connect, startTestServer, syncedResult, type TestServer } from "./helpers";

let t: TestServer;
let token: string;

beforeAll(async () => {
  // As `npm start -- --company history` starts it: the company comes from the environment.
  t = await startTestServer({ env: { REVREC_SANDBOX_COMPANY: "history" } });
  token = await connect(t);
}, 60000);

afterAll(async () => {
  await t.close();
});

it("groups the three yearly invoices on PO-4500 into one contract whose subscription runs three years", async () => {
  const result = await syncedResult(t, token, { mode: "full" });
  expect([
    result.invoices.length,
    result.salesReceipts.length,
    result.refundReceipts.length,
  ]).toEqual([5, 2, 1]);
  const wb = new MemoryWorkbook();
  const names = ["RevRecContracts", "RevRecBillings", "RevRecChanges"];
  const planned = planSync(result, await wb.readTables(names), emptyBaseline(), {
    ...SETTINGS,
    rules: {},
    grouping: { by: "poNumber" },
  });
  if (!planned.ok) throw new Error(planned.message);
  await wb.applyChanges(planned.plan.changes);
  const t2 = (await wb.readTables(["RevRecContracts"])).get("RevRecContracts");
  const rows = (t2?.rows ?? []).map((r) =>
    Object.fromEntries(t2?.header.map((h, i) => [h, r[i]]) ?? [])
  );
  expect(
    rows
      .filter((r) => r["Contract"] === "PO-4500")
      .map((r) => [r["Item"], r["Price"], r["Start"], r["End"]])
  ).toEqual([
    ["Annual Subscription", 36000, "2024-04-01", "2027-03-31"],
    ["Setup", 1500, "2024-03-25", "2025-03-24"],
  ]);
  expect(rows.filter((r) => r["Document Type"] === "Sales receipt")).toHaveLength(2);
});
