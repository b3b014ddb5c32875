import { parseArgs } from "../../sandbox/main";
import { Clock } from "../../sandbox/src/clock";
import { parseQuery } from "../../sandbox/src/query-parser";
import { addMonths, pacificDate, pacificIso, parseInstant } from "../../sandbox/src/time";

describe("sandbox building blocks", () => {
  test("Pacific timestamps follow US daylight-saving time", () => {
    expect(pacificIso(Date.parse("2026-03-08T09:59:59Z"))).toBe("2026-03-08T01:59:59-08:00");
    expect(pacificIso(Date.parse("2026-03-08T10:00:00Z"))).toBe("2026-03-08T03:00:00-07:00");
    expect(pacificIso(Date.parse("2026-11-01T08:59:59Z"))).toBe("2026-11-01T01:59:59-07:00");
    expect(pacificIso(Date.parse("2026-11-01T09:00:00Z"))).toBe("2026-11-01T01:00:00-08:00");
    expect(pacificIso(Date.parse("2025-07-24T17:33:39.110Z"), true)).toBe(
      "2025-07-24T10:33:39.110-07:00"
    );
    expect(pacificDate(Date.parse("2026-01-01T07:59:00Z"))).toBe("2025-12-31");
    expect(parseInstant("2026-01-01")).toBe(Date.parse("2026-01-01T08:00:00Z"));
    expect(parseInstant("2026-07-01")).toBe(Date.parse("2026-07-01T07:00:00Z"));
    expect(parseInstant("2026-02-30")).toBeUndefined();
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
  });

  test("the clock advances and freezes", () => {
    const c = new Clock(Date.parse("2026-01-01T00:00:00Z"));
    c.freeze(true);
    const t = c.now();
    c.advance(3_600_000);
    expect(c.now()).toBe(t + 3_600_000);
    c.freeze(false);
    expect(c.now()).toBeGreaterThanOrEqual(t + 3_600_000);
  });

  test("the query parser", () => {
    expect(
      parseQuery(
        "Select * From Invoice Where TxnDate >= '2026-01-01' And CustomerRef In ('1', '2') OrderBy TxnDate Desc, Id StartPosition 11 MaxResults 10"
      )
    ).toEqual({
      count: false,
      entity: "Invoice",
      where: [
        { field: "TxnDate", op: ">=", values: ["2026-01-01"] },
        { field: "CustomerRef", op: "IN", values: ["1", "2"] },
      ],
      orderBy: [
        { field: "TxnDate", desc: true },
        { field: "Id", desc: false },
      ],
      startPosition: 11,
      maxResults: 10,
    });
    expect(
      parseQuery("select count(*) from Customer where DisplayName like 'O\\'Brien%'").where[0]
        ?.values
    ).toEqual(["O'Brien%"]);
    expect(parseQuery("select * from Customer where Active = false").where[0]?.values).toEqual([
      false,
    ]);
    expect(() => parseQuery("select * from Invoice where A = '1' or B = '2'")).toThrow(/4000/);
    expect(() => parseQuery("select * from Invoice group by CustomerRef")).toThrow(/4000/);
    expect(() => parseQuery("select * from Invoice where DocNumber = 'open")).toThrow(/4000/);
  });

  test("command-line flags", () => {
    expect(
      parseArgs([
        "--port=0",
        "--seed",
        "9",
        "--invoices",
        "10000",
        "--data",
        "x.json",
        "--auto-approve",
        "--no-throttle",
        "--client-id",
        "a",
        "--client-secret",
        "sa",
        "--redirect-uri",
        "https://a/cb",
        "--redirect-uri",
        "https://a/cb2",
        "--client-id",
        "b",
        "--client-secret",
        "sb",
        "--redirect-uri",
        "https://b/cb",
        "--rotation-window",
        "60",
      ])
    ).toEqual({
      port: 0,
      seed: 9,
      invoices: 10000,
      dataFile: "x.json",
      autoApprove: true,
      throttle: false,
      clients: [
        { clientId: "a", clientSecret: "sa", redirectUris: ["https://a/cb", "https://a/cb2"] },
        { clientId: "b", clientSecret: "sb", redirectUris: ["https://b/cb"] },
      ],
      behaviour: { rotationWindowSeconds: 60 },
    });
    expect(parseArgs(["--throttle", "off"]).throttle).toBe(false);
  });
});
