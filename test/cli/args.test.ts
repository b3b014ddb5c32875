// The command line as util.parseArgs splits it, with the conventions revrec always had.
import { parseArgs } from "../../src/cli/args";

const problems = (...argv: string[]): string[] => {
  const r = parseArgs(argv);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe("revrec's command line", () => {
  test("options as --name value or --name=value; a value may start with a single dash", () => {
    expect(parseArgs(["schedule", "b.json", "--from=2026-01", "--to", "2026-03"])).toEqual({
      ok: true,
      value: {
        command: "schedule",
        book: "b.json",
        from: 2026 * 12,
        to: 2026 * 12 + 2,
        format: "json",
      },
    });
    expect(problems("schedule", "b.json", "--from", "2026-01", "--to", "-5")).toEqual([
      "--to: --to must be a month written YYYY-MM, e.g. 2026-03.",
    ]);
  });

  test("a word starting with -- is never a value: the option before it has none", () => {
    expect(problems("journal", "b.json", "--period", "--accounts", "a.json")).toEqual([
      "--period: --period needs a value.",
    ]);
  });

  test("an unknown option takes its value along; every problem is listed", () => {
    expect(
      problems(
        "journal",
        "b.json",
        "--acounts",
        "a.json",
        "--period",
        "2026-03..2026-01",
        "--period="
      )
    ).toEqual([
      '--acounts: Unknown option "--acounts" for journal; options are --period, --accounts, --detail, --format.',
      "--period: --period needs a value.",
      "--period: --period range ends before it starts.",
      "--accounts: --accounts is required.",
    ]);
  });

  test("options given twice, a second book, a bad choice", () => {
    expect(
      problems(
        "schedule",
        "b.json",
        "c.json",
        "--from",
        "2026-01",
        "--from",
        "2026-02",
        "--to",
        "2026-02",
        "--format",
        "xml"
      )
    ).toEqual([
      "--from: --from is given more than once.",
      "c.json: Only one book file can be given.",
      "--format: --format must be json, csv or summary.",
    ]);
  });

  test("-- is an unknown option, not the end of options", () => {
    expect(
      problems("schedule", "b.json", "--", "x", "--from", "2026-01", "--to", "2026-01")
    ).toEqual(['--: Unknown option "--" for schedule; options are --from, --to, --format.']);
  });
});
