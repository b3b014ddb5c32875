// The standard's cases of the allocation and change rules (issue 14) through the real `revrec` command: each
// golden book's schedule or entry is its expected.json (derived by hand in test/golden/derive.py); an immediate
// credit on an unsatisfied obligation is refused with the treatment to use; a modify that drops a same-day credit
// is warned about.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

const read = (dir: string, file: string): unknown =>
  JSON.parse(readFileSync(join(GOLDEN, dir, file), "utf8"));

interface Args {
  command: "schedule" | "journal";
  from?: string;
  to?: string;
  period?: string;
}

/** The command line of a golden case. */
function commandOf(dir: string): string[] {
  const args = read(dir, "args.json") as Args;
  const book = join(GOLDEN, dir, "book.json");
  if (args.command === "journal")
    return [
      "journal",
      book,
      "--period",
      args.period ?? "",
      "--accounts",
      join(GOLDEN, dir, "accounts.json"),
    ];
  return ["schedule", book, "--from", args.from ?? "", "--to", args.to ?? ""];
}

const CASES = [
  "allocation-residual",
  "allocation-example-34",
  "variable-expected-value-constraint",
  "variable-most-likely-example-21",
  "variable-constraint-lifted-example-8",
  "change-price-contract",
  "change-price-after-modification-example-6",
  "change-add-reallocate",
  "change-add-reallocate-example-7",
  "change-example-5-case-b",
  "change-same-day-credit-then-modify",
  "journal-variable-example-21-july",
  "journal-variable-example-21-september",
];

describe("revrec on the standard's cases", () => {
  test.each(CASES)("%s prints its golden figures, with no warning", (dir) => {
    const run = revrec(...commandOf(dir));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(read(dir, "expected.json"));
  });

  const scratch = mkdtempSync(join(tmpdir(), "revrec-rules-"));
  let written = 0;
  /** The same-day golden with its changes replaced, as a file. */
  function sameDay(changes: unknown[]): string {
    const book = read("change-same-day-credit-then-modify", "book.json") as {
      contracts: { changes: unknown[] }[];
    };
    const [contract] = book.contracts;
    if (contract) contract.changes = changes;
    written += 1;
    const file = join(scratch, `book-${written}.json`);
    writeFileSync(file, JSON.stringify(book));
    return file;
  }
  const credit = (treatment: string, date = "2026-04-10") => ({
    id: "CM1",
    type: "credit",
    date,
    obligation: "O1",
    amount: "300.00",
    treatment,
  });

  test("an immediate credit on an obligation not yet satisfied is refused, naming the treatment to use", () => {
    const run = revrec(
      "schedule",
      sameDay([credit("immediate", "2026-01-10")]),
      "--from",
      "2026-01",
      "--to",
      "2026-12"
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      'contracts[0].changes[0].treatment: Use "treatment": "catch-up": an immediate credit of 300.00 is more than the 100.00 the obligation has recognized by the end of 2026-01, and the part not yet satisfied cannot be reversed at once.'
    );
  });

  test("a modify whose price already nets the same-day credit leaves billing no revenue uses: a warning", () => {
    // The upgrade written as 1,500.00 (after the credit) takes the credit off twice: the price is 1,200.00, the
    // contract billed 1,200 + 600 - 300 = 1,500.00, and 300.00 of deferred revenue is left at its end.
    const modify = {
      id: "M1",
      type: "modify",
      date: "2026-04-10",
      obligation: "O1",
      price: "1500.00",
      treatment: "catch-up",
    };
    const run = revrec(
      "schedule",
      sameDay([credit("catch-up"), modify]),
      "--from",
      "2026-01",
      "--to",
      "2026-12",
      "--format",
      "summary"
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "revrec: warning: contract C1 ends (2026-12) with 300.00 of deferred revenue that no obligation recognizes; check its credit memos and modifies.\n"
    );
  });
});
