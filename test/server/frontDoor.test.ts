/**
 * The backend's front door, over real HTTPS on loopback: who may start a sign-in (browser-style requests with
 * `Origin` and `Sec-Fetch-Site`), which host names it answers to (DNS rebinding), and the shape of the errors that
 * the framework and Node's HTTP parser produce before any route runs.
 */
import tls from "node:tls";

import {
  authMessage,
  connect,
  cookieFrom,
  request,
  signIn,
  startTestServer,
  type Answer,
  type TestServer,
} from "./helpers";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t.close();
});

/** How a page on another site reaches /auth/qbo/start: a fetch or an image (`cors`/`no-cors`), or a navigation. */
const CROSS_SITE_FETCH = {
  origin: "https://evil.example",
  "sec-fetch-site": "cross-site",
  "sec-fetch-mode": "cors",
  "sec-fetch-dest": "empty",
};
const CROSS_SITE_NAVIGATION = {
  "sec-fetch-site": "cross-site",
  "sec-fetch-mode": "navigate",
  "sec-fetch-dest": "document",
};

/** A sign-in started by one browser (its cookie) and approved at the consent page: the callback it will load. */
async function approvedSignIn(
  headers: Record<string, string> = {}
): Promise<{ cookie: string; callback: string }> {
  const start = await request(`${t.url}/auth/qbo/start`, { headers });
  expect(start.status).toBe(302);
  const approved = await request(String(start.headers.location));
  expect(approved.status).toBe(302);
  return {
    cookie: cookieFrom(start) ?? headers["cookie"] ?? "",
    callback: String(approved.headers.location),
  };
}

/** `count` requests, a few at a time. */
async function many(count: number, send: () => Promise<Answer>): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < count; i += 25)
    out.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, send))));
  return out;
}

function expectErrorShape(a: Answer, status: number, code: string): void {
  expect([a.status, String(a.headers["content-type"])]).toEqual([
    status,
    expect.stringMatching(/^application\/json/),
  ]);
  expect(a.json).toEqual({
    error: expect.objectContaining({
      code,
      message: expect.any(String),
      action: expect.any(String),
    }),
  });
  expect(Object.keys(a.json as object)).toEqual(["error"]);
}

