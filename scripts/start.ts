// `npm start`: check the backend's port, build the add-in, start the HTTPS backend (with the seeded local QuickBooks
// sandbox unless Intuit keys are configured), and sideload into Excel desktop where office-addin-debugging can
// (Windows, macOS). Elsewhere it prints the two ways in. When the backend is not where manifest.xml points Excel
// (another REVREC_PORT), it says that only the browser way works. Exits non-zero when any step fails; `npm stop`
// undoes it.
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import { loadConfig } from "../src/server/config";

// ---- what `npm start` started, so that `npm stop` (scripts/stop.ts) stops exactly that; in .revrec/ (git-ignored)
export const ROOT = path.resolve(__dirname, "..");
export const STATE_DIR = path.join(ROOT, ".revrec");
export const STATE_FILE = path.join(STATE_DIR, "start.json");
export const LOG_FILE = path.join(STATE_DIR, "server.log");

export interface StartState {
  serverPid: number;
  /** When the backend process started (processStart), so that `npm stop` never signals a reused pid. */
  serverStart?: string;
  url: string;
  startedAt: string;
  log: string;
  /** office-addin-debugging sideloaded the manifest (Windows, macOS): `npm stop` unloads it too. */
  sideloaded: boolean;
}

export function readState(file = STATE_FILE): StartState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, "utf8")) as Partial<StartState> | null;
    return typeof s?.serverPid === "number" && Number.isInteger(s.serverPid) && s.serverPid > 0
      ? (s as StartState)
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeState(s: StartState, file = STATE_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(s, null, 2)}\n`);
}

export function clearState(file = STATE_FILE): void {
  rmSync(file, { force: true });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * When a process started, as text that differs between two processes that had the same pid: the start
 * time in clock ticks since boot from /proc where there is one (Linux), else `ps -o lstart=` (macOS).
 * Undefined where neither is available (Windows) or the process is gone.
 */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime); fields 3 onwards follow the command name in parentheses, which may hold spaces.
    const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    if (start !== undefined && /^\d+$/.test(start)) return `proc:${start}`;
  } catch {
    // No /proc here, or no such process.
  }
  if (process.platform === "win32") return undefined;
  const r = spawnSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8" });
  const out = r.status === 0 ? (r.stdout ?? "").trim() : "";
  return out === "" ? undefined : `ps:${out}`;
}

/**
 * Whether the recorded backend is still running: "gone", "ours", or "other" when its pid now belongs to
 * another process (a reused pid). Without a recorded start time (no /proc or ps), a live pid counts as ours.
 */
export function recordedBackend(s: StartState): "gone" | "ours" | "other" {
  if (!alive(s.serverPid)) return "gone";
  if (s.serverStart === undefined) return "ours";
  const now = processStart(s.serverPid);
  if (now === undefined) return alive(s.serverPid) ? "other" : "gone";
  return now === s.serverStart ? "ours" : "other";
}

/** Stops the server process group started by `npm start`: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopServer(pid: number, graceMs = 10_000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(process.platform === "win32" ? pid : -pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // Already gone.
      }
    }
  };
  signal("SIGTERM");
  const until = Date.now() + graceMs;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) signal("SIGKILL");
}

/** office-addin-debugging exits 0 even when it failed: its output says whether it worked. */
export function debuggingFailed(status: number | null, output: string): boolean {
  return status !== 0 || /\b(error|unable to|not supported|failed)\b/i.test(output);
}

const MANIFEST = path.join(ROOT, "manifest.xml");

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export class StartError extends Error {
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, StartError.prototype);
  }
}

function build(): void {
  say("1/3 Building the add-in (webpack)…");
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "development"],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    }
  );
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
    throw new StartError("The webpack build failed (output above).");
  }
}

/** Whether `url` answers 200 (with a content type matching `type`, when given); the certificate is not checked. */
function answers(url: string, type?: RegExp): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 && (!type || type.test(res.headers["content-type"] ?? "")));
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

const health = (url: string): Promise<boolean> => answers(`${url}/api/health`);

function logTail(): string {
  try {
    return readFileSync(LOG_FILE, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "";
  }
}

/** What to do when the backend's port is taken. */
export function portInUse(port: number): string {
  return (
    `Port ${port} is in use (by another program). Stop that program, or choose another port: ` +
    `REVREC_PORT=${port === 3001 ? 3002 : 3001} npm start (the browser pane works on any port; ` +
    `manifest.xml points Excel at https://localhost:3000).`
  );
}

