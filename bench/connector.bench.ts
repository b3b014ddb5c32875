/**
 * The QuickBooks connector against the bundled sandbox (throttling on: 10 requests/s, 500/min):
 * - full sync of 10,000 invoices and 1,000 credit memos: query pages per entity (target: ceil(N/1000)), wall time (< 5 s);
 * - incremental sync of 100 changes: CDC calls (target: 1);
 * - posting a 2,000-line entry: QBO calls (target: at most 2 when nothing fails).
 */
import http from "node:http";
import https from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { generatedCerts } from "../src/server/certs";
import { loadConfig } from "../src/server/config";
import { startServer, type RunningServer } from "../src/server/index";

type Json = Record<string, unknown>;

interface Http {
  status: number;
  json: Json;
  location?: string;
  cookie?: string;
}

function call(
  url: string,
  opts: { method?: string; token?: string; body?: unknown; cookie?: string; ca?: Buffer } = {}
): Promise<Http> {
  const u = new URL(url);
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.token !== undefined) headers["authorization"] = `Bearer ${opts.token}`;
  if (opts.cookie !== undefined) headers["cookie"] = opts.cookie;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const onAnswer = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: Json = {};
        try {
          json = JSON.parse(text) as Json;
        } catch {
          json = { text };
        }
        const out: Http = { status: res.statusCode ?? 0, json };
        if (typeof res.headers.location === "string") out.location = res.headers.location;
        const sc = res.headers["set-cookie"];
        const cookie = sc?.[0]?.split(";")[0];
        if (cookie !== undefined) out.cookie = cookie;
        resolve(out);
      });
    };
    const req =
      u.protocol === "https:"
        ? https.request(
            u,
            { method: opts.method ?? "GET", headers, ca: opts.ca, agent: false },
            onAnswer
          )
        : http.request(u, { method: opts.method ?? "GET", headers, agent: false }, onAnswer);
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function signIn(server: RunningServer, ca: Buffer): Promise<string> {
  const start = await call(`${server.url}/auth/qbo/start`, { ca });
  const approved = await call(start.location ?? "");
  const cb = await call(approved.location ?? "", {
    ca,
    ...(start.cookie !== undefined ? { cookie: start.cookie } : {}),
  });
  const m = /"sessionToken":"([^"]+)"/.exec(String(cb.json["text"]));
  if (m?.[1] === undefined) throw new Error("sign-in failed");
  return m[1];
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "revrec-bench-"));
  const certs = await generatedCerts(path.join(os.tmpdir(), "revrec-server-test-certs"));
  const ca = certs.ca ?? Buffer.alloc(0);
  const config = loadConfig(
    {
      REVREC_HOST: "127.0.0.1",
      REVREC_PORT: "0",
      REVREC_PUBLIC_URL: "https://127.0.0.1:0",
      REVREC_DATA_DIR: dir,
      REVREC_TLS_CERT: path.join(os.tmpdir(), "revrec-server-test-certs", "localhost.crt"),
      REVREC_TLS_KEY: path.join(os.tmpdir(), "revrec-server-test-certs", "localhost.key"),
      REVREC_LOG_LEVEL: "silent",
      REVREC_DIST_DIR: path.join(dir, "no-dist"),
    },
    { cwd: dir, dotEnvFile: false }
  );
  const seedStart = Date.now();
  const server = await startServer(config, {
    sandbox: { invoices: 10050, autoApprove: true, throttle: false },
  });
  const sb = server.sandbox;
  if (sb === undefined) throw new Error("no sandbox");
  const seeded = Date.now() - seedStart;
  try {
    const token = await signIn(server, ca);
    const rt = server.runtime;
    const key = rt.connections.companyKey(sb.realmId);
    const qboToken = await rt.connections.tokens(key).get();
    const qbo = (method: string, p: string, body?: unknown): Promise<Http> =>
      call(`${sb.url}/v3/company/${sb.realmId}/${p}${p.includes("?") ? "&" : "?"}minorversion=75`, {
        method,
        token: qboToken,
        ...(body !== undefined ? { body } : {}),
      });

    // Top the credit memos up to 1,000 (the demo company has one per 20 invoices), 30 per batch.
    const state = (await call(`${sb.url}/__sandbox/state`)).json["counts"] as {
      Invoice: number;
      CreditMemo: number;
    };
    const customer = (
      (
        (
          await qbo(
            "GET",
            `query?query=${encodeURIComponent("SELECT * FROM Customer MAXRESULTS 1")}`
          )
        ).json["QueryResponse"] as Json
      )["Customer"] as Json[]
    )[0];
    const item = (
      (
        (await qbo("GET", `query?query=${encodeURIComponent("SELECT * FROM Item MAXRESULTS 1")}`))
          .json["QueryResponse"] as Json
      )["Item"] as Json[]
    )[0];
    let cms = state.CreditMemo;
    while (cms < 1000) {
      const n = Math.min(30, 1000 - cms);
      const items = [];
      for (let i = 0; i < n; i++) {
        items.push({
          bId: `cm${cms + i}`,
          operation: "create",
          CreditMemo: {
            CustomerRef: { value: customer?.["Id"] },
            TxnDate: "2026-10-10",
            Line: [
              {
                Amount: 100,
                DetailType: "SalesItemLineDetail",
                SalesItemLineDetail: { ItemRef: { value: item?.["Id"] }, Qty: 1, UnitPrice: 100 },
              },
            ],
          },
        });
      }
      await qbo("POST", "batch", { BatchItemRequest: items });
      cms += n;
    }
    await call(`${sb.url}/__sandbox/throttle`, { method: "POST", body: { enabled: true } });

    const sync = async (body: Json): Promise<{ ms: number; result: Json; progress: Json }> => {
      const t0 = Date.now();
      const start = await call(`${server.url}/api/sync`, { method: "POST", token, body, ca });
      const jobId = String(start.json["jobId"]);
      for (;;) {
        const j = await call(`${server.url}/api/sync/${jobId}`, { token, ca });
        if (j.json["state"] !== "running") {
          if (j.json["state"] !== "done")
            throw new Error(`sync ${String(j.json["state"])}: ${JSON.stringify(j.json["error"])}`);
          const ms = Date.now() - t0;
          const r = await call(`${server.url}/api/sync/${jobId}/result`, { token, ca });
          return { ms, result: r.json, progress: j.json["progress"] as Json };
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    // 1. Full sync.
    const q0 = rt.stats.byKind["query"] ?? 0;
    const full = await sync({ mode: "full" });
    const queries = (rt.stats.byKind["query"] ?? 0) - q0;
    const nInv = (full.result["invoices"] as unknown[]).length;
    const nCm = (full.result["creditMemos"] as unknown[]).length;
    const counts = full.progress["counts"] as { skipped: number };
    const invPages = Math.ceil((nInv + counts.skipped) / 1000);
    const cmPages = Math.ceil(nCm / 1000);
    console.log(
      `sandbox seeded with ${state.Invoice} invoices in ${seeded} ms; credit memos topped up to ${cms}`
    );
    console.log(
      `full sync: ${nInv} invoices + ${nCm} credit memos in ${full.ms} ms (target < 5000 ms)`
    );
    console.log(
      `  query calls: ${queries} = 2 COUNT(*) + ${queries - 2} pages (Invoice ${invPages} = ceil(${nInv + counts.skipped}/1000), CreditMemo ${cmPages} = ceil(${nCm}/1000))`
    );

    // 2. Incremental sync of 100 changes (sparse updates of 100 invoices after the closing date), throttle off meanwhile.
    await call(`${sb.url}/__sandbox/throttle`, { method: "POST", body: { enabled: false } });
    const recent = (
      (
        await qbo(
          "GET",
          `query?query=${encodeURIComponent("SELECT * FROM Invoice WHERE TxnDate > '2026-07-31' MAXRESULTS 100")}`
        )
      ).json["QueryResponse"] as Json
    )["Invoice"] as Json[];
    for (let i = 0; i < recent.length; i += 30) {
      const items = recent.slice(i, i + 30).map((inv, k) => ({
        bId: `u${i + k}`,
        operation: "update",
        Invoice: {
          Id: inv["Id"],
          SyncToken: inv["SyncToken"],
          sparse: true,
          PrivateNote: "bench change",
        },
      }));
      await qbo("POST", "batch", { BatchItemRequest: items });
    }
    await call(`${sb.url}/__sandbox/throttle`, { method: "POST", body: { enabled: true } });
    const c0 = rt.stats.byKind["cdc"] ?? 0;
    const inc = await sync({ mode: "incremental", cursor: full.result["cursor"] });
    console.log(
      `incremental sync of ${recent.length} changes: ${(rt.stats.byKind["cdc"] ?? 0) - c0} CDC call(s), ${(inc.result["invoices"] as unknown[]).length} invoices returned, ${inc.ms} ms (target: 1 CDC call)`
    );

    // 3. Posting a 2,000-line entry (lists already shown by the task pane).
    await call(`${server.url}/api/status`, { token, ca });
    await call(`${server.url}/api/accounts`, { token, ca });
    const lines = [];
    for (let i = 0; i < 1000; i++) {
      lines.push({
        account: "Deferred Revenue",
        posting: "Debit",
        amount: "10.01",
        description: `line ${i}`,
      });
      lines.push({
        account: "Subscription Revenue",
        posting: "Credit",
        amount: "10.01",
        description: `line ${i}`,
      });
    }
    const p0 = rt.stats.calls;
    const t0 = Date.now();
    const posted = await call(`${server.url}/api/journal`, {
      method: "POST",
      token,
      body: { period: "2026-11", lines },
      ca,
    });
    const postMs = Date.now() - t0;
    if (posted.status !== 201) throw new Error(`posting failed: ${JSON.stringify(posted.json)}`);
    console.log(
      `posting a 2,000-line entry: ${rt.stats.calls - p0} QBO calls (look-up + create; target <= 2), ${postMs} ms`
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
