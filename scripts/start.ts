// `npm start`: build the add-in, start the HTTPS backend (with the seeded local QuickBooks sandbox unless
// Intuit keys are configured), and sideload into Excel desktop where office-addin-debugging can (Windows,
// macOS). Elsewhere it prints the two ways in. Exits non-zero when any step fails; `npm stop` undoes it.
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
import path from "node:path";
import { loadConfig } from "../src/server/config";

// ---- what `npm start` started, so that `npm stop` (scripts/stop.ts) stops exactly that; in .revrec/ (git-ignored)
export const ROOT = path.resolve(__dirname, "..");
export const STATE_DIR = path.join(ROOT, ".revrec");
export const STATE_FILE = path.join(STATE_DIR, "start.json");
export const LOG_FILE = path.join(STATE_DIR, "server.log");

export interface StartState {
  serverPid: number;
  url: string;
  startedAt: string;
  log: string;
  /** office-addin-debugging sideloaded the manifest (Windows, macOS): `npm stop` unloads it too. */
  sideloaded: boolean;
}

export function readState(): StartState | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  try {
    return JSON.parse(readFileSync(STATE_FILE, "utf8")) as StartState;
  } catch {
    return undefined;
  }
}

export function writeState(s: StartState): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(STATE_FILE, `${JSON.stringify(s, null, 2)}\n`);
}

export function clearState(): void {
  rmSync(STATE_FILE, { force: true });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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

class StartError extends Error {
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

function health(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(
      `${url}/api/health`,
      { rejectUnauthorized: false, timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      }
    );
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

function logTail(): string {
  try {
    return readFileSync(LOG_FILE, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "";
  }
}

async function startBackend(url: string): Promise<number> {
  say("2/3 Starting the HTTPS backend…");
  if (await health(url))
    throw new StartError(
      `Something already answers at ${url}. Run npm stop (or stop it), then npm start.`
    );
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
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (exited !== undefined)
      throw new StartError(`The backend stopped (exit code ${String(exited)}):\n${logTail()}`);
    if (await health(url)) return pid;
    await new Promise((r) => setTimeout(r, 500));
  }
  await stopServer(pid);
  throw new StartError(`The backend did not answer at ${url} within 90 seconds:\n${logTail()}`);
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

async function main(): Promise<void> {
  const running = readState();
  if (running && alive(running.serverPid)) {
    throw new StartError(
      `RevRec is already running (backend pid ${running.serverPid}, ${running.url}). Run npm stop first.`
    );
  }
  const config = loadConfig();
  const url = config.publicUrl;
  build();
  const pid = await startBackend(url);
  writeState({
    serverPid: pid,
    url,
    startedAt: new Date().toISOString(),
    log: LOG_FILE,
    sideloaded: false,
  });
  let sideloaded = false;
  try {
    sideloaded = sideload(config.port);
  } catch (e) {
    await stopServer(pid);
    throw e;
  }
  writeState({
    serverPid: pid,
    url,
    startedAt: new Date().toISOString(),
    log: LOG_FILE,
    sideloaded,
  });
  say("");
  say(
    readFileSync(LOG_FILE, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("{"))
      .slice(0, 6)
      .join("\n")
  );
  say("");
  if (sideloaded) {
    say("RevRec is loaded in Excel: Home > RevRec. Connect to QuickBooks from the task pane.");
  } else {
    say("Two ways in:");
    say(`  1. Excel on the web: Insert > Add-ins > Upload My Add-in, and choose ${MANIFEST}`);
    say(`     (the browser must reach ${url} and trust its certificate).`);
    say(`  2. In a browser, outside Excel (tables kept in memory): ${url}/taskpane.html`);
  }
  say(
    config.environment === "local"
      ? "QuickBooks: the local sandbox with its demo company (no Intuit keys configured). On its consent page, click Connect."
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
