/**
 * The backend: one HTTPS origin serving the built add-in (dist/) and the API (docs/api.md).
 * `startServer(loadConfig())` — with no Intuit keys it starts the bundled local sandbox with its demo company.
 */
import { existsSync } from "node:fs";

import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";

import type { RunningSandbox, SandboxOptions } from "../../sandbox";
import type { ApiErrorResponse } from "../wire";
import { loadTls, trustAdvice, type TlsMaterial } from "./certs";
import { isLoopback, type ServerConfig } from "./config";
import { Connections, type Logger } from "./connections";
import { errorReply, sendClientError, sendFrameworkError } from "./errorReplies";
import { plainPatternMessages } from "./schemaErrors";
import { send } from "./qbo/http";
import { INTUIT_ENDPOINTS, type OAuthEndpoints, type OAuthSettings } from "./qbo/oauth";
import { registerApiRoutes } from "./routes/api";
import { registerAuthRoutes } from "./routes/auth";
import { registerWebhookRoutes } from "./routes/webhooks";
import { Runtime } from "./runtime";
import type { SweepTimer } from "./sync/sweep";
import { servedHosts } from "./servedHosts";
import { openDb, type DbStats } from "./db";
import { Store, importTokenFile, resolveKey, sharedSecret } from "./store";

export { loadConfig, type ServerConfig } from "./config";

export interface StartOptions {
  /** Options for the bundled sandbox (local environment, no REVREC_SANDBOX_URL). */
  sandbox?: SandboxOptions;
  /** What drives the periodic CDC sweep (default: an interval timer); tests pass one they fire by hand. */
  sweepTimer?: SweepTimer;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  /** The bundled sandbox, when this server started one. */
  sandbox?: RunningSandbox;
  /** Where QBO calls go (the local sandbox URL, or Intuit's API host). */
  apiBase: string;
  /** The CA that signed the server's certificate, when it is a development certificate. */
  ca?: Buffer;
  tlsSource: TlsMaterial["source"];
  /** What to tell the person starting it when its certificate is not trusted (certs.ts trustAdvice). */
  trustAdvice: string[] | undefined;
  /** For tests and the benchmark. */
  runtime: Runtime;
  /** Statements this process sent to its database and the time spent waiting for them (for the benchmark). */
  dbStats: DbStats;
}

const API_HOSTS = {
  sandbox: "https://sandbox-quickbooks.api.intuit.com",
  production: "https://quickbooks.api.intuit.com",
};

async function discover(base: string): Promise<OAuthEndpoints> {
  const fallback: OAuthEndpoints = {
    authorize: `${base}/connect/oauth2`,
    token: `${base}/oauth2/v1/tokens/bearer`,
    revoke: `${base}/v2/oauth2/tokens/revoke`,
    userInfo: `${base}/v1/openid_connect/userinfo`,
  };
  try {
    const r = await send({
      method: "GET",
      url: `${base}/.well-known/openid_sandbox_configuration`,
      headers: { Accept: "application/json" },
      timeoutMs: 5000,
    });
    if (r.status !== 200) return fallback;
    const d = JSON.parse(r.text) as Record<string, unknown>;
    const pick = (k: string, f: string): string => (typeof d[k] === "string" ? d[k] : f);
    return {
      authorize: pick("authorization_endpoint", fallback.authorize),
      token: pick("token_endpoint", fallback.token),
      revoke: pick("revocation_endpoint", fallback.revoke),
      userInfo: pick("userinfo_endpoint", fallback.userInfo),
    };
  } catch {
    return fallback;
  }
}

/**
 * The request's path as the router understands it: the matched route's pattern and the percent-decoded path (the
 * router decodes `/%61pi/status` to `/api/status`). Checks about "is this the API" look at these, never at the raw
 * spelling of the URL.
 */
function servedPaths(req: FastifyRequest): string[] {
  const raw = req.url.split("?")[0] ?? "";
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // malformed escapes: the router answers 400 or 404; the raw path is all there is
  }
  const routed = req.routeOptions.url;
  return routed === undefined ? [raw, decoded] : [raw, decoded, routed];
}

function pinoLevel(level: ServerConfig["logLevel"]): string {
  return level === "silent" ? "silent" : level;
}