/** Refuses, with portInUse, when `port` on `host` cannot be listened on because something holds it. */
export function checkPort(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        new StartError(
          e.code === "EADDRINUSE"
            ? portInUse(port)
            : `Cannot listen on ${host}:${port} (${e.code ?? e.message}); choose another port with REVREC_PORT.`
        )
      )
    );
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Why the backend stopped during start, from its exit code and log. */
export function backendStopped(code: number | null, log: string, port: number): string {
  if (/\bEADDRINUSE\b/.test(log)) return portInUse(port);
  return `The backend stopped (exit code ${String(code)}):\n${log}`;
}

/** Where the backend will listen and answer. */
export interface Where {
  url: string;
  host: string;
  port: number;
}

export interface BackendOptions extends Where {
  /** Called with the backend's pid as soon as it exists, before it answers. */
  spawned: (pid: number) => void;
}

/** Refuses when something already answers at `url` or holds the port, so that a taken port fails at once. */
async function portFree({ url, host, port }: Where): Promise<void> {
  if (await health(url))
    throw new StartError(
      `Something already answers at ${url}. Run npm stop (or stop it), then npm start.`
    );
  await checkPort(host, port);
}

async function startBackend({ url, host, port, spawned }: BackendOptions): Promise<number> {
  say("2/3 Starting the HTTPS backend…");
  // Again: the port may have been taken during the build.
  await portFree({ url, host, port });
  mkdirSync(STATE_DIR, { recursive: true });
  const log = openSync(LOG_FILE, "w");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "src/server/main.ts")],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", log, log],
      env: process.env,
    }
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new StartError("The backend process could not be started.");
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  child.unref();
  spawned(pid);
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (exited !== undefined) throw new StartError(backendStopped(exited, logTail(), port));
    if (await health(url)) return pid;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StartError(`The backend did not answer at ${url} within 90 seconds:\n${logTail()}`);
}

/** Whether the backend serves the manifest (it serves dist/, where the build copies manifest.xml unchanged). */
const served = (url: string): Promise<boolean> => answers(url, /xml/);

/**
 * The origin manifest.xml sends Excel to: that of its task pane's SourceLocation (every URL in it has the same
 * origin, https://localhost:3000). The build copies the file as it is, so the backend's /manifest.xml says the same.
 */
export function manifestOrigin(xml: string): string | undefined {
  const m = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml);
  if (m?.[1] === undefined) return undefined;
  try {
    return new URL(m[1]).origin;
  } catch {
    return undefined;
  }
}

/** What `npm start` says when Excel cannot load the add-in from the backend at `url`. */
export function excelCannotLoad(origin: string, url: string): string {
  return (
    `Excel cannot load the add-in from this backend: manifest.xml points Excel at ${origin}, and the backend is at ` +
    `${url} (the manifest it serves is the same file, not rewritten for this port). For Excel on the web or ` +
    `desktop, run npm stop, then npm start on the default port (without REVREC_PORT).`
  );
}

function sideload(port: number): boolean {
  say("3/3 Sideloading into Excel…");
  if (process.platform !== "win32" && process.platform !== "darwin") {
    say(
      `    Excel desktop sideloading needs Windows or macOS (office-addin-debugging does not support ${process.platform}); skipped.`
    );
    return false;
  }
  const cli = path.join(ROOT, "node_modules/office-addin-debugging/cli.js");
  const r = spawnSync(
    process.execPath,
    [
      cli,
      "start",
      MANIFEST,
      "desktop",
      "--app",
      "excel",
      "--no-debug",
      "--no-live-reload",
      "--dev-server-port",
      String(port),
    ],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }
  );
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  process.stdout.write(output);
  if (debuggingFailed(r.status, output))
    throw new StartError("office-addin-debugging could not sideload the add-in (output above).");
  return true;
}

/** The steps of `npm start`, replaceable in tests. */
export interface Steps {
  portFree(where: Where): Promise<void>;
  build(): void;
  startBackend(options: BackendOptions): Promise<number>;
  sideload(port: number): boolean;
  served(url: string): Promise<boolean>;
}

export const STEPS: Steps = { portFree, build, startBackend, sideload, served };

export interface Launched {
  pid: number;
  sideloaded: boolean;
  /** The manifest's URL on the backend, when it serves it. */
  manifestUrl: string | undefined;
  /** Whether manifest.xml points Excel at this backend (false when it runs on another port). */
  excelCanLoad: boolean;
}

/**
 * Checks the port, builds, starts the backend and sideloads, recording the backend in `file` from the moment it
 * exists. On any failure the backend is stopped and the record removed, so `npm stop` never acts on a dead pid.
 * `manifestAt` is the origin manifest.xml points Excel at: when the backend is elsewhere, nothing is sideloaded.
 */
