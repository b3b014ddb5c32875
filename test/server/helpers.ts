/** Test helpers: a backend on 127.0.0.1 with its own bundled sandbox, real HTTPS requests, the OAuth dance. */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";

import type { SandboxOptions } from "../../sandbox";
import { generatedCerts } from "../../src/server/certs";
import { loadConfig } from "../../src/server/config";
import { startServer, type RunningServer } from "../../src/server/index";
import type { JobOrigin } from "../../src/server/sync/queue";
import type { SweepTimer } from "../../src/server/sync/sweep";
import type { SyncResult } from "../../src/wire";
import { seedDataDir } from "./db/template";

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface TestServer {
  server: RunningServer;
  url: string;
  sandboxUrl: string;
  dataDir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export const CERT_DIR = path.join(os.tmpdir(), "revrec-server-test-certs");

/** A backend's configuration for tests: loopback, any free port, the test certificate, silent, quick retries. */
export function backendEnv(dataDir: string): Record<string, string> {
  return {
    REVREC_HOST: "127.0.0.1",
    REVREC_PORT: "0",
    REVREC_PUBLIC_URL: "https://127.0.0.1:0",
    REVREC_DATA_DIR: dataDir,
    REVREC_TLS_CERT: path.join(CERT_DIR, "localhost.crt"),
    REVREC_TLS_KEY: path.join(CERT_DIR, "localhost.key"),
    REVREC_LOG_LEVEL: "silent",
    REVREC_DIST_DIR: path.join(dataDir, "no-dist"),
    QBO_BACKOFF_MS: "5",
    QBO_THROTTLE_WAIT_MS: "30",
    QBO_TIMEOUT_MS: "4000",
  };
}

/**
 * Start a backend (port 0, loopback, silent) with a bundled sandbox. `env` overrides configuration; `now` is the
 * backend's clock.
 */
export async function startTestServer(
  opts: {
    sandbox?: SandboxOptions;
    env?: Record<string, string>;
    dataDir?: string;
    now?: () => Date;
    /** drives the CDC sweep (default: a real interval of REVREC_CDC_SWEEP_MS) */
    sweepTimer?: SweepTimer;
  } = {}
): Promise<TestServer> {
  const certs = await generatedCerts(CERT_DIR);
  void certs;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "revrec-server-"));
  await seedDataDir(dataDir);
  const env: Record<string, string> = {
    ...backendEnv(dataDir),
    ...opts.env,
  };
  const config = loadConfig(env, { cwd: dataDir, dotEnvFile: false });
  if (opts.now !== undefined) config.now = opts.now;
  const server = await startServer(config, {
    sandbox: { autoApprove: true, invoices: 50, throttle: false, ...opts.sandbox },
    ...(opts.sweepTimer === undefined ? {} : { sweepTimer: opts.sweepTimer }),
  });
  return {
    server,
    url: server.url,
    sandboxUrl: server.runtime.sandboxUrl ?? "",
    dataDir,
    env,
    close: async () => {
      await server.close();
      if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let caCache: Buffer | undefined;
/** The test CA, which signed the test certificate. */
export async function ca(): Promise<Buffer> {
  if (caCache === undefined) caCache = (await generatedCerts(CERT_DIR)).ca;
  if (caCache === undefined) throw new Error("no CA");
  return caCache;
}

/** One HTTP(S) request; HTTPS trusts only the test CA. */
export async function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown; token?: string } = {}
): Promise<Answer> {
  const u = new URL(url);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers["authorization"] = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const caPem = u.protocol === "https:" ? await ca() : undefined;
  return new Promise<Answer>((resolve, reject) => {
    const cb = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on("error", reject);
    };
    const req =
      u.protocol === "https:"
        ? https.request(
            u,
            {
              method: opts.method ?? "GET",
              headers,
              ca: caPem,
              agent: false,
              // The certificate is checked against the address dialled, whatever Host header a test sends.
              checkServerIdentity: (_host, cert) => tls.checkServerIdentity(u.hostname, cert),
            },
            cb
          )
        : http.request(u, { method: opts.method ?? "GET", headers, agent: false }, cb);
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export function cookieFrom(a: Answer): string | undefined {
  const sc = a.headers["set-cookie"];
  const first = Array.isArray(sc) ? sc[0] : sc;
  return first?.split(";")[0];
}

export interface AuthMessage {
  type: string;
  ok: boolean;
  sessionToken?: string;
  realmId?: string;
  companyName?: string;
  environment?: string;
  error?: { code: string; message: string; action: string };
}

export function authMessage(html: string): AuthMessage {
  const m = /<script type="application\/json" id="revrec-auth-result">([\s\S]*?)<\/script>/.exec(
    html
  );
  if (m === null) throw new Error(`no auth result in page: ${html.slice(0, 200)}`);
  return JSON.parse(m[1] ?? "{}") as AuthMessage;
}

/** The whole sign-in as the dialog's browser does it: start → (sandbox consent, auto-approved) → callback. */
export async function signIn(
  t: TestServer
): Promise<{ message: AuthMessage; callbackStatus: number }> {
  const start = await request(`${t.url}/auth/qbo/start`);
  if (start.status !== 302) throw new Error(`start answered ${start.status}`);
  const cookie = cookieFrom(start);
  let location = String(start.headers.location);
  for (let hops = 0; hops < 5; hops++) {
    const sameOrigin = location.startsWith(t.url);
    const a = await request(
      location,
      sameOrigin && cookie !== undefined ? { headers: { cookie } } : {}
    );
    if (a.status === 302 || a.status === 303) {
      location = new URL(String(a.headers.location), location).toString();
      continue;
    }
    return { message: authMessage(a.text), callbackStatus: a.status };
  }
  throw new Error("too many redirects");
}

export async function connect(t: TestServer): Promise<string> {
  const { message } = await signIn(t);
  if (!message.ok || message.sessionToken === undefined)
    throw new Error(`sign-in failed: ${JSON.stringify(message)}`);
  return message.sessionToken;
}

/** Tell the sandbox to misbehave on the next matching request(s). */
export async function fault(t: TestServer, rule: Record<string, unknown>): Promise<void> {
  const a = await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "POST", body: rule });
  if (a.status !== 200) throw new Error(`fault rule refused: ${a.text}`);
}

