// RevRecVariable: variable consideration, one row per outcome. The rows without a Change are a variable
// consideration's estimate at inception (with its method, obligation and constraint); the rows naming a Change are
// the re-estimate of that estimate row of RevRecChanges.
import type { OutcomeJson, VariableJson } from "./book";
import type { BookDraft } from "./draft";
import { makeIssue } from "./issues";
import { readers, type Located, type RowReader } from "./rowReader";
import { CHANGES } from "./schema";

/** The rows of one variable consideration at inception, or of one re-estimate, as read so far. */
interface Estimate {
  /** The first row's cells, which the others must repeat. */
  first: Row;
  outcomes: OutcomeJson[];
  rows: number[];
}

interface Row {
  r: RowReader;
  variable: string;
  change: string | undefined;
  method: string | undefined;
  obligation: string | undefined;
  constraint: string | undefined;
}

export function readVariable(table: Located | undefined, draft: BookDraft): void {
  /** By contract: its variable considerations ("v:" + id) and re-estimates ("e:" + change id), in row order. */
  const found = new Map<string, Map<string, Estimate>>();
  /** The re-estimates some row names, readable or not: one whose rows all have problems is not said to have none. */
  const named = new Set<string>();
  for (const r of readers(table)) {
    const contract = draft.contractOf(r, undefined, true);
    const row = readRow(r, draft, contract);
    if (row?.change !== undefined) named.add(`${contract ?? ""}\u0000${row.change}`);
    const amount = r.amount("Amount", true);
    const probability = r.probability("Probability", true);
    r.checkUnused();
    const own = contract === undefined ? undefined : (found.get(contract) ?? new Map());
    const key = row && (row.change === undefined ? `v:${row.variable}` : `e:${row.change}`);
    const estimate = key === undefined ? undefined : own?.get(key);
    if (row && estimate) agree(row, estimate.first);
    if (!draft.settle(r, contract) || contract === undefined || own === undefined) continue;
    if (!row || key === undefined || amount === undefined || probability === undefined) continue;
    if (estimate === undefined) own.set(key, { first: row, outcomes: [], rows: [] });
    own.get(key)?.outcomes.push({ amount, probability });
    own.get(key)?.rows.push(r.row);
    found.set(contract, own);
  }
  for (const [contract, own] of found) assemble(draft, contract, own);
  for (const [contract, rows] of draft.estimates) {
    for (const [id, { json, row }] of rows) {
      if (json === undefined || named.has(`${contract}\u0000${id}`)) continue;
      const issue = makeIssue(
        "table.estimate-without-outcomes",
        { table: CHANGES.name, row, column: "Change" },
        `the re-estimate ${JSON.stringify(id)} has no outcomes: add its rows to RevRecVariable, with Change ${id}`
      );
      draft.issues.push(issue);
      draft.reject(contract, [issue]);
    }
  }
}

/** A row's cells but Amount and Probability; a re-estimate's row takes its method and obligation from the variable's. */
function readRow(r: RowReader, draft: BookDraft, contract: string | undefined): Row | undefined {
  const variable = r.text("Variable", true);
  const change = r.text("Change") || undefined;
  const method = r.estimateMethod("Method", change === undefined);
  const obligation = r.text("Obligation") || undefined;
  const constraint = r.amount("Constraint");
  if (change !== undefined) {
    for (const [column, value] of [
      ["Method", method],
      ["Obligation", obligation],
    ] as const) {
      if (value === undefined) continue;
      r.fail(
        column,
        "table.estimate-keeps-variable",
        `a re-estimate keeps its variable consideration's ${column}; leave ${column} empty on the rows of change ${JSON.stringify(change)}`
      );
    }
    if (contract !== undefined && !draft.estimates.get(contract)?.has(change)) {
      r.fail(
        "Change",
        "table.unknown-estimate",
        `contract ${contract} has no estimate row ${JSON.stringify(change)} in ${CHANGES.name}`
      );
    }
  }
  if (variable === undefined) return undefined;
  return { r, variable, change, method, obligation, constraint };
}

/** The rows of one estimate repeat its first row's cells: one method, obligation and constraint each. */
function agree(row: Row, first: Row): void {
  const what =
    row.change === undefined
      ? `variable consideration ${JSON.stringify(row.variable)}`
      : `re-estimate ${JSON.stringify(row.change)}`;
  const columns = [
    ["Variable", first.variable, row.variable],
    ["Method", first.method, row.method],
    ["Obligation", first.obligation, row.obligation],
    ["Constraint", first.constraint, row.constraint],
  ] as const;
  for (const [column, was, is] of columns) {
    // A cell already reported (unreadable, or empty where required) is not compared again.
    if (was === is || row.r.issues.some((i) => i.column === column)) continue;
    row.r.fail(
      column,
      "table.variable-mismatch",
      `${what} has ${column} ${was ?? "empty"} on row ${first.r.row}, but ${is ?? "empty"} here; its rows share one ${column}`
    );
  }
}

/** The contract's variable consideration and the outcomes of its re-estimates, with the rows they came from. */
function assemble(draft: BookDraft, contract: string, own: ReadonlyMap<string, Estimate>): void {
  const json = draft.contracts.get(contract);
  const source = draft.sources.get(contract);
  if (json === undefined || source === undefined) return;
  const variables: VariableJson[] = [];
  for (const { first, outcomes, rows } of own.values()) {
    if (first.change !== undefined) {
      const change = draft.estimates.get(contract)?.get(first.change)?.json;
      if (change === undefined) continue;
      change.variable = first.variable;
      change.outcomes = outcomes;
      if (first.constraint !== undefined) change.constraint = first.constraint;
      (source.estimates ??= new Map()).set(first.change, rows);
      continue;
    }
    const v: VariableJson = { id: first.variable, method: first.method ?? "", outcomes };
    if (first.constraint !== undefined) v.constraint = first.constraint;
    if (first.obligation !== undefined) v.obligation = first.obligation;
    variables.push(v);
    source.variables.push(rows);
  }
  if (variables.length > 0) json.variableConsideration = variables;
}
