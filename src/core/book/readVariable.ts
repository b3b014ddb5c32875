// Reads a contract's variable consideration and its re-estimates (docs/book.md, "Variable consideration"):
// outcomes with probabilities summing to 1, an estimating method, an optional constraint and an optional single
// obligation (ASC 606-10-32-8, 32-11, 32-40).
import { formatDay, type Day } from "../calendar";
import { readScaled } from "../decimal";
import { CERTAIN, mostLikely } from "../variable";
import { index, join, type Fields, type Reader } from "./fields";
import { MESSAGES } from "./messages";
import type {
  EstimateChange,
  EstimateMethod,
  Obligation,
  Outcome,
  VariableConsideration,
} from "./model";
import type { IndexedChange } from "./readChanges";

const VARIABLE_FIELDS = ["id", "method", "outcomes", "constraint", "obligation"];
const OUTCOME_FIELDS = ["amount", "probability"];
const METHODS: readonly EstimateMethod[] = ["expected-value", "most-likely"];

/** The contract's variable consideration, or undefined when any has a problem (reported). */
export function readVariableConsideration(
  r: Reader,
  fields: Fields,
  path: string,
  ownObligations: ReadonlySet<string>
): VariableConsideration[] | undefined {
  const raws = r.list(fields, "variableConsideration", path, false) ?? [];
  const before = r.issues.length;
  const ids = new Set<string>();
  const out: VariableConsideration[] = [];
  raws.forEach((raw, k) => {
    const at = index(join(path, "variableConsideration"), k);
    const v = r.object(raw, at, "A variable consideration");
    if (v === undefined) return;
    r.onlyFields(v, VARIABLE_FIELDS, at, "a variable consideration");
    const id = r.uniqueId(v, at, ids, "Variable consideration");
    const method = r.choice(v, "method", at, METHODS, {
      code: "unknown_estimate_method",
      message: MESSAGES.unknownEstimateMethod,
    });
    const outcomes = readOutcomes(r, v, at);
    const constraint =
      v["constraint"] === undefined ? undefined : r.amount(v, "constraint", at, "non-negative");
    const obligation = r.text(v, "obligation", at, false);
    if (obligation !== undefined && !ownObligations.has(obligation)) {
      r.add("unknown_obligation", join(at, "obligation"), MESSAGES.unknownObligation(obligation));
    }
    if (method === "most-likely" && outcomes !== undefined) checkOneMostLikely(r, outcomes, at);
    if (id === undefined || method === undefined || outcomes === undefined) return;
    const read: VariableConsideration = { id, method, outcomes };
    if (constraint !== undefined) read.constraint = constraint;
    if (obligation !== undefined) read.obligation = obligation;
    out.push(read);
  });
  return r.issues.length > before ? undefined : out;
}

/** At least one outcome, each an amount of 0 or more and a probability from 0 to 1; the probabilities sum to 1. */
export function readOutcomes(r: Reader, fields: Fields, path: string): Outcome[] | undefined {
  const raws = r.list(fields, "outcomes", path, true);
  if (raws === undefined) return undefined;
  const at = join(path, "outcomes");
  if (raws.length === 0) {
    r.add("no_outcomes", at, MESSAGES.noOutcomes);
    return undefined;
  }
  const before = r.issues.length;
  const outcomes: Outcome[] = [];
  raws.forEach((raw, k) => {
    const here = index(at, k);
    const o = r.object(raw, here, "An outcome");
    if (o === undefined) return;
    r.onlyFields(o, OUTCOME_FIELDS, here, "an outcome");
    const amount = r.amount(o, "amount", here, "any");
    if (amount !== undefined && amount < 0) {
      r.add("negative_amount", join(here, "amount"), MESSAGES.negativeOutcome);
    }
    const probability = readProbability(r, o, here);
    if (amount !== undefined && probability !== undefined) outcomes.push({ amount, probability });
  });
  if (r.issues.length > before) return undefined;
  const sum = outcomes.reduce((s, o) => s + o.probability, 0);
  if (sum !== CERTAIN) {
    r.add("probabilities_not_one", at, MESSAGES.probabilitiesNotOne(formatProbability(sum)));
    return undefined;
  }
  return outcomes;
}

function readProbability(r: Reader, fields: Fields, path: string): number | undefined {
  const raw = fields["probability"];
  const at = join(path, "probability");
  if (raw === undefined) {
    r.add("missing_field", at, MESSAGES.missingField("probability"));
    return undefined;
  }
  const read = readScaled(raw, 6, 1);
  if (!("value" in read) || read.value < 0 || read.value > CERTAIN) {
    r.add("invalid_probability", at, MESSAGES.invalidProbability);
    return undefined;
  }
  return read.value;
}

/** A probability in parts per million as a decimal: 650000 -> "0.65", 1000000 -> "1". */
function formatProbability(ppm: number): string {
  const whole = Math.floor(ppm / CERTAIN);
  const fraction = String(ppm % CERTAIN)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}

/** The most likely amount is one outcome's: two outcomes sharing the highest probability leave it undecided. */
function checkOneMostLikely(r: Reader, outcomes: readonly Outcome[], path: string): void {
  const top = mostLikely(outcomes);
  if (top.length < 2) return;
  const probability = formatProbability(outcomes[top[0] ?? 0]?.probability ?? 0);
  r.add(
    "most_likely_tie",
    join(path, "outcomes"),
    MESSAGES.mostLikelyTie(top.map((i) => i + 1).join(" and "), probability)
  );
}

/** The fields of an `estimate` change after id, type and date. */
export function readEstimate(
  r: Reader,
  fields: Fields,
  path: string
): Pick<EstimateChange, "variable" | "outcomes" | "constraint"> | undefined {
  const variable = r.text(fields, "variable", path, true);
  const outcomes = readOutcomes(r, fields, path);
  const constraint =
    fields["constraint"] === undefined
      ? undefined
      : r.amount(fields, "constraint", path, "non-negative");
  if (variable === undefined || outcomes === undefined) return undefined;
  const read: Pick<EstimateChange, "variable" | "outcomes" | "constraint"> = { variable, outcomes };
  if (constraint !== undefined) read.constraint = constraint;
  return read;
}

/**
 * Each re-estimate names the contract's variable consideration, is dated on or after the contract's inception (its
 * earliest start), and, by the most likely amount, has one most likely outcome.
 */
export function checkEstimates(
  r: Reader,
  variables: readonly VariableConsideration[],
  obligations: readonly Obligation[],
  changes: readonly IndexedChange[],
  path: string
): void {
  const inception: Day = Math.min(...obligations.map((o) => o.start));
  for (const { change, at } of changes) {
    if (change.type !== "estimate") continue;
    const here = index(path, at);
    const v = variables.find((x) => x.id === change.variable);
    if (v === undefined) {
      r.add("unknown_variable", join(here, "variable"), MESSAGES.unknownVariable(change.variable));
    } else if (v.method === "most-likely") {
      checkOneMostLikely(r, change.outcomes, here);
    }
    if (Number.isFinite(inception) && change.date < inception) {
      r.add(
        "estimate_before_inception",
        join(here, "date"),
        MESSAGES.estimateBeforeInception(formatDay(change.date), formatDay(inception))
      );
    }
  }
}
