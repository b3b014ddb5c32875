/**
 * RevRec's entries for a period, read from QuickBooks (not from a local cache): entries deleted or edited there show
 * as they are now, and the next adjustment number follows them.
 */
import type { PostedLine, Posting, Postings } from "../../wire";
import { formatAmount, parseAmount } from "../../core";
import { entityRows, q } from "../qbo/client";
import { checkBookYears } from "./checkRequest";
import { qboLink, type PostingContext } from "./context";
import { ours } from "./entries";
import { obj, s } from "./json";

export async function postingsFor(ctx: PostingContext, period: string): Promise<Postings> {
  checkBookYears(period);
  const res = await ctx.client.call({
    method: "GET",
    path: "query",
    query: {
      query: `SELECT * FROM JournalEntry WHERE DocNumber LIKE ${q(`RR-${period}%`)} MAXRESULTS 1000`,
    },
    kind: "query",
  });
  const re = new RegExp(`^RR-${period}(?:-A(\\d+))?$`);
  const postings: Posting[] = [];
  for (const e of entityRows(res, "JournalEntry")) {
    const m = re.exec(s(e["DocNumber"]));
    if (m === null || !ours(e)) continue; // someone else's entry under a RevRec number: not a posting
    let debits = 0;
    let credits = 0;
    const lines: PostedLine[] = [];
    for (const raw of Array.isArray(e["Line"]) ? e["Line"] : []) {
      const l = obj(raw);
      const d = obj(l?.["JournalEntryLineDetail"]);
      if (l === undefined || d === undefined) continue;
      const cents = parseAmount(l["Amount"]) ?? 0;
      const posting = s(d["PostingType"]).toLowerCase() === "credit" ? "Credit" : "Debit";
      if (posting === "Debit") debits += cents;
      else credits += cents;
      const acct = obj(d["AccountRef"]) ?? {};
      const line: PostedLine = {
        account: { id: s(acct["value"]), name: s(acct["name"]) },
        posting,
        amount: formatAmount(cents),
      };
      const cls = obj(d["ClassRef"]);
      if (cls !== undefined && s(cls["value"]) !== "")
        line.class = { id: s(cls["value"]), name: s(cls["name"]) };
      const cust = obj(obj(d["Entity"])?.["EntityRef"]);
      if (cust !== undefined && s(cust["value"]) !== "")
        line.customer = { id: s(cust["value"]), name: s(cust["name"]) };
      const desc = s(l["Description"]);
      if (desc !== "") line.description = desc;
      lines.push(line);
    }
    const id = s(e["Id"]);
    postings.push({
      docNumber: s(e["DocNumber"]),
      adjustment: m[1] === undefined ? 0 : Number(m[1]),
      journalEntryId: id,
      txnDate: s(e["TxnDate"]),
      link: qboLink(ctx.environment, ctx.sandboxUrl, id),
      totals: { debits: formatAmount(debits), credits: formatAmount(credits) },
      lines,
    });
  }
  postings.sort(
    (a, b) => a.adjustment - b.adjustment || Number(a.journalEntryId) - Number(b.journalEntryId)
  );
  const nextAdjustment =
    postings.length === 0 ? 0 : Math.max(...postings.map((p) => p.adjustment)) + 1;
  return { period, nextAdjustment, postings };
}
