/** The backend's pure parts: document shaping, money, QuickBooks error bodies, configuration, the token store. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import fc from "fast-check";

import { ConfigError, loadConfig } from "../../src/server/config";
import { QboError, toApiError } from "../../src/server/errors";
import { lastDayOf, parseAmount } from "../../src/core";
import { docNumberFor, qboLink } from "../../src/server/posting";
import { confirm } from "../../src/server/posting/confirm";
import { requestIdFor } from "../../src/server/posting/requestId";
import { RateLimiter } from "../../src/server/qbo/limits";
import { resolveByIdOrName } from "../../src/server/qbo/company";
import { errorFromResponse } from "../../src/server/qbo/faults";
import { wholeSecond } from "../../src/server/sync/cdc";
import { transformDocument } from "../../src/server/sync/transform";

const sales = (
  id: string,
  amount: number,
  extra: Record<string, unknown> = {}
): Record<string, unknown> => ({
  Id: id,
  Amount: amount,
  DetailType: "SalesItemLineDetail",
  SalesItemLineDetail: { ItemRef: { value: `item${id}`, name: `Item ${id}` }, ...extra },
});
const discount = (amount: number): Record<string, unknown> => ({
  Amount: amount,
  DetailType: "DiscountLineDetail",
  DiscountLineDetail: { PercentBased: false },
});
const subtotal = (amount: number): Record<string, unknown> => ({
  Amount: amount,
  DetailType: "SubTotalLineDetail",
  SubTotalLineDetail: {},
});
const invoice = (
  lines: unknown[],
  extra: Record<string, unknown> = {}
): Record<string, unknown> => ({
  Id: "130",
  DocNumber: "1037",
  TxnDate: "2026-03-15",
  CustomerRef: { value: "24", name: "Sonnenschein Family Store" },
  Line: lines,
  TotalAmt: 0,
  ...extra,
});

function shaped(doc: Record<string, unknown>, kind: "invoice" | "creditMemo" = "invoice") {
  const r = transformDocument(doc, kind, "USD");
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

describe("invoice → contract record", () => {
  it("gives stable ids, keeps the QBO ids and starts service on ServiceDate else TxnDate", () => {
    const d = shaped(
      invoice(
        [
          sales("1", 12000, {
            ServiceDate: "2026-04-01",
            ClassRef: { value: "7", name: "Software" },
          }),
          sales("2", 3000),
          subtotal(15000),
        ],
        { TotalAmt: 15000 }
      )
    );
    expect(d.id).toBe("inv-130");
    expect(d.customer).toEqual({ id: "24", name: "Sonnenschein Family Store" });
    expect(
      d.lines.map((l) => [l.id, l.qboLineId, l.item.id, l.amount, l.serviceDate, l.class?.name])
    ).toEqual([
      ["inv-130-1", "1", "item1", "12000.00", "2026-04-01", "Software"],
      ["inv-130-2", "2", "item2", "3000.00", "2026-03-15", undefined],
    ]);
    expect(d.billings).toEqual([{ id: "inv-130", date: "2026-03-15", amount: "15000.00" }]);
    expect(shaped(invoice([sales("1", 50)]), "creditMemo").lines[0]?.id).toBe("cm-130-1");
  });

  it("spreads a discount over the lines above it, to the cent, by largest remainder", () => {
    const d = shaped(invoice([sales("1", 100), sales("2", 100), sales("3", 100), discount(100)]));
    // 33.33 each and one cent left over, which goes to the first line (ties: earlier first).
    expect(d.lines.map((l) => l.amount)).toEqual(["66.66", "66.67", "66.67"]);
    expect(d.discount).toBe("100.00");
    expect(d.billings[0]?.amount).toBe("200.00");
  });

  it("applies each discount only to the lines not covered by an earlier one", () => {
    const d = shaped(
      invoice([
        sales("1", 300),
        sales("2", 100),
        subtotal(400),
        discount(40),
        sales("3", 50),
        discount(5),
      ])
    );
    expect(d.lines.map((l) => l.amount)).toEqual(["270.00", "90.00", "45.00"]);
  });

  it("names on each discounted line the account its discount line debited", () => {
    const account = (id: string, name: string): Record<string, unknown> => ({
      DiscountAccountRef: { value: id, name },
    });
    const d = shaped(
      invoice([
        sales("1", 300),
        {
          ...discount(30),
          DiscountLineDetail: { PercentBased: false, ...account("86", "Discounts given") },
        },
        sales("2", 100),
        {
          ...discount(5),
          DiscountLineDetail: { PercentBased: false, ...account("87", "Promotions") },
        },
        sales("3", 50),
      ])
    );
    expect(d.lines.map((l) => [l.amount, l.grossAmount, l.discountAccount])).toEqual([
      ["270.00", "300.00", { id: "86", name: "Discounts given" }],
      ["95.00", "100.00", { id: "87", name: "Promotions" }],
      ["50.00", "50.00", undefined],
    ]);
    // Without DiscountAccountRef (QuickBooks always sets one) the line has no account; credit memos likewise.
    expect(
      shaped(invoice([sales("1", 100), discount(10)])).lines[0]?.discountAccount
    ).toBeUndefined();
    const cm = shaped(
      invoice([
        sales("1", 100),
        {
          ...discount(10),
          DiscountLineDetail: { PercentBased: false, ...account("86", "Discounts given") },
        },
      ]),
      "creditMemo"
    );
    expect(cm.lines[0]?.discountAccount).toEqual({ id: "86", name: "Discounts given" });
    expect([cm.lines[0]?.amount, cm.lines[0]?.grossAmount]).toEqual(["90.00", "100.00"]);
  });

  it("flattens group (bundle) lines into obligations", () => {
    const group = {
      Id: "9",
      DetailType: "GroupLineDetail",
      GroupLineDetail: {
        GroupItemRef: { value: "50" },
        Line: [sales("10", 400), sales("11", 600)],
      },
    };
    const d = shaped(invoice([group]));
    expect(d.lines.map((l) => [l.id, l.amount])).toEqual([
      ["inv-130-10", "400.00"],
      ["inv-130-11", "600.00"],
    ]);
  });

  it("keeps a voided invoice as a zero-amount document, flagged", () => {
    const d = shaped(
      invoice([sales("1", 0, { Qty: 0 }), subtotal(0)], {
        PrivateNote: "Voided - Contract C-1",
        TotalAmt: 0,
      })
    );
    expect(d.voided).toBe(true);
    expect(d.lines.map((l) => l.amount)).toEqual(["0.00"]);
    expect(d.billings[0]?.amount).toBe("0.00");
    expect(
      shaped(invoice([sales("1", 0)], { PrivateNote: "Voided note", TotalAmt: 0 })).voided
    ).toBe(true);
    expect(
      shaped(invoice([sales("1", 10)], { PrivateNote: "Voided note", TotalAmt: 10 })).voided
    ).toBe(false);
  });

  it("skips drafts and pending documents", () => {
    expect(
      transformDocument(invoice([sales("1", 10)], { status: "Draft" }), "invoice", "USD")
    ).toMatchObject({ ok: false, reason: "draft" });
    expect(
      transformDocument(invoice([sales("1", 10)], { TxnStatus: "Pending" }), "invoice", "USD")
    ).toMatchObject({ ok: false, reason: "draft" });
  });

  it("line amounts always add up to subtotal minus discount", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 100 }),
        (lines, pct) => {
          const total = lines.reduce((a, b) => a + b, 0);
          const disc = Math.floor((total * pct) / 100);
          const d = shaped(
            invoice([...lines.map((c, i) => sales(String(i + 1), c / 100)), discount(disc / 100)])
          );
          const net = d.lines.reduce((a, l) => a + (parseAmount(l.amount) ?? NaN), 0);
          return net === total - disc && d.lines.every((l) => (parseAmount(l.amount) ?? -1) >= 0);
        }
      )
    );
  });
});

describe("QuickBooks error bodies", () => {
  it("reads the standard Fault", () => {
    const body = {
      Fault: {
        Error: [
          {
            Message: "Account Period Closed",
            Detail: "The account period has closed",
            code: "6210",
            element: "TxnDate",
          },
        ],
        type: "ValidationFault",
      },
    };
    const e = errorFromResponse(400, JSON.stringify(body), body, "1-abc");
    expect(e).toMatchObject({
      kind: "validation",
      code: "6210",
      message: "Account Period Closed",
      element: "TxnDate",
      intuitTid: "1-abc",
    });
    const api = toApiError(e);
    expect(api.status).toBe(409);
    expect(api.body).toMatchObject({ code: "period_closed", intuitTid: "1-abc" });
    expect(api.body.action).toMatch(/later period/);
  });

  it("reads the lower-case 401 body as an authentication failure", () => {
    const body = {
      warnings: null,
      fault: {
        error: [
          {
            message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
            detail: "Token expired: AB01",
            code: "3200",
            element: null,
          },
        ],
        type: "AUTHENTICATION",
      },
      time: 1730024394085,
    };
    const e = errorFromResponse(401, JSON.stringify(body), body, undefined);
    expect(e).toMatchObject({
      kind: "auth",
      code: "3200",
      message: "AuthenticationFailed",
      detail: "Token expired: AB01",
    });
    expect(toApiError(e).body.code).toBe("reconnect_required");
  });

  it("reads the XML throttle body even when JSON was asked for, and retries it", () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2026-01-01T00:00:00.000-08:00"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>';
    const e = errorFromResponse(429, xml, undefined, "tid");
    expect(e).toMatchObject({ kind: "throttle", code: "3001", message: "ThrottleExceeded" });
    expect(e.transient).toBe(true);
    expect(toApiError(e).status).toBe(429);
    expect(errorFromResponse(403, xml, undefined, undefined).kind).toBe("throttle");
  });

  it("treats HTML 5xx bodies as server errors and 403/3100 as a refusal", () => {
    const e = errorFromResponse(
      503,
      "<html><body>Service Unavailable</body></html>",
      undefined,
      undefined
    );
    expect(e.kind).toBe("server");
    expect(e.ambiguous).toBe(true);
    const b = {
      fault: {
        error: [
          {
            message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
            detail: null,
            code: "3100",
          },
        ],
        type: "SERVICE",
      },
    };
    const f = errorFromResponse(403, JSON.stringify(b), b, undefined);
    expect(f.kind).toBe("forbidden");
    expect(f.transient).toBe(false);
    expect(toApiError(f).body.code).toBe("qbo_forbidden");
  });

  it("never retries a validation fault", () => {
    const body = {
      Fault: {
        Error: [
          {
            Message: "Invalid Reference Id",
            Detail: "Something you're trying to use has been made inactive",
            code: "610",
          },
        ],
        type: "ValidationFault",
      },
    };
    const e = errorFromResponse(400, JSON.stringify(body), body, undefined);
    expect(e.transient).toBe(false);
    expect(toApiError(e).body.code).toBe("inactive_reference");
  });
});

describe("confirming a create by looking its DocNumber up", () => {
  const note = (run: string): string =>
    `RevRec ASC 606 revenue recognition 2026-03 | src=revrec-excel | run=${run}`;
  const je = (Id: string, PrivateNote: string): Record<string, unknown> => ({
    Id,
    DocNumber: "RR-2026-03",
    PrivateNote,
  });
  const answering = (rows: Record<string, unknown>[]) => ({
    call: async (): Promise<Record<string, unknown>> => ({ QueryResponse: { JournalEntry: rows } }),
  });
  const mine = je("1", note("aaaaaaaaaaaa"));

  it("names every other RevRec entry under the number, and not someone else's", async () => {
    const twin = je("2", note("bbbbbbbbbbbb"));
    const typed = je("3", "typed by Bob");
    expect(await confirm(answering([mine, twin, typed]), "RR-2026-03", mine, undefined)).toEqual({
      kind: "confirmed",
      duplicates: [twin],
    });
    expect(await confirm(answering([]), "RR-2026-03", mine, [mine])).toEqual({
      kind: "confirmed",
      duplicates: [],
    });
  });

  it("knows an answer naming an entry QuickBooks no longer has, and a look-up that failed", async () => {
    expect(await confirm(answering([]), "RR-2026-03", mine, undefined)).toEqual({ kind: "gone" });
    const down = {
      call: async (): Promise<Record<string, unknown>> => {
        throw new QboError({ kind: "server", status: 503, code: "503", message: "down" });
      },
    };
    expect(await confirm(down, "RR-2026-03", mine, undefined)).toEqual({ kind: "unchecked" });
  });
});

describe("posting helpers", () => {
  it("numbers entries deterministically and links to QuickBooks", () => {
    expect(docNumberFor("2026-03", 0)).toBe("RR-2026-03");
    expect(docNumberFor("2026-03", 2)).toBe("RR-2026-03-A2");
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(lastDayOf("2026-12")).toBe("2026-12-31");
    expect(qboLink("production", undefined, "228")).toBe(
      "https://app.qbo.intuit.com/app/journal?txnId=228"
    );
    expect(qboLink("sandbox", undefined, "228")).toBe(
      "https://app.sandbox.qbo.intuit.com/app/journal?txnId=228"
    );
  });

  it("derives the requestid from company, DocNumber, content and the requestid it follows", () => {
    const first = requestIdFor("local:1", "RR-2026-03", "hash", "");
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(requestIdFor("local:1", "RR-2026-03", "hash", "")).toBe(first);
    const others = [
      requestIdFor("local:2", "RR-2026-03", "hash", ""),
      requestIdFor("local:1", "RR-2026-04", "hash", ""),
      requestIdFor("local:1", "RR-2026-03", "other", ""),
      requestIdFor("local:1", "RR-2026-03", "hash", first),
    ];
    expect(new Set([first, ...others]).size).toBe(5);
  });

  it("resolves references by id first, then by name, ignoring QuickBooks' '(deleted)' suffix", () => {
    const list = [
      { id: "1", name: "Revenue", fullyQualifiedName: "Revenue", active: true },
      { id: "2", name: "1", fullyQualifiedName: "1", active: true },
      { id: "3", name: "Old (deleted)", fullyQualifiedName: "Old (deleted)", active: false },
      { id: "4", name: "Twin", fullyQualifiedName: "A:Twin", active: true },
      { id: "5", name: "Twin", fullyQualifiedName: "B:Twin", active: true },
    ];
    const names = (x: { name: string; fullyQualifiedName: string }): string[] => [
      x.name,
      x.fullyQualifiedName,
    ];
    expect(resolveByIdOrName(list, "1", names)).toMatchObject({ ok: true, value: { id: "1" } });
    expect(resolveByIdOrName(list, "revenue", names)).toMatchObject({
      ok: true,
      value: { id: "1" },
    });
    expect(resolveByIdOrName(list, "Old", names)).toMatchObject({ ok: true, value: { id: "3" } });
    expect(resolveByIdOrName(list, "Twin", names)).toEqual({ ok: false, reason: "ambiguous" });
    expect(resolveByIdOrName(list, "B:Twin", names)).toMatchObject({
      ok: true,
      value: { id: "5" },
    });
    expect(resolveByIdOrName(list, "Nope", names)).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("client-side rate limit", () => {
  afterEach(() => jest.useRealTimers());

  /** Queues `n` takes at once; the returned function says how many have started so far. */
  function queue(limiter: RateLimiter, n: number): () => number {
    let started = 0;
    for (let i = 0; i < n; i++) void limiter.take().then(() => (started += 1));
    return () => started;
  }

  test("10 a second, with a margin so that QuickBooks, counting arrivals, never sees an 11th in its second", async () => {
    jest.useFakeTimers({ now: 0 });
    const started = queue(new RateLimiter(10, 500, 250), 11);
    await jest.advanceTimersByTimeAsync(0);
    expect(started()).toBe(10);
    // One second after the first start QuickBooks may still be counting it (it arrived late): not yet.
    await jest.advanceTimersByTimeAsync(1000);
    expect(started()).toBe(10);
    await jest.advanceTimersByTimeAsync(250);
    expect(started()).toBe(11);
  });

  test("500 a minute", async () => {
    jest.useFakeTimers({ now: 0 });
    const started = queue(new RateLimiter(1000, 500, 250), 501);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(started()).toBe(500);
    await jest.advanceTimersByTimeAsync(250);
    expect(started()).toBe(501);
  });
});

