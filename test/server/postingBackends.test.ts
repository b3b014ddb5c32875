/**
 * Two backends with DIFFERENT embedded databases (so no shared ledger) post for the same company (issue 15 item 9). The
 * requestid is derived from the company, the DocNumber and the content, so both send the same one and QuickBooks
 * answers the second with the first's entry; the answer says which backend made it, and any second RevRec entry
 * under a DocNumber is named in the answer.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  api,
  connect,
  entriesWithDocNumber,
  journalEntry as entry,
  qbo,
  startTestServer,
  type TestServer,
} from "./helpers";
import { resolveKey } from "../../src/server/store";
import { startSecondBackend, type SecondBackend } from "./secondBackend";
import { writeTokenFile } from "./tokenFile";

/** Both backends' clock: every period posted here has ended by then. */
const NOW = "2027-01-15T12:00:00Z";

let a: TestServer;
let b: TestServer;
let second: SecondBackend;
let dirB: string;
let token: string;

interface PostBody {
  status: string;
  journalEntryId: string;
  requestId: string;
  duplicates?: { journalEntryId: string; docNumber: string; txnDate: string; link: string }[];
  warnings?: { code: string; message: string; action: string }[];
}

/**
 * A second backend process with its own data dir: a copy of the first's connection (as a token file, which it moves
 * into its own database at start), nothing else shared.
 */
async function startBackendWithOwnDataDir(): Promise<string> {
  dirB = mkdtempSync(path.join(os.tmpdir(), "revrec-second-"));
  copyFileSync(path.join(a.dataDir, "store.key"), path.join(dirB, "store.key"));
  const now = Date.now();
  writeTokenFile(
    path.join(dirB, "tokens.enc.json"),
    await resolveKey(undefined, path.join(a.dataDir, "store.key")),
    {
      companies: await a.server.runtime.store.companies.all(),
      sessions: {
        [token]: {
          companyKey: `local:${a.server.sandbox?.realmId ?? ""}`,
          createdAt: now,
          lastUsedAt: now,
        },
      },
    }
  );
  second = await startSecondBackend(
    { ...a.env, REVREC_DATA_DIR: dirB, REVREC_SANDBOX_URL: a.sandboxUrl },
    NOW
  );
  return second.url;
}

beforeAll(async () => {
  a = await startTestServer({ env: { QBO_TIMEOUT_MS: "1500" }, now: () => new Date(NOW) });
  token = await connect(a);
  expect((await api(a, token, "GET", "/api/status")).status).toBe(200);
  expect((await api(a, token, "GET", "/api/accounts")).status).toBe(200);
  b = { ...a, url: await startBackendWithOwnDataDir(), dataDir: dirB };
  expect((await api(b, token, "GET", "/api/status")).status).toBe(200);
  expect((await api(b, token, "GET", "/api/accounts")).status).toBe(200);
}, 60000);

afterAll(async () => {
  await second.stop();
  await a.close();
  rmSync(dirB, { recursive: true, force: true });
});

it("two backends posting the same period at the same instant make one entry, and only one says created", async () => {
  // Several periods, so that an unlucky interleaving cannot hide a race.
  for (const period of ["2026-07", "2026-08", "2026-09", "2026-10"]) {
    const [x, y] = await Promise.all([
      api(a, token, "POST", "/api/journal", entry(period)),
      api(b, token, "POST", "/api/journal", entry(period)),
    ]);
    expect(await entriesWithDocNumber(a, `RR-${period}`)).toHaveLength(1);
    const answers = [x, y].map((r) => ({ http: r.status, ...(r.json as PostBody) }));
    expect(answers.map((r) => [r.http, r.status]).sort()).toEqual([
      [200, "existing"],
      [201, "created"],
    ]);
    expect(answers[0]?.journalEntryId).toBe(answers[1]?.journalEntryId);
    expect(answers.map((r) => r.duplicates)).toEqual([undefined, undefined]);
  }
});

