import type { RunningSandbox } from "../../sandbox";
import { admin, at, call, connect, fault, list, qbo, query, start, type Conn } from "./helpers";

type Obj = Record<string, unknown>;

describe("sandbox requestid, throttling and injected faults", () => {
  let sb: RunningSandbox;
  let c: Conn;
  let je: (doc: string) => Obj;
  beforeAll(async () => {
    sb = await start({ invoices: 10 });
    c = await connect(sb.url);
    const accounts = list(await query(c, "select * from Account"), "Account");
    const id = (name: string): unknown => accounts.find((a) => a["Name"] === name)?.["Id"];
    je = (doc: string): Obj => ({
      DocNumber: doc,
      TxnDate: "2026-10-31",
      Line: [
        {
          Amount: 10,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Debit",
            AccountRef: { value: id("Deferred Revenue") },
          },
        },
        {
          Amount: 10,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Credit",
            AccountRef: { value: id("Subscription Revenue") },
          },
        },
      ],
    });
  });
  afterAll(async () => {
    await sb.close();
  });

  const journalCount = async (): Promise<number> =>
    Number(at((await admin(sb.url, "GET", "state")).json, "counts", "JournalEntry"));

  test("a repeated requestid returns the stored original response and creates nothing", async () => {
    const before = await journalCount();
    const first = await qbo(c, "POST", "journalentry", je("RID-1"), { requestid: "rid-0001" });
    const again = await qbo(c, "POST", "journalentry", je("RID-1"), { requestid: "rid-0001" });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(await journalCount()).toBe(before + 1);
    const other = await qbo(c, "POST", "journalentry", je("RID-1"), { requestid: "rid-0002" });
    expect(at(other.json, "JournalEntry", "Id")).not.toBe(at(first.json, "JournalEntry", "Id"));
    expect(await journalCount()).toBe(before + 2);
    const tooLong = await qbo(c, "POST", "journalentry", je("RID-1"), {
      requestid: "x".repeat(51),
    });
    expect(fault(tooLong).code).toBe("2130");
  });

  test("with requestid a batch's id is at most 36 characters and each bId at most 10 (fault 2130)", async () => {
    const before = await journalCount();
    const batch = (bId: string): Obj => ({
      BatchItemRequest: [{ bId, operation: "create", JournalEntry: je(`B-${bId}`) }],
    });
    const longId = await qbo(c, "POST", "batch", batch("b1"), { requestid: "r".repeat(37) });
    expect(longId.status).toBe(400);
    expect(fault(longId)).toMatchObject({ code: "2130", type: "ValidationFault" });
    expect(longId.json["BatchItemResponse"]).toBeUndefined();
    const longBId = await qbo(c, "POST", "batch", batch("b".repeat(11)), {
      requestid: "batch-rid-1",
    });
    expect(longBId.status).toBe(400);
    expect(fault(longBId)).toMatchObject({ code: "2130", element: "bId" });
    expect(await journalCount()).toBe(before);
    const ok = await qbo(c, "POST", "batch", batch("b".repeat(10)), {
      requestid: "r".repeat(36),
    });
    expect(ok.status).toBe(200);
    expect(at(ok.json, "BatchItemResponse", 0, "JournalEntry", "DocNumber")).toBe(
      `B-${"b".repeat(10)}`
    );
    const noRequestId = await qbo(c, "POST", "batch", batch("c".repeat(11)));
    expect(at(noRequestId.json, "BatchItemResponse", 0, "bId")).toBe("c".repeat(11));
    expect(await journalCount()).toBe(before + 2);
  });

  test("a faulted write is replayed as the same fault", async () => {
    const bad = { ...je("RID-2"), Line: [] };
    const first = await qbo(c, "POST", "journalentry", bad, { requestid: "rid-bad" });
    const again = await qbo(c, "POST", "journalentry", je("RID-2"), { requestid: "rid-bad" });
    expect(fault(first).code).toBe("2250");
    expect(again.text).toBe(first.text);
  });

  test("requestid with a different body can be made to fault 600", async () => {
    const s = await start({ invoices: 5, behaviour: { requestIdMismatch: "error" } });
    try {
      const k = await connect(s.url);
      const cls = { Name: "R1" };
      expect((await qbo(k, "POST", "class", cls, { requestid: "same" })).status).toBe(200);
      expect((await qbo(k, "POST", "class", cls, { requestid: "same" })).status).toBe(200);
      expect(fault(await qbo(k, "POST", "class", { Name: "R2" }, { requestid: "same" })).code).toBe(
        "600"
      );
    } finally {
      await s.close();
    }
  });

  test("requestid memory can be given a time to live", async () => {
    const s = await start({ invoices: 5, behaviour: { requestIdTtlSeconds: 60 } });
    try {
      const k = await connect(s.url);
      const first = await qbo(k, "POST", "class", { Name: "TTL-1" }, { requestid: "ttl" });
      expect((await qbo(k, "POST", "class", { Name: "TTL-1" }, { requestid: "ttl" })).text).toBe(
        first.text
      );
      await admin(s.url, "POST", "clock", { advanceSeconds: 61 });
      const later = await qbo(k, "POST", "class", { Name: "TTL-1" }, { requestid: "ttl" });
      expect(fault(later).code).toBe("6240");
    } finally {
      await s.close();
    }
  });

  test("fail the next N matching requests with 500, 503 (HTML) and 429 (XML)", async () => {
    await admin(sb.url, "POST", "faults", { path: "/query$", status: 500, count: 2 });
    const a = await query(c, "select count(*) from Class");
    const b = await query(c, "select count(*) from Class");
    const d = await query(c, "select count(*) from Class");
    expect([a.status, b.status, d.status]).toEqual([500, 500, 200]);
    expect(fault(a)).toMatchObject({ code: "10000", type: "SystemFault" });
    await admin(sb.url, "POST", "faults", { method: "GET", status: 503, body: "html" });
    const html = await qbo(c, "GET", "preferences");
    expect(html.status).toBe(503);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    await admin(sb.url, "POST", "faults", { status: 429 });
    const t = await qbo(c, "GET", "preferences");
    expect(t.status).toBe(429);
    expect(t.headers.get("content-type")).toMatch(/xml/);
    expect(t.text).toContain('<Error code="3001">');
    expect(t.text).toContain("message=ThrottleExceeded; errorCode=003001; statusCode=429");
    const state = await admin(sb.url, "GET", "state");
    const faults = state.json["faults"] as Obj[];
    expect(faults.map((f) => [f["hits"], f["remaining"]])).toEqual([
      [2, 0],
      [1, 0],
      [1, 0],
    ]);
    await admin(sb.url, "DELETE", "faults");
    expect((await admin(sb.url, "GET", "state")).json["faults"]).toEqual([]);
  });

  test("the XML 429 body's time is the sandbox clock in Pacific offset, like the JSON envelopes", async () => {
    const s = await start({ invoices: 5, now: "2026-01-15T20:00:00.000Z" });
    try {
      await admin(s.url, "POST", "clock", { freeze: true });
      const k = await connect(s.url);
      await admin(s.url, "POST", "faults", { status: 429 });
      const injected = await qbo(k, "GET", "preferences");
      expect(injected.status).toBe(429);
      expect(/<IntuitResponse [^>]*time="([^"]+)"/.exec(injected.text)?.[1]).toMatch(
        /^2026-01-15T12:0\d:\d\d\.\d{3}-08:00$/
      );
      await admin(s.url, "POST", "throttle", { enabled: true });
      let throttled = await qbo(k, "GET", "preferences");
      for (let i = 0; i < 20 && throttled.status !== 429; i++)
        throttled = await qbo(k, "GET", "preferences");
      expect(throttled.status).toBe(429);
      expect(/<IntuitResponse [^>]*time="([^"]+)"/.exec(throttled.text)?.[1]).toMatch(
        /^2026-01-15T12:0\d:\d\d\.\d{3}-08:00$/
      );
    } finally {
      await s.close();
    }
  });

  test("the request log shows what the client sent and what it got", async () => {
    await admin(sb.url, "DELETE", "requests");
    await admin(sb.url, "POST", "faults", { path: "/preferences$", status: 503 });
    const failed = await qbo(c, "GET", "preferences");
    await qbo(c, "POST", "journalentry", je("LOG-1"), { requestid: "log-1" });
    const log = (await admin(sb.url, "GET", "requests")).json["requests"] as Obj[];
    expect(log.map((e) => [e["method"], e["path"], e["status"]])).toEqual([
      ["GET", `/v3/company/${c.realmId}/preferences`, 503],
      ["POST", `/v3/company/${c.realmId}/journalentry`, 200],
    ]);
    expect(log[0]?.["intuit_tid"]).toBe(failed.headers.get("intuit_tid"));
    expect(String(log[1]?.["query"])).toContain("requestid=log-1");
  });

  test("faults can target the token endpoint", async () => {
    await admin(sb.url, "POST", "faults", { path: "/oauth2/v1/tokens/bearer", status: 503 });
    const r = await call(`${sb.url}/oauth2/v1/tokens/bearer`, { method: "POST", body: "" });
    expect(r.status).toBe(503);
  });

  test("hang past the client's timeout", async () => {
    await admin(sb.url, "POST", "faults", { path: "/preferences", action: "hang", ms: 60_000 });
    const url = `${c.base}/v3/company/${c.realmId}/preferences?minorversion=75`;
    const headers = { authorization: `Bearer ${c.access}`, accept: "application/json" };
    // The client gives up the moment the rule holds its request (no timer racing the hang).
    const gaveUp = new AbortController();
    const stop = sb.sandbox.faults.onHit(() => gaveUp.abort());
    await admin(sb.url, "DELETE", "requests");
    await expect(call(url, { headers, signal: gaveUp.signal })).rejects.toThrow();
    stop();
    const log = (await admin(sb.url, "GET", "requests")).json["requests"] as Obj[];
    expect(log.map((e) => e["outcome"])).toEqual(["hung"]);
    const hung = ((await admin(sb.url, "GET", "state")).json["faults"] as Obj[]).find(
      (f) => at(f, "action", "kind") === "hang"
    );
    expect(hung).toMatchObject({ hits: 1, remaining: 0 });
    expect((await call(url, { headers })).status).toBe(200);
  });

  test("drop the connection before committing: nothing is written", async () => {
    const before = await journalCount();
    await admin(sb.url, "POST", "faults", {
      path: "/journalentry",
      action: "drop",
      when: "before",
    });
    await expect(
      qbo(c, "POST", "journalentry", je("DROP-1"), { requestid: "drop-before" })
    ).rejects.toThrow();
    expect(await journalCount()).toBe(before);
    const retry = await qbo(c, "POST", "journalentry", je("DROP-1"), { requestid: "drop-before" });
    expect(retry.status).toBe(200);
    expect(await journalCount()).toBe(before + 1);
  });

  test("drop the connection after committing: the retry with the same requestid gets the original", async () => {
    const before = await journalCount();
    await admin(sb.url, "POST", "faults", { path: "/journalentry", action: "drop", when: "after" });
    await expect(
      qbo(c, "POST", "journalentry", je("DROP-2"), { requestid: "drop-after" })
    ).rejects.toThrow();
    expect(await journalCount()).toBe(before + 1);
    const found = list(
      await query(c, "select * from JournalEntry where DocNumber = 'DROP-2'"),
      "JournalEntry"
    );
    expect(found).toHaveLength(1);
    const retry = await qbo(c, "POST", "journalentry", je("DROP-2"), { requestid: "drop-after" });
    expect(retry.status).toBe(200);
    expect(at(retry.json, "JournalEntry", "Id")).toBe(found[0]?.["Id"]);
    expect(await journalCount()).toBe(before + 1);
  });
});

