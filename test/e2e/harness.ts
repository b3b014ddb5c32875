// Browser end-to-end harness: one webpack build with the local office.js, the real backend with its bundled
// sandbox (auto-approve off) in a child process, and Debian's Chromium driven by playwright-core.
import { execFileSync, fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const OUT = path.join(ROOT, "test-output", "e2e");
const DIST = path.join(ROOT, "test-output", "e2e-dist");

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** webpack once, development mode, office.js from node_modules (no network). */
export function buildPane(): void {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"),
      "--mode",
      "development",
      "--env",
      "localOfficeJs",
      "--output-path",
      DIST,
    ],
    { cwd: ROOT, stdio: "pipe" }
  );
}

export interface JournalEntry {
  Id: string;
  DocNumber: string;
  PrivateNote?: string;
  Line: {
    Amount: number;
    Description?: string;
    JournalEntryLineDetail: { PostingType: string; AccountRef: { value: string } };
  }[];
}

/** A sandbox record (QuickBooks' JSON), read field by field. */
export type SandboxRecord = { [key: string]: unknown };

export interface Stack {
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  entries(docNumber: string): Promise<JournalEntry[]>;
  /** The sandbox's invoices, credit memos, items or accounts as it stores them. */
  list(entity: "Invoice" | "CreditMemo" | "Item" | "Account"): Promise<SandboxRecord[]>;
  /** The sandbox's journal entries or customers as it stores them. */
  list(entity: "JournalEntry" | "Customer"): Promise<SandboxRecord[]>;
  /** QuickBooks' balance of an account (by id) at the end of `date`, natural sign, in cents: from its own ledger. */
  balance(account: string, date: string): Promise<number>;
  /** A change made in QuickBooks (a create, or a sparse update when the body has an Id; Preferences always). */
  write(entity: string, body: SandboxRecord): Promise<SandboxRecord>;
  dropNextPost(): Promise<void>;
  /** Queries hang from now until `releaseQueries`. */
  hangQueries(): Promise<void>;
  releaseQueries(): Promise<void>;
  shot(name: string, page?: Page, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

type Message =
  | { ready: true; url: string; dataDir: string }
  | { error: string }
  | { id: number; value: unknown };

function startBackend(
  company: "demo" | "history"
): Promise<{ child: ChildProcess; url: string; dataDir: string }> {
  const child = fork(path.join(__dirname, "stackProcess.ts"), [DIST, company], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if ("ready" in m) {
        child.off("message", onMessage);
        resolve({ child, url: m.url, dataDir: m.dataDir });
      } else if ("error" in m) reject(new Error(m.error));
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`the backend exited with code ${String(code)}`)));
  });
}

/** The backend with the sandbox's demo company (default) or its company with history, and a browser on it. */
export async function startStack(company: "demo" | "history" = "demo"): Promise<Stack> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH.`
    );
  mkdirSync(OUT, { recursive: true });
  const backend = await startBackend(company);
  let next = 0;
  const ask = <T>(msg: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = ++next;
      const onMessage = (m: Message) => {
        if ("id" in m && m.id === id) {
          backend.child.off("message", onMessage);
          resolve(m.value as T);
        }
      };
      backend.child.on("message", onMessage);
      backend.child.send({ ...msg, id });
    });
  // A browser that will not start must not leave the backend running: jest would wait on it for ever.
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    })
    .catch((e: unknown) => {
      backend.child.kill();
      throw e;
    });
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 900, height: 1000 },
  });
  const page = await context.newPage();
  let n = 0;
  return {
    url: backend.url,
    browser,
    context,
    page,
    entries: (docNumber) => ask<JournalEntry[]>({ cmd: "entries", docNumber }),
    list: (entity: string) => ask<SandboxRecord[]>({ cmd: "list", entity }),
    balance: (account, date) => ask<number>({ cmd: "balance", account, date }),
    async write(entity, body) {
      const r = await ask<{ ok?: SandboxRecord; error?: string }>({ cmd: "write", entity, body });
      if (r.ok === undefined) throw new Error(`QuickBooks refused the ${entity}: ${r.error ?? ""}`);
      return r.ok;
    },
    hangQueries: async () => {
      await ask<boolean>({ cmd: "hangQueries" });
    },
    releaseQueries: async () => {
      await ask<boolean>({ cmd: "releaseQueries" });
    },
    dropNextPost: async () => {
      await ask<boolean>({ cmd: "dropNextPost" });
    },
    async shot(name, p = page, fullPage = true) {
      n += 1;
      await p.screenshot({
        path: path.join(OUT, `${String(n).padStart(2, "0")}-${name}.png`),
        fullPage,
      });
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (backend.child.connected) await ask<boolean>({ cmd: "close" });
      rmSync(backend.dataDir, { recursive: true, force: true });
    },
  };
}

/** Connects the pane on `page` to the demo company, syncs it in full and saves the suggested rules. */
export async function connectSyncAndSaveRules(stack: Stack): Promise<void> {
  const page = stack.page;
  const openTab = (name: string) => page.getByRole("tab", { name }).click();
  await page.goto(`${stack.url}/taskpane.html`);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("button", { name: "Connect to QuickBooks" }).click(),
  ]);
  await popup.locator("#connect").click();
  await page.getByTestId("company-name").waitFor();
  await openTab("Sync");
  await page.getByRole("button", { name: "Full sync" }).click();
  await page.getByText("Sync finished").waitFor();
  await openTab("Rules");
  await page.getByRole("button", { name: "Save rules" }).click();
  await page.getByText("Rules and accounts saved").waitFor();
}
