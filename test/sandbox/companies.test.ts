/**
 * A sandbox holding several companies (`companies: N`, `--companies N`), each its own realm: its own seeded data,
 * consent, entities, query, CDC, ledger, requestid memory, throttle and webhooks; and the one-company default as before.
 */
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

import { DEFAULT_COMPANY_NAME, DEFAULT_REALM_ID, type RunningSandbox } from "../../sandbox";
import { parseArgs } from "../../sandbox/main";
import {
  admin,
  at,
  authorizeUrl,
  call,
  CLIENT_ID,
  connect,
  firstCustomer,
  idsByName,
  list,
  qbo,
  query,
  REDIRECT,
  SCOPE,
  start,
  tokenRequest,
  type Conn,
} from "./helpers";

const REALMS = ["9341453050298465", "9341453050298466", "9341453050298467"];

/** A balanced journal entry of `amount` between two accounts of the connection's company. */
async function journal(c: Conn, docNumber: string, amount: number, requestid?: string) {
  const a = await idsByName(c, "Account");
  return qbo(
    c,
    "POST",
    "journalentry",
    {
      DocNumber: docNumber,
      TxnDate: "2026-09-30",
      Line: [
        {
          Amount: amount,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Debit",
            AccountRef: { value: a["Deferred Revenue"] },
          },
        },
        {
          Amount: amount,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Credit",
            AccountRef: { value: a["Subscription Revenue"] },
          },
        },
      ],
    },
    requestid === undefined ? {} : { requestid }
  );
}

const entries = async (c: Conn, docNumber: string): Promise<Record<string, unknown>[]> =>
  list(
    await query(c, `select * from JournalEntry where DocNumber = '${docNumber}'`),
    "JournalEntry"
  );

describe("the one-company default", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start({ invoices: 5, autoApprove: false });
  });
  afterAll(() => sb.close());

  test("one realm, the demo company named on the consent page, and Connect gives that realm", async () => {
    expect((await admin(sb.url, "GET", "state")).json["realms"]).toEqual([DEFAULT_REALM_ID]);
    const page = await call(authorizeUrl(sb.url));
    expect(page.text).toContain(`<p class="company" id="company">${DEFAULT_COMPANY_NAME}</p>`);
    expect(page.text).not.toContain("<select");
    const c = await connect(sb.url);
    expect(c.realmId).toBe(DEFAULT_REALM_ID);
  });
});

