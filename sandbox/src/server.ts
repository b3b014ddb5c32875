/** The sandbox program: one HTTP server (node:http) for OAuth, the Accounting API and the /__sandbox/ test hooks. */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Api } from "./api";
import { Clock } from "./clock";
import { Company, ENTITY_NAMES } from "./company";
import { controlRefusal } from "./controlGuard";
import { DEFAULT_BEHAVIOUR, type Behaviour } from "./config";
import {
  authFailureBody,
  authorizationFailureBody,
  Faults,
  QboError,
  systemFaultXml,
  throttleXml,
} from "./errors";
import { requestIdFault, RequestIds } from "./idempotency";
import { ISSUER } from "./idtoken";
import { FaultInjector, parseFaultRule, type FaultRule } from "./inject";
import { getStr, isObj, parseJson, type Json, type JsonObject } from "./json";
import { DEFAULT_CLIENT, OAuthServer, type ClientRegistration } from "./oauth";
import { consentPage, errorPage, journalPage } from "./pages";
import { loadSnapshot, saveSnapshot, type SandboxSnapshot } from "./persistence";
import { seedRealms } from "./realms";
import { DEFAULT_REFERENCE_DATE, type SeedSummary } from "./seed";
import type { HistorySummary } from "./history";
import { Throttle, type Done } from "./throttle";
import { pacificIso } from "./time";
import { Webhooks, type WebhookTarget } from "./webhooks";
import { webhookTargetFrom } from "./webhookTarget";
import { toXml } from "./xml";

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: number;
  invoices?: number;
  /**
   * how many companies (realms) the sandbox holds, each seeded with the options here (the i-th, from 0, with
   * `seed + i`; every one with `invoices` invoices) and realmIds counting up from `realmId`; default 1
   */
  companies?: number;
  dataFile?: string;
  autoApprove?: boolean;
  throttle?: boolean;
  clients?: ClientRegistration[];
  realmId?: string;
  companyName?: string;
  /** last day of the seeded history (YYYY-MM-DD); default 2026-10-31 */
  referenceDate?: string;
  /** the company's home currency (default USD) */
  homeCurrency?: string;
  /** a multicurrency company (its seeded history stays in the home currency) */
  multiCurrency?: boolean;
  /**
   * which company to seed: the demo (default; seed, invoices, referenceDate, currency options apply) or "history",
   * the fixed company with hand-kept deferrals before a go-live in April 2026 (sandbox/README.md)
   */
  company?: "demo" | "history";
  /** start the sandbox clock at this instant (ISO text or epoch ms); default: real time */
  now?: string | number;
  behaviour?: Partial<Behaviour>;
  /** where to send signed webhooks for invoice, credit memo and journal entry changes; none when unset */
  webhooks?: WebhookTarget;
}

export const DEFAULT_REALM_ID = "9341453050298465";
export const DEFAULT_COMPANY_NAME = "Cascade Cloud Software (Sandbox)";

interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

function tid(): string {
  const h = randomBytes(16).toString("hex");
  return `1-${h.slice(0, 8)}-${h.slice(8, 32)}`;
}

function jsonReply(status: number, body: Json, headers?: Record<string, string>): Reply {
  const r: Reply = {
    status,
    body: JSON.stringify(body),
    contentType: "application/json;charset=UTF-8",
  };
  if (headers) r.headers = headers;
  return r;
}