export async function startServer(
  config: ServerConfig,
  opts: StartOptions = {}
): Promise<RunningServer> {
  const bootLog: string[] = [];
  const tls = await loadTls(config.tls, (m) => bootLog.push(m));
  const key = await resolveKey(config.encryptionKey, config.keyFilePath);
  const dbStats: DbStats = { statements: 0, ms: 0 };
  const db = await openDb(config, dbStats);
  let store: Store;
  let imported: Awaited<ReturnType<typeof importTokenFile>>;
  let ticketKey: Buffer;
  try {
    store = await Store.open(db, key);
    imported = await importTokenFile(store, config.tokenStorePath, key);
    ticketKey = config.ticketKey ?? (await sharedSecret(db, "sign_in_ticket_key"));
  } catch (e) {
    await db.close();
    throw e;
  }

  const app: FastifyInstance = Fastify({
    https: { key: tls.key, cert: tls.cert },
    bodyLimit: 4 * 1024 * 1024,
    // Errors raised before any route runs are answered in the documented shape too (docs/api.md, "Errors").
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: sendClientError,
    // Every route's pattern failures in plain words (wire/text.ts's PATTERN_MESSAGES).
    schemaErrorFormatter: plainPatternMessages,
    logger: {
      level: pinoLevel(config.logLevel),
      // Never log query strings: the OAuth callback carries the authorization code.
      serializers: {
        req: (req: { method: string; url: string }) => ({
          method: req.method,
          url: req.url.split("?")[0] ?? "",
        }),
      },
    },
    ajv: {
      customOptions: {
        allErrors: true,
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
      },
    },
  });
  for (const m of bootLog) app.log.warn(m);
  if (imported !== undefined)
    app.log.info(imported, "the token file of an earlier version moved into the database");

  const effective: ServerConfig = { ...config };
  let sandbox: RunningSandbox | undefined;
  // Routes are registered now; the parts that depend on the listening port are filled in after listen.
  const rt = new Runtime(config, store, ticketKey, app.log, opts.sweepTimer);

  // On loopback, only the names this server is reached by: any other name is a page that rebound its DNS to us.
  if (isLoopback(config.host)) {
    const served = servedHosts(config.publicUrl);
    app.addHook("onRequest", async (req, reply) => {
      if (served(req.headers.host)) return;
      req.log.warn(
        { host: req.headers.host },
        "request for a host this server does not serve refused"
      );
      const response: ApiErrorResponse = {
        error: {
          code: "unknown_host",
          message: "This request was addressed to a host name this server does not serve.",
          action: `Open the add-in from ${rt.config.publicUrl}.`,
        },
      };
      await reply.code(421).send(response);
    });
  }

  // Origin check (before CORS): a browser request from any other page is refused.
  app.addHook("onRequest", async (req, reply) => {
    const origin = req.headers.origin;
    const p = servedPaths(req);
    const guarded = p.some(
      (x) => x.startsWith("/api/") || (x.startsWith("/auth/") && req.method !== "GET")
    );
    if (!guarded || origin === undefined) return;
    if (!rt.allowedOrigins.includes(origin)) {
      req.log.warn({ origin }, "request from a foreign origin refused");
      await reply.code(403).send({
        error: {
          code: "forbidden_origin",
          message: "This request came from a web page that is not RevRec for Excel.",
          action: "Use the add-in's task pane.",
        },
      });
    }
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (servedPaths(req).some((x) => x.startsWith("/api/") || x.startsWith("/auth/")))
      reply.header("cache-control", "no-store");
    return payload;
  });

  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && rt.allowedOrigins.includes(origin)),
    methods: ["GET", "POST", "DELETE"],
    allowedHeaders: ["Authorization", "Content-Type"],
    credentials: false,
    maxAge: 600,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "https://appsforoffice.microsoft.com"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "https://appsforoffice.microsoft.com"],
        fontSrc: [
          "'self'",
          "data:",
          "https://res-1.cdn.office.net",
          "https://static2.sharepointonline.com",
        ],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Office on the web shows the task pane in an iframe on these hosts.
        frameAncestors: [
          "'self'",
          "https://*.officeapps.live.com",
          "https://*.office.com",
          "https://*.office365.com",
          "https://*.sharepoint.com",
          "https://*.cloud.microsoft",
        ],
      },
    },
    frameguard: false, // superseded by frame-ancestors; X-Frame-Options would break Office on the web
    crossOriginOpenerPolicy: false, // the dialog outside Office needs window.opener after visiting Intuit
    crossOriginResourcePolicy: { policy: "cross-origin" }, // Office loads icons and manifests from here
    crossOriginEmbedderPolicy: false,
    hsts: false, // loopback development server; put HSTS on the real reverse proxy
    referrerPolicy: { policy: "no-referrer" },
  });

  // Every API body is JSON: without Fastify's text/plain parser, any other content type is a 415 (docs/api.md).
  app.removeContentTypeParser("text/plain");

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const { status, body } = errorReply(err, req.log, Math.round(config.qbo.throttleWaitMs / 1000));
    const response: ApiErrorResponse = { error: body };
    return reply.code(status).send(response);
  });

  const distPresent = existsSync(config.distDir);
  if (distPresent) {
    // Loaded only when there is a built pane to serve.
    const { default: fastifyStatic } = await import("@fastify/static");
    await app.register(fastifyStatic, {
      root: config.distDir,
      prefix: "/",
      index: ["taskpane.html", "index.html"],
      cacheControl: true,
      maxAge: 0,
    });
  } else {
    app.get("/", async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          `<!doctype html><html lang="en"><meta charset="utf-8"><title>RevRec for Excel</title><p>The add-in has not been built yet (no ${config.distDir}). Run <code>npm run build</code> and restart.</p></html>`
        )
    );
  }
  app.setNotFoundHandler(async (req, reply) =>
    reply.code(404).send({
      error: {
        code: "not_found",
        message: `Nothing at ${req.method} ${req.url.split("?")[0]}.`,
        action: "Check the address.",
      },
    })
  );

  registerAuthRoutes(app, rt);
  registerApiRoutes(app, rt);
  await registerWebhookRoutes(app, rt);
  (await import("./routes/help")).registerHelpRoutes(app);

  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr !== null ? addr.port : config.port;
  if (config.port === 0) {
    const fix = (u: string): string => u.replace(/:0(?=\/|$)/, `:${port}`);
    effective.publicUrl = fix(config.publicUrl);
    effective.redirectUri = fix(config.redirectUri);
    effective.addinOrigins = config.addinOrigins.map(fix);
  }

  try {
    let apiBase: string;
    let endpoints: OAuthEndpoints;
    let sandboxUrl: string | undefined;
    if (config.environment === "local") {
      if (config.sandboxUrl !== undefined) sandboxUrl = config.sandboxUrl;
      else {
        const redirects = [effective.redirectUri];
        const alt = effective.redirectUri.replace("//localhost:", "//127.0.0.1:");
        if (alt !== effective.redirectUri) redirects.push(alt);
        // Loaded only here: a server for Intuit's environments never loads the emulator.
        const { startSandbox } = await import("../../sandbox");
        sandbox = await startSandbox({
          port: config.sandboxPort,
          host: "127.0.0.1",
          company: config.sandboxCompany,
          // With a verifier token, the bundled sandbox sends its webhooks here, signed with it.
          ...(config.webhookVerifier === undefined
            ? {}
            : {
                webhooks: {
                  url: `${effective.publicUrl}/webhooks/qbo`,
                  verifierToken: config.webhookVerifier,
                  format: "cloudevents" as const,
                  ca: (tls.ca ?? tls.cert).toString("utf8"),
                },
              }),
          ...opts.sandbox,
          clients: [
            {
              clientId: config.clientId,
              clientSecret: config.clientSecret,
              redirectUris: redirects,
            },
          ],
        });
        sandboxUrl = sandbox.url;
        app.log.info(
          { sandbox: sandbox.url, realmId: sandbox.realmId },
          "bundled QuickBooks sandbox started"
        );
      }
      apiBase = sandboxUrl;
      endpoints = await discover(sandboxUrl);
    } else {
      apiBase = API_HOSTS[config.environment];
      endpoints = INTUIT_ENDPOINTS;
    }
    const oauth: OAuthSettings = {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUri: effective.redirectUri,
      environment: config.environment === "production" ? "production" : "sandbox",
      endpoints,
    };
    const log: Logger = {
      info: (o, m) => app.log.info(o, m),
      warn: (o, m) => app.log.warn(o, m),
      error: (o, m) => app.log.error(o, m),
    };
    const connections = new Connections(
      store,
      oauth,
      config.environment,
      config.sessionIdleMs,
      log,
      config.qbo
    );
    await store.sessions.prune(Date.now(), config.sessionIdleMs);
    rt.init(effective, { connections, oauth, apiBase, sandboxUrl });
    rt.syncJobs.begin();
    rt.sweep.begin();
  } catch (e) {
    await app.close();
    if (sandbox !== undefined) await sandbox.close();
    await db.close();
    throw e;
  }

  if (!isLoopback(config.host)) {
    app.log.warn(
      { host: config.host },
      "listening beyond loopback: anyone who can reach this address can try the API; put it behind TLS you trust"
    );
  }
  const url = effective.publicUrl;
  app.log.info(
    { url, environment: config.environment, tls: tls.source, dist: distPresent },
    "RevRec backend listening"
  );
  const running: RunningServer = {
    url,
    apiBase: rt.apiBase,
    tlsSource: tls.source,
    trustAdvice: trustAdvice(tls),
    runtime: rt,
    dbStats,
    close: async () => {
      await rt.sweep.stop();
      await rt.syncJobs.stop();
      await app.close();
      if (sandbox !== undefined) await sandbox.close();
      await db.close();
    },
  };
  if (sandbox !== undefined) running.sandbox = sandbox;
  if (tls.ca !== undefined) running.ca = tls.ca;
  return running;
}
