/**
 * Posting the month-end entry against the local sandbox under every fault it can inject: whatever happens on the
 * wire, each period ends with exactly one journal entry, and every failure the user sees says what to do.
 */
import {
  api,
  type Answer,
  connect,
  entriesWithDocNumber,
  fault,
  journalEntry as entry,
  qbo,
  request,
  startTestServer,
  type TestServer,
} from "./helpers";

let t: TestServer;
let token: string;

interface PostBody {
  status: string;
  docNumber: string;
  journalEntryId: string;
  link: string;
  requestId: string;
  totals: { debits: string; credits: string };
}
interface ErrorBody {
  error: {
    code: string;
    message: string;
    action: string;
    intuitTid?: string;
    fields?: { path: string }[];
    existing?: { journalEntryId: string };
  };
}

/** The backend's clock: every period these tests post has ended by then. */
const NOW = new Date("2030-01-15T12:00:00Z");

beforeAll(async () => {
  t = await startTestServer({ env: { QBO_TIMEOUT_MS: "1500" }, now: () => NOW });
  token = await connect(t);
  // The task pane shows the status and the account list first; that warms the caches posting relies on.
  expect((await api(t, token, "GET", "/api/status")).status).toBe(200);
  expect((await api(t, token, "GET", "/api/accounts")).status).toBe(200);
});

afterAll(async () => {
  await t.close();
});

afterEach(async () => {
  await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
});

/** The requestid of every create the sandbox received since its request log was last cleared, in order. */
async function createRequestIds(): Promise<(string | null)[]> {
  const log = (await request(`${t.sandboxUrl}/__sandbox/requests`)).json as {
    requests: { method: string; path: string; query: string }[];
  };
  return log.requests
    .filter((q) => q.method === "POST" && /journalentry$/.test(q.path))
    .map((q) => new URLSearchParams(q.query).get("requestid"));
}

async function expectExactlyOne(period: string, amount = "1000.00"): Promise<void> {
  const inQbo = await entriesWithDocNumber(t, `RR-${period}`);
  expect(inQbo).toHaveLength(1);
  const listed = await api(t, token, "GET", `/api/postings?period=${period}`);
  const body = listed.json as {
    postings: { docNumber: string; totals: { debits: string } }[];
    nextAdjustment: number;
  };
  expect(body.postings.map((p) => p.docNumber)).toEqual([`RR-${period}`]);
  expect(body.postings[0]?.totals.debits).toBe(amount);
  expect(body.nextAdjustment).toBe(1);
}