function ruleJson(f: FaultRule): JsonObject {
  const out: JsonObject = {
    id: f.id,
    remaining: f.remaining,
    hits: f.hits,
    action: { ...f.action },
  };
  if (f.method !== undefined) out["method"] = f.method;
  if (f.path !== undefined) out["path"] = f.path;
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 50 * 1024 * 1024) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export class Sandbox {
  readonly clock: Clock;
  readonly behaviour: Behaviour;
  /** the first company: the only one unless `companies` says more */
  readonly company: Company;
  /** every company by realmId, in order */
  readonly companies: ReadonlyMap<string, Company>;
  readonly oauth: OAuthServer;
  readonly throttle: Throttle;
  readonly faults = new FaultInjector();
  readonly webhooks: Webhooks;
  readonly requestIds: RequestIds;
  readonly autoApprove: boolean;
  readonly seedSummary: SeedSummary | undefined;
  readonly historySummary: HistorySummary | undefined;
  private readonly apis = new Map<string, Api>();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly dataFile: string | undefined;
  private requestCount = 0;
  private readonly requestLog: JsonObject[] = [];
  url = "";

  private constructor(opts: SandboxOptions) {
    const start =
      opts.now === undefined
        ? undefined
        : typeof opts.now === "number"
          ? opts.now
          : Date.parse(opts.now);
    this.clock = new Clock(start);
    this.behaviour = { ...DEFAULT_BEHAVIOUR, ...opts.behaviour };
    if (opts.throttle !== undefined) this.behaviour.throttle = opts.throttle;
    this.dataFile = opts.dataFile;
    this.autoApprove = opts.autoApprove ?? false;
    const snap = opts.dataFile ? loadSnapshot(opts.dataFile) : undefined;
    let companies: Company[];
    if (snap) {
      this.clock.offset = snap.clockOffsetMs;
      companies = [snap.company, ...(snap.moreCompanies ?? [])].map((c) =>
        Company.restore(c, this.clock)
      );
    } else {
      const seeded = seedRealms(this.clock, this.behaviour, {
        companies: opts.companies ?? 1,
        realmId: opts.realmId ?? DEFAULT_REALM_ID,
        kind: opts.company ?? "demo",
        seed: opts.seed ?? 1,
        invoices: opts.invoices ?? 200,
        referenceDate: opts.referenceDate ?? DEFAULT_REFERENCE_DATE,
        companyName: opts.companyName ?? DEFAULT_COMPANY_NAME,
        ...(opts.homeCurrency === undefined ? {} : { homeCurrency: opts.homeCurrency }),
        ...(opts.multiCurrency === undefined ? {} : { multiCurrency: opts.multiCurrency }),
      });
      companies = seeded.companies;
      this.seedSummary = seeded.seedSummary;
      this.historySummary = seeded.historySummary;
    }
    const first = companies[0];
    if (first === undefined) throw new Error("a sandbox holds at least one company");
    this.company = first;
    this.companies = new Map(companies.map((c) => [c.realmId, c]));
    const clients = opts.clients && opts.clients.length > 0 ? opts.clients : [DEFAULT_CLIENT];
    this.oauth = new OAuthServer(clients, this.clock, this.behaviour);
    this.requestIds = new RequestIds(this.behaviour);
    if (snap) {
      this.oauth.restore(snap.oauth);
      this.requestIds.restore(snap.requestIds);
    }
    this.throttle = new Throttle(this.behaviour);
    this.webhooks = new Webhooks(opts.webhooks);
    for (const c of companies)
      this.apis.set(c.realmId, new Api(c, this.behaviour, (ch) => this.webhooks.changed(ch)));
    this.server = createServer((req, res) => {
      this.dispatch(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(e instanceof Error ? e.message : String(e));
        }
      });
    });
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    if (this.dataFile && !snap) this.persist();
  }

  static async start(opts: SandboxOptions = {}): Promise<Sandbox> {
    const sb = new Sandbox(opts);
    await new Promise<void>((resolve, reject) => {
      sb.server.once("error", reject);
      sb.server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
    });
    const addr = sb.server.address() as AddressInfo;
    const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
    sb.url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${addr.port}`;
    return sb;
  }

  get realmId(): string {
    return this.company.realmId;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  snapshot(): SandboxSnapshot {
    const snap: SandboxSnapshot = {
      version: 1,
      clockOffsetMs: this.clock.offset,
      company: this.company.snapshot(),
      oauth: this.oauth.snapshot(),
      requestIds: this.requestIds.entries(),
    };
    const more = [...this.companies.values()].slice(1).map((c) => c.snapshot());
    if (more.length > 0) snap.moreCompanies = more;
    return snap;
  }

  private persist(): void {
    if (this.dataFile) saveSnapshot(this.dataFile, this.snapshot());
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    r: Reply,
    drop = false,
    id = tid()
  ): void {
    if (drop) {
      req.socket.destroy();
      return;
    }
    res.writeHead(r.status, {
      "content-type": r.contentType,
      intuit_tid: id,
      "qbo-version": "1944.140",
      ...(r.headers ?? {}),
    });
    res.end(r.body);
  }

  /** The last requests (not the test hooks), for tests that assert what a client sent. */
  private record(entry: JsonObject): JsonObject {
    this.requestLog.push(entry);
    if (this.requestLog.length > 500) this.requestLog.splice(0, this.requestLog.length - 500);
    return entry;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path.startsWith("/__sandbox/")) {
      const refused = controlRefusal(req, body, this.url);
      this.send(
        req,
        res,
        refused === undefined
          ? this.admin(method, path, url.searchParams, body)
          : jsonReply(refused.status, { error: refused.error })
      );
      return;
    }
    this.requestCount++;
    const id = tid();
    const entry = this.record({
      time: new Date(this.clock.now()).toISOString(),
      method,
      path,
      query: url.search,
      intuit_tid: id,
    });
    const rule = this.faults.take(method, path);
    if (rule) {
      entry["fault"] = rule.id;
      const a = rule.action;
      if (a.kind === "status") {
        const r = this.injectedStatus(a.status, a.body);
        entry["status"] = r.status;
        this.send(req, res, r, false, id);
        return;
      }
      if (a.kind === "hang") {
        entry["outcome"] = "hung";
        const t = setTimeout(() => {
          this.timers.delete(t);
          req.socket.destroy();
        }, a.ms);
        this.timers.add(t);
        return;
      }
      if (a.when === "before") {
        entry["outcome"] = "dropped before processing";
        req.socket.destroy();
        return;
      }
    }
    const dropAfter = rule?.action.kind === "drop" && rule.action.when === "after";
    // An admitted Accounting API request counts as running until its answer has gone (or its connection has).
    const running: Done[] = [];
    const answered = (): void => {
      for (const done of running.splice(0)) done();
    };
    res.once("finish", answered);
    res.once("close", answered);
    const reply = this.route(method, path, url.searchParams, body, req, running);
    entry["status"] = reply.status;
    if (dropAfter) entry["outcome"] = "dropped after processing";
    // Only an admitted request takes Intuit's time to answer; a refusal (401, 403, 429) comes at once.
    const latency = running.length > 0 ? this.behaviour.latencyMs : 0;
    if (latency <= 0) {
      this.send(req, res, reply, dropAfter, id);
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.send(req, res, reply, dropAfter, id);
    }, latency);
    this.timers.add(t);
  }

  private injectedStatus(
    status: number,
    kind: "json" | "xml" | "html" | "empty" | undefined
  ): Reply {
    const k = kind ?? (status === 429 ? "xml" : "json");
    if (k === "empty") return { status, body: "", contentType: "text/plain" };
    if (k === "html") {
      return {
        status,
        body: "<html><body><h1>Service Unavailable</h1></body></html>",
        contentType: "text/html",
      };
    }
    if (status === 429) {
      if (k === "xml")
        return { status, body: throttleXml(this.clock.now()), contentType: "application/xml" };
      return jsonReply(429, this.throttleFault());
    }
    if (k === "xml") return { status, body: systemFaultXml(), contentType: "application/xml" };
    const e = Faults.system();
    return jsonReply(status, { Fault: e.fault(), time: pacificIso(this.clock.now(), true) });
  }

  private throttleFault(): JsonObject {
    const e = new QboError(
      "3001",
      "message=ThrottleExceeded; errorCode=003001; statusCode=429",
      "The request limit was reached.  Try again later",
      "",
      429,
      "SystemFault"
    );
    return { Fault: { ...e.fault(), type: "SERVICE" }, time: pacificIso(this.clock.now(), true) };
  }

  private route(
    method: string,
    path: string,
    params: URLSearchParams,
    body: string,
    req: IncomingMessage,
    running: Done[]
  ): Reply {
    const h = req.headers;
    if (
      method === "GET" &&
      /^\/\.well-known\/openid[-_](sandbox[-_])?configuration\/?$/.test(path)
    ) {
      return jsonReply(200, this.discovery());
    }
    if (path === "/connect/oauth2" && method === "GET") return this.authorize(params);
    if (path === "/app/journal" && method === "GET") {
      const txnId = params.get("txnId") ?? "";
      // QBO shows the signed-in user's current company; the sandbox has no session, so companyId names another.
      const co = this.companies.get(params.get("companyId") ?? "") ?? this.company;
      const companyName = getStr(co.companyInfo(), "CompanyName") ?? "";
      const je = co.get("JournalEntry", txnId);
      return {
        status: je ? 200 : 404,
        body: journalPage(companyName, je, txnId),
        contentType: "text/html",
      };
    }
    if (path === "/connect/oauth2/decision" && method === "POST")
      return this.decision(new URLSearchParams(body));
    if (path === "/oauth2/v1/tokens/bearer" && method === "POST") {
      const r = this.oauth.token(
        h.authorization,
        new URLSearchParams(body),
        String(h["x-include-refresh-token-hard-expires-in"]).toLowerCase() === "true"
      );
      if (r.status === 200) this.persist();
      return jsonReply(r.status, r.body, { "cache-control": "no-store" });
    }
    if (path === "/v2/oauth2/tokens/revoke" && method === "POST") {
      const json = parseJson(body);
      const form = new URLSearchParams(isObj(json) ? "" : body);
      const token = isObj(json) ? getStr(json, "token") : (form.get("token") ?? undefined);
      const r = this.oauth.revoke(h.authorization, token, form);
      if (r.status === 200) {
        this.persist();
        return { status: 200, body: "", contentType: "application/json;charset=UTF-8" };
      }
      return jsonReply(r.status, r.body);
    }
    if (path === "/v1/openid_connect/userinfo" && method === "GET") {
      const a = this.oauth.checkBearer(h.authorization);
      if (!a.ok) return jsonReply(401, authFailureBody(a.detail, this.clock.now()));
      return jsonReply(200, {
        sub: `sandbox-user-${a.realmId}`,
        email: "sandbox.user@example.com",
        emailVerified: true,
        givenName: "Sandbox",
        familyName: "User",
      });
    }
    if (path === "/op/v1/jwks" && method === "GET")
      return jsonReply(200, this.oauth.idTokens.jwks());
    const m = /^\/v3\/company\/([^/]+)\/?(.*)$/.exec(path);
    if (m)
      return this.accounting(
        method,
        decodeURIComponent(m[1] ?? ""),
        (m[2] ?? "").split("/").filter(Boolean),
        params,
        body,
        req,
        running
      );
    return jsonReply(404, {
      error: "not_found",
      error_description: `No route for ${method} ${path}`,
    });
  }

  private discovery(): JsonObject {
    const u = this.url;
    return {
      issuer: ISSUER,
      authorization_endpoint: `${u}/connect/oauth2`,
      token_endpoint: `${u}/oauth2/v1/tokens/bearer`,
      userinfo_endpoint: `${u}/v1/openid_connect/userinfo`,
      revocation_endpoint: `${u}/v2/oauth2/tokens/revoke`,
      jwks_uri: `${u}/op/v1/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: [
        "openid",
        "email",
        "profile",
        "address",
        "phone",
        "com.intuit.quickbooks.accounting",
      ],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      claims_supported: ["aud", "exp", "iat", "iss", "realmid", "sub"],
    };
  }

  private authorize(q: URLSearchParams): Reply {
    const err = this.oauth.checkAuthorize(q);
    if (err) return { status: 400, body: errorPage(err), contentType: "text/html;charset=UTF-8" };
    const redirect = q.get("redirect_uri") ?? "";
    const state = q.get("state") ?? "";
    const scope = q.get("scope") ?? "";
    const fail = (error: string): Reply => {
      const u = new URL(redirect);
      u.searchParams.set("error", error);
      if (state) u.searchParams.set("state", state);
      return {
        status: 302,
        body: "",
        contentType: "text/plain",
        headers: { location: u.toString() },
      };
    };
    if (q.get("response_type") !== "code") return fail("unsupported_response_type");
    if (
      !scope.split(/\s+/).includes("com.intuit.quickbooks.accounting") &&
      !scope.split(/\s+/).includes("openid")
    ) {
      return fail("invalid_scope");
    }
    const clientId = q.get("client_id") ?? "";
    if (this.autoApprove)
      return this.approve(clientId, redirect, scope, state, this.nextUnclaimedRealm(clientId));
    const html = consentPage({
      companies: [...this.companies.values()].map((c) => ({
        name: getStr(c.companyInfo(), "CompanyName") ?? "",
        realmId: c.realmId,
      })),
      clientId: q.get("client_id") ?? "",
      redirectUri: redirect,
      scope,
      state,
    });
    return { status: 200, body: html, contentType: "text/html;charset=UTF-8" };
  }

  /**
   * Whom auto-approval connects: the first company the client holds no connection (or pending code) to, else the
   * first company, so sign-ins one after another connect the companies in order.
   */
  private nextUnclaimedRealm(clientId: string): string {
    const claimed = this.oauth.claimedRealms(clientId);
    for (const realmId of this.companies.keys()) if (!claimed.has(realmId)) return realmId;
    return this.company.realmId;
  }

  private approve(
    clientId: string,
    redirect: string,
    scope: string,
    state: string,
    realmId: string
  ): Reply {
    const code = this.oauth.issueCode(clientId, redirect, scope, realmId);
    const u = new URL(redirect);
    u.searchParams.set("code", code);
    u.searchParams.set("state", state);
    if (scope.includes("com.intuit.quickbooks")) u.searchParams.set("realmId", realmId);
    return {
      status: 302,
      body: "",
      contentType: "text/plain",
      headers: { location: u.toString() },
    };
  }

  private decision(form: URLSearchParams): Reply {
    const err = this.oauth.checkAuthorize(form);
    if (err) return { status: 400, body: errorPage(err), contentType: "text/html;charset=UTF-8" };
    const redirect = form.get("redirect_uri") ?? "";
    const state = form.get("state") ?? "";
    if (form.get("decision") !== "connect") {
      const u = new URL(redirect);
      u.searchParams.set("error", "access_denied");
      if (state) u.searchParams.set("state", state);
      return {
        status: 302,
        body: "",
        contentType: "text/plain",
        headers: { location: u.toString() },
      };
    }
    // The company picked on the consent page; a form without one (a one-company page of old) means the first.
    const realmId = form.get("realmId") ?? this.company.realmId;
    if (!this.companies.has(realmId)) {
      return {
        status: 400,
        body: errorPage(`There is no company ${realmId} in this sandbox.`),
        contentType: "text/html;charset=UTF-8",
      };
    }
    return this.approve(
      form.get("client_id") ?? "",
      redirect,
      form.get("scope") ?? "",
      state,
      realmId
    );
  }

  private wantsJson(params: URLSearchParams, req: IncomingMessage): boolean {
    if (!this.behaviour.xmlUnlessJson) return true;
    return params.get("format") === "json" || /json/i.test(String(req.headers.accept ?? ""));
  }

  private accounting(
    method: string,
    realmId: string,
    segments: string[],
    params: URLSearchParams,
    body: string,
    req: IncomingMessage,
    running: Done[]
  ): Reply {
    const auth = this.oauth.checkBearer(req.headers.authorization);
    if (!auth.ok) {
      return jsonReply(401, authFailureBody(auth.detail, this.clock.now()), {
        "www-authenticate": 'Bearer realm="Intuit", error="invalid_token"',
      });
    }
    if (auth.realmId !== realmId || !auth.scope.includes("com.intuit.quickbooks.accounting")) {
      return jsonReply(403, authorizationFailureBody());
    }
    const isBatch = segments[0]?.toLowerCase() === "batch";
    const admitted = this.throttle.admit(realmId, auth.clientId, isBatch, this.clock.now());
    if (admitted === undefined) {
      if (this.behaviour.throttleBody === "xml") {
        return { status: 429, body: throttleXml(this.clock.now()), contentType: "application/xml" };
      }
      return jsonReply(429, this.throttleFault());
    }
    running.push(admitted);
    const render = (status: number, json: JsonObject): Reply =>
      this.wantsJson(params, req)
        ? jsonReply(status, json)
        : { status, body: toXml(json), contentType: "application/xml;charset=UTF-8" };
    const isQuery = segments[0]?.toLowerCase() === "query";
    const requestId = method === "POST" && !isQuery ? params.get("requestid") : null;
    const fingerprint = `${segments.join("/")}?${params.get("operation") ?? ""}|${body}`;
    if (requestId !== null) {
      const e = requestIdFault(requestId, isBatch ? body : undefined);
      if (e)
        return render(e.status, { Fault: e.fault(), time: pacificIso(this.clock.now(), true) });
      const seen = this.requestIds.find(realmId, requestId, this.clock.now());
      if (seen) {
        if (seen.fingerprint !== fingerprint && this.behaviour.requestIdMismatch === "error") {
          const e = Faults.duplicateRequestId();
          return render(e.status, { Fault: e.fault(), time: pacificIso(this.clock.now(), true) });
        }
        return { status: seen.status, body: seen.body, contentType: seen.contentType };
      }
    }
    const api = this.apis.get(realmId);
    if (api === undefined) return jsonReply(403, authorizationFailureBody());
    const result = api.handle({
      method,
      segments,
      params,
      body,
      contentType: String(req.headers["content-type"] ?? ""),
    });
    const reply = render(result.status, result.body);
    if (requestId !== null && result.status < 500) {
      this.requestIds.store(realmId, requestId, {
        status: reply.status,
        body: reply.body,
        contentType: reply.contentType,
        fingerprint,
        at: this.clock.now(),
      });
    }
    if (result.write || requestId !== null) this.persist();
    return reply;
  }

  /**
   * State as a test sees it: counts, pending faults, clock, tokens. Counts, deletions, ledger, 429s and OAuth are
   * the first company's, or with `realmId` that company's (undefined when there is none); `realms` lists them all.
   */
  state(realmId?: string): JsonObject | undefined {
    const co = realmId === undefined ? this.company : this.companies.get(realmId);
    if (co === undefined) return undefined;
    const counts: JsonObject = {};
    for (const e of ENTITY_NAMES) counts[e] = co.table(e).size;
    return {
      realmId: co.realmId,
      realms: [...this.companies.keys()],
      now: new Date(this.clock.now()).toISOString(),
      clockOffsetMs: this.clock.offset,
      frozen: this.clock.frozen,
      counts,
      deletions: co.deletions.length,
      ledgerTransactions: co.ledger.transactionCount,
      requestIds: this.requestIds.size,
      requests: this.requestCount,
      throttle: this.throttle.enabled,
      throttled: this.throttle.refused(realmId === undefined ? undefined : co.realmId),
      // requests of one realm and app at once (Intuit's limit of 10): now and at most
      inFlight: this.throttle.inFlight,
      inFlightPeak: this.throttle.peak,
      oauth:
        realmId === undefined
          ? this.oauth.counts()
          : { ...this.oauth.counts(), ...this.oauth.realmCounts(co.realmId) },
      faults: this.faults.list().map(ruleJson),
      webhooks: {
        url: this.webhooks.configured?.url ?? null,
        deliveries: this.webhooks.log.length,
      },
    };
  }

  private admin(method: string, path: string, params: URLSearchParams, body: string): Reply {
    const json = parseJson(body || "{}");
    const b = isObj(json) ? json : {};
    const route = `${method} ${path.replace(/\/$/, "")}`;
    switch (route) {
      case "GET /__sandbox/state": {
        const realmId = params.get("realmId") ?? undefined;
        const state = this.state(realmId);
        if (state === undefined)
          return jsonReply(404, { error: `No company ${realmId ?? ""} in this sandbox` });
        return jsonReply(200, state);
      }
      case "POST /__sandbox/faults": {
        const rule = parseFaultRule(b);
        if (typeof rule === "string") return jsonReply(400, { error: rule });
        return jsonReply(200, { id: this.faults.add(rule).id });
      }
      case "GET /__sandbox/requests":
        return jsonReply(200, { requests: this.requestLog });
      case "DELETE /__sandbox/requests":
        this.requestLog.length = 0;
        return jsonReply(200, {});
      case "DELETE /__sandbox/faults":
        this.faults.clear();
        return jsonReply(200, {});
      case "POST /__sandbox/tokens/expire":
        return jsonReply(200, {
          expired: this.oauth.expireAll(b["refresh"] === true, getStr(b, "realmId")),
        });
      case "POST /__sandbox/clock": {
        const secs = Number(b["advanceSeconds"] ?? 0);
        if (!Number.isFinite(secs))
          return jsonReply(400, { error: "advanceSeconds must be a number" });
        if (typeof b["freeze"] === "boolean") this.clock.freeze(b["freeze"]);
        this.clock.advance(secs * 1000);
        this.persist();
        return jsonReply(200, {
          now: new Date(this.clock.now()).toISOString(),
          frozen: this.clock.frozen,
        });
      }
      case "POST /__sandbox/webhooks": {
        const target = webhookTargetFrom(b);
        if (typeof target === "string") return jsonReply(400, { error: target });
        this.webhooks.configure(target);
        return jsonReply(200, { url: target?.url ?? null });
      }
      case "GET /__sandbox/webhooks":
        return jsonReply(200, {
          url: this.webhooks.configured?.url ?? null,
          deliveries: this.webhooks.log.map((d) => ({
            status: d.status ?? null,
            changes: d.changes,
            error: d.error ?? null,
          })),
        });
      case "POST /__sandbox/throttle":
        this.throttle.enabled = b["enabled"] === true;
        this.throttle.reset();
        return jsonReply(200, { enabled: this.throttle.enabled });
      default:
        return jsonReply(404, { error: `No sandbox route ${route}` });
    }
  }
}
