// Golden cases: test/golden/<behaviour>/{book.json, args.json, expected.json[, accounts.json]}.
// A failing case leaves actual.json beside expected.json to diff; a passing case removes it.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildJournal,
  buildSchedule,
  correctionEntry,
  cutoverReport,
  entrySpan,
  formatDay,
  journalReport,
  parseAccounts,
  parseAmount,
  parseBook,
  parseDay,
  parseMonth,
  scheduleReport,
  type AccountMap,
  type Book,
  type Schedule,
} from "../../src/core";

const ROOT = join(__dirname, "..", "golden");

interface Args {
  command: "schedule" | "journal" | "cutover" | "correction";
  from?: string;
  to?: string;
  period?: string;
  detail?: "summary" | "customer";
  /** cutover: QuickBooks' balances at the end of the month before go-live, and the true-up's offset account. */
  qbo?: { deferredRevenue: string; contractAsset: string };
  offset?: string;
  /** correction: what was posted for `period`, the adjustment number, and QuickBooks' closing date if any. */
  posted?: { account: string; posting: "Debit" | "Credit"; amount: string; class?: string }[];
  adjustment?: number;
  closeDate?: string;
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
  if (args.command === "cutover") return cutoverFor(book.value, schedule, accounts.value, args);
  if (args.command === "correction") return correctionFor(schedule, accounts.value, args);
  const [from, to] = (args.period ?? "").split("..");
  const span = entrySpan(book.value.goLive, month(from), month(to ?? from));
  if (!span.ok) return { issues: span.issues };
  const journal = buildJournal(
    schedule,
    accounts.value,
    span.value.from,
    span.value.to,
    args.detail ?? "summary"
  );
  return journalReport(journal);
}

/** The correction to a posted period, dated in it or in the first open month. */
function correctionFor(schedule: Schedule, accounts: AccountMap, args: Args): unknown {
  const period = month(args.period);
  const posted = (args.posted ?? []).map((l) => ({ ...l, amount: parseAmount(l.amount) ?? 0 }));
  const closeDate = args.closeDate === undefined ? undefined : parseDay(args.closeDate);
  const current = buildJournal(schedule, accounts, period, period, "summary");
  const c = correctionEntry(current, posted, args.adjustment ?? 1, closeDate);
  return {
    docNumber: c.docNumber,
    date: formatDay(c.date),
    memo: c.memo,
    lines: journalReport({ ...current, lines: c.lines }).lines,
  };
}

/** The cut-over reconciliation at go-live and the opening true-up it calls for. */
function cutoverFor(book: Book, schedule: Schedule, accounts: AccountMap, args: Args): unknown {
  const goLive = book.goLive;
  if (goLive === undefined) throw new Error("a cutover case needs a book with goLive");
  const cents = (text: string | undefined): number => {
    const c = parseAmount(text ?? "");
    if (c === undefined) throw new Error(`bad amount in args.json: ${text}`);
    return c;
  };
  return cutoverReport(
    schedule,
    accounts,
    goLive,
    {
      deferredRevenue: cents(args.qbo?.deferredRevenue),
      contractAsset: cents(args.qbo?.contractAsset),
    },
    args.offset ?? ""
  );
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