describe("sandbox throttling", () => {
  let sb: RunningSandbox;
  let c: Conn;
  beforeAll(async () => {
    sb = await start({
      invoices: 5,
      throttle: true,
      behaviour: { perMinute: 15, batchPerMinute: 2 },
    });
    c = await connect(sb.url);
    await admin(sb.url, "POST", "clock", { freeze: true });
  });
  afterAll(async () => {
    await sb.close();
  });

  test("10 requests per second per realm and app, then 429 with the XML body", async () => {
    for (let i = 0; i < 10; i++) expect((await qbo(c, "GET", "preferences")).status).toBe(200);
    const r = await qbo(c, "GET", "preferences");
    expect(r.status).toBe(429);
    expect(r.text).toMatch(/^<\?xml/);
    expect(r.text).toContain("ThrottleExceeded");
    await admin(sb.url, "POST", "clock", { advanceSeconds: 1 });
    expect((await qbo(c, "GET", "preferences")).status).toBe(200);
  });

  test("the per-minute limit (configurable; 500 by default) and the batch limit", async () => {
    await admin(sb.url, "POST", "clock", { advanceSeconds: 61 });
    for (let i = 0; i < 15; i++) {
      if (i % 10 === 0) await admin(sb.url, "POST", "clock", { advanceSeconds: 1 });
      expect((await qbo(c, "GET", "preferences")).status).toBe(200);
    }
    await admin(sb.url, "POST", "clock", { advanceSeconds: 1 });
    expect((await qbo(c, "GET", "preferences")).status).toBe(429);
    await admin(sb.url, "POST", "clock", { advanceSeconds: 61 });
    const batch = { BatchItemRequest: [{ bId: "1", Query: "select count(*) from Class" }] };
    expect((await qbo(c, "POST", "batch", batch)).status).toBe(200);
    expect((await qbo(c, "POST", "batch", batch)).status).toBe(200);
    expect((await qbo(c, "POST", "batch", batch)).status).toBe(429);
    expect((await qbo(c, "GET", "preferences")).status).toBe(200);
  });

  test("throttling can be switched off", async () => {
    await admin(sb.url, "POST", "throttle", { enabled: false });
    for (let i = 0; i < 30; i++) expect((await qbo(c, "GET", "preferences")).status).toBe(200);
    expect((await admin(sb.url, "GET", "state")).json["throttle"]).toBe(false);
  });
});

