/**
 * The sandbox's signed webhooks over real HTTP: a receiver on loopback records what the sandbox POSTs after invoice,
 * credit memo and journal entry changes, and checks the intuit-signature as Intuit documents it (reference §2.7).
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

import type { RunningSandbox } from "../../sandbox";
import { admin, connect, list, qbo, query, start, type Conn } from "./helpers";

type Obj = Record<string, unknown>;

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/** A webhook receiver; `hold` keeps each answer back until `release()` (to show the API does not wait for it). */
class Receiver {
  readonly got: Received[] = [];
  private readonly waiters: ((r: Received) => void)[] = [];
  private readonly held: http.ServerResponse[] = [];
  hold = false;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const r: Received = { headers: req.headers, body, json: JSON.parse(body) };
      this.got.push(r);
      if (this.hold) this.held.push(res);
      else res.writeHead(200).end();
      this.waiters.shift()?.(r);
    });
  });
  url = "";

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  next(): Promise<Received> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    for (const res of this.held.splice(0)) res.writeHead(200).end();
  }

  close(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const VERIFIER = "sandbox-verifier-token";
const signature = (body: string): string =>
  createHmac("sha256", VERIFIER).update(body).digest("base64");

describe("sandbox webhooks", () => {
  let sb: RunningSandbox;
  let c: Conn;
  let rx: Receiver;
  let customer: string;
  let item: string;

  beforeAll(async () => {
    rx = new Receiver();
    await rx.listen();
    sb = await start({
      invoices: 5,
      webhooks: { url: rx.url, verifierToken: VERIFIER, format: "cloudevents" },
    });
    c = await connect(sb.url);
    customer = String(
      list(await query(c, "select * from Customer maxresults 1"), "Customer")[0]?.["Id"]
    );
    item = String(list(await query(c, "select * from Item maxresults 1"), "Item")[0]?.["Id"]);
  });
  afterAll(async () => {
    await sb.close();
    await rx.close();
  });
  afterEach(async () => {
    await sb.sandbox.webhooks.idle();
    await admin(sb.url, "POST", "webhooks", { url: rx.url, verifierToken: VERIFIER });
  });

  const invoice = (): Obj => ({
    CustomerRef: { value: customer },
    TxnDate: "2026-10-15",
    Line: [
      {
        Amount: 100,
        DetailType: "SalesItemLineDetail",
        SalesItemLineDetail: { ItemRef: { value: item }, Qty: 1, UnitPrice: 100 },
      },
    ],
  });

  it("sends a signed CloudEvent for each create, update, void and delete of an invoice", async () => {
    const events: Obj[] = [];
    const take = async (p: Promise<Received>): Promise<void> => {
      const r = await p;
      expect(r.headers["intuit-signature"]).toBe(signature(r.body));
      expect(r.headers["content-type"]).toBe("application/json");
      events.push(...(r.json as Obj[]));
    };
    let p = rx.next();
    const created = (await qbo(c, "POST", "invoice", invoice())).json["Invoice"] as Obj;
    await take(p);
    const id = String(created["Id"]);
    p = rx.next();
    await qbo(c, "POST", "invoice", {
      Id: id,
      SyncToken: "0",
      sparse: true,
      PrivateNote: "changed",
    });
    await take(p);
    p = rx.next();
    await qbo(c, "POST", "invoice", { Id: id, SyncToken: "1" }, { operation: "void" });
    await take(p);
    p = rx.next();
    await qbo(c, "POST", "invoice", { Id: id, SyncToken: "2" }, { operation: "delete" });
    await take(p);
    expect(events.map((e) => [e["type"], e["intuitentityid"], e["intuitaccountid"]])).toEqual([
      ["qbo.invoice.created.v1", id, sb.realmId],
      ["qbo.invoice.updated.v1", id, sb.realmId],
      ["qbo.invoice.voided.v1", id, sb.realmId],
      ["qbo.invoice.deleted.v1", id, sb.realmId],
    ]);
    expect(events[0]).toMatchObject({ specversion: "1.0", datacontenttype: "application/json" });
  });

  it("answers the API before the receiver has answered the webhook", async () => {
    rx.hold = true;
    const p = rx.next();
    const r = await qbo(c, "POST", "invoice", invoice());
    expect(r.status).toBe(200);
    const got = await p;
    expect((got.json as Obj[])[0]?.["intuitentityid"]).toBe((r.json["Invoice"] as Obj)["Id"]);
    rx.hold = false;
    rx.release();
  });

  it("sends a batch request's changes together, and credit memos and journal entries too", async () => {
    const p = rx.next();
    const r = await qbo(c, "POST", "batch", {
      BatchItemRequest: [
        { bId: "1", operation: "create", Invoice: invoice() },
        {
          bId: "2",
          operation: "create",
          CreditMemo: { ...invoice(), TxnDate: "2026-10-16" },
        },
        { bId: "3", operation: "create", Customer: { DisplayName: "Webhook Customer" } },
      ],
    });
    expect(r.status).toBe(200);
    const got = await p;
    expect((got.json as Obj[]).map((e) => e["type"])).toEqual([
      "qbo.invoice.created.v1",
      "qbo.creditmemo.created.v1",
    ]);
  });

  it("sends the legacy eventNotifications payload when asked", async () => {
    await admin(sb.url, "POST", "webhooks", {
      url: rx.url,
      verifierToken: VERIFIER,
      format: "legacy",
    });
    const accounts = list(
      await query(
        c,
        "select * from Account where Name in ('Deferred Revenue', 'Subscription Revenue')"
      ),
      "Account"
    );
    const p = rx.next();
    const r = await qbo(c, "POST", "journalentry", {
      TxnDate: "2026-10-20",
      Line: accounts.map((a, i) => ({
        Amount: 10,
        DetailType: "JournalEntryLineDetail",
        JournalEntryLineDetail: {
          PostingType: i === 0 ? "Debit" : "Credit",
          AccountRef: { value: String(a["Id"]) },
        },
      })),
    });
    expect(r.status).toBe(200);
    const got = await p;
    expect(got.headers["intuit-signature"]).toBe(signature(got.body));
    const je = r.json["JournalEntry"] as Obj;
    expect(got.json).toEqual({
      eventNotifications: [
        {
          realmId: sb.realmId,
          dataChangeEvent: {
            entities: [
              {
                name: "JournalEntry",
                id: je["Id"],
                operation: "Create",
                lastUpdated: (je["MetaData"] as Obj)["LastUpdatedTime"],
              },
            ],
          },
        },
      ],
    });
  });

  it("sends nothing when turned off, and says so in its state", async () => {
    await admin(sb.url, "POST", "webhooks", { url: null });
    const before = rx.got.length;
    expect((await qbo(c, "POST", "invoice", invoice())).status).toBe(200);
    await sb.sandbox.webhooks.idle();
    expect(rx.got.length).toBe(before);
    expect((await admin(sb.url, "GET", "state")).json["webhooks"]).toMatchObject({ url: null });
  });

  it.each([
    [{}, "url must be an http(s) URL, or null to turn webhooks off"],
    [{ url: "not a url", verifierToken: "x" }, 'url is not a URL: "not a url"'],
    [{ url: "ftp://x.example/", verifierToken: "x" }, 'url must be http or https, got "ftp:"'],
    [
      { url: "http://x.example/" },
      "verifierToken is required (the key of the intuit-signature HMAC)",
    ],
    [
      { url: "http://x.example/", verifierToken: "x", format: "xml" },
      'format must be "cloudevents" or "legacy"',
    ],
  ])("refuses the webhook target %j: %s", async (body, error) => {
    const r = await admin(sb.url, "POST", "webhooks", body);
    expect([r.status, r.json]).toEqual([400, { error }]);
  });
});
