/**
 * "A client built from the reference's facts alone works against it unchanged": Intuit's own intuit-oauth
 * package, pointed at the sandbox only through its documented hooks (setAuthorizeURLs and the environment base URL).
 */
import OAuthClient from "intuit-oauth";
import type { RunningSandbox } from "../../sandbox";
import { call, CLIENT_ID, CLIENT_SECRET, REDIRECT, start } from "./helpers";

describe("intuit-oauth 4.2.5 against the sandbox", () => {
  let sb: RunningSandbox;
  const saved = { ...OAuthClient.environment };
  const savedJwks = OAuthClient.jwks_uri;
  beforeAll(async () => {
    sb = await start({ invoices: 20 });
    OAuthClient.environment = { sandbox: `${sb.url}/`, production: saved.production };
  });
  afterAll(async () => {
    OAuthClient.environment = saved;
    OAuthClient.jwks_uri = savedJwks;
    await sb.close();
  });

  test("authorize, exchange the code, call the API, refresh, post a journal entry, see a Fault, revoke", async () => {
    const discovery = await call(`${sb.url}/.well-known/openid_sandbox_configuration`);
    const client = new OAuthClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      environment: "sandbox",
      redirectUri: REDIRECT,
    });
    client.setAuthorizeURLs({
      authorizeEndpoint: String(discovery.json["authorization_endpoint"]),
      tokenEndpoint: String(discovery.json["token_endpoint"]),
      revokeEndpoint: String(discovery.json["revocation_endpoint"]),
      userInfoEndpoint: String(discovery.json["userinfo_endpoint"]),
    });
    const uri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: "csrf-1" });
    const consent = await call(uri);
    expect(consent.status).toBe(302);
    const redirect = consent.headers.get("location") ?? "";

    const auth = await client.createToken(redirect);
    const token = auth.getToken();
    expect(token.realmId).toBe(sb.realmId);
    expect(new URL(redirect).searchParams.get("state")).toBe("csrf-1");
    expect(client.isAccessTokenValid()).toBe(true);

    const info = await client.makeApiCall({
      url: `v3/company/${sb.realmId}/companyinfo/${sb.realmId}?minorversion=75`,
    });
    expect((info.json as { CompanyInfo: { CompanyName: string } }).CompanyInfo.CompanyName).toBe(
      "Cascade Cloud Software (Sandbox)"
    );

    const refreshed = await client.refresh();
    expect(refreshed.getToken().refresh_token).toBe(token.refresh_token);

    const q = await client.makeApiCall({
      url: `v3/company/${sb.realmId}/query?query=${encodeURIComponent("select * from Account where AccountType = 'Income'")}&minorversion=75`,
    });
    const accounts = (q.json as { QueryResponse: { Account: { Id: string; Name: string }[] } })
      .QueryResponse.Account;
    const revenue = accounts.find((a) => a.Name === "Subscription Revenue");
    const deferred = await client.makeApiCall({
      url: `v3/company/${sb.realmId}/query?query=${encodeURIComponent("select * from Account where Name = 'Deferred Revenue'")}`,
    });
    const deferredId = (deferred.json as { QueryResponse: { Account: { Id: string }[] } })
      .QueryResponse.Account[0]?.Id;

    const je = await client.makeApiCall({
      url: `v3/company/${sb.realmId}/journalentry?minorversion=75&requestid=9b7d3c1e-0000-4000-8000-000000000001`,
      method: "POST",
      body: {
        DocNumber: "RR-2026-10",
        TxnDate: "2026-10-31",
        Line: [
          {
            Amount: 1000,
            DetailType: "JournalEntryLineDetail",
            JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: deferredId } },
          },
          {
            Amount: 1000,
            DetailType: "JournalEntryLineDetail",
            JournalEntryLineDetail: { PostingType: "Credit", AccountRef: { value: revenue?.Id } },
          },
        ],
      },
    });
    const posted = (
      je.json as { JournalEntry: { Id: string; SyncToken: string; Line: { Id: string }[] } }
    ).JournalEntry;
    expect(posted.SyncToken).toBe("0");
    expect(posted.Line.map((l) => l.Id)).toEqual(["0", "1"]);

    const bad = client.makeApiCall({
      url: `v3/company/${sb.realmId}/journalentry?minorversion=75`,
      method: "POST",
      body: {
        Line: [
          {
            Amount: 10,
            DetailType: "JournalEntryLineDetail",
            JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: deferredId } },
          },
          {
            Amount: 9,
            DetailType: "JournalEntryLineDetail",
            JournalEntryLineDetail: { PostingType: "Credit", AccountRef: { value: revenue?.Id } },
          },
        ],
      },
    });
    await expect(bad).rejects.toMatchObject({
      fault: { type: "ValidationFault", errors: [{ code: "2300" }] },
    });

    await client.revoke();
    const after = await call(`${sb.url}/v3/company/${sb.realmId}/preferences`, {
      headers: { authorization: `Bearer ${token.access_token}`, accept: "application/json" },
    });
    expect(after.status).toBe(401);
  });

  test("with the openid scope: an RS256 id_token that validateIdToken verifies against the JWKS, and userinfo", async () => {
    const discovery = await call(`${sb.url}/.well-known/openid_configuration`);
    const client = new OAuthClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      environment: "sandbox",
      redirectUri: REDIRECT,
    });
    client.setAuthorizeURLs({
      authorizeEndpoint: String(discovery.json["authorization_endpoint"]),
      tokenEndpoint: String(discovery.json["token_endpoint"]),
      revokeEndpoint: String(discovery.json["revocation_endpoint"]),
      userInfoEndpoint: String(discovery.json["userinfo_endpoint"]),
    });
    OAuthClient.jwks_uri = String(discovery.json["jwks_uri"]);
    const uri = client.authorizeUri({
      scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId],
      state: "csrf-2",
    });
    const consent = await call(uri);
    const auth = await client.createToken(consent.headers.get("location") ?? "");
    expect(auth.getToken().id_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await expect(client.validateIdToken()).resolves.toBe(true);
    const info = await client.getUserInfo();
    expect(info.json).toMatchObject({ email: "sandbox.user@example.com" });
  });
});