describe("a sandbox of three companies", () => {
  let sb: RunningSandbox;
  let conns: Conn[];
  beforeAll(async () => {
    sb = await start({ companies: 3, invoices: 12, now: "2026-11-02T18:00:00Z" });
    conns = [];
    // Auto-approval connects the companies in turn, then the first again.
    for (let i = 0; i < 4; i++) conns.push(await connect(sb.url));
  });
  afterAll(() => sb.close());

  const conn = (i: number): Conn => {
    const c = conns[i];
    if (c === undefined) throw new Error(`no connection ${i}`);
    return c;
  };

  test("each company is its own realm with its own name and its own seeded invoices", async () => {
    expect(conns.map((c) => c.realmId)).toEqual([...REALMS, REALMS[0]]);
    expect((await admin(sb.url, "GET", "state")).json["realms"]).toEqual(REALMS);
    const names: unknown[] = [];
    const firstInvoices: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const info = await qbo(conn(i), "GET", `companyinfo/${REALMS[i] ?? ""}`);
      names.push(at(info.json, "CompanyInfo", "CompanyName"));
      const count = await query(conn(i), "select count(*) from Invoice");
      expect(at(count.json, "QueryResponse", "totalCount")).toBe(12);
      const inv = list(await query(conn(i), "select * from Invoice maxresults 1"), "Invoice")[0];
      firstInvoices.push(
        JSON.stringify([inv?.["TotalAmt"], inv?.["TxnDate"], inv?.["CustomerRef"]])
      );
    }
    expect(names).toEqual([
      DEFAULT_COMPANY_NAME,
      `${DEFAULT_COMPANY_NAME} #2`,
      `${DEFAULT_COMPANY_NAME} #3`,
    ]);
    expect(new Set(firstInvoices).size).toBe(3);
  });

  test("a company's token opens only its own company: another realm answers 403", async () => {
    const r = await qbo({ ...conn(0), realmId: REALMS[1] ?? "" }, "GET", "preferences");
    expect(r.status).toBe(403);
  });

  test("an entry posted in one company is in its query, CDC and ledger only; requestids are per company", async () => {
    const before = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const tb = await qbo(conn(i), "GET", "reports/TrialBalance", undefined, {
          end_date: "2026-09-30",
        });
        return JSON.stringify(tb.json["Rows"]);
      })
    );
    const made = await journal(conn(1), "RR-2026-09", 250, "same-request-id");
    expect(made.status).toBe(200);
    // The same requestid in another company is another request: it creates that company's entry.
    const other = await journal(conn(2), "RR-2026-09", 75, "same-request-id");
    expect(other.status).toBe(200);
    expect(at(other.json, "JournalEntry", "TotalAmt")).toBe(75);
    // Replayed in the first company, the requestid answers its first entry again.
    const replay = await journal(conn(1), "RR-2026-09", 250, "same-request-id");
    expect(at(replay.json, "JournalEntry", "Id")).toBe(at(made.json, "JournalEntry", "Id"));

    expect(await entries(conn(0), "RR-2026-09")).toHaveLength(0);
    expect((await entries(conn(1), "RR-2026-09")).map((e) => e["TotalAmt"])).toEqual([250]);
    expect((await entries(conn(2), "RR-2026-09")).map((e) => e["TotalAmt"])).toEqual([75]);

    const changed = async (i: number): Promise<unknown[]> => {
      const r = await qbo(conn(i), "GET", "cdc", undefined, {
        entities: "JournalEntry",
        changedSince: "2026-11-01T00:00:00-08:00",
      });
      const resp = at(r.json, "CDCResponse", 0, "QueryResponse", 0, "JournalEntry");
      return Array.isArray(resp) ? resp.map((e: Record<string, unknown>) => e["TotalAmt"]) : [];
    };
    expect(await changed(0)).toEqual([]);
    expect(await changed(1)).toEqual([250]);
    expect(await changed(2)).toEqual([75]);

    const after = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const tb = await qbo(conn(i), "GET", "reports/TrialBalance", undefined, {
          end_date: "2026-09-30",
        });
        return JSON.stringify(tb.json["Rows"]);
      })
    );
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect((await admin(sb.url, "GET", "state?realmId=42")).status).toBe(404);
    // The journal entry page of another company than the first, as the link after posting opens it.
    const page = await call(
      `${sb.url}/app/journal?txnId=${String(at(made.json, "JournalEntry", "Id"))}&companyId=${REALMS[1] ?? ""}`
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${DEFAULT_COMPANY_NAME} #2`);
    expect(page.text).toContain("RR-2026-09");
  });

  test("the consent page offers every company; the one picked is the realm connected", async () => {
    const manual = await start({ companies: 3, invoices: 2, autoApprove: false });
    try {
      const page = await call(authorizeUrl(manual.url));
      for (const r of REALMS) expect(page.text).toContain(`<option value="${r}">`);
      expect(page.text).toContain(`${DEFAULT_COMPANY_NAME} #3 (${REALMS[2] ?? ""})`);
      const decide = (realmId: string) =>
        call(`${manual.url}/connect/oauth2/decision`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            client_id: CLIENT_ID,
            redirect_uri: REDIRECT,
            scope: SCOPE,
            state: "s",
            decision: "connect",
            realmId,
          }).toString(),
        });
      const picked = new URL(String((await decide(REALMS[2] ?? "")).headers.get("location")));
      expect(picked.searchParams.get("realmId")).toBe(REALMS[2]);
      const token = await tokenRequest(manual.url, {
        grant_type: "authorization_code",
        code: picked.searchParams.get("code") ?? "",
        redirect_uri: REDIRECT,
      });
      const c: Conn = {
        base: manual.url,
        realmId: REALMS[2] ?? "",
        access: String(token.json["access_token"]),
        refresh: String(token.json["refresh_token"]),
      };
      expect((await qbo(c, "GET", "preferences")).status).toBe(200);
      expect((await decide("42")).status).toBe(400);
    } finally {
      await manual.close();
    }
  });

  test("refreshes and expiry are per company: expiring one company's tokens leaves the others working", async () => {
    await admin(sb.url, "POST", "tokens/expire", { realmId: REALMS[1] });
    expect((await qbo(conn(1), "GET", "preferences")).status).toBe(401);
    expect((await qbo(conn(0), "GET", "preferences")).status).toBe(200);
    expect((await qbo(conn(2), "GET", "preferences")).status).toBe(200);
    const r = await tokenRequest(sb.url, {
      grant_type: "refresh_token",
      refresh_token: conn(1).refresh,
    });
    expect(r.status).toBe(200);
    const refreshed = { ...conn(1), access: String(r.json["access_token"]) };
    expect((await qbo(refreshed, "GET", "preferences")).status).toBe(200);
    const oauth = async (realmId: string): Promise<unknown> =>
      at((await admin(sb.url, "GET", `state?realmId=${realmId}`)).json, "oauth");
    expect(await oauth(REALMS[1] ?? "")).toMatchObject({ refreshCalls: 1, invalidGrants: 0 });
    expect(await oauth(REALMS[2] ?? "")).toMatchObject({ refreshCalls: 0, invalidGrants: 0 });
  });
});

