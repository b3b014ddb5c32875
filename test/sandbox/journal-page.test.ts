import type { RunningSandbox } from "../../sandbox";
import { at, call, connect, list, qbo, query, start, type Conn } from "./helpers";

describe("sandbox journal page: the link the add-in shows after posting", () => {
  let sb: RunningSandbox;
  let c: Conn;
  beforeAll(async () => {
    sb = await start({ invoices: 0 });
    c = await connect(sb.url);
  });
  afterAll(async () => {
    await sb.close();
  });

  test("shows the entry's number, date and balanced lines by account", async () => {
    const acct: Record<string, string> = {};
    for (const a of list(await query(c, "select * from Account"), "Account"))
      acct[String(a["Name"])] = String(a["Id"]);
    const line = (posting: string, account: string | undefined, amount: number): object => ({
      Amount: amount,
      DetailType: "JournalEntryLineDetail",
      JournalEntryLineDetail: { PostingType: posting, AccountRef: { value: account } },
    });
    const je = await qbo(c, "POST", "journalentry", {
      DocNumber: "RR-2026-08",
      TxnDate: "2026-08-31",
      Line: [
        line("Debit", acct["Deferred Revenue"], 1234.5),
        line("Credit", acct["Subscription Revenue"], 1234.5),
      ],
    });
    expect(je.status).toBe(200);
    const id = String(at(je.json, "JournalEntry", "Id"));

    const page = await call(`${sb.url}/app/journal?txnId=${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).toContain('<span id="doc-number">RR-2026-08</span>');
    expect(page.text).toContain('<span id="txn-date">2026-08-31</span>');
    expect(page.text).toMatch(
      /Deferred Revenue<\/td><td class="n">1,234\.50<\/td><td class="n"><\/td>/
    );
    expect(page.text).toMatch(
      /Subscription Revenue<\/td><td class="n"><\/td><td class="n">1,234\.50<\/td>/
    );
  });

  test("an unknown or deleted entry says so instead of showing an empty entry", async () => {
    const page = await call(`${sb.url}/app/journal?txnId=999999`);
    expect(page.status).toBe(404);
    expect(page.text).toContain("No journal entry has id 999999");
  });
});
