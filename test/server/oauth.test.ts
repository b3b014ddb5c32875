/**
 * intuit-oauth keeps its endpoints in process-global statics. Two backends in one process, pointed at two
 * different sandboxes, must still each talk to their own: exchange codes and refresh concurrently.
 */
import { startSandbox, type RunningSandbox } from "../../sandbox";
import {
  authorizeUrl,
  exchangeCode,
  refreshTokens,
  revokeToken,
  type OAuthSettings,
} from "../../src/server/qbo/oauth";
import { request } from "./helpers";

const REDIRECT = "https://127.0.0.1:3999/auth/qbo/callback";
let a: RunningSandbox;
let b: RunningSandbox;

function settings(s: RunningSandbox): OAuthSettings {
  return {
    clientId: "revrec-dev",
    clientSecret: "revrec-dev-secret",
    redirectUri: REDIRECT,
    environment: "sandbox",
    endpoints: {
      authorize: `${s.url}/connect/oauth2`,
      token: `${s.url}/oauth2/v1/tokens/bearer`,
      revoke: `${s.url}/v2/oauth2/tokens/revoke`,
      userInfo: `${s.url}/v1/openid_connect/userinfo`,
    },
  };
}

/** The consent step, auto-approved: the callback URL the sandbox redirects to. */
async function callbackFor(s: RunningSandbox): Promise<string> {
  const r = await request(authorizeUrl(settings(s), `state-${s.realmId}`));
  expect(r.status).toBe(302);
  return String(r.headers.location);
}

beforeAll(async () => {
  const clients = [
    { clientId: "revrec-dev", clientSecret: "revrec-dev-secret", redirectUris: [REDIRECT] },
  ];
  a = await startSandbox({ autoApprove: true, invoices: 20, realmId: "1111111111", clients });
  b = await startSandbox({ autoApprove: true, invoices: 20, realmId: "2222222222", clients });
});

afterAll(async () => {
  await a.close();
  await b.close();
});

it("exchanges codes and refreshes against two sandboxes at once, each with its own endpoints", async () => {
  const [ca, cb] = await Promise.all([callbackFor(a), callbackFor(b)]);
  expect(ca.startsWith(REDIRECT)).toBe(true);
  const [ta, tb] = await Promise.all([
    exchangeCode(settings(a), ca, a.realmId),
    exchangeCode(settings(b), cb, b.realmId),
  ]);
  expect([ta.realmId, tb.realmId]).toEqual([a.realmId, b.realmId]);
  expect(ta.expiresIn).toBe(3600);
  const [ra, rb] = await Promise.all([
    refreshTokens(settings(a), ta.refreshToken, a.realmId),
    refreshTokens(settings(b), tb.refreshToken, b.realmId),
  ]);
  expect(ra.accessToken).not.toBe(ta.accessToken);
  expect(rb.accessToken).not.toBe(tb.accessToken);
  // Each sandbox accepts only its own token.
  const call = (s: RunningSandbox, token: string): Promise<number> =>
    request(`${s.url}/v3/company/${s.realmId}/companyinfo/${s.realmId}`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    }).then((r) => r.status);
  expect(await call(a, ra.accessToken)).toBe(200);
  expect(await call(b, rb.accessToken)).toBe(200);
  expect(await call(a, rb.accessToken)).toBe(401);
  await Promise.all([
    revokeToken(settings(a), ra.refreshToken),
    revokeToken(settings(b), rb.refreshToken),
  ]);
  expect(await call(a, ra.accessToken)).toBe(401);
  await expect(refreshTokens(settings(b), rb.refreshToken, b.realmId)).rejects.toMatchObject({
    error: "invalid_grant",
    refused: true,
  });
});
