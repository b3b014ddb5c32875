// The journal request the Post button sends: what the memo and lines say decides what QuickBooks records.
import type { Posting } from "../../src/wire";
import type { Preview, PreviewLine } from "../../src/taskpane/logic/close";
import { freshClose } from "../../src/taskpane/state/paneState";
import type { CloseState } from "../../src/taskpane/state/paneState";
import { journalToPost } from "../../src/taskpane/tabs/journalRequest";

const deferred: PreviewLine = {
  accountId: "92",
  accountName: "Deferred Revenue",
  posting: "Debit",
  amount: 30000,
  customer: "Acme",
  class: "East",
};
const revenue: PreviewLine = { ...deferred, accountId: "79", posting: "Credit" };
const trueUp: PreviewLine = { ...deferred, accountId: "93", amount: 500 };

function preview(from: string, lines: PreviewLine[] = [deferred, revenue]): Preview {
  return {
    period: "2026-03",
    from,
    txnDate: "2026-03-31",
    lines,
    debits: 30000,
    credits: 30000,
    balanced: true,
    unknownAccounts: [],
  };
}

const original: Posting = {
  docNumber: "RR-2026-03",
  adjustment: 0,
  journalEntryId: "301",
  txnDate: "2026-03-31",
  link: "https://app.qbo.intuit.com/app/journal?txnId=301",
  totals: { debits: "300.00", credits: "300.00" },
  lines: [],
};

const SIGNED = { preparedBy: "Dana Analyst", approvedBy: "Sam Approver" };

function close(patch: Partial<CloseState>): CloseState {
  return { ...freshClose("2026-03", "summary", false), ...patch };
}

describe("the journal request a post sends", () => {
  it("names a catch-up entry's range in its memo and on every line, and leaves class out when QuickBooks does not track it", () => {
    const p = preview("2026-01");
    const entry = journalToPost(close({ preview: p }), p, false, { preparedBy: " Dana Analyst " });
    expect(entry?.kind).toBe("original");
    expect(entry?.from).toBe("2026-01");
    expect(entry?.request).toMatchObject({
      period: "2026-03",
      adjustment: 0,
      txnDate: "2026-03-31",
      preparedBy: "Dana Analyst",
      memo: "covers 2026-01 to 2026-03 (catch-up: every month not covered by an earlier RevRec entry)",
    });
    expect(entry?.request.approvedBy).toBeUndefined();
    expect(entry?.request.lines).toEqual([
      {
        account: "92",
        posting: "Debit",
        amount: "300.00",
        customer: "Acme",
        description: "Revenue recognition 2026-01 to 2026-03",
      },
      {
        account: "79",
        posting: "Credit",
        amount: "300.00",
        customer: "Acme",
        description: "Revenue recognition 2026-01 to 2026-03",
      },
    ]);
  });

  it("posts only the adjustment once the period is posted, numbered as QuickBooks says, with the true-up when chosen", () => {
    const p = preview("2026-03");
    const posted = { period: "2026-03", nextAdjustment: 2, postings: [original] };
    const adjusting = close({
      preview: p,
      postings: posted,
      adjustment: [revenue],
      trueUp: [trueUp],
    });
    const without = journalToPost(adjusting, p, true, SIGNED);
    expect(without?.kind).toBe("adjustment");
    // The backend's note names the period, the adjustment and the people: the memo would only repeat them.
    expect(without?.request.memo).toBeUndefined();
    expect(without?.request).toMatchObject({
      preparedBy: "Dana Analyst",
      approvedBy: "Sam Approver",
    });
    expect(without?.request.lines.map((l) => [l.account, l.class, l.description])).toEqual([
      ["79", "East", "Revenue recognition 2026-03 (adjustment 2)"],
    ]);
    const withTrueUp = journalToPost({ ...adjusting, includeTrueUp: true }, p, true, SIGNED);
    expect(withTrueUp?.request.lines.map((l) => l.account)).toEqual(["79", "93"]);
  });

  it("dates a correction to a closed period in the first open period, naming the period in its memo", () => {
    const p = preview("2026-03");
    const posted = { period: "2026-03", nextAdjustment: 1, postings: [original] };
    const adjusting = close({ preview: p, postings: posted, adjustment: [revenue] });
    const closed = journalToPost(adjusting, p, false, SIGNED, "2026-04-30");
    expect(closed?.request).toMatchObject({
      period: "2026-03",
      adjustment: 1,
      txnDate: "2026-05-01",
      memo: "Correction to 2026-03 (adjustment 1), posted in 2026-05: QuickBooks' books are closed through 2026-04-30",
    });
    // Open books, or the period's own entry: dated the period's last day as always.
    expect(journalToPost(adjusting, p, false, SIGNED, "2026-02-28")?.request.txnDate).toBe(
      "2026-03-31"
    );
    expect(
      journalToPost(close({ preview: p }), p, false, SIGNED, "2026-04-30")?.request.txnDate
    ).toBe("2026-03-31");
  });

  it("sends nothing when there is nothing to post", () => {
    const p = preview("2026-03", []);
    expect(journalToPost(close({ preview: p }), p, false, SIGNED)).toBeUndefined();
    const posted = { period: "2026-03", nextAdjustment: 1, postings: [original] };
    expect(
      journalToPost(close({ preview: p, postings: posted, adjustment: [] }), p, false, SIGNED)
    ).toBeUndefined();
  });
});