export async function sandboxState(t: TestServer): Promise<Record<string, unknown>> {
  return (await request(`${t.sandboxUrl}/__sandbox/state`)).json as Record<string, unknown>;
}

export async function api(
  t: TestServer,
  token: string,
  method: string,
  p: string,
  body?: unknown
): Promise<Answer> {
  const o: { method: string; token: string; body?: unknown } = { method, token };
  if (body !== undefined) o.body = body;
  return request(`${t.url}${p}`, o);
}

export interface SyncPoll {
  state: string;
  progress: { pagesDone: number; pagesTotal: number; counts: Record<string, number> };
  error?: { code: string };
}

/**
 * Asks for the job's state until it has ended, as the pane does, but without sleeping between polls: each poll after
 * the first waits for the backend's next word on the job (a page read, or its end). It listens before it asks, so no
 * word is missed.
 */
export async function waitForSync(
  t: TestServer,
  token: string,
  jobId: string
): Promise<SyncPoll[]> {
  const seen: SyncPoll[] = [];
  for (;;) {
    let stop = (): void => undefined;
    const updated = new Promise<void>((resolve) => {
      stop = t.server.runtime.syncJobs.onUpdate((id) => {
        if (id === jobId) resolve();
      });
    });
    try {
      const v = (await api(t, token, "GET", `/api/sync/${jobId}`)).json as SyncPoll;
      seen.push(v);
      if (v.state !== "running") return seen;
      await updated;
    } finally {
      stop();
    }
  }
}

