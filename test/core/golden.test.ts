// Golden cases: test/golden/<behaviour>/{book.json, args.json, expected.json[, accounts.json]}.
// A failing case leaves actual.json beside expected.json to diff; a passing case removes it.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildJournal,
  buildSchedule,
  journalReport,
  parseAccounts,
  parseBook,
  parseMonth,
  scheduleReport,
} from "../../src/core";

const ROOT = join(__dirname, "..", "golden");

interface Args {
  command: "schedule" | "journal";
  from?: string;
  to?: string;
  period?: string;
  detail?: "summary" | "customer";
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function month(text: string | undefined): number {
  const m = parseMonth(text ?? "");
  if (m === undefined) throw new Error(`bad month in args.json: ${text}`);
  return m;
}

function actualFor(dir: string): unknown {
  const args = readJson(join(dir, "args.json")) as Args;
  const book = parseBook(readJson(join(dir, "book.json")));
  if (!book.ok) return { issues: book.issues };
  const schedule = buildSchedule(book.value);
  if (args.command === "schedule")
    return scheduleReport(schedule, month(args.from), month(args.to));
  const accounts = parseAccounts(readJson(join(dir, "accounts.json")));
  if (!accounts.ok) return { issues: accounts.issues };
  const [from, to] = (args.period ?? "").split("..");
  const journal = buildJournal(
    schedule,
    accounts.value,
    month(from),
    month(to ?? from),
    args.detail ?? "summary"
  );
  return journalReport(journal);
}

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("golden cases", () => {
  it("exist", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)("%s", (name) => {
    const dir = join(ROOT, name);
    const actual = actualFor(dir);
    const expected = readJson(join(dir, "expected.json"));
    const actualPath = join(dir, "actual.json");
    const same = JSON.stringify(actual) === JSON.stringify(expected);
    if (same) {
      if (existsSync(actualPath)) rmSync(actualPath);
    } else {
      writeFileSync(actualPath, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(expected);
  });
});