describe("throttling and webhooks per company", () => {
  let sb: RunningSandbox;
  let a: Conn;
  let b: Conn;
  beforeAll(async () => {
    sb = await start({ companies: 2, invoices: 3, throttle: true });
    a = await connect(sb.url);
    b = await connect(sb.url);
    await admin(sb.url, "POST", "clock", { freeze: true });
  });
  afterAll(() => sb.close());

  test("10 requests a second per realm and app: one company at its limit, the other still answered", async () => {
    for (let i = 0; i < 10; i++) expect((await qbo(a, "GET", "preferences")).status).toBe(200);
    expect((await qbo(a, "GET", "preferences")).status).toBe(429);
    for (let i = 0; i < 10; i++) expect((await qbo(b, "GET", "preferences")).status).toBe(200);
    expect((await qbo(b, "GET", "preferences")).status).toBe(429);
    const throttled = async (realmId: string): Promise<unknown> =>
      (await admin(sb.url, "GET", `state?realmId=${realmId}`)).json["throttled"];
    expect(await throttled(a.realmId)).toBe(1);
    expect(await throttled(b.realmId)).toBe(1);
    expect((await admin(sb.url, "GET", "state")).json["throttled"]).toBe(2);
    await admin(sb.url, "POST", "clock", { advanceSeconds: 1 });
    expect((await qbo(a, "GET", "preferences")).status).toBe(200);
  });

  test("a change in the second company is sent as that realm's webhook", async () => {
    await admin(sb.url, "POST", "throttle", { enabled: false });
    const got: unknown[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        got.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      await admin(sb.url, "POST", "webhooks", { url, verifierToken: "v", format: "legacy" });
      const delivered = sb.sandbox.webhooks.next();
      const customer = await firstCustomer(b);
      const items = await idsByName(b, "Item");
      const inv = await qbo(b, "POST", "invoice", {
        CustomerRef: { value: customer },
        Line: [
          {
            Amount: 100,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: { value: items["Annual Subscription"] } },
          },
        ],
      });
      expect(inv.status).toBe(200);
      expect((await delivered).status).toBe(200);
      expect(got).toEqual([
        {
          eventNotifications: [
            {
              realmId: b.realmId,
              dataChangeEvent: {
                entities: [
                  expect.objectContaining({
                    name: "Invoice",
                    id: at(inv.json, "Invoice", "Id"),
                    operation: "Create",
                  }),
                ],
              },
            },
          ],
        },
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("--companies and --data", () => {
  test("the flag is read", () => {
    expect(parseArgs(["--companies", "50", "--invoices", "1000"])).toMatchObject({
      companies: 50,
      invoices: 1000,
    });
  });

  test("a data file keeps every company across a restart", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sandbox-companies-"));
    const dataFile = path.join(dir, "state.json");
    try {
      const first = await start({ companies: 2, invoices: 2, dataFile });
      const c0 = await connect(first.url);
      const c = await connect(first.url);
      expect((await journal(c, "RR-2026-09", 10)).status).toBe(200);
      await first.close();
      const again = await start({ dataFile });
      try {
        expect((await admin(again.url, "GET", "state")).json["realms"]).toEqual(REALMS.slice(0, 2));
        expect(await entries({ ...c, base: again.url }, "RR-2026-09")).toHaveLength(1);
        expect(await entries({ ...c0, base: again.url }, "RR-2026-09")).toHaveLength(0);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
