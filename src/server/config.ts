/**
 * Backend configuration from the environment and a `.env` file (environment variables win).
 * See .env.example for every variable.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

import { DEFAULT_POOL_MAX } from "./db/postgres";

export type QboEnvironment = "local" | "sandbox" | "production";

export interface TlsConfig {
  /** PEM certificate and key files; when absent the server finds or generates development certificates. */
  certFile?: string;
  keyFile?: string;
  /** Where generated self-signed certificates are kept (default `<dataDir>/certs`). */
  generatedDir: string;
  /** Try office-addin-dev-certs (which also tries to trust its CA; needs admin rights). Default true. */
  useOfficeDevCerts: boolean;
}

export interface QboClientTuning {
  minorVersion: number;
  /** Per-request timeout, ms. */
  timeoutMs: number;
  /** Attempts per call on transient failures (429, 5xx, timeouts, dropped connections). */
  maxAttempts: number;
  /** First backoff, ms; doubles each attempt, with full jitter, capped at maxBackoffMs. */
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** How long to wait after a 429 when no Retry-After is given (Intuit: 60 s). */
  throttleWaitMs: number;
  /** Client-side limits per company across instances (Intuit: 10 requests/s, 500/min, 10 at once). */
  perSecond: number;
  perMinute: number;
  concurrent: number;
}

export interface JobsConfig {
  /** How long a running sync's instance may go silent before another instance takes the sync over. */
  leaseMs: number;
  /** How often an idle instance looks for queued syncs and syncs whose instance died. */
  pollMs: number;
  /** Syncs one instance runs at once. */
  workers: number;
  /** How often one instance (of all) queues an incremental sync for every connected company; 0: never. */
  sweepMs: number;
}

export interface ServerConfig {
  environment: QboEnvironment;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Address to listen on; loopback unless explicitly set. */
  host: string;
  port: number;
  /** The origin the add-in is served from (and the only origin CORS allows), e.g. https://localhost:3000. */
  publicUrl: string;
  addinOrigins: string[];
  dataDir: string;
  /** PostgreSQL (`postgres://…`) shared by every instance; undefined: the embedded database in the data dir. */
  databaseUrl: string | undefined;
  /**
   * The most PostgreSQL connections one instance opens (half for posting locks, half for queries); instances × this
   * must stay under the server's max_connections (100 by default).
   */
  dbPoolMax: number;
  tokenStorePath: string;
  /** 32-byte AES-256-GCM key; when undefined, a key file (mode 0600) is used or created. */
  encryptionKey: Buffer | undefined;
  /** 32-byte key signing sign-in tickets; when undefined, one kept in the database (shared by every instance). */
  ticketKey: Buffer | undefined;
  keyFilePath: string;
  distDir: string;
  tls: TlsConfig;
  /** local environment: the sandbox to use; when undefined, the server starts the bundled sandbox. */
  sandboxUrl: string | undefined;
  /** Port for the bundled sandbox when the server starts it (0 = any free port). */
  sandboxPort: number;
  /** The company the bundled sandbox seeds: its demo company, or the company with history (issue #9). */
  sandboxCompany: "demo" | "history";
  qbo: QboClientTuning;
  jobs: JobsConfig;
  /** The app's webhook verifier token (developer.intuit.com, Webhooks); POST /webhooks/qbo is off without it. */
  webhookVerifier: string | undefined;
  /** Session tokens stay valid this long after their last use. */
  sessionIdleMs: number;
  logLevel: "silent" | "error" | "warn" | "info" | "debug";
  /** The clock for rules about time (a period can be posted once it has ended); tests inject another. */
  now: () => Date;
}

/** The sandbox's default development client (docs/architecture.md). */
export const DEV_CLIENT_ID = "revrec-dev";
export const DEV_CLIENT_SECRET = "revrec-dev-secret";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, ConfigError.prototype);
    this.name = "ConfigError";
  }
}

function readDotEnv(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const parsed = parseEnv(readFileSync(file, "utf8"));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (v !== undefined) out[k] = v;
  return out;
}

function int(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number
): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
  return n;
}

/** REVREC_SANDBOX_COMPANY: demo (the default) or history. */
export function sandboxCompany(raw: string | undefined): "demo" | "history" {
  const v = (raw ?? "").trim();
  if (v === "" || v === "demo") return "demo";
  if (v === "history") return "history";
  throw new ConfigError(`REVREC_SANDBOX_COMPANY must be demo or history, got "${v}".`);
}