/** Call the sandbox's Accounting API directly with the server's stored access token (to change data under it). */
export async function qbo(
  t: TestServer,
  method: "GET" | "POST",
  p: string,
  body?: unknown
): Promise<Record<string, unknown>> {
  const realmId = t.server.sandbox?.realmId ?? "";
  const key = t.server.runtime.connections.companyKey(realmId);
  const token = await t.server.runtime.connections.tokens(key).get();
  const sep = p.includes("?") ? "&" : "?";
  const o: { method: string; headers: Record<string, string>; body?: unknown } = {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
  };
  if (body !== undefined) o.body = body;
  const a = await request(`${t.sandboxUrl}/v3/company/${realmId}/${p}${sep}minorversion=75`, o);
  if (a.status !== 200) throw new Error(`${method} ${p}: ${a.status} ${a.text.slice(0, 300)}`);
  return a.json as Record<string, unknown>;
}

/** Journal entries in the sandbox with this DocNumber. */
export async function entriesWithDocNumber(
  t: TestServer,
  docNumber: string
): Promise<Record<string, unknown>[]> {
  const r = await qbo(
    t,
    "GET",
    `query?query=${encodeURIComponent(`SELECT * FROM JournalEntry WHERE DocNumber = '${docNumber}'`)}`
  );
  const qr = (r["QueryResponse"] ?? {}) as Record<string, unknown>;
  return (qr["JournalEntry"] ?? []) as Record<string, unknown>[];
}

/** A balanced month-end recognition entry for `period`: debit Deferred Revenue, credit Subscription Revenue. */
export const journalEntry = (
  period: string,
  amount = "1000.00",
  extra: Record<string, unknown> = {}
): Record<string, unknown> => ({
  period,
  lines: [
    { account: "Deferred Revenue", posting: "Debit", amount, description: `Recognize ${period}` },
    {
      account: "Subscription Revenue",
      posting: "Credit",
      amount,
      description: `Recognize ${period}`,
    },
  ],
  ...extra,
});

/** A sync job run to its end over HTTP; its result. */
export async function syncedResult(
  t: TestServer,
  token: string,
  body: Record<string, unknown>
): Promise<SyncResult> {
  const start = await api(t, token, "POST", "/api/sync", body);
  expect(start.status).toBe(202);
  const jobId = (start.json as { jobId: string }).jobId;
  const polls = await waitForSync(t, token, jobId);
  expect(polls[polls.length - 1]?.state).toBe("done");
  return (await api(t, token, "GET", `/api/sync/${jobId}/result`)).json as SyncResult;
}

/** The next background sync (a webhook's or the sweep's) that `t` runs to its end: its result (rejects if it fails). */
export function backgroundSync(
  t: TestServer,
  origin: Exclude<JobOrigin, "pane">
): Promise<SyncResult> {
  const jobs = t.server.runtime.syncJobs;
  return new Promise((resolve, reject) => {
    const stop = jobs.onUpdate((id) => {
      void jobs.queue.get(id).then((j) => {
        if (j === undefined || j.origin !== origin) return;
        if (j.state === "failed") reject(new Error(JSON.stringify(j.error)));
        if (j.state !== "done" || j.result === null) return;
        stop();
        resolve(j.result);
      }, reject);
    });
  });
}

/** Change the DocNumber of an invoice dated after July 2026 in QuickBooks, as a bookkeeper would; its id. */
export async function changeInvoice(t: TestServer, docNumber: string): Promise<string> {
  const q = await qbo(
    t,
    "GET",
    `query?query=${encodeURIComponent("SELECT * FROM Invoice WHERE TxnDate > '2026-07-01' MAXRESULTS 1")}`
  );
  const inv =
    ((q["QueryResponse"] as Record<string, unknown>)["Invoice"] as Record<string, unknown>[])[0] ??
    {};
  await qbo(t, "POST", "invoice", {
    Id: inv["Id"],
    SyncToken: inv["SyncToken"],
    sparse: true,
    DocNumber: docNumber,
  });
  return String(inv["Id"]);
}

/** A sweep timer fired by hand: `fire` runs every tick registered with it (each instance's) at once. */
export function manualSweepTimer(): { timer: SweepTimer; fire(): Promise<void> } {
  const ticks = new Set<() => Promise<void>>();
  return {
    timer: (tick) => {
      ticks.add(tick);
      return () => ticks.delete(tick);
    },
    fire: async () => {
      await Promise.all([...ticks].map((t) => t()));
    },
  };
}
