/**
 * Sign-in, sessions and the browser-facing safety rails, over real HTTPS against the bundled sandbox:
 * the full OAuth flow, forged or replayed state, bad session tokens, foreign origins, headers, limits,
 * refresh (once for concurrent callers), rotation, revoke, and tokens surviving a restart.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  api,
  authMessage,
  connect,
  cookieFrom,
  fault,
  request,
  sandboxState,
  signIn,
  startTestServer,
  type TestServer,
} from "./helpers";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t.close();
});

interface ErrorBody {
  error: {
    code: string;
    message: string;
    action: string;
    fields?: { path: string; message: string }[];
  };
}

describe("sign-in", () => {
  it("completes the OAuth flow and hands the task pane a session token", async () => {
    const { message, callbackStatus } = await signIn(t);
    expect(callbackStatus).toBe(200);
    expect(message).toMatchObject({
      type: "revrec-auth",
      ok: true,
      realmId: t.server.sandbox?.realmId,
      companyName: "Cascade Cloud Software (Sandbox)",
      environment: "local",
    });
    expect(message.sessionToken).toMatch(/^rrs_[A-Za-z0-9_-]{43}$/);
    const status = await api(t, message.sessionToken ?? "", "GET", "/api/status");
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({
      connected: true,
      companyName: "Cascade Cloud Software (Sandbox)",
      preferences: { bookCloseDate: "2026-06-30" },
    });
  });

  it("sends the dialog to the consent page with a state and binds it to the dialog's browser", async () => {
    const start = await request(`${t.url}/auth/qbo/start`);
    expect(start.status).toBe(302);
    const to = new URL(String(start.headers.location));
    expect(`${to.origin}${to.pathname}`).toBe(`${t.sandboxUrl}/connect/oauth2`);
    expect(to.searchParams.get("client_id")).toBe("revrec-dev");
    expect(to.searchParams.get("redirect_uri")).toBe(`${t.url}/auth/qbo/callback`);
    expect(to.searchParams.get("scope")).toBe("com.intuit.quickbooks.accounting");
    expect(to.searchParams.get("state")?.length).toBeGreaterThanOrEqual(32);
    const cookie = String(start.headers["set-cookie"]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("refuses a forged state, a state from another browser, and a replayed callback", async () => {
    const start = await request(`${t.url}/auth/qbo/start`);
    const cookie = cookieFrom(start) ?? "";
    const approved = await request(String(start.headers.location));
    expect(approved.status).toBe(302);
    const callback = String(approved.headers.location);
    const state = new URL(callback).searchParams.get("state") ?? "";

    const forged = await request(
      callback.replace(`state=${encodeURIComponent(state)}`, "state=forged-state-value"),
      { headers: { cookie } }
    );
    expect(forged.status).toBe(400);
    expect(authMessage(forged.text)).toMatchObject({ ok: false, error: { code: "invalid_state" } });

    const otherBrowser = await request(callback);
    expect(otherBrowser.status).toBe(400);
    expect(authMessage(otherBrowser.text).error?.code).toBe("invalid_state");
    const wrongCookie = await request(callback, {
      headers: { cookie: "revrec_auth=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    });
    expect(authMessage(wrongCookie.text).error?.code).toBe("invalid_state");

    const good = await request(callback, { headers: { cookie } });
    expect(good.status).toBe(200);
    expect(authMessage(good.text).ok).toBe(true);

    const replay = await request(callback, { headers: { cookie } });
    expect(replay.status).toBe(400);
    expect(authMessage(replay.text).error?.code).toBe("invalid_state");
  });

  it("tells the task pane when the user cancels at the consent page", async () => {
    const start = await request(`${t.url}/auth/qbo/start`);
    const cookie = cookieFrom(start) ?? "";
    const state = new URL(String(start.headers.location)).searchParams.get("state") ?? "";
    const denied = await request(
      `${t.url}/auth/qbo/callback?error=access_denied&state=${encodeURIComponent(state)}`,
      { headers: { cookie } }
    );
    expect(denied.status).toBe(200);
    expect(authMessage(denied.text)).toMatchObject({ ok: false, error: { code: "access_denied" } });
    expect(authMessage(denied.text).error?.action).toMatch(/try again/);
  });

  it("serves the result page without inline script and with a restrictive CSP", async () => {
    const start = await request(`${t.url}/auth/qbo/start`);
    const cookie = cookieFrom(start) ?? "";
    const state = new URL(String(start.headers.location)).searchParams.get("state") ?? "";
    const page = await request(
      `${t.url}/auth/qbo/callback?error=access_denied&state=${encodeURIComponent(state)}`,
      { headers: { cookie } }
    );
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.text).toMatch(/<script src="\/auth\/qbo\/result\.js"><\/script>/);
    const js = await request(`${t.url}/auth/qbo/result.js`);
    expect(js.status).toBe(200);
    expect(js.text).toMatch(/messageParent/);
    expect(js.text).toMatch(/window\.opener\.postMessage\(msg, window\.location\.origin\)/);
  });
});

describe("sessions and origins", () => {
  let token: string;
  beforeAll(async () => {
    token = await connect(t);
  });

  it("refuses a missing, malformed or unknown session token", async () => {
    const missing = await request(`${t.url}/api/status`);
    expect(missing.status).toBe(401);
    expect((missing.json as ErrorBody).error.code).toBe("unauthorized");
    expect((missing.json as ErrorBody).error.action).toMatch(/Connect/);
    const malformed = await request(`${t.url}/api/status`, {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(malformed.status).toBe(401);
    const unknown = await request(`${t.url}/api/status`, { token: `rrs_${"A".repeat(43)}` });
    expect(unknown.status).toBe(401);
    const basic = await request(`${t.url}/api/status`, {
      headers: { authorization: `Basic ${token}` },
    });
    expect(basic.status).toBe(401);
  });

  it("refuses requests from a foreign origin, and allows the add-in's own", async () => {
    const foreign = await request(`${t.url}/api/status`, {
      token,
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((foreign.json as ErrorBody).error.code).toBe("forbidden_origin");
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();

    const preflight = await request(`${t.url}/api/journal`, {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBe(403);

    const own = await request(`${t.url}/api/status`, { token, headers: { origin: t.url } });
    expect(own.status).toBe(200);
    expect(own.headers["access-control-allow-origin"]).toBe(t.url);
    const ownPreflight = await request(`${t.url}/api/journal`, {
      method: "OPTIONS",
      headers: {
        origin: t.url,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(ownPreflight.status).toBe(204);
    expect(String(ownPreflight.headers["access-control-allow-headers"])).toMatch(/Authorization/i);
  });

  it("judges the path the router serves, not its spelling: a percent-encoded /api path is guarded too", async () => {
    // The router decodes %61 to "a", so these reach the API routes.
    for (const p of ["/%61pi/status", "/%61%70%69/accounts", "/ap%69/sync/sj_AAAAAAAAAAAAAAAA"]) {
      const foreign = await request(`${t.url}${p}`, {
        token,
        headers: { origin: "https://evil.example" },
      });
      expect([p, foreign.status]).toEqual([p, 403]);
      expect((foreign.json as ErrorBody).error.code).toBe("forbidden_origin");
      expect(foreign.headers["cache-control"]).toBe("no-store");
      const own = await request(`${t.url}${p}`, { token, headers: { origin: t.url } });
      expect([p, own.headers["cache-control"]]).toEqual([p, "no-store"]);
    }
    const encodedStatus = await request(`${t.url}/%61pi/status`, { token });
    expect(encodedStatus.status).toBe(200);
    expect(encodedStatus.headers["cache-control"]).toBe("no-store");
  });

  it("sends security headers and never caches API answers", async () => {
    const r = await api(t, token, "GET", "/api/health");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["referrer-policy"]).toBe("no-referrer");
    expect(r.headers["content-security-policy"]).toMatch(
      /frame-ancestors 'self' https:\/\/\*\.officeapps\.live\.com/
    );
    expect(r.headers["x-frame-options"]).toBeUndefined();
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.headers["x-powered-by"]).toBeUndefined();
  });

  it("answers bad input with clear 400s and oversized bodies with 413", async () => {
    const notJson = await request(`${t.url}/api/sync`, {
      method: "POST",
      token,
      body: "{mode:",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    expect((notJson.json as ErrorBody).error.code).toBe("invalid_request");
    const badMode = await api(t, token, "POST", "/api/sync", { mode: "everything" });
    expect(badMode.status).toBe(400);
    expect((badMode.json as ErrorBody).error.fields?.map((f) => f.path)).toEqual(["mode"]);
    expect((badMode.json as ErrorBody).error.message).toMatch(/mode: must be equal to one of/);
    const noCursor = await api(t, token, "POST", "/api/sync", { mode: "incremental" });
    expect(noCursor.status).toBe(400);
    expect((noCursor.json as ErrorBody).error.message).toMatch(/cursor/);
    const badCursor = await api(t, token, "POST", "/api/sync", {
      mode: "incremental",
      cursor: "garbage",
    });
    expect(badCursor.status).toBe(400);
    const badJob = await api(t, token, "GET", "/api/sync/../../etc");
    expect([400, 404]).toContain(badJob.status);
    // A malformed job id is a 400 naming the field; a well-formed one that is not a job is a 404.
    const malformedJob = await api(t, token, "GET", "/api/sync/not-a-job/result");
    expect(malformedJob.status).toBe(400);
    expect((malformedJob.json as ErrorBody).error.code).toBe("invalid_request");
    expect((malformedJob.json as ErrorBody).error.fields?.map((f) => f.path)).toEqual(["jobId"]);
    const unknownJob = await api(t, token, "GET", `/api/sync/sj_${"A".repeat(16)}`);
    expect(unknownJob.status).toBe(404);
    expect((unknownJob.json as ErrorBody).error.code).toBe("not_found");
    const badQuery = await api(t, token, "GET", "/api/accounts?includeInactive=yes&colour=red");
    expect(badQuery.status).toBe(400);
    expect((badQuery.json as ErrorBody).error.fields?.map((f) => f.path).sort()).toEqual([
      "colour",
      "includeInactive",
    ]);
    const notObject = await api(t, token, "POST", "/api/sync", ["full"]);
    expect(notObject.status).toBe(400);
    expect((notObject.json as ErrorBody).error.fields).toEqual([
      { path: "body", message: "must be object" },
    ]);
    const plainText = await request(`${t.url}/api/sync`, {
      method: "POST",
      token,
      body: '{"mode":"full"}',
      headers: { "content-type": "text/plain" },
    });
    expect(plainText.status).toBe(415);
    expect((plainText.json as ErrorBody).error.code).toBe("invalid_request");
    const disconnectWithBody = await api(t, token, "POST", "/api/disconnect", { bogus: 1 });
    expect(disconnectWithBody.status).toBe(400);
    expect((disconnectWithBody.json as ErrorBody).error.fields).toEqual([
      { path: "bogus", message: "is not a known field" },
    ]);
    expect((await api(t, token, "GET", "/api/status")).status).toBe(200);
    const huge = await api(t, token, "POST", "/api/journal", {
      period: "2026-07",
      lines: [],
      pad: "x".repeat(5 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    const nowhere = await api(t, token, "GET", "/api/nowhere");
    expect(nowhere.status).toBe(404);
    expect((nowhere.json as ErrorBody).error.code).toBe("not_found");
  });
});

describe("tokens", () => {
  it("refreshes an expired access token once, however many requests need it at the same time", async () => {
    const token = await connect(t);
    const before = t.server.runtime.connections.refreshCount;
    await request(`${t.sandboxUrl}/__sandbox/tokens/expire`, { method: "POST", body: {} });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => api(t, token, "GET", "/api/accounts"))
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(t.server.runtime.connections.refreshCount).toBe(before + 1);
  });

  it("stores the rotated refresh token before using it; the superseded one no longer works", async () => {
    const token = await connect(t);
    const realmId = t.server.sandbox?.realmId ?? "";
    const key = t.server.runtime.connections.companyKey(realmId);
    const oldRefresh = (await t.server.runtime.connections.company(key))?.refreshToken ?? "";
    // A day and a bit later: the access token has expired and the refresh token rotates on the next refresh.
    await request(`${t.sandboxUrl}/__sandbox/clock`, {
      method: "POST",
      body: { advanceSeconds: 25 * 3600 },
    });
    // The backend's own clock has not moved, so the sandbox's 401 is what triggers the refresh.
    const r = await api(t, token, "GET", "/api/accounts");
    expect(r.status).toBe(200);
    const newRefresh = (await t.server.runtime.connections.company(key))?.refreshToken ?? "";
    expect(newRefresh).not.toBe(oldRefresh);
    const basic = Buffer.from("revrec-dev:revrec-dev-secret").toString("base64");
    const reuse = await request(`${t.sandboxUrl}/oauth2/v1/tokens/bearer`, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(oldRefresh)}`,
    });
    expect(reuse.status).toBe(400);
    expect((reuse.json as { error: string }).error).toBe("invalid_grant");
  });

  it("asks the user to reconnect when QuickBooks no longer accepts the refresh token", async () => {
    const token = await connect(t);
    await request(`${t.sandboxUrl}/__sandbox/tokens/expire`, {
      method: "POST",
      body: { refresh: true },
    });
    const r = await api(t, token, "GET", "/api/accounts");
    expect(r.status).toBe(401);
    expect((r.json as ErrorBody).error.code).toBe("reconnect_required");
    expect((r.json as ErrorBody).error.action).toMatch(/Connect to QuickBooks/);
    const again = await connect(t);
    expect((await api(t, again, "GET", "/api/accounts")).status).toBe(200);
  });

  it("retries a throttled or failing token endpoint; only an OAuth refusal means reconnecting", async () => {
    const token = await connect(t);
    const expire = (): Promise<unknown> =>
      request(`${t.sandboxUrl}/__sandbox/tokens/expire`, { method: "POST", body: {} });
    // Once: the refresh is retried after a short backoff and the call goes through.
    for (const [status, body] of [
      [429, "xml"],
      [429, "json"],
      [503, "json"],
      [500, "html"],
    ] as const) {
      await expire();
      await fault(t, { method: "POST", path: "tokens/bearer", status, body, count: 1 });
      const r = await api(t, token, "GET", "/api/accounts");
      expect([status, body, r.status]).toEqual([status, body, 200]);
    }
    // For longer than the retries: reported as throttled or unavailable, never as a lost connection.
    await expire();
    await fault(t, { method: "POST", path: "tokens/bearer", status: 429, count: 20 });
    const throttled = await api(t, token, "GET", "/api/accounts");
    expect(throttled.status).toBe(429);
    expect((throttled.json as ErrorBody).error.code).toBe("qbo_throttled");
    expect((throttled.json as ErrorBody).error.action).toMatch(/Wait/);
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
    await fault(t, {
      method: "POST",
      path: "tokens/bearer",
      status: 502,
      body: "empty",
      count: 20,
    });
    const down = await api(t, token, "GET", "/api/accounts");
    expect(down.status).toBe(503);
    expect((down.json as ErrorBody).error.code).toBe("qbo_unavailable");
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
    // The connection is intact: the same session works as soon as the token endpoint answers again.
    expect((await api(t, token, "GET", "/api/accounts")).status).toBe(200);
  });

  it("retries a throttled code exchange at sign-in, and says to wait when it stays throttled", async () => {
    await fault(t, { method: "POST", path: "tokens/bearer", status: 429, body: "json", count: 1 });
    const once = await signIn(t);
    expect(once.message.ok).toBe(true);
    await fault(t, { method: "POST", path: "tokens/bearer", status: 429, count: 20 });
    const stuck = await signIn(t);
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
    expect(stuck.callbackStatus).toBe(429);
    expect(stuck.message.ok).toBe(false);
    expect(stuck.message.error?.code).toBe("qbo_throttled");
    expect(stuck.message.error?.action).toMatch(/[Ww]ait/);
    await fault(t, { method: "POST", path: "tokens/bearer", status: 503, count: 20 });
    const down = await signIn(t);
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
    expect(down.callbackStatus).toBe(503);
    expect(down.message.error?.code).toBe("qbo_unavailable");
  });

  it("disconnect revokes the grant at QuickBooks and ends every session of the company", async () => {
    const token = await connect(t);
    const second = await connect(t);
    const before = (await sandboxState(t))["oauth"] as { activeGrants: number };
    const r = await api(t, token, "POST", "/api/disconnect", {});
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ disconnected: true, revoked: true });
    const after = (await sandboxState(t))["oauth"] as { activeGrants: number };
    expect(after.activeGrants).toBeLessThan(before.activeGrants);
    expect((await api(t, token, "GET", "/api/status")).status).toBe(401);
    expect((await api(t, second, "GET", "/api/status")).status).toBe(401);
    // Connecting again works.
    const again = await connect(t);
    expect((await api(t, again, "GET", "/api/status")).status).toBe(200);
  });

  it("disconnect also takes no body at all", async () => {
    const token = await connect(t);
    const r = await request(`${t.url}/api/disconnect`, { method: "POST", token });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ disconnected: true });
    expect((await api(t, token, "GET", "/api/status")).status).toBe(401);
  });
});

/** Every file under `dir`, at any depth. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe("the store", () => {
  it("keeps tokens encrypted at rest; tokens, sessions and posting requestids survive a restart", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "revrec-restart-"));
    const dataFile = path.join(dir, "sandbox.json");
    try {
      const a = await startTestServer({
        dataDir: dir,
        sandbox: { dataFile },
        env: { QBO_TIMEOUT_MS: "300", QBO_MAX_ATTEMPTS: "2" },
      });
      const token = await connect(a);
      const key = a.server.runtime.connections.companyKey(a.server.sandbox?.realmId ?? "");
      const rec = await a.server.runtime.connections.company(key);
      // A posting that times out: its requestid is stored before the first attempt.
      expect((await api(a, token, "GET", "/api/accounts")).status).toBe(200);
      await fault(a, { method: "POST", path: "journalentry$", action: "hang", ms: 1000, count: 5 });
      const entry = {
        period: "2026-08",
        lines: [
          { account: "Deferred Revenue", posting: "Debit", amount: "5.00" },
          { account: "Subscription Revenue", posting: "Credit", amount: "5.00" },
        ],
      };
      expect((await api(a, token, "POST", "/api/journal", entry)).status).toBe(504);
      const requestId = (await a.server.runtime.store.ledger.get(key, "RR-2026-08"))?.requestId;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      await a.close();

      // Every byte the embedded database wrote (tables and log): no token in the clear.
      const raw = Buffer.concat(filesUnder(path.join(dir, "db")).map((f) => readFileSync(f)));
      expect(raw.includes(rec?.accessToken ?? "??")).toBe(false);
      expect(raw.includes(rec?.refreshToken ?? "??")).toBe(false);
      expect(raw.includes(token)).toBe(false);
      expect(statSync(path.join(dir, "store.key")).mode & 0o777).toBe(0o600);

      const b = await startTestServer({ dataDir: dir, sandbox: { dataFile } });
      const status = await api(b, token, "GET", "/api/status");
      expect(status.status).toBe(200);
      expect((status.json as { companyName: string }).companyName).toBe(
        "Cascade Cloud Software (Sandbox)"
      );
      // After the restart the same posting carries the same requestid.
      const posted = await api(b, token, "POST", "/api/journal", entry);
      expect(posted.status).toBe(201);
      expect((posted.json as { requestId: string }).requestId).toBe(requestId);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("pointed at Intuit", () => {
  it("sends the sign-in to Intuit's consent page with the app's keys and talks to Intuit's sandbox API host", async () => {
    const intuit = await startTestServer({
      env: {
        QBO_ENVIRONMENT: "sandbox",
        QBO_CLIENT_ID: "ABcdEF123",
        QBO_CLIENT_SECRET: "not-a-real-secret",
      },
    });
    try {
      expect(intuit.server.sandbox).toBeUndefined();
      expect(intuit.server.apiBase).toBe("https://sandbox-quickbooks.api.intuit.com");
      const health = await request(`${intuit.url}/api/health`);
      expect(health.json).toMatchObject({ ok: true, environment: "sandbox" });
      const start = await request(`${intuit.url}/auth/qbo/start`);
      expect(start.status).toBe(302);
      const to = new URL(String(start.headers.location));
      expect(`${to.origin}${to.pathname}`).toBe("https://appcenter.intuit.com/connect/oauth2");
      expect(to.searchParams.get("client_id")).toBe("ABcdEF123");
      expect(to.searchParams.get("redirect_uri")).toBe(`${intuit.url}/auth/qbo/callback`);
      expect(String(start.headers.location)).not.toContain("not-a-real-secret");
    } finally {
      await intuit.close();
    }
  });
});
