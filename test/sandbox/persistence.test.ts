import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startSandbox } from "../../sandbox";
import { admin, at, call, connect, list, qbo, query, start } from "./helpers";

describe("sandbox persistence with --data and the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "qbo-sandbox-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test("state, tokens, requestids and the clock survive a restart", async () => {
    const file = join(dir, "state", "company.json");
    const first = await start({ invoices: 20, dataFile: file });
    const c = await connect(first.url);
    const accounts = list(await query(c, "select * from Account"), "Account");
    const id = (n: string): unknown => accounts.find((a) => a["Name"] === n)?.["Id"];
    const body = {
      DocNumber: "RR-PERSIST",
      TxnDate: "2026-10-31",
      Line: [
        {
          Amount: 5,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Debit",
            AccountRef: { value: id("Deferred Revenue") },
          },
        },
        {
          Amount: 5,
          DetailType: "JournalEntryLineDetail",
          JournalEntryLineDetail: {
            PostingType: "Credit",
            AccountRef: { value: id("Subscription Revenue") },
          },
        },
      ],
    };
    const posted = await qbo(c, "POST", "journalentry", body, { requestid: "persist-1" });
    expect(posted.status).toBe(200);
    await admin(first.url, "POST", "clock", { advanceSeconds: 120 });
    const before = (await admin(first.url, "GET", "state")).json;
    const deferredBefore = at(
      (await qbo(c, "GET", `account/${String(id("Deferred Revenue"))}`)).json,
      "Account",
      "CurrentBalance"
    );
    await first.close();
    expect(readdirSync(join(dir, "state"))).toEqual(["company.json"]);

    const second = await start({ dataFile: file, invoices: 999 });
    try {
      const k = { ...c, base: second.url };
      const after = (await admin(second.url, "GET", "state")).json;
      expect(after["counts"]).toEqual(before["counts"]);
      expect(
        Math.abs(Number(after["clockOffsetMs"]) - Number(before["clockOffsetMs"]))
      ).toBeLessThan(60_000);
      const found = list(
        await query(k, "select * from JournalEntry where DocNumber = 'RR-PERSIST'"),
        "JournalEntry"
      );
      expect(found.map((j) => j["Id"])).toEqual([at(posted.json, "JournalEntry", "Id")]);
      const replay = await qbo(k, "POST", "journalentry", body, { requestid: "persist-1" });
      expect(replay.text).toBe(posted.text);
      expect(
        at(
          (await qbo(k, "GET", `account/${String(id("Deferred Revenue"))}`)).json,
          "Account",
          "CurrentBalance"
        )
      ).toBe(deferredBefore);
      expect(
        list(
          await query(k, "select * from JournalEntry where DocNumber = 'RR-PERSIST'"),
          "JournalEntry"
        )
      ).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  test("startSandbox keeps the documented signature and default development client", async () => {
    const sb = await startSandbox({
      port: 0,
      host: "127.0.0.1",
      seed: 2,
      invoices: 3,
      autoApprove: true,
      throttle: false,
    });
    try {
      expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sb.realmId).toMatch(/^\d+$/);
      const c = await connect(sb.url);
      expect(c.realmId).toBe(sb.realmId);
      const r = await call(
        `${sb.url}/connect/oauth2?client_id=revrec-dev&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=${encodeURIComponent("https://127.0.0.1:3000/auth/qbo/callback")}&state=s`
      );
      expect(r.status).toBe(302);
    } finally {
      await sb.close();
    }
  });

  test("`sandbox/main.ts --port 0` prints the URL as its first line", async () => {
    const tsx = join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
    const child = spawn(
      tsx,
      [
        join(__dirname, "..", "..", "sandbox", "main.ts"),
        "--port",
        "0",
        "--invoices",
        "5",
        "--auto-approve",
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
      }
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`exited ${String(code)}`)));
      });
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const d = await call(`${first}/.well-known/openid_sandbox_configuration`);
      expect(d.json["token_endpoint"]).toBe(`${first}/oauth2/v1/tokens/bearer`);
      lines.close();
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
