/** The store on each database: companies with sealed tokens, sessions, the ledger, sign-ins, the token file. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Db, DbKind } from "../../../src/server/db";
import {
  Store,
  importTokenFile,
  sharedSecret,
  type CompanyRecord,
} from "../../../src/server/store";
import { PendingSignIns } from "../../../src/server/pendingSignIns";
import { writeTokenFile } from "../tokenFile";
import { BACKENDS, emptyTables, freshDb, type TestDb } from "./testDb";

const KEY = Buffer.alloc(32, 1);

const company = (realmId: string, over: Partial<CompanyRecord> = {}): CompanyRecord => ({
  key: `sandbox:${realmId}`,
  environment: "sandbox",
  realmId,
  companyName: `Company ${realmId}`,
  accessToken: `access-${realmId}`,
  accessExpiresAt: 1_800_000_000_000,
  refreshToken: `refresh-${realmId}`,
  refreshExpiresAt: 1_900_000_000_000,
  connectedAt: 3,
  updatedAt: 4,
  ...over,
});

describe.each(BACKENDS)("the store on %s", (kind: DbKind) => {
  let t: TestDb;
  let store: Store;
  let other: Db;

  beforeAll(async () => {
    t = await freshDb(kind);
    other = t.another?.() ?? t.db;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await emptyTables(t.db);
    store = await Store.open(t.db, KEY);
  });

  test("holds two companies side by side; tokens are sealed in the database", async () => {
    await Promise.all([store.companies.put(company("111")), store.companies.put(company("222"))]);
    expect((await store.companies.all()).map((c) => c.realmId)).toEqual(["111", "222"]);
    expect(await (await Store.open(other, KEY)).companies.get("sandbox:222")).toEqual(
      company("222")
    );
    const raw = JSON.stringify(await t.db.query("SELECT * FROM companies"));
    expect(raw).not.toContain("access-111");
    expect(raw).not.toContain("refresh-222");
  });

  test("refuses to start with another key than the tokens were sealed with", async () => {
    await store.companies.put(company("111"));
    await expect(Store.open(t.db, Buffer.alloc(32, 2))).rejects.toThrow(
      "The database's tokens were sealed with another key than the configured one (REVREC_ENCRYPTION_KEY or the key file). Start with the key they were written with."
    );
  });

  test("sessions: kept, pruned when idle, and gone with their company", async () => {
    await store.companies.put(company("111"));
    await store.sessions.put("h1", { companyKey: "sandbox:111", createdAt: 1, lastUsedAt: 100 });
    await store.sessions.put("h2", { companyKey: "sandbox:111", createdAt: 1, lastUsedAt: 500 });
    await store.sessions.prune(1000, 600);
    expect(await store.sessions.get("h1")).toBeUndefined();
    expect(await store.sessions.get("h2")).toEqual({
      companyKey: "sandbox:111",
      createdAt: 1,
      lastUsedAt: 500,
    });
    await store.companies.remove("sandbox:111");
    expect(await store.sessions.get("h2")).toBeUndefined();
  });

  test("the ledger keeps one record per company and DocNumber, with what is optional", async () => {
    const p = {
      companyKey: "sandbox:111",
      docNumber: "RR-2026-01",
      requestId: "r1",
      bodyHash: "b",
      createdAt: 5,
      attempts: 1,
    };
    await store.ledger.put(p);
    await store.ledger.put({ ...p, attempts: 2, journalEntryId: "42", runId: "abc" });
    expect(await store.ledger.get("sandbox:111", "RR-2026-01")).toEqual({
      ...p,
      attempts: 2,
      journalEntryId: "42",
      runId: "abc",
    });
    expect(await t.db.query("SELECT count(*)::int AS n FROM postings")).toEqual([{ n: 1 }]);
  });

  test("a refresh holding the company row: a second instance waits and reads what the first wrote", async () => {
    await store.companies.put(company("111"));
    const second = await Store.open(other, KEY);
    const seen: string[] = [];
    let inside = (): void => undefined;
    const entered = new Promise<void>((r) => {
      inside = r;
    });
    let release = (): void => undefined;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const first = store.companies.locked("sandbox:111", async (c, save) => {
      inside();
      await released;
      if (c !== undefined) await save({ ...c, refreshToken: "rotated" });
    });
    await entered;
    const after = second.companies.locked("sandbox:111", async (c) => {
      seen.push(c?.refreshToken ?? "");
    });
    release();
    await Promise.all([first, after]);
    expect(seen).toEqual(["rotated"]);
  });

  test("a secret every instance shares: made by the first to ask", async () => {
    const [a, b] = await Promise.all([
      sharedSecret(t.db, "sign_in_ticket_key"),
      sharedSecret(other, "sign_in_ticket_key"),
    ]);
    expect(a.length).toBe(32);
    expect(b.equals(a)).toBe(true);
  });

  test("sign-ins: single use, bound to the browser, a few per browser, expiring", async () => {
    let now = 1_000_000;
    const signIns = new PendingSignIns(t.db, { perCaller: 2, callers: 2, ttlMs: 1000 }, () => now);
    const s1 = (await signIns.issue("browser-a")) ?? "";
    const s2 = (await signIns.issue("browser-a")) ?? "";
    const s3 = (await signIns.issue("browser-a")) ?? "";
    expect(await signIns.take(s1, "browser-a")).toBe(false); // gave way to the newest two
    expect(await signIns.take(s2, "browser-b")).toBe(false); // another browser's
    expect(await signIns.take(s2, "browser-a")).toBe(true);
    expect(await signIns.take(s2, "browser-a")).toBe(false); // used up
    expect(await signIns.issue("browser-b")).toBeDefined();
    expect(await signIns.issue("browser-c")).toBeUndefined(); // two browsers are signing in already
    now += 1001;
    expect(await signIns.take(s3, "browser-a")).toBe(false); // expired
    expect(await signIns.issue("browser-c")).toBeDefined();
  });

  describe("the token file of earlier versions", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), "revrec-tokenfile-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test("moves into the database once, then is left renamed; what the database has wins", async () => {
      const file = path.join(dir, "tokens.enc.json");
      await store.companies.put(company("222", { refreshToken: "newer" }));
      writeTokenFile(file, KEY, {
        companies: [company("111"), company("222")],
        sessions: {
          rrs_one: { companyKey: "sandbox:111", createdAt: 1, lastUsedAt: 2 },
          rrs_gone: { companyKey: "sandbox:999", createdAt: 1, lastUsedAt: 2 },
        },
        postings: [
          {
            companyKey: "sandbox:111",
            docNumber: "RR-2026-03",
            requestId: "req-3",
            bodyHash: "h",
            createdAt: 9,
            attempts: 1,
          },
        ],
      });
      expect(await importTokenFile(store, file, KEY)).toEqual({
        companies: 2,
        sessions: 1,
        postings: 1,
        renamedTo: `${file}.migrated`,
      });
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}.migrated`)).toBe(true);
      expect(await store.companies.get("sandbox:111")).toEqual(company("111"));
      expect((await store.companies.get("sandbox:222"))?.refreshToken).toBe("newer");
      expect((await store.ledger.get("sandbox:111", "RR-2026-03"))?.requestId).toBe("req-3");
      expect(await importTokenFile(store, file, KEY)).toBeUndefined();
    });

    test("a file sealed with another key is refused, and left where it is", async () => {
      const file = path.join(dir, "tokens.enc.json");
      writeTokenFile(file, Buffer.alloc(32, 9), { companies: [company("111")] });
      await expect(importTokenFile(store, file, KEY)).rejects.toThrow(
        `The token file ${file} cannot be decrypted with the configured key (REVREC_ENCRYPTION_KEY or the key file). Use the key it was written with, or move it away and reconnect.`
      );
      expect(existsSync(file)).toBe(true);
      expect(await store.companies.all()).toEqual([]);
    });
  });
});