describe("posting without faults", () => {
  it("creates the entry once, with a deterministic DocNumber and a link, and a repeat finds it", async () => {
    const first = await api(t, token, "POST", "/api/journal", entry("2026-07"));
    expect(first.status).toBe(201);
    const b = first.json as PostBody;
    expect(b.status).toBe("created");
    expect(b.docNumber).toBe("RR-2026-07");
    expect(b.link).toBe(`${t.sandboxUrl}/app/journal?txnId=${b.journalEntryId}`);
    expect(b.totals).toEqual({ debits: "1000.00", credits: "1000.00" });

    const again = await api(t, token, "POST", "/api/journal", entry("2026-07"));
    expect(again.status).toBe(200);
    expect((again.json as PostBody).status).toBe("existing");
    expect((again.json as PostBody).journalEntryId).toBe(b.journalEntryId);
    await expectExactlyOne("2026-07");
  });

  it("names the preparer and the approver in the entry's private note, saying once what the entry is", async () => {
    const r = await api(t, token, "POST", "/api/journal", {
      ...entry("2028-03"),
      preparedBy: "Dana Analyst",
      approvedBy: "Sam Approver",
      memo: "covers 2028-01 to 2028-03 (catch-up: every month not covered by an earlier RevRec entry)",
    });
    expect(r.status).toBe(201);
    const [je] = await entriesWithDocNumber(t, "RR-2028-03");
    const note = String(je?.["PrivateNote"]);
    expect(note).toMatch(
      /^RevRec for Excel: revenue recognition 2028-03, prepared by Dana Analyst, approved by Sam Approver \| src=revrec-excel \| run=[0-9a-f]{12} \| covers 2028-01 to 2028-03 \(catch-up: every month not covered by an earlier RevRec entry\)$/
    );
    expect(note.split("revenue recognition")).toHaveLength(2);
    expect(note.split("Dana Analyst")).toHaveLength(2);
  });

  it("refuses different lines under the same DocNumber and takes them as an adjustment", async () => {
    const conflict = await api(t, token, "POST", "/api/journal", entry("2026-07", "1200.00"));
    expect(conflict.status).toBe(409);
    const e = (conflict.json as ErrorBody).error;
    expect(e.code).toBe("posting_exists");
    expect(e.action).toMatch(/adjustment/);
    expect(e.existing?.journalEntryId).toBeDefined();

    const adj = await api(
      t,
      token,
      "POST",
      "/api/journal",
      entry("2026-07", "200.00", { adjustment: 1 })
    );
    expect(adj.status).toBe(201);
    expect((adj.json as PostBody).docNumber).toBe("RR-2026-07-A1");
    const listed = (await api(t, token, "GET", "/api/postings?period=2026-07")).json as {
      postings: {
        docNumber: string;
        adjustment: number;
        lines: { account: { name: string }; posting: string; amount: string }[];
      }[];
      nextAdjustment: number;
    };
    expect(listed.postings.map((p) => [p.docNumber, p.adjustment])).toEqual([
      ["RR-2026-07", 0],
      ["RR-2026-07-A1", 1],
    ]);
    expect(listed.nextAdjustment).toBe(2);
    expect(listed.postings[1]?.lines.map((l) => [l.account.name, l.posting, l.amount])).toEqual([
      ["Deferred Revenue", "Debit", "200.00"],
      ["Subscription Revenue", "Credit", "200.00"],
    ]);
  });

  it("a double click posts once: the second request waits and finds the first's entry", async () => {
    const [x, y] = await Promise.all([
      api(t, token, "POST", "/api/journal", entry("2027-12")),
      api(t, token, "POST", "/api/journal", entry("2027-12")),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    expect((x.json as PostBody).journalEntryId).toBe((y.json as PostBody).journalEntryId);
    await expectExactlyOne("2027-12");
  });

  it("posts again (with a new requestid) when the entry was deleted in QuickBooks", async () => {
    const first = (await api(t, token, "POST", "/api/journal", entry("2027-11"))).json as PostBody;
    const je = (await qbo(t, "GET", `journalentry/${first.journalEntryId}`))[
      "JournalEntry"
    ] as Record<string, unknown>;
    await qbo(t, "POST", "journalentry?operation=delete", {
      Id: je["Id"],
      SyncToken: je["SyncToken"],
    });
    const again = await api(t, token, "POST", "/api/journal", entry("2027-11"));
    expect(again.status).toBe(201);
    const b = again.json as PostBody;
    expect(b.journalEntryId).not.toBe(first.journalEntryId);
    expect(b.requestId).not.toBe(first.requestId);
    await expectExactlyOne("2027-11");
  });

  it("posts customer and class detail, resolved by name", async () => {
    const customers = (await api(t, token, "GET", "/api/customers")).json as {
      customers: { id: string; displayName: string }[];
    };
    const who = customers.customers[0];
    const r = await api(t, token, "POST", "/api/journal", {
      period: "2028-01",
      lines: [
        {
          account: "Accounts Receivable (A/R)",
          posting: "Debit",
          amount: "25.00",
          customer: who?.displayName ?? "",
        },
        {
          account: "Subscription Revenue",
          posting: "Credit",
          amount: "25.00",
          class: "Software",
          customer: who?.id ?? "",
        },
      ],
    });
    expect(r.status).toBe(201);
    const posted = (await api(t, token, "GET", "/api/postings?period=2028-01")).json as {
      postings: { lines: { customer?: { id: string }; class?: { name: string } }[] }[];
    };
    expect(posted.postings[0]?.lines.map((l) => [l.customer?.id, l.class?.name])).toEqual([
      [who?.id, undefined],
      [who?.id, "Software"],
    ]);
  });

  // Three calls since the confirming look-up after the create (issue 15 item 9): look up, create, confirm.
  it("posts a 2,000-line entry in at most three QuickBooks calls", async () => {
    const lines = [];
    for (let i = 0; i < 1000; i++) {
      lines.push({ account: "3", posting: "Debit", amount: "12.34" });
      lines.push({ account: "Services Revenue", posting: "Credit", amount: "12.34" });
    }
    const before = t.server.runtime.stats.calls;
    const r = await api(t, token, "POST", "/api/journal", { period: "2027-02", lines });
    expect(r.status).toBe(201);
    expect(t.server.runtime.stats.calls - before).toBeLessThanOrEqual(3);
    expect((r.json as PostBody).totals.debits).toBe("12340.00");
  });
});

describe("posting under faults ends with exactly one entry", () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ["HTTP 500 (JSON fault)", "2026-08", { method: "POST", path: "journalentry$", status: 500 }],
    [
      "HTTP 503 (HTML body)",
      "2026-09",
      { method: "POST", path: "journalentry$", status: 503, body: "html" },
    ],
    [
      "HTTP 429 with the XML throttle body",
      "2026-10",
      { method: "POST", path: "journalentry$", status: 429, body: "xml", count: 2 },
    ],
    [
      "HTTP 429 with a JSON fault",
      "2026-11",
      { method: "POST", path: "journalentry$", status: 429, body: "json" },
    ],
    [
      "a timeout (no answer)",
      "2026-12",
      { method: "POST", path: "journalentry$", action: "hang", ms: 3000 },
    ],
    [
      "the connection dropped before the write",
      "2027-01",
      { method: "POST", path: "journalentry$", action: "drop", when: "before" },
    ],
    [
      "the connection dropped after the write committed",
      "2027-03",
      { method: "POST", path: "journalentry$", action: "drop", when: "after" },
    ],
    [
      "a server error on the look-up, then on the write",
      "2027-04",
      { method: "GET", path: "query$", status: 502, count: 2 },
    ],
  ];
  it.each(cases)("%s", async (_name, period, rule) => {
    await request(`${t.sandboxUrl}/__sandbox/requests`, { method: "DELETE" });
    await fault(t, rule);
    if (period === "2027-04")
      await fault(t, { method: "POST", path: "journalentry$", status: 504 });
    const r = await api(t, token, "POST", "/api/journal", entry(period));
    expect(r.status).toBe(201);
    expect((r.json as PostBody).status).toBe("created");
    await expectExactlyOne(period);
    // Every attempt to create carried the same requestid, the one reported.
    const creates = await createRequestIds();
    expect(creates.length).toBeGreaterThanOrEqual(period === "2027-03" ? 1 : 2);
    expect([...new Set(creates)]).toEqual([(r.json as PostBody).requestId]);
  });

  it("an expired access token is refreshed and the entry posted once", async () => {
    const before = t.server.runtime.connections.refreshCount;
    await request(`${t.sandboxUrl}/__sandbox/tokens/expire`, { method: "POST", body: {} });
    const r = await api(t, token, "POST", "/api/journal", entry("2027-05"));
    expect(r.status).toBe(201);
    expect(t.server.runtime.connections.refreshCount).toBe(before + 1);
    await expectExactlyOne("2027-05");
  });

  it("throttling that does not stop is reported with a wait, and the retry later posts once", async () => {
    await fault(t, { method: "POST", path: "journalentry$", status: 429, body: "xml", count: 20 });
    const r = await api(t, token, "POST", "/api/journal", entry("2027-06"));
    expect(r.status).toBe(429);
    const e = (r.json as ErrorBody & { error: { retryAfterSeconds?: number } }).error;
    expect(e.code).toBe("qbo_throttled");
    expect(e.action).toMatch(/Wait/);
    expect(await entriesWithDocNumber(t, "RR-2027-06")).toHaveLength(0);
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
    const again = await api(t, token, "POST", "/api/journal", entry("2027-06"));
    expect(again.status).toBe(201);
    await expectExactlyOne("2027-06");
  });

  it("a write that keeps timing out is reported as safe to retry, and the retry posts once", async () => {
    await fault(t, { method: "POST", path: "journalentry$", action: "hang", ms: 2500, count: 10 });
    const r = await api(t, token, "POST", "/api/journal", entry("2027-07"));
    expect(r.status).toBe(504);
    expect((r.json as ErrorBody).error.code).toBe("qbo_timeout");
    expect((r.json as ErrorBody).error.action).toMatch(/never duplicated/);
    await request(`${t.sandboxUrl}/__sandbox/faults`, { method: "DELETE" });
    const again = await api(t, token, "POST", "/api/journal", entry("2027-07"));
    expect(again.status).toBe(201);
    await expectExactlyOne("2027-07");
  }, 60000);
});

