/**
 * What the backend refuses before anything reaches QuickBooks (issue 15 items 3 and 4): a period that has not ended
 * or lies outside the book's years, and text QuickBooks should never see — control characters, lone surrogates,
 * more characters than it keeps — in any text field or query string. HTTP requests to the real backend on loopback,
 * with its clock injected.
 */
import {
  api,
  connect,
  entriesWithDocNumber,
  journalEntry as entry,
  startTestServer,
  type TestServer,
} from "./helpers";

let t: TestServer;
let token: string;
/** The backend's clock; a test may move it. */
let now = new Date("2026-12-04T16:00:00Z");

interface ErrorBody {
  error: {
    code: string;
    message: string;
    action: string;
    fields?: { path: string; message: string }[];
  };
}
const errorOf = (a: { json: unknown }): ErrorBody["error"] => (a.json as ErrorBody).error;

beforeAll(async () => {
  t = await startTestServer({ env: { QBO_TIMEOUT_MS: "1500" }, now: () => now });
  token = await connect(t);
  expect((await api(t, token, "GET", "/api/status")).status).toBe(200);
  expect((await api(t, token, "GET", "/api/accounts")).status).toBe(200);
});

afterAll(async () => {
  await t.close();
});

describe("periods", () => {
  it("refuses the month under way, and posts it once it has ended", async () => {
    now = new Date("2026-12-31T23:59:59Z");
    const early = await api(t, token, "POST", "/api/journal", entry("2026-12"));
    expect(early.status).toBe(422);
    expect(errorOf(early)).toEqual({
      code: "period_not_ended",
      message: "2026-12 has not ended yet, so nothing was posted.",
      action:
        "Post it from 2027-01-01, when all of its revenue through 2026-12-31 is known; choose an earlier period now.",
      fields: [{ path: "period", message: "has not ended yet (it ends on 2026-12-31)" }],
    });
    const later = await api(t, token, "POST", "/api/journal", entry("2027-03"));
    expect(errorOf(later).code).toBe("period_not_ended");
    expect(await entriesWithDocNumber(t, "RR-2026-12")).toHaveLength(0);

    now = new Date("2027-01-01T00:00:00Z");
    const ended = await api(t, token, "POST", "/api/journal", entry("2026-12"));
    expect(ended.status).toBe(201);
    expect(await entriesWithDocNumber(t, "RR-2026-12")).toHaveLength(1);
  });

  it("refuses 9999-12 and any month outside the book's years, for posting, postings and balances", async () => {
    now = new Date("2027-01-15T12:00:00Z");
    for (const period of ["9999-12", "1899-12", "2200-01"]) {
      const posted = await api(t, token, "POST", "/api/journal", entry(period));
      expect(posted.status).toBe(400);
      expect(errorOf(posted)).toEqual({
        code: "period_out_of_range",
        message: `${period} is outside the years RevRec covers, 1900 to 2199.`,
        action: "Choose a period from 1900-01 to 2199-12.",
        fields: [{ path: "period", message: "must be a month from 1900-01 to 2199-12" }],
      });
      expect(await entriesWithDocNumber(t, `RR-${period}`)).toHaveLength(0);
      const listed = await api(t, token, "GET", `/api/postings?period=${period}`);
      expect([listed.status, errorOf(listed).code]).toEqual([400, "period_out_of_range"]);
      const balances = await api(
        t,
        token,
        "GET",
        `/api/balances?period=${period}&accounts=Deferred%20Revenue`
      );
      expect([balances.status, errorOf(balances).code]).toEqual([400, "period_out_of_range"]);
    }
  });

  it("refuses an explicit date outside the period or not on the calendar", async () => {
    now = new Date("2027-01-15T12:00:00Z");
    const outside = await api(
      t,
      token,
      "POST",
      "/api/journal",
      entry("2026-11", "10.00", { txnDate: "9999-12-31" })
    );
    expect(outside.status).toBe(400);
    expect(errorOf(outside).fields).toEqual([
      { path: "txnDate", message: "must lie within 2026-11" },
    ]);
    const impossible = await api(
      t,
      token,
      "POST",
      "/api/journal",
      entry("2026-11", "10.00", { txnDate: "2026-11-31" })
    );
    expect(errorOf(impossible).fields).toEqual([
      { path: "txnDate", message: "must be a date like 2026-03-31" },
    ]);
    expect(await entriesWithDocNumber(t, "RR-2026-11")).toHaveLength(0);
  });
});

