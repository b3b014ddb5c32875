// The `revrec` command: reads files, calls the engine, prints. Bad input is listed on stderr with
// exit code 2 and nothing on stdout; no stack trace ever reaches the user.
import { readFileSync } from "node:fs";
import {
  buildJournal,
  cutoverReport,
  entrySpan,
  buildSchedule,
  endingBalanceWarnings,
  journalReport,
  parseAccounts,
  parseBook,
  scheduleReport,
  scheduleTotals,
  type Issue,
  type Result,
} from "../core";
import { parseArgs, USAGE } from "./args";
import { cutoverText, journalCsv, scheduleCsv, scheduleSummary } from "./formats";

export interface Io {
  readFile(path: string): string;
  out(text: string): void;
  err(text: string): void;
}

export const nodeIo: Io = {
  readFile: (path) => readFileSync(path, "utf8"),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * Handles failed writes to stdout and stderr, which Node reports as 'error' events after write()
 * returned (an unhandled one prints a stack trace).
 *
 * stdout closed by its reader (EPIPE, as in `revrec schedule ... | head`): stop at once with exit
 * code 0. The reader chose to stop reading; the input was fine and what it read is correct, so this
 * is not a failure of revrec. A non-zero code would fail `set -o pipefail` scripts for doing what
 * they asked (git and npm also exit quietly with 0 here; GNU tools die of SIGPIPE only because C
 * keeps the default signal handler). Any other stdout error (disk full, I/O error) means the output
 * is incomplete: one line on stderr, exit code 1. Errors on stderr itself cannot be reported
 * anywhere and are ignored; the exit code already set stands.
 */
export function handleOutputErrors(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT_OK);
    process.stderr.write(`revrec: cannot write the output: ${error.message}\n`);
    process.exit(EXIT_UNEXPECTED);
  });
  process.stderr.on("error", () => undefined);
}

/** Runs one command; returns the exit code. */
export function run(argv: readonly string[], io: Io): number {
  try {
    return runChecked(argv, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`revrec: unexpected failure: ${message}\n`);
    return EXIT_UNEXPECTED;
  }
}

function runChecked(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv);
  if (!args.ok) return report(io, "command line", args.issues, `\n${USAGE}\n`);
  const request = args.value;
  if (request.command === "help") {
    io.out(`${USAGE}\n`);
    return EXIT_OK;
  }
  const book = readJson(io, request.book, parseBook);
  const accounts =
    request.command === "schedule" ? undefined : readJson(io, request.accounts, parseAccounts);
  if (!book.ok) report(io, request.book, book.issues);
  if (accounts !== undefined && !accounts.ok && request.command !== "schedule") {
    report(io, request.accounts, accounts.issues);
  }
  if (!book.ok || (accounts !== undefined && !accounts.ok)) return EXIT_BAD_INPUT;

  const schedule = buildSchedule(book.value);
  for (const warning of endingBalanceWarnings(schedule)) io.err(`revrec: warning: ${warning}\n`);
  if (request.command === "schedule") {
    const { from, to, format } = request;
    if (format === "summary") io.out(scheduleSummary(scheduleTotals(schedule, from, to)));
    else if (format === "csv") io.out(scheduleCsv(scheduleReport(schedule, from, to)));
    else io.out(`${JSON.stringify(scheduleReport(schedule, from, to), null, 2)}\n`);
    return EXIT_OK;
  }
  if (accounts === undefined || !accounts.ok) return EXIT_BAD_INPUT;
  if (request.command === "cutover") {
    const goLive = book.value.goLive;
    if (goLive === undefined)
      return report(io, request.book, [
        {
          code: "no_go_live",
          path: "goLive",
          message:
            'The book has no goLive: the cut-over is at go-live (e.g. "goLive": "2026-04", docs/book.md).',
        },
      ]);
    const cut = cutoverReport(schedule, accounts.value, goLive, request.qbo, request.offset);
    io.out(request.format === "json" ? `${JSON.stringify(cut, null, 2)}\n` : cutoverText(cut));
    return EXIT_OK;
  }
  const span = entrySpan(book.value.goLive, request.from, request.to);
  if (!span.ok) return report(io, "command line", span.issues);
  const journal = journalReport(
    buildJournal(schedule, accounts.value, span.value.from, span.value.to, request.detail)
  );
  io.out(request.format === "csv" ? journalCsv(journal) : `${JSON.stringify(journal, null, 2)}\n`);
  return EXIT_OK;
}

/** Reads and parses a JSON file; unreadable files and invalid JSON become issues too. */
function readJson<T>(io: Io, path: string, parse: (raw: unknown) => Result<T>): Result<T> {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === "ENOENT"
        ? "the file does not exist"
        : code === "EISDIR"
          ? "it is a folder"
          : "the file cannot be read";
    return {
      ok: false,
      issues: [{ code: "unreadable_file", path: "", message: `Cannot read ${path}: ${reason}.` }],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const detail = error instanceof Error ? error.message : "";
    return {
      ok: false,
      issues: [
        { code: "invalid_json", path: "", message: `${path} is not valid JSON (${detail}).` },
      ],
    };
  }
  return parse(raw);
}

function report(io: Io, source: string, issues: readonly Issue[], suffix = ""): number {
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  const lines = issues.map((i) => `  ${i.path === "" ? "" : `${i.path}: `}${i.message}`);
  io.err(`revrec: ${source} has ${count}:\n${lines.join("\n")}\n${suffix}`);
  return EXIT_BAD_INPUT;
}
