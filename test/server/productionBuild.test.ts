/**
 * The production build of the backend (`npm run build:server`, tsconfig.server.json): compiled JavaScript that plain
 * `node` runs, with no tsx; for Intuit's environments it never loads the QBO emulator, and in the local environment
 * it starts it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { generatedCerts } from "../../src/server/certs";
import { BACKENDS, freshPgDatabase } from "./db/testDb";
import { seedDataDir } from "./db/template";
import { CERT_DIR, backendEnv, request } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
let work: string;
let out: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "revrec-build-"));
  out = path.join(work, "out");
  const tsc = spawnSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.server.json", "--outDir", out],
    { cwd: ROOT, encoding: "utf8" }
  );
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.status).toBe(0);
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  lines: string[];
  url: string;
}

/** `node <out>/src/server/main.js` as `npm run serve` runs it, until it prints where it listens. */
async function serve(env: Record<string, string>): Promise<Started> {
  await generatedCerts(CERT_DIR);
  const dataDir = mkdtempSync(path.join(work, "data-"));
  await seedDataDir(dataDir);
  const child = spawn(process.execPath, [path.join(out, "src/server/main.js")], {
    cwd: dataDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env["PATH"] ?? "",
      // The build lives outside the project here; `npm run serve` finds node_modules beside dist-server/.
      NODE_PATH: path.join(ROOT, "node_modules"),
      ...backendEnv(dataDir),
      REVREC_LOG_LEVEL: "warn",
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (c: Buffer) => {
      stdout += c.toString();
      const m = /^RevRec backend: (\S+)/m.exec(stdout);
      if (m !== null && stdout.endsWith("\n")) resolve(m[1] ?? "");
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, lines: stdout.trim().split("\n"), url };
}

async function stop(s: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.on("exit", resolve));
  s.child.kill("SIGTERM");
  return exited;
}

/** /api/health answers 200, naming the environment and the database. */
async function expectHealthy(s: Started, environment: string, database: string): Promise<void> {
  const health = await request(`${s.url}/api/health`);
  expect([health.status, health.json]).toEqual([
    200,
    {
      ok: true,
      environment,
      version: "0.1.0",
      database: { kind: database, ok: true },
      queue: { queued: 0, running: 0 },
    },
  ]);
}

it("imports the sandbox only where the local environment starts it", () => {
  const main = readFileSync(path.join(out, "src/server/main.js"), "utf8");
  const index = readFileSync(path.join(out, "src/server/index.js"), "utf8");
  expect(main).not.toMatch(/sandbox"\)/);
  expect(index.match(/require\("[./]*sandbox"\)/g)).toEqual(['require("../../sandbox")']);
  expect(index).toMatch(
    /await Promise\.resolve\(\)\.then\(\(\) => __importStar\(require\("\.\.\/\.\.\/sandbox"\)\)\)/
  );
});

it("serves production under plain node without the emulator anywhere on disk", async () => {
  const sandbox = path.join(out, "sandbox");
  renameSync(sandbox, `${sandbox}-away`);
  try {
    const s = await serve({
      QBO_ENVIRONMENT: "production",
      QBO_CLIENT_ID: "ABcdEF123",
      QBO_CLIENT_SECRET: "not-a-real-secret",
    });
    try {
      expect(s.lines[1]).toBe("QuickBooks API: https://quickbooks.api.intuit.com");
      await expectHealthy(s, "production", "embedded");
    } finally {
      expect(await stop(s)).toBe(0);
    }
  } finally {
    renameSync(`${sandbox}-away`, sandbox);
  }
});

it("starts the bundled sandbox in the local environment", async () => {
  const s = await serve({});
  try {
    const sandboxUrl = /^Local QuickBooks sandbox: (\S+) /.exec(s.lines[1] ?? "")?.[1] ?? "";
    expect(sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expectHealthy(s, "local", "embedded");
    expect((await request(`${sandboxUrl}/__sandbox/state`)).status).toBe(200);
  } finally {
    expect(await stop(s)).toBe(0);
  }
});

if (BACKENDS.includes("postgres"))
  it("serves on PostgreSQL with DATABASE_URL: migrations from the build, health names the database", async () => {
    const pg = await freshPgDatabase();
    try {
      const s = await serve({
        DATABASE_URL: pg.url,
        REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      });
      try {
        await expectHealthy(s, "local", "postgres");
      } finally {
        expect(await stop(s)).toBe(0);
      }
    } finally {
      await pg.drop();
    }
  });