describe("text QuickBooks should never see", () => {
  const PLAIN =
    "must not contain control characters (such as NUL, tab or line breaks) or invalid Unicode";
  const line = (extra: Record<string, unknown>): Record<string, unknown> => ({
    period: "2026-10",
    lines: [
      { account: "Deferred Revenue", posting: "Debit", amount: "10.00", ...extra },
      { account: "Subscription Revenue", posting: "Credit", amount: "10.00" },
    ],
  });

  beforeAll(() => {
    now = new Date("2027-01-15T12:00:00Z");
  });

  it.each([
    ["NUL", "Recognize\u0000 2026-10"],
    ["a lone high surrogate", "Recognize \ud800 2026-10"],
    ["a lone low surrogate", "\udc00"],
    ["a tab", "Recognize\t2026-10"],
    ["a line break", "Recognize\n2026-10"],
    ["DEL", "Recognize\u007f"],
    ["a C1 control (NEL)", "Recognize\u0085"],
  ])("refuses %s in a line description, naming the field", async (_what, description) => {
    const a = await api(t, token, "POST", "/api/journal", line({ description }));
    expect(a.status).toBe(400);
    expect(errorOf(a).code).toBe("invalid_request");
    expect(errorOf(a).fields).toEqual([{ path: "lines[0].description", message: PLAIN }]);
    expect(await entriesWithDocNumber(t, "RR-2026-10")).toHaveLength(0);
  });

  it("refuses control characters and lone surrogates in references, memo, cursor and query strings", async () => {
    const account = await api(t, token, "POST", "/api/journal", {
      period: "2026-10",
      lines: [
        { account: "Deferred\u0000Revenue", posting: "Debit", amount: "10.00" },
        { account: "Subscription Revenue", posting: "Credit", amount: "10.00", customer: "\ud83d" },
      ],
    });
    expect(errorOf(account).fields).toEqual([
      { path: "lines[0].account", message: PLAIN },
      { path: "lines[1].customer", message: PLAIN },
    ]);
    const memo = await api(t, token, "POST", "/api/journal", {
      ...line({}),
      memo: "closing\tnote",
    });
    expect(errorOf(memo).fields).toEqual([
      {
        path: "memo",
        message:
          "must not contain control characters other than line breaks (such as NUL or tab), or invalid Unicode",
      },
    ]);
    const cursor = await api(t, token, "POST", "/api/sync", {
      mode: "incremental",
      cursor: "abc\u0000",
    });
    expect(errorOf(cursor).fields).toEqual([{ path: "cursor", message: PLAIN }]);
    const balances = await api(
      t,
      token,
      "GET",
      "/api/balances?period=2026-10&accounts=Deferred%00"
    );
    expect(errorOf(balances).fields).toEqual([{ path: "accounts", message: PLAIN }]);
    expect(await entriesWithDocNumber(t, "RR-2026-10")).toHaveLength(0);
  });

  it("caps text at QuickBooks' lengths: 4000 for a line description, 3000 for the memo", async () => {
    const long = await api(
      t,
      token,
      "POST",
      "/api/journal",
      line({ description: "x".repeat(4001) })
    );
    expect(errorOf(long).fields).toEqual([
      { path: "lines[0].description", message: "must NOT have more than 4000 characters" },
    ]);
    const memo = await api(t, token, "POST", "/api/journal", {
      ...line({}),
      memo: "x".repeat(3001),
    });
    expect(errorOf(memo).fields).toEqual([
      { path: "memo", message: "must NOT have more than 3000 characters" },
    ]);
    const amount = await api(t, token, "POST", "/api/journal", line({ amount: "12345678901.00" }));
    expect(errorOf(amount).fields?.map((f) => f.path)).toEqual(["lines[0].amount"]);
  });

  it("refuses an approver who is the preparer, an approver without a preparer, and a | in a name", async () => {
    const PERSON =
      "must not contain a vertical bar (|), control characters (such as NUL, tab or line breaks) or invalid Unicode";
    const same = await api(t, token, "POST", "/api/journal", {
      ...line({}),
      preparedBy: "Dana Analyst",
      approvedBy: " dana analyst ",
    });
    expect(errorOf(same).fields).toEqual([
      { path: "approvedBy", message: "must name someone other than preparedBy" },
    ]);
    const alone = await api(t, token, "POST", "/api/journal", {
      ...line({}),
      approvedBy: "Sam Approver",
    });
    expect(errorOf(alone).fields).toEqual([
      { path: "preparedBy", message: "must be given with approvedBy" },
    ]);
    const bar = await api(t, token, "POST", "/api/journal", {
      ...line({}),
      preparedBy: "Dana | run=0123456789ab",
      approvedBy: "",
    });
    expect(errorOf(bar).fields).toEqual([
      { path: "preparedBy", message: PERSON },
      { path: "approvedBy", message: "must NOT have fewer than 1 characters" },
    ]);
    expect(await entriesWithDocNumber(t, "RR-2026-10")).toHaveLength(0);
  });

  it("posts what QuickBooks keeps: accents, emoji (a valid surrogate pair), line breaks in the memo", async () => {
    const a = await api(t, token, "POST", "/api/journal", {
      ...line({ description: "Recognize 2026-10 · Café 🚀" }),
      memo: "Month-end close\nreviewed by Zoë",
    });
    expect(a.status).toBe(201);
    const [posted] = await entriesWithDocNumber(t, "RR-2026-10");
    expect(String(posted?.["PrivateNote"])).toMatch(/ \| Month-end close\nreviewed by Zoë$/);
    // Said once, at the start: what the entry is.
    expect(String(posted?.["PrivateNote"])).toMatch(
      /^RevRec for Excel: revenue recognition 2026-10 \| src=revrec-excel \| run=[0-9a-f]{12} \| /
    );
    const lines = posted?.["Line"] as { Description?: string }[];
    expect(lines[0]?.Description).toBe("Recognize 2026-10 · Café 🚀");
  });
});
