// Runs the backend (with its bundled sandbox) in its own Node process, as `npm start` does, and answers the
// e2e test's questions over IPC: the sandbox's journal entries and other records, and faults to inject into it.
// (In-process under jest, the backend's ESM-only static file server cannot load.)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig, startServer } from "../../src/server";
import type { EntityName } from "../../sandbox/src/company";
import type { JsonObject } from "../../sandbox/src/json";
import { create, update } from "../../sandbox/src/operations";
import { balanceAsOf } from "../../sandbox/src/reports";
import { pacificDate } from "../../sandbox/src/time";

export type Request =
  | { id: number; cmd: "entries"; docNumber: string }
  | {
      id: number;
      cmd: "list";
      entity: "Invoice" | "CreditMemo" | "Item" | "Account" | "JournalEntry" | "Customer";
    }
  | { id: number; cmd: "balance"; account: string; date: string }
  | { id: number; cmd: "write"; entity: EntityName; body: JsonObject }
  | { id: number; cmd: "dropNextPost" }
  | { id: number; cmd: "hangQueries" }
  | { id: number; cmd: "releaseQueries" }
  | { id: number; cmd: "close" };

async function main(): Promise<void> {
  const dist = process.argv[2];
  const company = process.argv[3] === "history" ? "history" : "demo";
  if (!dist || !process.send)
    throw new Error("usage: fork(stackProcess.ts, [distDir, demo|history])");
  const dataDir = mkdtempSync(path.join(tmpdir(), "revrec-e2e-"));
  const config = loadConfig(
    {
      REVREC_PORT: "0",
      REVREC_DATA_DIR: dataDir,
      REVREC_DIST_DIR: dist,
      REVREC_LOG_LEVEL: "silent",
      REVREC_OFFICE_DEV_CERTS: "0",
    },
    { cwd: path.resolve(__dirname, "../.."), dotEnvFile: false }
  );
  const server = await startServer(config, {
    sandbox: { port: 0, autoApprove: false, throttle: false, company },
  });
  const sandbox = server.sandbox?.sandbox;
  if (!sandbox) throw new Error("the backend did not start its sandbox");
  process.on("message", (raw: Request) => {
    const reply = (value: unknown) => process.send?.({ id: raw.id, value });
    if (raw.cmd === "entries") {
      reply(sandbox.company.list("JournalEntry").filter((e) => e["DocNumber"] === raw.docNumber));
    } else if (raw.cmd === "list") {
      // The sandbox's own records (deleted ones are gone), as its API serves them.
      reply(sandbox.company.list(raw.entity));
    } else if (raw.cmd === "balance") {
      // QuickBooks' balance of one account at the end of a day, natural sign, in cents (its ledger, not the pane's).
      reply(balanceAsOf(sandbox.company, raw.account, raw.date));
    } else if (raw.cmd === "write") {
      // A change made in QuickBooks itself (create, or sparse update with Id and SyncToken), with QuickBooks' rules.
      const ctx = {
        co: sandbox.company,
        behaviour: sandbox.behaviour,
        today: pacificDate(sandbox.clock.now()),
        includes: new Set<string>(),
      };
      try {
        const write =
          raw.body["Id"] !== undefined || raw.entity === "Preferences" ? update : create;
        reply({ ok: write(raw.entity, raw.body, ctx) });
      } catch (e) {
        reply({ error: e instanceof Error ? e.message : String(e) });
      }
    } else if (raw.cmd === "dropNextPost") {
      // QuickBooks creates the entry, then the connection drops before the backend reads the answer.
      sandbox.faults.add({
        method: "POST",
        path: "journalentry",
        remaining: 1,
        action: { kind: "drop", when: "after" },
      });
      reply(true);
    } else if (raw.cmd === "hangQueries") {
      // Every query hangs (the backend's timeouts and retries hang again) until the test releases them: a sync
      // that is still running whenever the test acts, however busy the machine.
      sandbox.faults.add({
        path: "/query",
        remaining: 10_000,
        action: { kind: "hang", ms: 600_000 },
      });
      reply(true);
    } else if (raw.cmd === "releaseQueries") {
      sandbox.faults.clear();
      reply(true);
    } else if (raw.cmd === "close") {
      void server.close().then(() => {
        reply(true);
        process.exit(0);
      });
    }
  });
  process.send({ ready: true, url: server.url, dataDir });
}

main().catch((e: unknown) => {
  process.send?.({ error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
