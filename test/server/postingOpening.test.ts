/**
 * The opening true-up at go-live (RR-OPEN-YYYY-MM) and corrections to closed periods posted in the first open one,
 * against the local sandbox: each posted exactly once, and what QuickBooks holds is what the request said.
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

interface PostBody {
  status: string;
  docNumber: string;
  journalEntryId: string;
  txnDate: string;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

/** The backend's clock. */
const NOW = new Date("2030-01-15T12:00:00Z");

beforeAll(async () => {
  t = await startTestServer({ now: () => NOW });
  token = await connect(t);
  expect((await api(t, token, "GET", "/api/accounts")).status).toBe(200);
});

afterAll(async () => {
  await t.close();
});

const opening = (period: string, amount = "300.00", extra: Record<string, unknown> = {}) =>
  entry(period, amount, { opening: true, ...extra });

describe("the opening true-up", () => {
  it("is RR-OPEN-YYYY-MM on the go-live month's first day, posted once however often it is sent", async () => {
    const [x, y] = await Promise.all([
      api(t, token, "POST", "/api/journal", opening("2028-04")),
      api(t, token, "POST", "/api/journal", opening("2028-04")),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    const b = x.json as PostBody;
    expect(b.docNumber).toBe("RR-OPEN-2028-04");
    expect(b.txnDate).toBe("2028-04-01");
    expect((y.json as PostBody).journalEntryId).toBe(b.journalEntryId);
    const again = await api(t, token, "POST", "/api/journal", opening("2028-04"));
    expect(again.status).toBe(200);
    expect((again.json as PostBody).status).toBe("existing");

    const inQbo = await entriesWithDocNumber(t, "RR-OPEN-2028-04");
    expect(inQbo).toHaveLength(1);
    expect(inQbo[0]?.["TxnDate"]).toBe("2028-04-01");
    expect(String(inQbo[0]?.["PrivateNote"])).toMatch(
      /^RevRec for Excel: opening true-up at go-live 2028-04 \|/
    );
    // It is not the month's own entry: the month is still to be closed (RR-2028-04).
    const listed = (await api(t, token, "GET", "/api/postings?period=2028-04")).json as {
      postings: unknown[];
      nextAdjustment: number;
    };
    expect(listed.postings).toEqual([]);
    expect(listed.nextAdjustment).toBe(0);
  });

  it("takes no adjustment number", async () => {
    const res = await api(
      t,
      token,
      "POST",
      "/api/journal",
      opening("2028-06", "1.00", { adjustment: 1 })
    );
    expect(res.status).toBe(400);
    expect((res.json as ErrorBody).error.fields).toEqual([
      { path: "adjustment", message: "must be left out for an opening true-up (RR-OPEN-)" },
    ]);
  });

  it("waits until the month before go-live has ended", async () => {
    const res = await api(t, token, "POST", "/api/journal", opening("2030-02"));
    expect(res.status).toBe(422);
    expect((res.json as ErrorBody).error.message).toBe(
      "2030-01 has not ended yet, so nothing was posted."
    );
    expect(await entriesWithDocNumber(t, "RR-OPEN-2030-02")).toHaveLength(0);
  });
});

describe("a correction posted in the first open period", () => {
  it("keeps the corrected period's DocNumber and is dated the first day of the later month", async () => {
    expect((await api(t, token, "POST", "/api/journal", entry("2028-09"))).status).toBe(201);
    const res = await api(
      t,
      token,
      "POST",
      "/api/journal",
      entry("2028-09", "25.00", { adjustment: 1, txnDate: "2028-11-01" })
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ docNumber: "RR-2028-09-A1", txnDate: "2028-11-01" });
    const inQbo = await entriesWithDocNumber(t, "RR-2028-09-A1");
    expect(inQbo.map((e) => e["TxnDate"])).toEqual(["2028-11-01"]);
  });

  it("is refused on any other day of a later month, and for a period's own entry", async () => {
    const midMonth = await api(
      t,
      token,
      "POST",
      "/api/journal",
      entry("2028-10", "25.00", { adjustment: 1, txnDate: "2028-11-15" })
    );
    expect(midMonth.status).toBe(400);
    expect((midMonth.json as ErrorBody).error.fields).toEqual([
      {
        path: "txnDate",
        message:
          "must lie within 2028-10, or be the first day of a later month (a correction posted in the first open period)",
      },
    ]);
    const own = await api(
      t,
      token,
      "POST",
      "/api/journal",
      entry("2028-10", "25.00", { txnDate: "2028-11-01" })
    );
    expect((own.json as ErrorBody).error.fields).toEqual([
      { path: "txnDate", message: "must lie within 2028-10" },
    ]);
  });
});
