/**
 * The wire schemas are the contract: every answer the real backend gives on the month-end path matches the schema
 * its type is derived from (no stray field, none missing), so the pane's types describe what it really receives.
 */
import type { TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

import {
  AccountsSchema,
  ApiErrorResponseSchema,
  BalancesSchema,
  ClassesSchema,
  CustomersSchema,
  DisconnectedSchema,
  HealthSchema,
  ItemsSchema,
  PostingsSchema,
  PostResultSchema,
  SignInTicketSchema,
  StatusSchema,
  SyncJobSchema,
  SyncResultSchema,
  SyncStartedSchema,
} from "../../src/wire";
import {
  api,
  connect,
  request,
  startTestServer,
  waitForSync,
  type Answer,
  type TestServer,
} from "./helpers";

let t: TestServer;
let token: string;

beforeAll(async () => {
  t = await startTestServer({ now: () => new Date("2026-12-04T12:00:00Z") });
  token = await connect(t);
}, 120_000);

afterAll(async () => {
  await t.close();
});

function expectShape(schema: TSchema, a: Answer): void {
  const problems = [...Value.Errors(schema, a.json)].map((e) => `${e.path}: ${e.message}`);
  expect(problems).toEqual([]);
}

describe("the backend's answers match the wire schemas", () => {
  it("health, sign-in ticket, status and the company's lists", async () => {
    expectShape(HealthSchema, await request(`${t.url}/api/health`));
    expectShape(
      SignInTicketSchema,
      await request(`${t.url}/auth/qbo/ticket`, { method: "POST", body: {} })
    );
    expectShape(StatusSchema, await api(t, token, "GET", "/api/status"));
    expectShape(AccountsSchema, await api(t, token, "GET", "/api/accounts"));
    expectShape(ItemsSchema, await api(t, token, "GET", "/api/items?includeInactive=true"));
    expectShape(CustomersSchema, await api(t, token, "GET", "/api/customers"));
    expectShape(ClassesSchema, await api(t, token, "GET", "/api/classes"));
  });

  it("a full sync, its job and its result", async () => {
    const started = await api(t, token, "POST", "/api/sync", { mode: "full" });
    expectShape(SyncStartedSchema, started);
    const { jobId } = started.json as { jobId: string };
    await waitForSync(t, token, jobId);
    expectShape(SyncJobSchema, await api(t, token, "GET", `/api/sync/${jobId}`));
    const result = await api(t, token, "GET", `/api/sync/${jobId}/result`);
    expectShape(SyncResultSchema, result);
    expect((result.json as { invoices: unknown[] }).invoices.length).toBeGreaterThan(0);
  }, 60_000);

  it("a post, the period's postings, the balances, an error, and disconnect", async () => {
    const accounts = (await api(t, token, "GET", "/api/accounts")).json as {
      accounts: { id: string; classification: string }[];
    };
    const liability = accounts.accounts.find((a) => a.classification === "Liability");
    const revenue = accounts.accounts.find((a) => a.classification === "Revenue");
    if (!liability || !revenue) throw new Error("the sandbox company has both kinds of account");
    const posted = await api(t, token, "POST", "/api/journal", {
      period: "2026-11",
      memo: "RevRec wire check",
      lines: [
        { account: liability.id, posting: "Debit", amount: "10.00" },
        { account: revenue.id, posting: "Credit", amount: "10.00" },
      ],
    });
    expect(posted.status).toBe(201);
    expectShape(PostResultSchema, posted);
    expectShape(PostingsSchema, await api(t, token, "GET", "/api/postings?period=2026-11"));
    expectShape(
      BalancesSchema,
      await api(t, token, "GET", `/api/balances?period=2026-11&accounts=${liability.id}`)
    );
    expectShape(ApiErrorResponseSchema, await api(t, token, "GET", "/api/postings?period=2026-13"));
    expectShape(DisconnectedSchema, await api(t, token, "POST", "/api/disconnect", {}));
  }, 60_000);
});
