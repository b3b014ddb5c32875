// Command-line arguments to a validated request; problems are Issues with the option as path.
import { parseAmount, parseMonth, type Cents, type Month, type Result } from "../core";
import { badArgument, readOptions, type Options } from "./options";

export type Request =
  | { command: "help" }
  | {
      command: "schedule";
      book: string;
      from: Month;
      to: Month;
      format: "json" | "csv" | "summary";
    }
  | {
      command: "journal";
      book: string;
      from: Month;
      to: Month;
      accounts: string;
      detail: "summary" | "customer";
      format: "json" | "csv";
    }
  | {
      command: "cutover";
      book: string;
      accounts: string;
      qbo: { deferredRevenue: Cents; contractAsset: Cents };
      offset: string;
      format: "json" | "text";
    };

export const USAGE = `Usage:
  revrec schedule BOOK.json --from YYYY-MM --to YYYY-MM [--format json|csv|summary]
  revrec journal BOOK.json --period YYYY-MM[..YYYY-MM] --accounts ACCOUNTS.json
                 [--detail summary|customer] [--format json|csv]
  revrec cutover BOOK.json --accounts ACCOUNTS.json --qbo-deferred AMOUNT
                 --qbo-contract-asset AMOUNT --offset ACCOUNT [--format text|json]
    (the book's goLive: its cut-over against QuickBooks' balances at the end of the
     month before, and the opening true-up's lines)

Exit codes: 0 success, 2 bad input (every problem listed), 1 unexpected failure.
The book and accounts formats are described in docs/book.md.`;

const FLAGS = {
  schedule: ["from", "to", "format"],
  journal: ["period", "accounts", "detail", "format"],
  cutover: ["accounts", "qbo-deferred", "qbo-contract-asset", "offset", "format"],
} as const;

export function parseArgs(argv: readonly string[]): Result<Request> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    return command === undefined
      ? {
          ok: false,
          issues: [badArgument("", "A command is required (schedule, journal or cutover).")],
        }
      : { ok: true, value: { command: "help" } };
  }
  if (command !== "schedule" && command !== "journal" && command !== "cutover") {
    return {
      ok: false,
      issues: [
        badArgument(command, `Unknown command "${command}"; use schedule, journal or cutover.`),
      ],
    };
  }
  const options = readOptions(rest, command, FLAGS[command]);
  const check = checks(options);
  const { positionals } = options;
  if (positionals.length === 0) check.problem("BOOK.json", "The book file is required.");
  if (positionals.length > 1)
    check.problem(positionals[1] ?? "", "Only one book file can be given.");
  const book = positionals[0] ?? "";
  if (command === "cutover") return cutoverRequest(book, check);
  return command === "schedule" ? scheduleRequest(book, check) : journalRequest(book, check);
}

/** The checks of option values, each adding its problem to the options' issues. */
function checks({ flags, issues }: Options) {
  const problem = (path: string, message: string): void => {
    issues.push(badArgument(path, message));
  };
  const month = (flag: string, text: string | undefined): Month | undefined => {
    if (text === undefined) return undefined;
    const m = parseMonth(text);
    if (m === undefined)
      problem(`--${flag}`, `--${flag} must be a month written YYYY-MM, e.g. 2026-03.`);
    return m;
  };
  const required = (flag: string): string | undefined => {
    const value = flags.get(flag);
    if (value === undefined && !issues.some((i) => i.path === `--${flag}`)) {
      problem(`--${flag}`, `--${flag} is required.`);
    }
    return value;
  };
  const choice = <T extends string>(flag: string, allowed: readonly T[], fallback: T): T => {
    const value = flags.get(flag);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a === value);
    if (found === undefined)
      problem(
        `--${flag}`,
        `--${flag} must be ${allowed.join(", ").replace(/, ([^,]*)$/, " or $1")}.`
      );
    return found ?? fallback;
  };
  return { issues, problem, month, required, choice };
}

type Checks = ReturnType<typeof checks>;

function scheduleRequest(book: string, check: Checks): Result<Request> {
  const { issues, problem, month, required, choice } = check;
  const from = month("from", required("from"));
  const to = month("to", required("to"));
  const format = choice("format", ["json", "csv", "summary"] as const, "json");
  if (from !== undefined && to !== undefined && to < from)
    problem("--to", "--to must not be before --from.");
  if (issues.length > 0 || from === undefined || to === undefined) return { ok: false, issues };
  return { ok: true, value: { command: "schedule", book, from, to, format } };
}

function journalRequest(book: string, check: Checks): Result<Request> {
  const { issues, problem, required, choice } = check;
  const period = required("period");
  let from: Month | undefined;
  let to: Month | undefined;
  if (period !== undefined) {
    const [a, b, extra] = period.split("..");
    from = parseMonth(a ?? "");
    to = b === undefined ? from : parseMonth(b);
    if (from === undefined || to === undefined || extra !== undefined) {
      problem("--period", "--period must be a month YYYY-MM or a range YYYY-MM..YYYY-MM.");
    } else if (to < from) {
      problem("--period", "--period range ends before it starts.");
    }
  }
  const accounts = required("accounts");
  const detail = choice("detail", ["summary", "customer"] as const, "summary");
  const format = choice("format", ["json", "csv"] as const, "json");
  if (issues.length > 0 || from === undefined || to === undefined || accounts === undefined) {
    return { ok: false, issues };
  }
  return { ok: true, value: { command: "journal", book, from, to, accounts, detail, format } };
}

function cutoverRequest(book: string, check: Checks): Result<Request> {
  const { issues, problem, required, choice } = check;
  const accounts = required("accounts");
  const amount = (flag: string): Cents | undefined => {
    const text = required(flag);
    if (text === undefined) return undefined;
    const c = parseAmount(text);
    if (c === undefined)
      problem(`--${flag}`, `--${flag} must be an amount with at most 2 decimals, e.g. 15000.00.`);
    return c;
  };
  const deferredRevenue = amount("qbo-deferred");
  const contractAsset = amount("qbo-contract-asset");
  const offset = required("offset");
  const format = choice("format", ["text", "json"] as const, "text");
  if (
    issues.length > 0 ||
    accounts === undefined ||
    deferredRevenue === undefined ||
    contractAsset === undefined ||
    offset === undefined
  )
    return { ok: false, issues };
  return {
    ok: true,
    value: {
      command: "cutover",
      book,
      accounts,
      qbo: { deferredRevenue, contractAsset },
      offset,
      format,
    },
  };
}
