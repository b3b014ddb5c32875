/**
 * POST /webhooks/qbo over real HTTPS: a signed notification queues an incremental sync of the connected realm, which
 * then brings the changed invoice; a badly signed or unsigned one is refused with 401 and queues nothing; and the
 * bundled sandbox's own webhook (sandbox → backend, real HTTP) does the same end to end.
 */
import { createHmac } from "node:crypto";

import type { WebhookTarget } from "../../sandbox/src/webhooks";
import type { SyncResult } from "../../src/wire";
import {
  api,
  ca,
  connect,
  qbo,
  request,
  startTestServer,
  waitForSync,
  type TestServer,
} from "./helpers";

const VERIFIER = "test-webhook-verifier";
const sign = (body: string, key = VERIFIER): string =>
  createHmac("sha256", key).update(body).digest("base64");

let t: TestServer;
let token: string;
let realmId: string;
let bundledTarget: WebhookTarget | undefined;

/** The next webhook job of the company to end, with its result. */
function nextWebhookSync(): Promise<SyncResult> {
  const jobs = t.server.runtime.syncJobs;
  return new Promise((resolve, reject) => {
    const stop = jobs.onUpdate((id) => {
      void jobs.queue.get(id).then((j) => {
        if (j === undefined || j.origin !== "webhook") return;
        if (j.state === "failed") reject(new Error(JSON.stringify(j.error)));
        if (j.state !== "done" || j.result === null) return;
        stop();
        resolve(j.result);
      }, reject);
    });
  });
}

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

/** Change an invoice's DocNumber in QuickBooks; its id. */
async function changeInvoice(docNumber: string): Promise<string> {
  const q = await qbo(
    t,
    "GET",
    `query?query=${encodeURIComponent("SELECT * FROM Invoice WHERE TxnDate > '2026-07-01' MAXRESULTS 1")}`
  );
  const inv =
    ((q["QueryResponse"] as Record<string, unknown>)["Invoice"] as Record<string, unknown>[])[0] ??
    {};
  await qbo(t, "POST", "invoice", {
    Id: inv["Id"],
    SyncToken: inv["SyncToken"],
    sparse: true,
    DocNumber: docNumber,
  });
  return String(inv["Id"]);
}

beforeAll(async () => {
  t = await startTestServer({ env: { QBO_WEBHOOK_VERIFIER: VERIFIER }, sandbox: { invoices: 20 } });
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
});

describe("POST /webhooks/qbo", () => {
  it("queues an incremental sync for a signed notification, which brings the changed invoice", async () => {
    // Sent by the test, not the sandbox: its own webhook is turned off for this one.
    t.server.sandbox?.sandbox.webhooks.configure(undefined);
    const id = await changeInvoice("WH-1");
    const synced = nextWebhookSync();
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
      await post(notJson, { "content-type": "application/json", "intuit-signature": sign(notJson) })
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
    const synced = nextWebhookSync();
    const id = await changeInvoice("WH-2");
    const d = await delivered;
    expect([d?.status, d?.error]).toEqual([200, undefined]);
    expect(d?.changes).toBe(1);
    const result = await synced;
    expect(result.invoices.map((d) => [d.qboId, d.docNumber])).toContainEqual([id, "WH-2"]);
  });
});
