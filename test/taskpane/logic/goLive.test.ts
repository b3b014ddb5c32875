// The Close tab's go-live logic: what a go-live month may be, where the first entry starts, and the opening
// true-up's lines from the cut-over.
import type { ReconcileRow } from "../../../src/taskpane/logic/close";
import {
  firstEntryMonth,
  goLiveProblem,
  openingLines,
  openingRequest,
} from "../../../src/taskpane/logic/goLive";
import { ACCOUNTS } from "../fixtures";

describe("the go-live month", () => {
  test.each<[string, string[], string | undefined]>([
    ["2026-04", [], undefined],
    ["", ["2026-01"], undefined],
    ["2026-4", [], "Go-live must be a month written YYYY-MM, e.g. 2026-04."],
    ["2026-13", [], "Go-live must be a month written YYYY-MM, e.g. 2026-04."],
    ["April", [], "Go-live must be a month written YYYY-MM, e.g. 2026-04."],
    ["2026-03", ["2026-03", "2026-04"], undefined],
    [
      "2026-05",
      ["2026-04", "2026-03"],
      "Go-live 2026-05 is after 2026-03, which RevRec has already posted to QuickBooks; choose 2026-03 or an earlier month.",
    ],
  ])("%j with %j posted", (text, posted, problem) => {
    expect(goLiveProblem(text, posted)).toBe(problem);
  });

  test.each<[string, string, string | undefined]>([
    ["2026-04", "2026-03-31", undefined],
    [
      "2026-03",
      "2026-03-31",
      "Go-live 2026-03 is in a period QuickBooks has closed (books closed through 2026-03-31): the opening true-up, dated 2026-03-01, could not be posted; choose 2026-04 or a later month.",
    ],
    [
      "2026-04",
      "2026-04-01",
      "Go-live 2026-04 is in a period QuickBooks has closed (books closed through 2026-04-01): the opening true-up, dated 2026-04-01, could not be posted; choose 2026-05 or a later month.",
    ],
    ["2026-05", "2026-04-01", undefined],
  ])("%j with QuickBooks' books closed through %s", (text, closeDate, problem) => {
    expect(goLiveProblem(text, [], closeDate)).toBe(problem);
  });

  test("the first entry starts at go-live, or at the first activity when that is later", () => {
    expect(firstEntryMonth("2024-11", "2026-08")).toBe("2026-08");
    expect(firstEntryMonth("2026-09", "2026-08")).toBe("2026-09");
    expect(firstEntryMonth(undefined, "2026-08")).toBe("2026-08");
    expect(firstEntryMonth("2024-11", undefined)).toBe("2024-11");
  });
});

describe("the opening true-up", () => {
  const row = (label: string, accountId: string, engine: number, qbo: number): ReconcileRow => ({
    label,
    accountId,
    accountName: accountId,
    engine,
    qbo,
    projected: qbo,
    difference: engine - qbo,
  });

  test("each difference to its account, the total to the offset, as the backend takes it", () => {
    const rows = [
      row("Deferred revenue", "92", 90_000, 100_000),
      row("Contract asset", "93", 20_000, 0),
    ];
    const lines = openingLines(rows, "79", "2026-04", ACCOUNTS);
    expect(lines.map((l) => [l.accountName, l.posting, l.amount])).toEqual([
      ["Deferred Revenue", "Debit", 10_000],
      ["Contract Assets", "Debit", 20_000],
      ["Subscription Revenue", "Credit", 30_000],
    ]);
    const request = openingRequest("2026-04", lines);
    expect(request).toMatchObject({ period: "2026-04", opening: true });
    expect(request.lines.map((l) => [l.account, l.posting, l.amount])).toEqual([
      ["92", "Debit", "100.00"],
      ["93", "Debit", "200.00"],
      ["79", "Credit", "300.00"],
    ]);
  });

  test("nothing to post when the cut-over ties", () => {
    expect(
      openingLines([row("Deferred revenue", "92", 500, 500)], "79", "2026-04", ACCOUNTS)
    ).toEqual([]);
  });
});
