import type { RunningSandbox } from "../../sandbox";
import {
  admin,
  authorizeUrl,
  basic,
  call,
  CLIENT_ID,
  connect,
  obtainCode,
  qbo,
  REDIRECT,
  SCOPE,
  start,
  tokenRequest,
} from "./helpers";

describe("sandbox OAuth 2.0", () => {
  let sb: RunningSandbox;
  let manual: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
    manual = await start({ autoApprove: false, invoices: 5 });
  });
  afterAll(async () => {
    await sb.close();
    await manual.close();
  });

  test("discovery documents point at the sandbox", async () => {
    for (const p of [
      "openid_configuration",
      "openid_sandbox_configuration",
      "openid-sandbox-configuration",
    ]) {
      const r = await call(`${sb.url}/.well-known/${p}`);
      expect(r.status).toBe(200);
      expect(r.json["authorization_endpoint"]).toBe(`${sb.url}/connect/oauth2`);
      expect(r.json["token_endpoint"]).toBe(`${sb.url}/oauth2/v1/tokens/bearer`);
      expect(r.json["revocation_endpoint"]).toBe(`${sb.url}/v2/oauth2/tokens/revoke`);
      expect(r.json["token_endpoint_auth_methods_supported"]).toEqual([
        "client_secret_post",
        "client_secret_basic",
      ]);
    }
  });

  test("the authorize page names the company and offers Connect and Cancel", async () => {
    const r = await call(authorizeUrl(manual.url));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/html/);
    expect(r.text).toContain("Cascade Cloud Software (Sandbox)");
    expect(r.text).toMatch(/<button[^>]*value="connect"[^>]*>Connect<\/button>/);
    expect(r.text).toMatch(/<button[^>]*value="cancel"[^>]*>Cancel<\/button>/);
  });

  test("Connect redirects with code, state and realmId; Cancel with error=access_denied", async () => {
    const q = await obtainCode(manual.url, "abc");
    expect(q.get("state")).toBe("abc");
    expect(q.get("realmId")).toBe(manual.realmId);
    expect((q.get("code") ?? "").length).toBeGreaterThan(20);
    expect((q.get("code") ?? "").length).toBeLessThanOrEqual(512);
    const form = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: SCOPE,
      state: "abc",
      decision: "cancel",
    });
    const r = await call(`${manual.url}/connect/oauth2/decision`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(r.status).toBe(302);
    const loc = new URL(r.headers.get("location") ?? "");
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
    expect(loc.searchParams.get("error")).toBe("access_denied");
    expect(loc.searchParams.get("state")).toBe("abc");
    expect(loc.searchParams.get("code")).toBeNull();
  });

  test("unknown clients and unregistered redirect URIs get an error page, not a redirect", async () => {
    const bad = await call(authorizeUrl(sb.url, "s", "https://evil.example/cb"));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("location")).toBeNull();
    const r = await call(
      `${sb.url}/connect/oauth2?client_id=nope&response_type=code&scope=${SCOPE}&redirect_uri=${REDIRECT}&state=s`
    );
    expect(r.status).toBe(400);
  });

  test("auto-approve redirects at once; codes are single-use", async () => {
    const r = await call(authorizeUrl(sb.url));
    expect(r.status).toBe(302);
    const code = new URL(r.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const first = await tokenRequest(sb.url, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
    });
    expect(first.status).toBe(200);
    expect(first.json["token_type"]).toBe("bearer");
    expect(first.json["expires_in"]).toBe(3600);
    expect(first.json["x_refresh_token_expires_in"]).toBe(8726400);
    expect(first.headers.get("intuit_tid")).toBeTruthy();
    const again = await tokenRequest(sb.url, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
    });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error: "invalid_grant", error_description: "Token invalid" });
  });

  test("token endpoint errors use Intuit's {error, error_description} shape", async () => {
    const q = await obtainCode(sb.url);
    const wrongSecret = await tokenRequest(
      sb.url,
      { grant_type: "authorization_code", code: q.get("code") ?? "", redirect_uri: REDIRECT },
      basic(CLIENT_ID, "wrong")
    );
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.json).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed",
    });
    const revokeWrongSecret = await call(`${sb.url}/v2/oauth2/tokens/revoke`, {
      method: "POST",
      headers: { authorization: basic(CLIENT_ID, "wrong"), "content-type": "application/json" },
      body: JSON.stringify({ token: "whatever" }),
    });
    expect(revokeWrongSecret.status).toBe(400);
    expect(revokeWrongSecret.json["error"]).toBe("invalid_client");
    const grant = await tokenRequest(sb.url, { grant_type: "password" });
    expect(grant.status).toBe(400);
    expect(grant.json["error"]).toBe("unsupported_grant_type");
    const missing = await tokenRequest(sb.url, { grant_type: "refresh_token" });
    expect(missing.json["error"]).toBe("invalid_request");
    const redirect = await tokenRequest(sb.url, {
      grant_type: "authorization_code",
      code: q.get("code") ?? "",
      redirect_uri: "https://127.0.0.1:3000/auth/qbo/callback",
    });
    expect(redirect.json["error"]).toBe("invalid_grant");
  });

  test("invalid_client can be switched to HTTP 401 (invalidClientStatus)", async () => {
    const s = await start({ invoices: 5, behaviour: { invalidClientStatus: 401 } });
    try {
      const r = await tokenRequest(
        s.url,
        { grant_type: "refresh_token", refresh_token: "x" },
        basic(CLIENT_ID, "wrong")
      );
      expect(r.status).toBe(401);
      expect(r.json["error"]).toBe("invalid_client");
    } finally {
      await s.close();
    }
  });

  test("client_secret_post is accepted too, and the hard-expiry header adds its field", async () => {
    const q = await obtainCode(sb.url);
    const r = await call(`${sb.url}/oauth2/v1/tokens/bearer`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-include-refresh-token-hard-expires-in": "true",
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: q.get("code") ?? "",
        redirect_uri: REDIRECT,
        client_id: CLIENT_ID,
        client_secret: "revrec-dev-secret",
      }).toString(),
    });
    expect(r.status).toBe(200);
    expect(r.json["x_refresh_token_hard_expires_in"]).toBe(157680000);
  });

  test("the access token works for 3600 s, then the API answers 401 with the lower-case body", async () => {
    const c = await connect(sb.url);
    expect((await qbo(c, "GET", `companyinfo/${c.realmId}`)).status).toBe(200);
    await admin(sb.url, "POST", "clock", { advanceSeconds: 3601 });
    const r = await qbo(c, "GET", `companyinfo/${c.realmId}`);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe('Bearer realm="Intuit", error="invalid_token"');
    expect(r.headers.get("intuit_tid")).toBeTruthy();
    const fault = r.json["fault"] as {
      error: { code: string; message: string; detail: string }[];
      type: string;
    };
    expect(fault.type).toBe("AUTHENTICATION");
    expect(fault.error[0]?.code).toBe("3200");
    expect(fault.error[0]?.message).toBe(
      "message=AuthenticationFailed; errorCode=003200; statusCode=401"
    );
    expect(fault.error[0]?.detail).toMatch(/^Token expired/);
    expect(typeof r.json["time"]).toBe("number");
    expect(r.json["Fault"]).toBeUndefined();
  });

  test("missing and malformed bearer tokens are 401 too", async () => {
    const none = await call(`${sb.url}/v3/company/${sb.realmId}/preferences`, {
      headers: { accept: "application/json" },
    });
    expect(none.status).toBe(401);
    const short = await call(`${sb.url}/v3/company/${sb.realmId}/preferences`, {
      headers: { accept: "application/json", authorization: "Bearer abc" },
    });
    expect(short.status).toBe(401);
    expect(JSON.stringify(short.json)).toContain("Malformed bearer token: too short or too long");
  });

  test("a token used on another company gets 403 with code 3100", async () => {
    const c = await connect(sb.url);
    const r = await qbo({ ...c, realmId: "123145678901234" }, "GET", "preferences");
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      fault: {
        error: [
          {
            message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
            detail: null,
            code: "3100",
            element: null,
          },
        ],
        type: "SERVICE",
      },
    });
  });

  test("refresh returns the same refresh token inside the rotation window, counting down", async () => {
    // Frozen: the countdown moves only by the hour advanced, however slowly the machine runs.
    await admin(sb.url, "POST", "clock", { freeze: true });
    const c = await connect(sb.url);
    await admin(sb.url, "POST", "clock", { advanceSeconds: 3600 });
    const r = await tokenRequest(sb.url, { grant_type: "refresh_token", refresh_token: c.refresh });
    await admin(sb.url, "POST", "clock", { freeze: false });
    expect(r.status).toBe(200);
    expect(r.json["refresh_token"]).toBe(c.refresh);
    const left = Number(r.json["x_refresh_token_expires_in"]);
    expect(left).toBeLessThanOrEqual(8726400 - 3600);
    expect(left).toBeGreaterThan(8726400 - 3700);
    expect(r.json["access_token"]).not.toBe(c.access);
    const api = await qbo({ ...c, access: String(r.json["access_token"]) }, "GET", "preferences");
    expect(api.status).toBe(200);
  });

  test("after the window the refresh token rotates and the superseded one fails with invalid_grant", async () => {
    const c = await connect(sb.url);
    await admin(sb.url, "POST", "clock", { advanceSeconds: 25 * 3600 });
    const r = await tokenRequest(sb.url, { grant_type: "refresh_token", refresh_token: c.refresh });
    expect(r.status).toBe(200);
    const next = String(r.json["refresh_token"]);
    expect(next).not.toBe(c.refresh);
    expect(r.json["x_refresh_token_expires_in"]).toBe(8726400);
    const old = await tokenRequest(sb.url, {
      grant_type: "refresh_token",
      refresh_token: c.refresh,
    });
    expect(old.status).toBe(400);
    expect(old.json["error"]).toBe("invalid_grant");
    const again = await tokenRequest(sb.url, { grant_type: "refresh_token", refresh_token: next });
    expect(again.status).toBe(200);
    expect(again.json["refresh_token"]).toBe(next);
  });

  test("the rotation window and a grace period are configurable", async () => {
    const s = await start({
      invoices: 1,
      behaviour: { rotationWindowSeconds: 0, refreshGraceSeconds: 60 },
    });
    try {
      const c = await connect(s.url);
      const r = await tokenRequest(s.url, {
        grant_type: "refresh_token",
        refresh_token: c.refresh,
      });
      const next = String(r.json["refresh_token"]);
      expect(next).not.toBe(c.refresh);
      const inGrace = await tokenRequest(s.url, {
        grant_type: "refresh_token",
        refresh_token: c.refresh,
      });
      expect(inGrace.status).toBe(200);
      await admin(s.url, "POST", "clock", { advanceSeconds: 61 });
      const late = await tokenRequest(s.url, {
        grant_type: "refresh_token",
        refresh_token: c.refresh,
      });
      expect(late.json["error"]).toBe("invalid_grant");
    } finally {
      await s.close();
    }
  });

  test("revoke (JSON or form body) disconnects: API 401 and refresh invalid_grant", async () => {
    for (const form of [false, true]) {
      const c = await connect(sb.url);
      const r = await call(`${sb.url}/v2/oauth2/tokens/revoke`, {
        method: "POST",
        headers: {
          authorization: basic(),
          accept: "application/json",
          "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
        },
        body: form
          ? new URLSearchParams({ token: c.refresh }).toString()
          : JSON.stringify({ token: c.access }),
      });
      expect(r.status).toBe(200);
      expect((await qbo(c, "GET", "preferences")).status).toBe(401);
      const refresh = await tokenRequest(sb.url, {
        grant_type: "refresh_token",
        refresh_token: c.refresh,
      });
      expect(refresh.json["error"]).toBe("invalid_grant");
    }
  });

  test("expire-now test hook makes live tokens fail", async () => {
    const c = await connect(sb.url);
    const e = await admin(sb.url, "POST", "tokens/expire", {});
    expect(e.json["expired"]).toBeGreaterThan(0);
    expect((await qbo(c, "GET", "preferences")).status).toBe(401);
    const r = await tokenRequest(sb.url, { grant_type: "refresh_token", refresh_token: c.refresh });
    expect(r.status).toBe(200);
  });

  test("a refresh token unused for its whole rolling life expires", async () => {
    const c = await connect(sb.url);
    await admin(sb.url, "POST", "clock", { advanceSeconds: 8726400 + 1 });
    const r = await tokenRequest(sb.url, { grant_type: "refresh_token", refresh_token: c.refresh });
    expect(r.status).toBe(400);
    expect(r.json["error"]).toBe("invalid_grant");
  });

  test("userinfo needs a live bearer token", async () => {
    const c = await connect(sb.url);
    const ok = await call(`${sb.url}/v1/openid_connect/userinfo`, {
      headers: { authorization: `Bearer ${c.access}`, accept: "application/json" },
    });
    expect(ok.status).toBe(200);
    expect(typeof ok.json["sub"]).toBe("string");
    const no = await call(`${sb.url}/v1/openid_connect/userinfo`, {
      headers: { accept: "application/json" },
    });
    expect(no.status).toBe(401);
  });
});
