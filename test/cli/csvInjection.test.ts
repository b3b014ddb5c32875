// CSV that Excel opens as data: names that start like a formula are neutralised (OWASP), amounts stay numbers.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "revrec-csv-"));

function revrec(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "revrec.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One contract per hostile start: its customer, class, item account and ids begin with it. */
const HOSTILE = ["=1+2", "+SUM(1)", "-2+3", "@A1", "\tTab", "\rCR"];

function writeBook(): { book: string; accounts: string } {
  const contracts = HOSTILE.map((name, k) => ({
    id: k === 0 ? '=HYPERLINK("http://x")' : `C${k}`,
    customer: name,
    obligations: [
      {
        id: `O${k}`,
        price: "100.00",
        method: "point-in-time",
        start: "2026-01-15",
        item: `Item${k}`,
        class: name,
      },
    ],
    billings: [],
    // A credit after delivery: February's revenue is negative.
    changes:
      k === 1
        ? [
            {
              id: "K1",
              type: "credit",
              date: "2026-02-10",
              amount: "30.00",
              obligation: "O1",
              treatment: "immediate",
            },
          ]
        : [],
  }));
  const revenueByItem = Object.fromEntries(HOSTILE.map((name, k) => [`Item${k}`, name]));
  const book = join(scratch, "book.json");
  const accounts = join(scratch, "accounts.json");
  writeFileSync(book, JSON.stringify({ currency: "USD", contracts }));
  writeFileSync(
    accounts,
    JSON.stringify({
      revenue: "Revenue",
      revenueByItem,
      deferredRevenue: "-Deferred",
      contractAsset: "Contract Asset",
      billingsPostTo: "deferred",
    })
  );
  return { book, accounts };
}

/**
 * C1's credit memo has nothing billed against it: 30.00 of credit beyond the invoices and 70.00 of revenue never
 * billed. The CLI warns on stderr, and stdout stays the CSV alone.
 */
const UNBILLED_WARNING =
  "revrec: warning: contract C1 ends (2026-02) with 30.00 of credits beyond its invoices (a refund liability) that no invoice in the book takes up; check its credit memos and invoices.\n" +
  "revrec: warning: contract C1 ends (2026-02) with 70.00 of unbilled revenue that no invoice in the book bills; check its credit memos and modifies.\n";

describe("revrec --format csv with names that start like a formula", () => {
  const { book, accounts } = writeBook();

  it("journal: accounts, classes and customers get a leading quote and are quoted", () => {
    const run = revrec(
      "journal",
      book,
      "--period",
      "2026-01",
      "--accounts",
      accounts,
      "--detail",
      "customer",
      "--format",
      "csv"
    );
    expect(run.stderr).toBe(UNBILLED_WARNING);
    expect(run.code).toBe(0);
    const revenue = (name: string): string => {
      const safe = `"'${name}"`;
      return `2026-01-31,${safe},Credit,100.00,${safe},${safe}`;
    };
    const asset = (name: string): string =>
      `2026-01-31,Contract Asset,Debit,100.00,"'${name}","'${name}"`;
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("date,account,posting,amount,class,customer");
    expect(lines.slice(1, -1).sort()).toEqual(
      [...HOSTILE.map(revenue), ...HOSTILE.map(asset)].sort()
    );
    expect(lines.at(-1)).toBe("");
  });

  it("schedule: ids are neutralised; negative amounts stay numbers", () => {
    const run = revrec("schedule", book, "--from", "2026-01", "--to", "2026-02", "--format", "csv");
    expect(run.stderr).toBe(UNBILLED_WARNING);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "contract,obligation,measure,2026-01,2026-02",
      `"'=HYPERLINK(""http://x"")",O0,revenue,100.00,0.00`,
    ]);
    expect(lines).toContain(`"'=HYPERLINK(""http://x"")",,unbilled,100.00,100.00`);
    // C1's credit in February is beyond its invoices (none): a refund, and only its revenue is unbilled.
    expect(lines).toContain("C1,,refund,0.00,30.00");
    expect(lines).toContain("C1,,unbilled,100.00,70.00");
    expect(lines).toContain("C1,O1,revenue,100.00,-30.00");
  });
});
