// The real `revrec` command, spawned as a user would run it (node bin/revrec.js ...).
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const GOLDEN = join(ROOT, "test", "golden");

function revrec(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "revrec.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), "revrec-cli-"));

describe("revrec schedule", () => {
  it("prints the schedule JSON of the golden case", () => {
    const dir = join(GOLDEN, "change-modify-catch-up");
    const run = revrec("schedule", join(dir, "book.json"), "--from", "2026-01", "--to", "2026-12");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"))
    );
  });

  it("prints one summary line per period and CSV rows", () => {
    const book = join(GOLDEN, "billing-in-advance-and-contracts-not-netted", "book.json");
    const summary = revrec(
      "schedule",
      book,
      "--from=2026-01",
      "--to=2026-02",
      "--format",
      "summary"
    );
    expect(summary.code).toBe(0);
    expect(summary.stdout).toBe(
      [
        "period   revenue   billed  deferred  unbilled  refund",
        "2026-01   270.00  1200.00   1100.00    170.00    0.00",
        "2026-02   380.00     0.00   1000.00    450.00    0.00",
        "",
      ].join("\n")
    );
    const csv = revrec("schedule", book, "--from", "2026-01", "--to", "2026-01", "--format", "csv");
    expect(csv.stdout.split("\n").slice(0, 3)).toEqual([
      "contract,obligation,measure,2026-01",
      "C1,O1,revenue,100.00",
      "C2,D1,revenue,170.00",
    ]);
  });
});

describe("revrec journal", () => {
  it("prints the balanced entry for a range, as JSON and CSV", () => {
    const dir = join(GOLDEN, "journal-deferred-range");
    const args = [
      "journal",
      join(dir, "book.json"),
      "--period",
      "2026-01..2026-03",
      "--accounts",
      join(dir, "accounts.json"),
    ];
    const json = revrec(...args);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(
      JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"))
    );
    const csv = revrec(...args, "--format", "csv", "--detail", "customer");
    expect(csv.stdout).toBe(
      [
        "date,account,posting,amount,class,customer",
        "2026-03-31,Consulting Revenue,Credit,300.00,East,Beta",
        "2026-03-31,Revenue,Credit,300.00,East,Acme",
        "2026-03-31,Deferred Revenue,Debit,300.00,East,Acme",
        "2026-03-31,Deferred Revenue,Debit,300.00,East,Beta",
        "",
      ].join("\n")
    );
  });
});

describe("revrec journal with invoices posting per item", () => {
  it("reads billingsPostToByItem from the accounts file: training invoices come back out of revenue", () => {
    const dir = join(GOLDEN, "journal-billings-per-item-january");
    const run = revrec(
      "journal",
      join(dir, "book.json"),
      "--period",
      "2026-01",
      "--accounts",
      join(dir, "accounts.json"),
      "--format",
      "csv"
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "date,account,posting,amount,class,customer",
        "2026-01-31,Revenue,Credit,100.00,East,",
        "2026-01-31,Training Revenue,Debit,200.00,East,",
        "2026-01-31,Deferred Revenue,Credit,100.00,East,",
        "",
      ].join("\n")
    );
  });

  it("names a bad per-item setting with its path", () => {
    const accounts = join(scratch, "per-item.json");
    writeFileSync(
      accounts,
      JSON.stringify({
        revenue: "Revenue",
        deferredRevenue: "D",
        contractAsset: "A",
        billingsPostTo: "deferred",
        billingsPostToByItem: { Training: "income" },
      })
    );
    const dir = join(GOLDEN, "journal-billings-per-item-january");
    const run = revrec(
      "journal",
      join(dir, "book.json"),
      "--period",
      "2026-01",
      "--accounts",
      accounts
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      'billingsPostToByItem.Training: Training must be "deferred" (its invoices credit the deferred revenue account) or "revenue"'
    );
  });
});