export function parseKey(raw: string, name = "REVREC_ENCRYPTION_KEY"): Buffer {
  const s = raw.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, "hex") : Buffer.from(s, "base64");
  if (buf.length !== 32) {
    throw new ConfigError(
      `${name} must be 32 bytes, as 64 hex characters or base64 (e.g. \`openssl rand -base64 32\`).`
    );
  }
  return buf;
}

/** A PostgreSQL URL, checked before any connection is tried. */
function databaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(
      "DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database."
    );
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:")
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, got "${u.protocol}//…".`
    );
  return raw;
}

const CALLBACK_PATH = "/auth/qbo/callback";

/**
 * The callback must land on this server's callback route, on the add-in's own origin: the sign-in's state cookie is
 * set by /auth/qbo/start on that origin, and the result page hands the session token to a window of that origin.
 * Anywhere else, every sign-in would fail.
 */
function checkRedirectUri(redirectUri: string, publicOrigin: string): void {
  let u: URL;
  try {
    u = new URL(redirectUri);
  } catch {
    throw new ConfigError(`QBO_REDIRECT_URI is not a URL: "${redirectUri}".`);
  }
  if (u.origin !== publicOrigin) {
    throw new ConfigError(
      `QBO_REDIRECT_URI (${redirectUri}) must be on the add-in's origin ${publicOrigin} (REVREC_PUBLIC_URL): ` +
        `sign-in's state cookie and its hand-over to the task pane only work there. Use ${publicOrigin}${CALLBACK_PATH}, ` +
        "register that URI for the app at developer.intuit.com, or change REVREC_PUBLIC_URL."
    );
  }
  if (!u.pathname.endsWith(CALLBACK_PATH)) {
    throw new ConfigError(
      `QBO_REDIRECT_URI (${redirectUri}) must end in ${CALLBACK_PATH}, the backend's callback route.`
    );
  }
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Build the configuration from `env` (default process.env) and the `.env` file in `cwd`.
 * With no Intuit keys the environment is `local` (the bundled sandbox and its development client).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  opts: { cwd?: string; dotEnvFile?: string | false } = {}
): ServerConfig {
  const cwd = opts.cwd ?? process.cwd();
  const fileVars =
    opts.dotEnvFile === false ? {} : readDotEnv(opts.dotEnvFile ?? path.join(cwd, ".env"));
  const get = (name: string): string | undefined => {
    const v = env[name] ?? fileVars[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };

  const clientId = get("QBO_CLIENT_ID");
  const clientSecret = get("QBO_CLIENT_SECRET");
  const envRaw = get("QBO_ENVIRONMENT") ?? (clientId !== undefined ? "sandbox" : "local");
  if (envRaw !== "local" && envRaw !== "sandbox" && envRaw !== "production") {
    throw new ConfigError(`QBO_ENVIRONMENT must be local, sandbox or production, got "${envRaw}".`);
  }
  const environment: QboEnvironment = envRaw;
  if (environment !== "local" && (clientId === undefined || clientSecret === undefined)) {
    throw new ConfigError(
      `QBO_ENVIRONMENT=${environment} needs QBO_CLIENT_ID and QBO_CLIENT_SECRET (from your app's Keys & credentials page at developer.intuit.com).`
    );
  }

  const host = get("REVREC_HOST") ?? "localhost";
  const port = int("REVREC_PORT", get("REVREC_PORT"), 3000, 0, 65535);
  const publicUrl = (get("REVREC_PUBLIC_URL") ?? `https://localhost:${port}`).replace(/\/+$/, "");
  let publicOrigin: string;
  try {
    publicOrigin = new URL(publicUrl).origin;
  } catch {
    throw new ConfigError(`REVREC_PUBLIC_URL is not a URL: "${publicUrl}".`);
  }
  const redirectUri = get("QBO_REDIRECT_URI") ?? `${publicUrl}/auth/qbo/callback`;
  if (environment === "production" && !redirectUri.startsWith("https://")) {
    throw new ConfigError("QBO_REDIRECT_URI must be https:// in production.");
  }
  checkRedirectUri(redirectUri, publicOrigin);
  const addinOrigins = (get("REVREC_ADDIN_ORIGIN") ?? publicOrigin)
    .split(",")
    .map((s) => s.trim().replace(/\/+$/, ""))
    .filter((s) => s !== "");

  const dataDir = path.resolve(cwd, get("REVREC_DATA_DIR") ?? ".revrec");
  const keyRaw = get("REVREC_ENCRYPTION_KEY");
  const dbUrl = databaseUrl(get("DATABASE_URL"));
  // Every instance on a shared database must seal and open tokens with the same key: a key file in each
  // instance's own data dir would differ.
  if (dbUrl !== undefined && keyRaw === undefined)
    throw new ConfigError(
      "DATABASE_URL is set: set REVREC_ENCRYPTION_KEY too (the same on every instance), e.g. `openssl rand -base64 32`."
    );
  const ticketRaw = get("REVREC_TICKET_KEY");
  const logLevel = get("REVREC_LOG_LEVEL") ?? "info";
  if (!["silent", "error", "warn", "info", "debug"].includes(logLevel)) {
    throw new ConfigError(
      `REVREC_LOG_LEVEL must be silent, error, warn, info or debug, got "${logLevel}".`
    );
  }
  const certFile = get("REVREC_TLS_CERT");
  const keyFile = get("REVREC_TLS_KEY");
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ConfigError("Set both REVREC_TLS_CERT and REVREC_TLS_KEY, or neither.");
  }
  const tls: TlsConfig = {
    generatedDir: path.join(dataDir, "certs"),
    useOfficeDevCerts: get("REVREC_OFFICE_DEV_CERTS") !== "0",
  };
  if (certFile !== undefined && keyFile !== undefined) {
    tls.certFile = path.resolve(cwd, certFile);
    tls.keyFile = path.resolve(cwd, keyFile);
  }

  const config: ServerConfig = {
    environment,
    clientId: clientId ?? DEV_CLIENT_ID,
    clientSecret: clientSecret ?? DEV_CLIENT_SECRET,
    redirectUri,
    host,
    port,
    publicUrl,
    addinOrigins,
    dataDir,
    databaseUrl: dbUrl,
    dbPoolMax: int("REVREC_DB_POOL_MAX", get("REVREC_DB_POOL_MAX"), DEFAULT_POOL_MAX, 2, 1000),
    tokenStorePath: path.resolve(
      cwd,
      get("REVREC_TOKEN_STORE") ?? path.join(dataDir, "tokens.enc.json")
    ),
    encryptionKey: keyRaw === undefined ? undefined : parseKey(keyRaw),
    ticketKey: ticketRaw === undefined ? undefined : parseKey(ticketRaw, "REVREC_TICKET_KEY"),
    keyFilePath: path.resolve(cwd, get("REVREC_KEY_FILE") ?? path.join(dataDir, "store.key")),
    distDir: path.resolve(cwd, get("REVREC_DIST_DIR") ?? "dist"),
    tls,
    sandboxUrl: get("REVREC_SANDBOX_URL")?.replace(/\/+$/, ""),
    sandboxPort: int("REVREC_SANDBOX_PORT", get("REVREC_SANDBOX_PORT"), 0, 0, 65535),
    sandboxCompany: sandboxCompany(get("REVREC_SANDBOX_COMPANY")),
    qbo: {
      minorVersion: 75,
      timeoutMs: int("QBO_TIMEOUT_MS", get("QBO_TIMEOUT_MS"), 30000, 100, 300000),
      maxAttempts: int("QBO_MAX_ATTEMPTS", get("QBO_MAX_ATTEMPTS"), 5, 1, 10),
      backoffBaseMs: int("QBO_BACKOFF_MS", get("QBO_BACKOFF_MS"), 500, 0, 60000),
      maxBackoffMs: 15000,
      throttleWaitMs: int("QBO_THROTTLE_WAIT_MS", get("QBO_THROTTLE_WAIT_MS"), 60000, 0, 300000),
      perSecond: 10,
      perMinute: 500,
      concurrent: 10,
    },
    jobs: {
      leaseMs: int("REVREC_JOB_LEASE_MS", get("REVREC_JOB_LEASE_MS"), 60000, 500, 3600000),
      pollMs: int("REVREC_JOB_POLL_MS", get("REVREC_JOB_POLL_MS"), 2000, 50, 600000),
      workers: int("REVREC_SYNC_WORKERS", get("REVREC_SYNC_WORKERS"), 4, 1, 64),
      sweepMs: int("REVREC_CDC_SWEEP_MS", get("REVREC_CDC_SWEEP_MS"), 15 * 60 * 1000, 0, 86400000),
    },
    webhookVerifier: get("QBO_WEBHOOK_VERIFIER"),
    sessionIdleMs: 30 * 24 * 3600 * 1000,
    logLevel: logLevel as ServerConfig["logLevel"],
    now: () => new Date(),
  };
  return config;
}

/** True when the listen address is a loopback address (the default). */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}
