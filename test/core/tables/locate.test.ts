// A book path back to the cell it was read from, for progress points and manual amounts too.
import { tablesToBook, type BookJson } from "../../../src/core/tables";
import { contractRow, contractsTable } from "./contractRows";

const t = tablesToBook(
  new Map([
    contractsTable([contractRow({ Method: "progress", End: "" })]),
    [
      "RevRecChanges",
      {
        header: ["Contract", "Type", "Date", "Obligation", "Price", "Method", "End"],
        rows: [["C-1", "add", "2026-02-01", "C-1-2", 100, "manual", "2026-12-31"]],
      },
    ],
    [
      "RevRecProgress",
      {
        header: ["Obligation", "Date", "Percent", "Period", "Amount"],
        rows: [
          ["C-1-1", "2026-01-31", 10, "", ""],
          ["C-1-2", "", "", "2026-02", 50],
          ["C-1-1", "2026-02-28", 30, "", ""],
        ],
      },
    ],
  ])
);

test.each([
  ["contracts[0].obligations[0].progress[1].percent", "RevRecProgress row 3, Percent"],
  ["contracts[0].obligations[0].progress[0]", "RevRecProgress row 1"],
  ["contracts[0].obligations[0].manual[0].amount", "RevRecContracts row 1, Method"],
  ["contracts[0].changes[0].obligation.manual[0].period", "RevRecProgress row 2, Period"],
  ["contracts[0].changes[0].obligation.progress[0].date", "RevRecChanges row 1"],
  ["contracts[0].changes[0].obligation.end", "RevRecChanges row 1, End"],
])("%s is %s", (path, place) => {
  expect(t.issues).toEqual([]);
  const book = t.book as BookJson;
  expect(t.explain({ code: "x", path, message: "m" }, book).path).toBe(place);
});
