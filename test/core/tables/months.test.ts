// The Months column of monthly-from-start: read from the tables into the book, its problems named by cell.
import { buildSchedule, parseBook, parseMonth } from "../../../src/core";
import { tablesToBook } from "../../../src/core/tables";
import { contractRow, contractsTable, type Cell } from "./contractRows";

function read(changes: Record<string, Cell>): { messages: string[]; march?: number | undefined } {
  const t = tablesToBook(new Map([contractsTable([contractRow(changes)])]));
  if (t.book === undefined || t.issues.length > 0)
    return { messages: t.issues.map((i) => i.message) };
  const parsed = parseBook(t.book);
  if (!parsed.ok)
    return {
      messages: parsed.issues.map(
        (i) => t.explain(i, t.book ?? { currency: "", contracts: [] }).message
      ),
    };
  const o = buildSchedule(parsed.value).obligation("C-1-1");
  const march = parseMonth("2026-03") ?? 0;
  return { messages: [], march: o?.revenue(march, march) };
}

const FROM_START = { Method: "monthly-from-start", Start: "2026-03-15", End: "", Price: 240 };

describe("RevRecContracts Months", () => {
  test("12 months from the 15th: 20.00 in the start's month", () => {
    expect(read({ ...FROM_START, Months: 12 })).toEqual({ messages: [], march: 2000 });
    expect(read({ ...FROM_START, Months: "12" })).toEqual({ messages: [], march: 2000 });
  });

  test.each<[string, Record<string, Cell>, string]>([
    [
      "missing",
      {},
      "RevRecContracts row 1, Months: months is required for the monthly-from-start method: the number of monthly shares, e.g. 12.",
    ],
    ["zero", { Months: 0 }, "RevRecContracts row 1, Months: months must be at least 1."],
    ["negative", { Months: -3 }, "RevRecContracts row 1, Months: months must be at least 1."],
    [
      "not whole",
      { Months: 2.5 },
      "RevRecContracts row 1, Months: months must be a whole number of months, e.g. 12.",
    ],
    [
      "words",
      { Months: "a year" },
      'RevRecContracts row 1, Months: expected a number of months, e.g. 12, found "a year"',
    ],
  ])("%s", (_, months, message) => {
    expect(read({ ...FROM_START, ...months }).messages).toEqual([message]);
  });
});
