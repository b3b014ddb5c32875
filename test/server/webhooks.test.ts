/**
 * POST /webhooks/qbo over real HTTPS: a signed notification queues an incremental sync of the connected realm, which
 * then brings the changed invoice; a badly signed or unsigned one is refused with 401 and queues nothing; and the
 * bundled sandbox's own webhook (sandbox → backend, real HTTP) does the same end to end. On the embedded database and
 * on PostgreSQL.
 */
import { createHmac } from "node:crypto";

import type { WebhookTarget } from "../../sandbox/src/webhooks";
import type { DbKind } from "../../src/server/db";
import { BACKENDS, freshPgDatabase } from "./db/testDb";
import {
  api,
  backgroundSync,
  ca,
  changeInvoice,
  connect,
  request,
  startTestServer,
  waitForSync,
  type TestServer,
} from "./helpers";

const VERIFIER = "test-webhook-verifier";
const sign = (body: string, key = VERIFIER): string =>
  createHmac("sha256", key).update(body).digest("base64");

describe.each(BACKENDS)("webhooks on %s", (kind: DbKind) => {
  let t: TestServer;
  let token: string;
  let realmId: string;
  let bundledTarget: WebhookTarget | undefined;

  async function jobCount(): Promise<number> {
    const [row] = await t.server.runtime.store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sync_jobs"
    );
    return row?.n ?? -1;
  }

  async function post(
    body: string,
    headers: Record<string, string>
  ): Promise<{ status: number; json: unknown }> {
    const a = await request(`${t.url}/webhooks/qbo`, { method: "POST", body, headers });
    return { status: a.status, json: a.json };
  }

  const cloudEvent = (realm: string, id: string): string =>
    JSON.stringify([
      {
        specversion: "1.0",
        id: "e1",
        source: "intuit.test",
        type: "qbo.invoice.updated.v1",
        time: "2026-12-05T06:00:00Z",
        intuitentityid: id,
        intuitaccountid: realm,
        data: {},
      },
    ]);

  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const env: Record<string, string> = { QBO_WEBHOOK_VERIFIER: VERIFIER };
    if (kind === "postgres") {
      const pg = await freshPgDatabase();
      drop = pg.drop;
      env["DATABASE_URL"] = pg.url;
      env["REVREC_ENCRYPTION_KEY"] = Buffer.alloc(32, 9).toString("base64");
    }
    t = await startTestServer({ env, sandbox: { invoices: 20 } });
    token = await connect(t);
    realmId = t.server.sandbox?.realmId ?? "";
    bundledTarget = t.server.sandbox?.sandbox.webhooks.configured;
    // The pane's first full sync: the company's cursor that webhook syncs start from.
    const start = await api(t, token, "POST", "/api/sync", { mode: "full" });
    await waitForSync(t, token, (start.json as { jobId: string }).jobId);
    await t.server.sandbox?.sandbox.webhooks.idle();
  }, 120000);

  afterAll(async () => {
    await t.close();
    await drop?.();
  });

  describe("POST /webhooks/qbo", () => {
    it("queues an incremental sync for a signed notification, which brings the changed invoice", async () => {
      // Sent by the test, not the sandbox: its own webhook is turned off for this one.
      t.server.sandbox?.sandbox.webhooks.configure(undefined);
      const id = await changeInvoice(t, "WH-1");
      const synced = backgroundSync(t, "webhook");
      const body = cloudEvent(realmId, id);
      const r = await post(body, {
        "content-type": "application/json",
        "intuit-signature": sign(body),
      });
      expect(r).toEqual({ status: 200, json: { realms: 1, queued: 1 } });
      const result = await synced;
      expect(result.mode).toBe("incremental");
      expect(result.invoices.map((d) => [d.qboId, d.docNumber])).toContainEqual([id, "WH-1"]);
    });

    it("takes the legacy payload too, and queues nothing for a company that is not connected", async () => {
      const body = JSON.stringify({
        eventNotifications: [{ realmId: "4620816365", dataChangeEvent: { entities: [] } }],
      });
      const before = await jobCount();
      const r = await post(body, {
        "content-type": "application/json",
        "intuit-signature": sign(body),
      });
      expect(r).toEqual({ status: 200, json: { realms: 1, queued: 0 } });
      expect(await jobCount()).toBe(before);
    });

    it.each([
      [
        "a signature made with another key",
        (b: string) => sign(b, "someone else"),
        "The intuit-signature does not match the body.",
      ],
      [
        "a signature of another body",
        (b: string) => sign(`${b} `),
        "The intuit-signature does not match the body.",
      ],
      ["no signature", () => "", "The request has no intuit-signature header."],
    ])("refuses %s with 401 and queues nothing", async (_name, signature, message) => {
      const before = await jobCount();
      const body = cloudEvent(realmId, "1");
      const headers: Record<string, string> = { "content-type": "application/json" };
      const s = signature(body);
      if (s !== "") headers["intuit-signature"] = s;
      const r = await post(body, headers);
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ error: { code: "bad_signature", message } });
      expect(await jobCount()).toBe(before);
    });

    it("refuses a signed body that is not JSON, or not a notification, and another content type", async () => {
      const notJson = "{not json";
      expect(
        await post(notJson, {
          "content-type": "application/json",
          "intuit-signature": sign(notJson),
        })
      ).toMatchObject({
        status: 400,
        json: { error: { code: "invalid_json", message: "The body is not valid JSON." } },
      });
      const wrong = JSON.stringify({ hello: "world" });
      const r = await post(wrong, {
        "content-type": "application/json",
        "intuit-signature": sign(wrong),
      });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: { code: "invalid_request" } });
      const text = await post("x", { "content-type": "text/plain", "intuit-signature": sign("x") });
      expect(text.status).toBe(415);
    });

    it("gets the sandbox's own signed webhook end to end and syncs the change", async () => {
      expect(bundledTarget?.url).toBe(`${t.url}/webhooks/qbo`);
      const sandbox = t.server.sandbox?.sandbox;
      // As the backend set it up at start (its own URL, the verifier token), trusting the test CA that signed the
      // test certificate (given as files, the backend cannot know their CA).
      if (bundledTarget !== undefined)
        sandbox?.webhooks.configure({ ...bundledTarget, ca: (await ca()).toString("utf8") });
      const delivered = sandbox?.webhooks.next();
      const synced = backgroundSync(t, "webhook");
      const id = await changeInvoice(t, "WH-2");
      const d = await delivered;
      expect([d?.status, d?.error]).toEqual([200, undefined]);
      expect(d?.changes).toBe(1);
      const result = await synced;
      expect(result.invoices.map((d) => [d.qboId, d.docNumber])).toContainEqual([id, "WH-2"]);
    });
  });
});