export async function launch(
  where: Where & { manifestAt?: string | undefined },
  steps: Steps = STEPS,
  file = STATE_FILE
): Promise<Launched> {
  const running = readState(file);
  if (running) {
    if (recordedBackend(running) === "ours") {
      throw new StartError(
        `RevRec is already running (backend pid ${running.serverPid}, ${running.url}). Run npm stop first.`
      );
    }
    clearState(file); // left by a start that did not finish, or a backend that has gone
  }
  const { url, host, port } = where;
  await steps.portFree({ url, host, port }); // before the build, which takes a while
  const excelCanLoad = where.manifestAt === undefined || where.manifestAt === new URL(url).origin;
  steps.build();
  let started: StartState | undefined;
  try {
    const pid = await steps.startBackend({
      url: where.url,
      host: where.host,
      port: where.port,
      spawned: (p) => {
        started = {
          serverPid: p,
          url: where.url,
          startedAt: new Date().toISOString(),
          log: LOG_FILE,
          sideloaded: false,
        };
        const start = processStart(p);
        if (start !== undefined) started.serverStart = start;
        writeState(started, file);
      },
    });
    let sideloaded = false;
    if (excelCanLoad) sideloaded = steps.sideload(where.port);
    else
      say(`3/3 Sideloading into Excel: skipped, manifest.xml points Excel at ${where.manifestAt}.`);
    if (started) writeState({ ...started, sideloaded }, file);
    const manifestUrl = `${where.url}/manifest.xml`;
    return {
      pid,
      sideloaded,
      manifestUrl: (await steps.served(manifestUrl)) ? manifestUrl : undefined,
      excelCanLoad,
    };
  } catch (e) {
    if (started && recordedBackend(started) === "ours") await stopServer(started.serverPid);
    clearState(file);
    throw e;
  }
}

/**
 * `npm start -- --company history`: the bundled sandbox's company, passed to the backend as REVREC_SANDBOX_COMPANY
 * (which can also be set in the environment or .env). Refused, with the reason, for anything else.
 */
export function companyArg(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === "--company" || a.startsWith("--company="));
  if (i < 0) return undefined;
  const a = argv[i] ?? "";
  const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
  if (value !== "demo" && value !== "history")
    throw new StartError(
      `--company must be demo or history, not ${JSON.stringify(value ?? "")}: npm start -- --company history`
    );
  return value;
}

async function main(): Promise<void> {
  const company = companyArg(process.argv.slice(2));
  if (company !== undefined) process.env.REVREC_SANDBOX_COMPANY = company;
  const config = loadConfig();
  const url = config.publicUrl;
  let manifestAt: string | undefined;
  try {
    manifestAt = manifestOrigin(readFileSync(MANIFEST, "utf8"));
  } catch {
    manifestAt = undefined; // no manifest to compare with: say nothing about it
  }
  const { sideloaded, manifestUrl, excelCanLoad } = await launch({
    url,
    host: config.host,
    port: config.port,
    manifestAt,
  });
  say("");
  say(
    readFileSync(LOG_FILE, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("{"))
      .slice(0, 12)
      .join("\n")
  );
  say("");
  const reach = `the browser must reach ${url} and trust its certificate`;
  if (sideloaded) {
    say("RevRec is loaded in Excel: Home > RevRec. Connect to QuickBooks from the task pane.");
    say(`Manifest: ${MANIFEST}${manifestUrl ? `, also served at ${manifestUrl}` : ""}`);
  } else if (!excelCanLoad && manifestAt !== undefined) {
    say(`Open the pane in a browser, outside Excel (tables kept in memory): ${url}/taskpane.html`);
    say(excelCannotLoad(manifestAt, url));
  } else {
    say("Two ways in:");
    say(`  1. Excel on the web: Insert > Add-ins > Upload My Add-in, and choose ${MANIFEST}`);
    say(`     (${manifestUrl ? `also served at ${manifestUrl}; ` : ""}${reach}).`);
    say(`  2. In a browser, outside Excel (tables kept in memory): ${url}/taskpane.html`);
  }
  say(
    config.environment === "local"
      ? `QuickBooks: the local sandbox with ${config.sandboxCompany === "history" ? "its company with history, Harbor Lane Software (README: A company with history)" : "its demo company"} (no Intuit keys configured). On its consent page, click Connect.`
      : `QuickBooks: Intuit ${config.environment}.`
  );
  say(`Backend log: ${LOG_FILE}. Stop everything with: npm stop`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