it("two backends posting different lines at the same instant: if both are made, each answer names the other", async () => {
  const [x, y] = await Promise.all([
    api(a, token, "POST", "/api/journal", entry("2026-11")),
    api(b, token, "POST", "/api/journal", entry("2026-11", "1200.00")),
  ]);
  const inQbo = await entriesWithDocNumber(a, "RR-2026-11");
  const [bx, by] = [x.json as PostBody, y.json as PostBody];
  if (inQbo.length === 2) {
    // Neither look-up saw the other's entry: both created. The create that came second finds the first's entry
    // when it confirms (the first may have confirmed before the second existed): at least one answer names the
    // other's entry, and every answer that names one names exactly the other's.
    expect([x.status, bx.status, y.status, by.status]).toEqual([201, "created", 201, "created"]);
    const named = [
      [bx, by],
      [by, bx],
    ].filter(([mine]) => mine?.duplicates !== undefined);
    expect(named.length).toBeGreaterThanOrEqual(1);
    for (const [mine, theirs] of named) {
      expect(mine?.duplicates?.map((d) => d.journalEntryId)).toEqual([theirs?.journalEntryId]);
      expect(mine?.warnings?.map((w) => w.code)).toEqual(["duplicate_entries"]);
    }
  } else {
    expect(inQbo).toHaveLength(1);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
  }
});

it("a requestid whose entry was deleted is not answered with that entry: the next one in the chain posts it", async () => {
  const adjustment = entry("2026-07", "5.00", { adjustment: 1 });
  const first = await api(a, token, "POST", "/api/journal", adjustment);
  expect(first.status).toBe(201);
  const made = first.json as PostBody;
  const je = (await qbo(a, "GET", `journalentry/${made.journalEntryId}`))["JournalEntry"] as Record<
    string,
    unknown
  >;
  await qbo(a, "POST", "journalentry?operation=delete", {
    Id: je["Id"],
    SyncToken: je["SyncToken"],
  });
  // The other backend knows nothing of the first post: its requestid is the first's, which QuickBooks answers
  // with the deleted entry.
  const again = await api(b, token, "POST", "/api/journal", adjustment);
  expect(again.status).toBe(201);
  const remade = again.json as PostBody;
  expect(remade.status).toBe("created");
  expect(remade.journalEntryId).not.toBe(made.journalEntryId);
  expect(remade.requestId).not.toBe(made.requestId);
  const inQbo = await entriesWithDocNumber(a, "RR-2026-07-A1");
  expect(inQbo.map((e) => e["Id"])).toEqual([remade.journalEntryId]);
  const fromFirst = await api(a, token, "POST", "/api/journal", adjustment);
  expect([fromFirst.status, (fromFirst.json as PostBody).journalEntryId]).toEqual([
    200,
    remade.journalEntryId,
  ]);
});

it("an answer names every other RevRec entry under the DocNumber and warns that revenue counts twice", async () => {
  const accounts = (await api(a, token, "GET", "/api/accounts")).json as {
    accounts: { id: string; name: string }[];
  };
  const id = (name: string): string => accounts.accounts.find((x) => x.name === name)?.id ?? "";
  const line = (posting: string, account: string): Record<string, unknown> => ({
    Amount: 1000,
    DetailType: "JournalEntryLineDetail",
    JournalEntryLineDetail: { PostingType: posting, AccountRef: { value: id(account) } },
  });
  // Two entries another RevRec backend made earlier, both with the marker and the lines posted below.
  const made: string[] = [];
  for (const run of ["0123456789ab", "ba9876543210"]) {
    const r = await qbo(a, "POST", "journalentry", {
      DocNumber: "RR-2026-12",
      TxnDate: "2026-12-31",
      PrivateNote: `RevRec ASC 606 revenue recognition 2026-12 | src=revrec-excel | run=${run}`,
      Line: [line("Debit", "Deferred Revenue"), line("Credit", "Subscription Revenue")],
    });
    made.push(String((r["JournalEntry"] as { Id: string }).Id));
  }
  const r = await api(a, token, "POST", "/api/journal", entry("2026-12"));
  expect(r.status).toBe(200);
  const body = r.json as PostBody;
  expect(body.status).toBe("existing");
  const [kept, other] = [body.journalEntryId, made.find((m) => m !== body.journalEntryId) ?? ""];
  expect(made).toContain(kept);
  expect(body.duplicates).toEqual([
    {
      journalEntryId: other,
      docNumber: "RR-2026-12",
      txnDate: "2026-12-31",
      link: `${a.sandboxUrl}/app/journal?txnId=${other}`,
    },
  ]);
  expect(body.warnings).toEqual([
    {
      code: "duplicate_entries",
      message: `QuickBooks has 2 RevRec entries numbered RR-2026-12 (journal entries ${kept}, ${other}), so this period's revenue is counted 2 times.`,
      action: `Delete every RR-2026-12 but journal entry ${kept} in QuickBooks, then refresh the postings.`,
    },
  ]);
});