describe("sandbox requests at once", () => {
  test("while 10 requests of a realm and app are being answered, the 11th gets 429 ThrottleExceeded", async () => {
    // Each answer takes a minute (as a slow Intuit would), so the first ten are still running when the 11th comes.
    const sb = await start({ invoices: 5, throttle: true, behaviour: { latencyMs: 60_000 } });
    const c = await connect(sb.url);
    await admin(sb.url, "POST", "clock", { freeze: true });
    const running = Array.from({ length: 10 }, () =>
      qbo(c, "GET", "preferences").then(
        (r) => r.status,
        () => "cut off"
      )
    );
    try {
      // Each look waits for the sandbox's answer; no sleeping.
      let state = (await admin(sb.url, "GET", "state")).json;
      while (state["inFlight"] !== 10) state = (await admin(sb.url, "GET", "state")).json;
      // Clear of the per-second window, so only the limit on requests at once can refuse.
      await admin(sb.url, "POST", "clock", { advanceSeconds: 2 });
      const r = await qbo(c, "GET", "preferences");
      expect(r.status).toBe(429);
      expect(r.text).toMatch(/^<\?xml/);
      expect(r.text).toContain("message=ThrottleExceeded; errorCode=003001; statusCode=429");
      state = (await admin(sb.url, "GET", "state")).json;
      expect([state["throttled"], state["inFlight"], state["inFlightPeak"]]).toEqual([1, 10, 10]);
    } finally {
      await sb.close();
    }
    // Closing the sandbox cut the ten held requests off; none of them was answered.
    expect(await Promise.all(running)).toEqual(running.map(() => "cut off"));
  });

  test("requests answered one after another never count as at once", async () => {
    const sb = await start({ invoices: 5, throttle: true });
    try {
      const c = await connect(sb.url);
      await admin(sb.url, "POST", "clock", { freeze: true });
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 10; j++) expect((await qbo(c, "GET", "preferences")).status).toBe(200);
        await admin(sb.url, "POST", "clock", { advanceSeconds: 1 });
      }
      const state = (await admin(sb.url, "GET", "state")).json;
      expect([state["throttled"], state["inFlight"], state["inFlightPeak"]]).toEqual([0, 0, 1]);
    } finally {
      await sb.close();
    }
  });
});