describe("sync cursors", () => {
  it("cut QuickBooks' time to the whole second, as LastUpdatedTime is stamped", () => {
    expect(wholeSecond("2026-11-25T17:08:54.144-08:00")).toBe("2026-11-25T17:08:54-08:00");
    expect(wholeSecond("2026-11-25T17:08:54-08:00")).toBe("2026-11-25T17:08:54-08:00");
    expect(wholeSecond("2026-11-26T01:08:54.9Z")).toBe("2026-11-26T01:08:54Z");
  });
});

describe("configuration", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "revrec-config-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("seeds the bundled sandbox's demo company unless REVREC_SANDBOX_COMPANY says history", () => {
    const load = (v?: string) =>
      loadConfig(v === undefined ? {} : { REVREC_SANDBOX_COMPANY: v }, {
        cwd: dir,
        dotEnvFile: false,
      });
    expect(load().sandboxCompany).toBe("demo");
    expect(load("history").sandboxCompany).toBe("history");
    expect(() => load("harbor")).toThrow(
      'REVREC_SANDBOX_COMPANY must be demo or history, got "harbor".'
    );
  });

  it("defaults to the local sandbox on loopback without Intuit keys", () => {
    const c = loadConfig({}, { cwd: dir });
    expect(c).toMatchObject({
      environment: "local",
      host: "localhost",
      port: 3000,
      clientId: "revrec-dev",
      publicUrl: "https://localhost:3000",
    });
    expect(c.redirectUri).toBe("https://localhost:3000/auth/qbo/callback");
    expect(c.addinOrigins).toEqual(["https://localhost:3000"]);
    expect(c.tokenStorePath).toBe(path.join(dir, ".revrec", "tokens.enc.json"));
  });

  it("reads .env, lets the environment win, and goes to Intuit's sandbox with keys", () => {
    writeFileSync(
      path.join(dir, ".env"),
      'QBO_CLIENT_ID=abc\nQBO_CLIENT_SECRET="s3cret"\nREVREC_PORT=3443\n# comment\n'
    );
    const c = loadConfig({ REVREC_PORT: "3001" }, { cwd: dir });
    expect(c).toMatchObject({
      environment: "sandbox",
      clientId: "abc",
      clientSecret: "s3cret",
      port: 3001,
    });
  });

  it("explains what is wrong", () => {
    expect(() =>
      loadConfig({ QBO_ENVIRONMENT: "production" }, { cwd: dir, dotEnvFile: false })
    ).toThrow(/QBO_CLIENT_ID and QBO_CLIENT_SECRET/);
    expect(() =>
      loadConfig({ QBO_ENVIRONMENT: "staging" }, { cwd: dir, dotEnvFile: false })
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({ REVREC_ENCRYPTION_KEY: "short" }, { cwd: dir, dotEnvFile: false })
    ).toThrow(/32 bytes/);
    expect(() => loadConfig({ REVREC_PORT: "70000" }, { cwd: dir, dotEnvFile: false })).toThrow(
      /REVREC_PORT/
    );
    const KEY = Buffer.alloc(32, 7).toString("base64");
    const hosted = (env: Record<string, string>): unknown =>
      loadConfig(env, { cwd: dir, dotEnvFile: false });
    expect(() => hosted({ DATABASE_URL: "postgres://u:p@db:5432/revrec" })).toThrow(
      "DATABASE_URL is set: set REVREC_ENCRYPTION_KEY too (the same on every instance), e.g. `openssl rand -base64 32`."
    );
    expect(() => hosted({ DATABASE_URL: "db:5432", REVREC_ENCRYPTION_KEY: KEY })).toThrow(
      'DATABASE_URL must start with postgres:// or postgresql://, got "db://…".'
    );
    expect(() => hosted({ DATABASE_URL: "not a url", REVREC_ENCRYPTION_KEY: KEY })).toThrow(
      "DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database."
    );
    expect(() => hosted({ REVREC_TICKET_KEY: "short" })).toThrow(
      "REVREC_TICKET_KEY must be 32 bytes, as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)."
    );
    expect(
      hosted({ DATABASE_URL: "postgresql://u:p@db/revrec", REVREC_ENCRYPTION_KEY: KEY })
    ).toMatchObject({ databaseUrl: "postgresql://u:p@db/revrec" });
    expect(() =>
      loadConfig(
        {
          QBO_ENVIRONMENT: "production",
          QBO_CLIENT_ID: "a",
          QBO_CLIENT_SECRET: "b",
          QBO_REDIRECT_URI: "http://x/cb",
        },
        { cwd: dir, dotEnvFile: false }
      )
    ).toThrow(/https/);
  });

  it("refuses at startup a redirect URI the callback route cannot serve on the add-in's origin", () => {
    const load = (env: Record<string, string>): unknown =>
      loadConfig(
        { QBO_CLIENT_ID: "a", QBO_CLIENT_SECRET: "b", ...env },
        { cwd: dir, dotEnvFile: false }
      );
    // The state cookie is set on REVREC_PUBLIC_URL and the result page posts to its own origin: another origin
    // (another host, port or scheme) means every sign-in fails.
    for (const redirect of [
      "https://127.0.0.1:3000/auth/qbo/callback",
      "https://localhost:3443/auth/qbo/callback",
      "http://localhost:3000/auth/qbo/callback",
      "https://app.example.com/auth/qbo/callback",
    ]) {
      expect(() =>
        load({ REVREC_PUBLIC_URL: "https://localhost:3000", QBO_REDIRECT_URI: redirect })
      ).toThrow(ConfigError);
    }
    expect(() =>
      load({
        REVREC_PUBLIC_URL: "https://localhost:3000",
        QBO_REDIRECT_URI: "https://app.example.com/auth/qbo/callback",
      })
    ).toThrow(/QBO_REDIRECT_URI .*https:\/\/localhost:3000/);
    expect(() =>
      load({
        REVREC_PUBLIC_URL: "https://localhost:3000",
        QBO_REDIRECT_URI: "https://localhost:3000/oauth/callback",
      })
    ).toThrow(/\/auth\/qbo\/callback/);
    expect(() => load({ QBO_REDIRECT_URI: "not a url" })).toThrow(ConfigError);
    // The same origin spelled with its default port, or with a trailing slash on the public URL, is fine.
    expect(
      load({
        REVREC_PUBLIC_URL: "https://revrec.example.com/",
        QBO_REDIRECT_URI: "https://revrec.example.com:443/auth/qbo/callback",
      })
    ).toMatchObject({ redirectUri: "https://revrec.example.com:443/auth/qbo/callback" });
  });
});