describe("posting refused with a clear message", () => {
  it("refuses a period on or before the closing date without calling QuickBooks to write", async () => {
    const r = await api(t, token, "POST", "/api/journal", entry("2026-06"));
    expect(r.status).toBe(409);
    const e = (r.json as ErrorBody).error;
    expect(e.code).toBe("period_closed");
    expect(e.message).toContain("2026-06-30");
    expect(await entriesWithDocNumber(t, "RR-2026-06")).toHaveLength(0);
  });

  it("translates QuickBooks' own 'Account Period Closed' (6210) when the books were closed meanwhile", async () => {
    const prefs = (await qbo(t, "GET", "preferences"))["Preferences"] as Record<string, unknown>;
    await qbo(t, "POST", "preferences", {
      SyncToken: prefs["SyncToken"],
      sparse: true,
      AccountingInfoPrefs: { BookCloseDate: "2027-12-31" },
    });
    await request(`${t.sandboxUrl}/__sandbox/requests`, { method: "DELETE" });
    const r = await api(t, token, "POST", "/api/journal", entry("2027-08"));
    expect(r.status).toBe(409);
    const e = (r.json as ErrorBody).error;
    expect(e.code).toBe("period_closed");
    expect(e.intuitTid).toBeDefined();
    expect(await entriesWithDocNumber(t, "RR-2027-08")).toHaveLength(0);
    // The books are reopened in QuickBooks; posting the very same entry again now works, exactly once. The
    // refused requestid is not reused: QuickBooks would only replay its refusal.
    const p2 = (await qbo(t, "GET", "preferences"))["Preferences"] as Record<string, unknown>;
    await qbo(t, "POST", "preferences", {
      SyncToken: p2["SyncToken"],
      sparse: true,
      AccountingInfoPrefs: { BookCloseDate: "2026-06-30" },
    });
    t.server.runtime.companyData.clear();
    const again = await api(t, token, "POST", "/api/journal", entry("2027-08"));
    expect(again.status).toBe(201);
    expect((again.json as PostBody).status).toBe("created");
    await expectExactlyOne("2027-08");
    const refused = await createRequestIds();
    expect(refused).toHaveLength(2);
    expect(refused[1]).toBe((again.json as PostBody).requestId);
    expect(refused[0]).not.toBe(refused[1]);
  });

  it("refuses an inactive account, whether known inactive or deactivated in QuickBooks meanwhile", async () => {
    const setActive = async (id: string, active: boolean): Promise<void> => {
      const a = (await qbo(t, "GET", `account/${id}`))["Account"] as Record<string, unknown>;
      await qbo(t, "POST", "account", {
        Id: a["Id"],
        SyncToken: a["SyncToken"],
        sparse: true,
        Active: active,
        Name: a["Name"],
      });
    };
    const all = (await api(t, token, "GET", "/api/accounts")).json as {
      accounts: { id: string; name: string; active: boolean }[];
    };
    await setActive(all.accounts.find((a) => a.name === "Old Revenue")?.id ?? "", false);
    // The pane refreshes its account list: the backend now knows "Old Revenue" is inactive.
    const accounts = (await api(t, token, "GET", "/api/accounts?includeInactive=true")).json as {
      accounts: { id: string; name: string; active: boolean }[];
    };
    const inactive = accounts.accounts.find((a) => !a.active);
    expect(inactive?.name).toMatch(/^Old Revenue/);
    const tenTo = (account: string): Record<string, unknown> => ({
      period: "2027-09",
      lines: [
        { account: "Deferred Revenue", posting: "Debit", amount: "10.00" },
        { account, posting: "Credit", amount: "10.00" },
      ],
    });
    const r1 = await api(t, token, "POST", "/api/journal", tenTo("Old Revenue"));
    expect(r1.status).toBe(422);
    expect((r1.json as ErrorBody).error.code).toBe("inactive_reference");
    expect((r1.json as ErrorBody).error.message).toContain("Old Revenue");

    // Deactivate "Services Revenue" behind the backend's back: QuickBooks answers 610.
    const svc = accounts.accounts.find((a) => a.name === "Services Revenue");
    await setActive(svc?.id ?? "", false);
    const r2 = await api(t, token, "POST", "/api/journal", tenTo("Services Revenue"));
    expect(r2.status).toBe(422);
    expect((r2.json as ErrorBody).error.code).toBe("inactive_reference");
    expect(await entriesWithDocNumber(t, "RR-2027-09")).toHaveLength(0);

    // Reactivated in QuickBooks: the same entry now posts, once.
    await setActive(svc?.id ?? "", true);
    const r3 = await api(t, token, "POST", "/api/journal", tenTo("Services Revenue"));
    expect(r3.status).toBe(201);
    expect((r3.json as PostBody).status).toBe("created");
    await expectExactlyOne("2027-09", "10.00");
  });

  it("validates the request before anything reaches QuickBooks", async () => {
    const unbalanced = await api(t, token, "POST", "/api/journal", {
      period: "2027-10",
      lines: [
        { account: "Deferred Revenue", posting: "Debit", amount: "10.00" },
        { account: "Subscription Revenue", posting: "Credit", amount: "9.99" },
      ],
    });
    expect(unbalanced.status).toBe(400);
    expect((unbalanced.json as ErrorBody).error.code).toBe("unbalanced_entry");

    const unknown = await api(t, token, "POST", "/api/journal", {
      period: "2027-10",
      lines: [
        { account: "Deferred Revenue", posting: "Debit", amount: "10.00" },
        { account: "No Such Account", posting: "Credit", amount: "10.00" },
      ],
    });
    expect(unknown.status).toBe(400);
    expect((unknown.json as ErrorBody).error.code).toBe("unknown_reference");
    expect((unknown.json as ErrorBody).error.fields?.map((f) => f.path)).toEqual([
      "lines[1].account",
    ]);

    const malformed = await api(t, token, "POST", "/api/journal", {
      period: "2027-13",
      lines: [{ account: "Deferred Revenue", posting: "Debit", amount: "-5", colour: "red" }],
    });
    expect(malformed.status).toBe(400);
    const paths = (malformed.json as ErrorBody).error.fields?.map((f) => f.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["period", "lines[0].amount", "lines[0].colour"]));

    const arWithoutCustomer = await api(t, token, "POST", "/api/journal", {
      period: "2027-10",
      lines: [
        { account: "Accounts Receivable (A/R)", posting: "Debit", amount: "10.00" },
        { account: "Subscription Revenue", posting: "Credit", amount: "10.00" },
      ],
    });
    expect(arWithoutCustomer.status).toBe(400);
    expect((arWithoutCustomer.json as ErrorBody).error.fields?.map((f) => f.path)).toEqual([
      "lines[0].customer",
    ]);
    expect((arWithoutCustomer.json as ErrorBody).error.message).toMatch(/needs a customer/);

    const outside = await api(
      t,
      token,
      "POST",
      "/api/journal",
      entry("2027-10", "10.00", { txnDate: "2027-11-01" })
    );
    expect(outside.status).toBe(400);
    expect((outside.json as ErrorBody).error.fields?.[0]?.path).toBe("txnDate");
    expect(await entriesWithDocNumber(t, "RR-2027-10")).toHaveLength(0);
  });
});