describe("starting a sign-in", () => {
  it("refuses 1,000 cross-site starts, and the user's own sign-in and Connect still work", async () => {
    const mine = await approvedSignIn({ "sec-fetch-site": "none", "sec-fetch-mode": "navigate" });
    const fetches = await many(500, () =>
      request(`${t.url}/auth/qbo/start`, { headers: CROSS_SITE_FETCH })
    );
    // A top-level navigation from another site carries the user's SameSite=Lax cookie.
    const navigations = await many(500, () =>
      request(`${t.url}/auth/qbo/start`, {
        headers: { ...CROSS_SITE_NAVIGATION, cookie: mine.cookie },
      })
    );
    for (const a of fetches) expectErrorShape(a, 403, "forbidden_origin");
    expect(fetches[0]?.json).toEqual({
      error: {
        code: "forbidden_origin",
        message: "This sign-in was started by a web page that is not RevRec for Excel.",
        action: "Click Connect to QuickBooks in the add-in's task pane.",
      },
    });
    expect(new Set(navigations.map((a) => a.status))).toEqual(new Set([403]));
    expect(navigations.every((a) => a.headers["set-cookie"] === undefined)).toBe(true);
    expect(authMessage(navigations[0]?.text ?? "")).toMatchObject({
      type: "revrec-auth",
      ok: false,
      error: { code: "forbidden_origin" },
    });

    const finished = await request(mine.callback, { headers: { cookie: mine.cookie } });
    expect([finished.status, authMessage(finished.text).ok]).toEqual([200, true]);
    const again = await signIn(t);
    expect([again.callbackStatus, again.message.ok]).toEqual([200, true]);
  }, 120_000);

  it("lets the dialog's own navigation and the add-in's own page start it", async () => {
    for (const headers of [
      { "sec-fetch-site": "none", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" },
      { "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate" },
      { origin: t.url, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" },
      {},
    ]) {
      const start = await request(`${t.url}/auth/qbo/start`, { headers });
      expect([headers, start.status]).toEqual([headers, 302]);
    }
    const sameSite = await request(`${t.url}/auth/qbo/start`, {
      headers: { "sec-fetch-site": "same-site", "sec-fetch-mode": "navigate" },
    });
    expect(sameSite.status).toBe(403);
  });

  it("lets the Office dialog start it cross-site with a ticket the pane fetched from the same origin (Excel on the web)", async () => {
    const ask = await request(`${t.url}/auth/qbo/ticket`, {
      method: "POST",
      body: {},
      headers: { origin: t.url, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" },
    });
    expect(ask.status).toBe(200);
    const ticket = (ask.json as { ticket: string }).ticket;
    expect(ticket).toMatch(/^\d+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
    const start = await request(`${t.url}/auth/qbo/start?ticket=${encodeURIComponent(ticket)}`, {
      headers: CROSS_SITE_NAVIGATION,
    });
    expect(start.status).toBe(302);
    const approved = await request(String(start.headers.location));
    const done = await request(String(approved.headers.location), {
      headers: { cookie: cookieFrom(start) ?? "" },
    });
    expect([done.status, authMessage(done.text).ok]).toEqual([200, true]);

    // Without a ticket, or with one that was not signed here, the same navigation is refused.
    const forged = `${ticket.slice(0, -2)}${ticket.endsWith("AA") ? "BB" : "AA"}`;
    for (const url of [
      `${t.url}/auth/qbo/start`,
      `${t.url}/auth/qbo/start?ticket=${encodeURIComponent(forged)}`,
      `${t.url}/auth/qbo/start?ticket=9999999999999.AAAAAAAAAAAAAAAA.${"A".repeat(43)}`,
    ]) {
      const refused = await request(url, { headers: CROSS_SITE_NAVIGATION });
      expect([url, refused.status]).toEqual([url, 403]);
    }
  });

  it("gives tickets to the add-in's own page only: another site's fetch and a text/plain post are refused", async () => {
    const foreign = await request(`${t.url}/auth/qbo/ticket`, {
      method: "POST",
      body: {},
      headers: CROSS_SITE_FETCH,
    });
    expectErrorShape(foreign, 403, "forbidden_origin");
    const plain = await request(`${t.url}/auth/qbo/ticket`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "text/plain" },
    });
    expectErrorShape(plain, 415, "invalid_request");
    expect((plain.json as { error: { message: string } }).error.message).toBe(
      "The request body must be JSON."
    );
  });

  it("keeps each browser's sign-ins its own: its oldest give way to its newest, never another's", async () => {
    const other = await approvedSignIn();
    // 1,000 starts from a program without cookies, each a browser of its own.
    const flood = await many(1000, () => request(`${t.url}/auth/qbo/start`));
    expect(new Set(flood.map((a) => a.status))).toEqual(new Set([302]));

    const first = await approvedSignIn();
    const later: string[] = [];
    for (let i = 0; i < 5; i++)
      later.push((await approvedSignIn({ cookie: first.cookie })).callback);
    const evicted = await request(first.callback, { headers: { cookie: first.cookie } });
    expect([evicted.status, authMessage(evicted.text).error?.code]).toEqual([400, "invalid_state"]);
    const newest = await request(later[4] ?? "", { headers: { cookie: first.cookie } });
    expect([newest.status, authMessage(newest.text).ok]).toEqual([200, true]);

    const untouched = await request(other.callback, { headers: { cookie: other.cookie } });
    expect([untouched.status, authMessage(untouched.text).ok]).toEqual([200, true]);
  }, 120_000);
});

describe("host names", () => {
  const port = (): string => new URL(t.url).port;

  it("answers only to loopback's names, whatever the port", async () => {
    for (const host of [
      `localhost:${port()}`,
      `127.0.0.1:${port()}`,
      `[::1]:${port()}`,
      "localhost",
    ]) {
      const a = await request(`${t.url}/api/health`, { headers: { host } });
      expect([host, a.status]).toEqual([host, 200]);
    }
  });

  it("refuses any other name with 421, on every path (DNS rebinding)", async () => {
    for (const host of [
      `evil.example:${port()}`,
      "evil.example",
      `localhost.evil.example:${port()}`,
      `127.0.0.1.nip.io:${port()}`,
      "user@localhost",
    ]) {
      for (const p of ["/api/health", "/auth/qbo/start", "/"]) {
        const a = await request(`${t.url}${p}`, { headers: { host } });
        expectErrorShape(a, 421, "unknown_host");
      }
    }
    const a = await request(`${t.url}/api/health`, { headers: { host: "evil.example" } });
    expect(a.json).toEqual({
      error: {
        code: "unknown_host",
        message: "This request was addressed to a host name this server does not serve.",
        action: `Open the add-in from ${t.url}.`,
      },
    });
  });

  it("answers to the configured public host too", async () => {
    const pub = await startTestServer({
      env: { REVREC_PUBLIC_URL: "https://revrec.example.test:0" },
    });
    try {
      const p = new URL(pub.url).port;
      const base = `https://127.0.0.1:${p}`;
      const own = await request(`${base}/api/health`, {
        headers: { host: `revrec.example.test:${p}` },
      });
      expect(own.status).toBe(200);
      const local = await request(`${base}/api/health`, { headers: { host: `localhost:${p}` } });
      expect(local.status).toBe(200);
      const evil = await request(`${base}/api/health`, { headers: { host: `evil.example:${p}` } });
      expectErrorShape(evil, 421, "unknown_host");
    } finally {
      await pub.close();
    }
  });
});

/** Bytes written straight to the server's TLS socket, for requests no HTTP client would send. */
function raw(bytes: string): Promise<string> {
  const u = new URL(t.url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = tls.connect(
      { host: u.hostname, port: Number(u.port), rejectUnauthorized: false },
      () => socket.write(bytes)
    );
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}

describe("errors before any route", () => {
  let token: string;
  beforeAll(async () => {
    token = await connect(t);
  });

  it("answers every framework error in the documented shape", async () => {
    expectErrorShape(await request(`${t.url}/%`), 400, "invalid_request");
    expectErrorShape(await request(`${t.url}/api/%zz`), 400, "invalid_request");
    expectErrorShape(
      await request(`${t.url}/api/sync/${"x".repeat(200)}`, { token }),
      414,
      "invalid_request"
    );
    expectErrorShape(await request(`${t.url}/nowhere`), 404, "not_found");
    expectErrorShape(
      await request(`${t.url}/api/sync`, {
        method: "POST",
        token,
        body: "{mode:",
        headers: { "content-type": "application/json" },
      }),
      400,
      "invalid_request"
    );
    expectErrorShape(
      await request(`${t.url}/api/sync`, {
        method: "POST",
        token,
        body: "mode=full",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
      "invalid_request"
    );
    expectErrorShape(
      await request(`${t.url}/api/journal`, {
        method: "POST",
        token,
        body: { pad: "x".repeat(5 * 1024 * 1024) },
      }),
      413,
      "invalid_request"
    );
  });

  it("answers headers too large with 431 in the documented shape", async () => {
    const a = await request(`${t.url}/api/health`, { headers: { "x-big": "x".repeat(20_000) } });
    expectErrorShape(a, 431, "invalid_request");
    expect(a.json).toEqual({
      error: {
        code: "invalid_request",
        message: "The request's headers are too large.",
        action: "Clear this site's cookies, then try again.",
      },
    });
  });

  it("answers a request that is not HTTP with 400 in the documented shape", async () => {
    const answer = await raw("HELLO THERE\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toEqual({
      error: {
        code: "invalid_request",
        message: "The request is not valid HTTP.",
        action: "Check the program that sent it.",
      },
    });
  });
});
