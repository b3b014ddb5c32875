// The refund liability (docs/book.md, "Balances") through the functions: REFUND, the balances beside it, the
// roll-forward's refund columns and the journal's own account, as `npm run formulas` prints the sheet, on the book
// of the golden case balance-refund-credit-before-billing (a credit memo of 120.00 before any invoice).
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import path from "path";
import { accountsFromTable, accountsToRows, type AccountsJson } from "../../src/core/tables";

const dir = path.join(__dirname, "refund");

function formulas(): string {
  return execFileSync(
    process.execPath,
    [
      require.resolve("tsx/cli"),
      path.join(__dirname, "..", "..", "scripts", "formulas.ts"),
      "--book",
      path.join(dir, "book.json"),
      "--accounts",
      path.join(dir, "accounts.json"),
      path.join(dir, "sheet.csv"),
    ],
    { encoding: "utf8" }
  );
}

describe("REVREC.REFUND", () => {
  const out = formulas();
  const rows = out.split("\n").map((line) => line.split(","));

  test("the sheet prints as test/formulas/refund/sheet.out.csv", () => {
    expect(out).toBe(readFileSync(path.join(dir, "sheet.out.csv"), "utf8"));
  });

  test("a credit before any invoice is a refund, not unbilled revenue, until an invoice takes it up", () => {
    // Month, Refund, Unbilled, Deferred, Billed to date, Recognized to date, Ties (deferred − unbilled − refund =
    // billed − recognized).
    expect(rows.slice(1, 5).map((r) => r.slice(0, 7))).toEqual([
      ["2026-01", "120", "90", "0", "-120", "90", "TRUE"],
      ["2026-02", "120", "180", "0", "-120", "180", "TRUE"],
      ["2026-03", "0", "120", "0", "150", "270", "TRUE"],
      ["All", "120", "", "", "", "", ""],
    ]);
    expect(out).toContain('Bad,"#N/A: unknown contract or obligation ""R9""","#VALUE!: period:');
  });

  test("ROLLFORWARD's refund columns tie each row, and JOURNAL debits the refund liability account", () => {
    const header = rows.findIndex((r) => r[0] === "Period");
    expect(rows[header]?.[3]).toBe("Opening refund liability");
    expect(rows[header]?.[9]).toBe("Closing refund liability");
    for (const r of rows.slice(header + 1, header + 4)) {
      const [, od, oa, or, billed, fromOpening, other, cd, ca, cr] = r.map(Number);
      expect((cd ?? 0) - (ca ?? 0) - (cr ?? 0)).toBe(
        (od ?? 0) - (oa ?? 0) - (or ?? 0) + (billed ?? 0) - (fromOpening ?? 0) - (other ?? 0)
      );
    }
    const journal = rows.findIndex((r) => r[0] === "Account");
    expect(rows.slice(journal + 1, journal + 5).map((r) => r.slice(0, 3))).toEqual([
      ["Revenue", "0", "90"],
      ["Deferred Revenue", "0", "120"],
      ["Contract Asset", "90", "0"],
      ["Refund Liability", "120", "0"],
    ]);
  });

  test("the refundLiability setting goes to RevRecAccounts and back", () => {
    const accounts = JSON.parse(
      readFileSync(path.join(dir, "accounts.json"), "utf8")
    ) as AccountsJson;
    const t = accountsToRows(accounts);
    expect(t.rows).toContainEqual(["refundLiability", "Refund Liability"]);
    const back = accountsFromTable({ header: t.header, rows: t.rows });
    expect(back.issues).toEqual([]);
    expect(back.accounts?.refundLiability).toBe("Refund Liability");
  });
});
