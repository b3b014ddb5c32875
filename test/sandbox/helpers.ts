/** A small QBO client for the sandbox tests, written from the reference's facts: fetch over loopback. */
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../sandbox";

export const CLIENT_ID = "revrec-dev";
export const CLIENT_SECRET = "revrec-dev-secret";
export const REDIRECT = "https://localhost:3000/auth/qbo/callback";
export const SCOPE = "com.intuit.quickbooks.accounting";

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const r = await fetch(url, { redirect: "manual", ...init });
  const text = await r.text();
  let json: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === "object" && v !== null) json = v as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: r.status, headers: r.headers, text, json };
}

export function basic(id = CLIENT_ID, secret = CLIENT_SECRET): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

export function authorizeUrl(
  base: string,
  state = "st-123",
  redirect = REDIRECT,
  scope = SCOPE
): string {
  const q = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: "code",
    scope,
    redirect_uri: redirect,
    state,
  });
  return `${base}/connect/oauth2?${q.toString()}`;
}

/** Runs the consent step (auto-approved, or by pressing Connect) and returns the redirect's query. */
export async function obtainCode(base: string, state = "st-123"): Promise<URLSearchParams> {
  const page = await call(authorizeUrl(base, state));
  let location: string | null;
  if (page.status === 302) location = page.headers.get("location");
  else {
    const form = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: SCOPE,
      state,
      decision: "connect",
    });
    const r = await call(`${base}/connect/oauth2/decision`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    location = r.headers.get("location");
  }
  if (!location) throw new Error("no redirect");
  return new URL(location).searchParams;
}

export async function tokenRequest(
  base: string,
  form: Record<string, string>,
  auth = basic()
): Promise<Reply> {
  return call(`${base}/oauth2/v1/tokens/bearer`, {
    method: "POST",
    headers: {
      authorization: auth,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams(form).toString(),
  });
}

export interface Conn {
  base: string;
  realmId: string;
  access: string;
  refresh: string;
}

export async function connect(base: string): Promise<Conn> {
  const q = await obtainCode(base);
  const r = await tokenRequest(base, {
    grant_type: "authorization_code",
    code: q.get("code") ?? "",
    redirect_uri: REDIRECT,
  });
  if (r.status !== 200) throw new Error(`token exchange failed: ${r.text}`);
  return {
    base,
    realmId: q.get("realmId") ?? "",
    access: String(r.json["access_token"]),
    refresh: String(r.json["refresh_token"]),
  };
}

/** A call to the Accounting API: JSON in and out, minorversion 75. */
export async function qbo(
  c: Conn,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  params: Record<string, string> = {}
): Promise<Reply> {
  const q = new URLSearchParams({ minorversion: "75", ...params });
  const headers: Record<string, string> = {
    authorization: `Bearer ${c.access}`,
    accept: "application/json",
  };
  if (body !== undefined)
    headers["content-type"] = typeof body === "string" ? "application/text" : "application/json";
  return call(`${c.base}/v3/company/${c.realmId}/${path}?${q.toString()}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

export async function query(c: Conn, sql: string): Promise<Reply> {
  return qbo(c, "GET", "query", undefined, { query: sql });
}

export async function admin(
  base: string,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown
): Promise<Reply> {
  return call(`${base}/__sandbox/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Follows a path of keys and indexes into a parsed response. */
export function at(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

export function fault(r: Reply): {
  code: unknown;
  Message: unknown;
  element: unknown;
  type: unknown;
} {
  return {
    code: at(r.json, "Fault", "Error", 0, "code"),
    Message: at(r.json, "Fault", "Error", 0, "Message"),
    element: at(r.json, "Fault", "Error", 0, "element"),
    type: at(r.json, "Fault", "type"),
  };
}

export function list(r: Reply, entity: string): Record<string, unknown>[] {
  const v = at(r.json, "QueryResponse", entity);
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
}

export async function start(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ invoices: 60, throttle: false, autoApprove: true, ...opts });
}

/** Pacific-offset ISO text (what a client would send) for an instant. */
export function iso(ms: number): string {
  return new Date(ms - 8 * 3_600_000).toISOString().slice(0, 19) + "-08:00";
}

/** Ids by name of a name list's records (Account, Item: by Name). */
export async function idsByName(
  c: Conn,
  entity: "Account" | "Item"
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of list(await query(c, `select * from ${entity}`), entity))
    out[String(r["Name"])] = String(r["Id"]);
  return out;
}

/** The first customer's id. */
export async function firstCustomer(c: Conn): Promise<string> {
  return String(list(await query(c, "select * from Customer maxresults 1"), "Customer")[0]?.["Id"]);
}