describe("a reader that stops early", () => {
  it("ends quietly with exit code 0 when stdout is closed (revrec ... | head -c 100)", () => {
    // Enough output (about 1 MB) that revrec is still writing when head has gone.
    const book = join(scratch, "long.json");
    const obligations = Array.from({ length: 40 }, (_, k) => ({
      id: `O${k}`,
      price: "1000000.00",
      method: "daily",
      start: "2026-01-01",
      end: "2199-12-31",
    }));
    writeFileSync(
      book,
      JSON.stringify({ currency: "USD", contracts: [{ id: "C", customer: "A", obligations }] })
    );
    const command =
      `set -o pipefail; "${process.execPath}" "${join(ROOT, "bin", "revrec.js")}" schedule ` +
      `"${book}" --from 2026-01 --to 2199-12 --format csv | head -c 100 > /dev/null`;
    const run = spawnSync("bash", ["-c", command], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  (existsSync("/dev/full") ? it : it.skip)(
    "says in one line, exit code 1, when the output cannot be written (disk full)",
    () => {
      const book = join(GOLDEN, "change-modify-catch-up", "book.json");
      const full = openSync("/dev/full", "w");
      const run = spawnSync(
        process.execPath,
        [join(ROOT, "bin", "revrec.js"), "schedule", book, "--from", "2026-01", "--to", "2026-12"],
        { cwd: ROOT, encoding: "utf8", stdio: ["ignore", full, "pipe"] }
      );
      closeSync(full);
      expect(run.stderr).toMatch(/^revrec: cannot write the output: ENOSPC[^\n]*\n$/);
      expect(run.status).toBe(1);
    }
  );
});

describe("bad input", () => {
  it("lists every problem of a book with its path, exit code 2, nothing on stdout", () => {
    const book = join(scratch, "bad.json");
    writeFileSync(
      book,
      JSON.stringify({
        currency: "USD",
        contracts: [
          {
            id: "C1",
            customer: "A",
            obligations: [{ id: "O1", price: "1.005", method: "monthly", start: "2026-01-01" }],
          },
        ],
      })
    );
    const run = revrec("schedule", book, "--from", "2026-01", "--to", "2026-02");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `revrec: ${book} has 2 problems:\n` +
        "  contracts[0].obligations[0].price: price has more than 2 decimals; amounts are in cents.\n" +
        "  contracts[0].obligations[0].end: end is required for the monthly method.\n"
    );
  });

  it("refuses a journal before the book's go-live with the reason, exit code 2", () => {
    const dir = join(GOLDEN, "go-live-first-entry");
    const args = ["--accounts", join(dir, "accounts.json")];
    const before = revrec("journal", join(dir, "book.json"), "--period", "2026-03", ...args);
    expect(before.code).toBe(2);
    expect(before.stdout).toBe("");
    expect(before.stderr).toBe(
      "revrec: command line has 1 problem:\n" +
        "  period: 2026-03 is before go-live (2026-04): its revenue was booked outside RevRec, so RevRec has no entry for it.\n"
    );
    const across = revrec(
      "journal",
      join(dir, "book.json"),
      "--period",
      "2026-01..2026-04",
      ...args
    );
    expect(across.code).toBe(0);
    expect(JSON.parse(across.stdout)).toMatchObject({ period: "2026-04", date: "2026-04-30" });
  });

  it("reports invalid JSON, missing files and bad accounts without a stack trace", () => {
    const broken = join(scratch, "broken.json");
    writeFileSync(broken, "{ not json");
    const invalid = revrec("schedule", broken, "--from", "2026-01", "--to", "2026-02");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(
      /^revrec: .*broken\.json has 1 problem:\n {2}.*broken\.json is not valid JSON/
    );

    const accounts = join(scratch, "accounts.json");
    writeFileSync(
      accounts,
      JSON.stringify({
        revenue: "Revenue",
        deferredRevenue: "D",
        contractAsset: "A",
        billingsPostTo: "cash",
      })
    );
    const missing = revrec(
      "journal",
      join(scratch, "nope.json"),
      "--period",
      "2026-01",
      "--accounts",
      accounts
    );
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("nope.json: the file does not exist.");
    expect(missing.stderr).toContain("billingsPostTo: billingsPostTo must be");
    for (const run of [invalid, missing]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects unknown options and bad periods with usage, exit code 2", () => {
    const book = join(GOLDEN, "journal-deferred-month", "book.json");
    const run = revrec("journal", book, "--period", "2026-03..2026-01", "--acounts", "a.json");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('--acounts: Unknown option "--acounts" for journal');
    expect(run.stderr).toContain("--period: --period range ends before it starts.");
    expect(run.stderr).toContain("--accounts: --accounts is required.");
    expect(run.stderr).toContain("Usage:");
  });

  it("prints usage for --help with exit code 0", () => {
    const run = revrec("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("revrec schedule BOOK.json --from YYYY-MM --to YYYY-MM");
  });
});

describe("revrec cutover", () => {
  const dir = join(GOLDEN, "go-live-cutover");
  const args = [
    "cutover",
    join(dir, "book.json"),
    "--accounts",
    join(dir, "accounts.json"),
    "--qbo-deferred",
    "1000.00",
    "--qbo-contract-asset",
    "0.00",
    "--offset",
    "Retained Earnings",
  ];

  it("prints the golden case's cut-over and opening true-up as JSON", () => {
    const run = revrec(...args, "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"))
    );
  });

  it("prints them as text: each account with its difference, then the entry's lines", () => {
    const run = revrec(...args);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^Cut-over at the end of 2026-03\s+account\s+workbook\s+QuickBooks\s+difference$/
    );
    expect(lines[1]).toMatch(
      /^Deferred revenue\s+Deferred Revenue\s+900\.00\s+1000\.00\s+-100\.00$/
    );
    expect(lines[2]).toMatch(/^Contract asset\s+Contract Asset\s+200\.00\s+0\.00\s+200\.00$/);
    expect(run.stdout).toContain("Opening true-up RR-OPEN-2026-04, dated 2026-04-01:");
  });

  it("refuses a missing balance and a bad amount, naming both, with exit code 2", () => {
    const run = revrec(
      "cutover",
      join(dir, "book.json"),
      "--accounts",
      join(dir, "accounts.json"),
      "--qbo-deferred",
      "ten",
      "--offset",
      "Retained Earnings"
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/qbo-deferred/);
    expect(run.stderr).toMatch(/qbo-contract-asset/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
