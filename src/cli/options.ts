// The words after the command, split into options and positionals by Node's util.parseArgs. Problems are
// Issues with the option as path, so that every one of them is listed at once.
import { parseArgs } from "node:util";
import type { Issue } from "../core";

export const badArgument = (path: string, message: string): Issue => ({
  code: "bad_argument",
  path,
  message,
});

export interface Options {
  readonly flags: ReadonlyMap<string, string>;
  readonly positionals: readonly string[];
  readonly issues: Issue[];
}

type Word =
  | { kind: "positional"; text: string }
  | { kind: "option"; name: string; text: string; value: string | undefined };

/**
 * Splits args with util.parseArgs, keeping the command's conventions: a word that starts with "--" is
 * never an option's value (parseArgs would take it as one), and words that start with a single "-" are
 * positionals (`--to -5` still gives -5 to --to).
 */
function words(args: readonly string[], known: readonly string[]): Word[] {
  const options = Object.fromEntries(known.map((name) => [name, { type: "string" as const }]));
  const { tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const out: Word[] = [];
  const seen = new Set<number>();
  // An unknown option takes the next word as its value, as a known one would.
  const takesNext = (name: string, inline: boolean, index: number): boolean => {
    const next = args[index + 1];
    return !known.includes(name) && !inline && next !== undefined && !next.startsWith("--");
  };
  /** The option, then the words after it (and after its value), read afresh. */
  const restartAfter = (name: string, index: number): Word[] => {
    const from = index + (takesNext(name, false, index) ? 2 : 1);
    const text = args[index] ?? "";
    return [
      ...out,
      { kind: "option", name, text, value: undefined },
      ...words(args.slice(from), known),
    ];
  };
  for (const t of tokens) {
    if (seen.has(t.index)) continue;
    seen.add(t.index);
    const text = args[t.index] ?? "";
    // "--" is an (unknown) option of its own, as it always was here, not parseArgs' end of options.
    if (t.kind === "option-terminator") return restartAfter("", t.index);
    if (t.kind === "positional" || !t.rawName.startsWith("--")) {
      out.push({ kind: "positional", text });
      continue;
    }
    if (!t.inlineValue && t.value?.startsWith("--")) return restartAfter(t.name, t.index);
    const inline = t.inlineValue ?? false;
    out.push({ kind: "option", name: t.name, text, value: t.value });
    if (takesNext(t.name, inline, t.index)) seen.add(t.index + 1);
  }
  return out;
}

/** Reads the options of `command`; each option at most once, each with a value. */
export function readOptions(
  args: readonly string[],
  command: string,
  known: readonly string[]
): Options {
  const issues: Issue[] = [];
  const problem = (path: string, message: string): void => {
    issues.push(badArgument(path, message));
  };
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (const w of words(args, known)) {
    if (w.kind === "positional") {
      positionals.push(w.text);
      continue;
    }
    const { name, value } = w;
    if (!known.includes(name)) {
      problem(
        w.text,
        `Unknown option "--${name}" for ${command}; options are ${known.map((f) => `--${f}`).join(", ")}.`
      );
    } else if (value === undefined || value === "")
      problem(`--${name}`, `--${name} needs a value.`);
    else if (flags.has(name)) problem(`--${name}`, `--${name} is given more than once.`);
    else flags.set(name, value);
  }
  return { flags, positionals, issues };
}