describe("adjustment numbers", () => {
  const adjust = (period: string, amount: string, adjustment: number): Promise<Answer> =>
    api(t, token, "POST", "/api/journal", entry(period, amount, { adjustment }));

  it("refuses an adjustment with nothing to adjust, or past the next number, naming the number expected", async () => {
    const none = await adjust("2029-04", "10.00", 1);
    expect(none.status).toBe(409);
    const e0 = (none.json as ErrorBody).error;
    expect(e0.code).toBe("adjustment_out_of_sequence");
    expect(e0.message).toMatch(/next number is 0 \(RR-2029-04\)/);
    expect(await entriesWithDocNumber(t, "RR-2029-04-A1")).toHaveLength(0);

    expect((await api(t, token, "POST", "/api/journal", entry("2029-05"))).status).toBe(201);
    const a1 = await adjust("2029-05", "10.00", 1);
    expect(a1.status).toBe(201);
    const gap = await adjust("2029-05", "20.00", 9);
    expect(gap.status).toBe(409);
    const e9 = (gap.json as ErrorBody).error;
    expect(e9.code).toBe("adjustment_out_of_sequence");
    expect(e9.message).toMatch(/next number is 2 \(RR-2029-05-A2\)/);
    expect(await entriesWithDocNumber(t, "RR-2029-05-A9")).toHaveLength(0);

    // The number the postings list offers is accepted, and posting an existing adjustment again still finds it.
    const listed = (await api(t, token, "GET", "/api/postings?period=2029-05")).json as {
      nextAdjustment: number;
    };
    expect(listed.nextAdjustment).toBe(2);
    const a2 = await adjust("2029-05", "20.00", 2);
    expect(a2.status).toBe(201);
    const again = await adjust("2029-05", "10.00", 1);
    expect(again.status).toBe(200);
  });
});

describe("entries RevRec did not make", () => {
  /** An entry typed in QuickBooks by hand that happens to use a RevRec DocNumber (no src=revrec-excel marker). */
  async function handTyped(docNumber: string, txnDate: string, amount: number): Promise<string> {
    const accounts = (await api(t, token, "GET", "/api/accounts")).json as {
      accounts: { id: string; name: string }[];
    };
    const id = (name: string): string => accounts.accounts.find((a) => a.name === name)?.id ?? "";
    const line = (posting: string, account: string): Record<string, unknown> => ({
      Amount: amount,
      DetailType: "JournalEntryLineDetail",
      JournalEntryLineDetail: { PostingType: posting, AccountRef: { value: id(account) } },
    });
    const r = await qbo(t, "POST", "journalentry", {
      DocNumber: docNumber,
      TxnDate: txnDate,
      PrivateNote: "typed by Bob: office move",
      Line: [line("Debit", "Deferred Revenue"), line("Credit", "Subscription Revenue")],
    });
    return String((r["JournalEntry"] as { Id: string }).Id);
  }

  it("refuses to post over a hand-typed entry with the DocNumber, whatever its lines, and does not list it", async () => {
    const other = await handTyped("RR-2029-02", "2029-02-10", 300);
    const same = await handTyped("RR-2029-03", "2029-03-31", 1000);
    for (const [period, id] of [
      ["2029-02", other],
      ["2029-03", same],
    ] as const) {
      const a = await api(t, token, "POST", "/api/journal", entry(period));
      expect(a.status).toBe(409);
      const e = (a.json as ErrorBody).error;
      expect(e.code).toBe("docnumber_taken");
      expect(e.message).toBe(
        `QuickBooks has a journal entry RR-${period} that RevRec did not make; renumber it in QuickBooks, then post again.`
      );
      expect(e.existing?.journalEntryId).toBe(id);
      const listed = (await api(t, token, "GET", `/api/postings?period=${period}`)).json as {
        postings: unknown[];
        nextAdjustment: number;
      };
      expect(listed).toMatchObject({ postings: [], nextAdjustment: 0 });
      expect(await entriesWithDocNumber(t, `RR-${period}`)).toHaveLength(1);
    }
  });
});

describe("balances for reconciliation", () => {
  it("reads the QuickBooks balance of the mapped accounts at a period end", async () => {
    const r = await api(
      t,
      token,
      "GET",
      "/api/balances?period=2026-10&accounts=Deferred%20Revenue,4"
    );
    expect(r.status).toBe(200);
    const b = r.json as {
      asOf: string;
      accounts: { name: string; debit: string; credit: string; balance: string }[];
    };
    expect(b.asOf).toBe("2026-10-31");
    expect(b.accounts.map((a) => a.name)).toEqual([
      "Deferred Revenue",
      "Contract Asset (Unbilled Revenue)",
    ]);
    for (const a of b.accounts) expect(a.balance).toMatch(/^-?\d+\.\d{2}$/);
    const bad = await api(t, token, "GET", "/api/balances?period=2026-10&accounts=Nope");
    expect(bad.status).toBe(400);
    expect((bad.json as ErrorBody).error.code).toBe("unknown_reference");
  });
});
