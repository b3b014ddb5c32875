// A book path (contracts[3].obligations[0].end) back to the table cell it was read from.
import type { BookJson } from "./book";
import { own } from "../dict";
import type { ContractSource } from "./draft";
import type { CellPlace } from "./issues";
import { ACCOUNTS, BILLINGS, CHANGES, CONTRACTS, PROGRESS, VARIABLE } from "./schema";

const OBLIGATION_COLUMNS: Record<string, string> = {
  id: "Obligation",
  item: "Item",
  class: "Class",
  price: "Price",
  ssp: "SSP",
  method: "Method",
  start: "Start",
  end: "End",
  months: "Months",
};
const BILLING_COLUMNS: Record<string, string> = {
  id: "Billing",
  date: "Date",
  amount: "Amount",
  obligation: "Obligation",
};
const DISCOUNT_COLUMNS: Record<string, string> = {
  amount: "Discount",
  account: "Discount Account",
};
const CHANGE_COLUMNS: Record<string, string> = {
  id: "Change",
  type: "Type",
  date: "Date",
  obligation: "Obligation",
  price: "Price",
  end: "End",
  amount: "Amount",
  treatment: "Treatment",
  reallocate: "Reallocate",
  remainingSsp: "Remaining SSP",
};

const VARIABLE_COLUMNS: Record<string, string> = {
  id: "Variable",
  variable: "Variable",
  method: "Method",
  obligation: "Obligation",
  constraint: "Constraint",
};
const ESTIMATE_FIELDS = new Set(["variable", "outcomes", "constraint"]);
const OUTCOME_COLUMNS: Record<string, string> = { amount: "Amount", probability: "Probability" };

/** One step of a book path: `obligations[2]` is key obligations, index 2. */
interface PathPart {
  key: string;
  index: number | undefined;
}

function withColumn(table: string, row: number | undefined, column: string | undefined): CellPlace {
  const p: CellPlace = { table };
  if (row !== undefined) p.row = row;
  if (column !== undefined) p.column = column;
  return p;
}

const PROGRESS_COLUMNS: Record<string, string> = { date: "Date", percent: "Percent" };
const MANUAL_COLUMNS: Record<string, string> = { period: "Period", amount: "Amount" };

/** The RevRecProgress cell of an obligation's progress[i] or manual[i] (and field), when the path names a row read. */
function progressPlace(
  src: ContractSource,
  obligation: string,
  part: PathPart,
  fieldPart: PathPart | undefined
): CellPlace | undefined {
  if (part.key !== "progress" && part.key !== "manual") return undefined;
  const rows = src.progress?.get(obligation)?.[part.key];
  const row = part.index === undefined ? undefined : rows?.[part.index];
  if (row === undefined) return undefined;
  const columns = part.key === "progress" ? PROGRESS_COLUMNS : MANUAL_COLUMNS;
  return withColumn(PROGRESS.name, row, fieldPart ? own(columns, fieldPart.key) : undefined);
}

/**
 * The RevRecVariable cell of a variable consideration's or a re-estimate's field (its first row stands for it), or
 * of one of its outcomes; undefined when the path is not about those rows.
 */
function variablePlace(
  rows: readonly number[] | undefined,
  part: PathPart | undefined,
  fieldPart: PathPart | undefined
): CellPlace | undefined {
  if (rows === undefined || part === undefined) return undefined;
  if (part.key === "outcomes") {
    const row = part.index === undefined ? rows[0] : rows[part.index];
    if (part.index === undefined || fieldPart === undefined)
      return withColumn(VARIABLE.name, row, "Probability");
    return withColumn(VARIABLE.name, row, own(OUTCOME_COLUMNS, fieldPart.key));
  }
  const column = own(VARIABLE_COLUMNS, part.key);
  return column === undefined ? undefined : withColumn(VARIABLE.name, rows[0], column);
}

export function locatePath(
  path: string,
  book: BookJson,
  sources: ReadonlyMap<string, ContractSource>
): CellPlace | undefined {
  const parts = [...path.matchAll(/([A-Za-z]+)(?:\[(\d+)\])?/g)].map((m): PathPart => ({
    key: m[1] ?? "",
    index: m[2] === undefined ? undefined : Number(m[2]),
  }));
  const [head, second, third, fourth, fifth] = parts;
  if (head?.key === "currency") return { table: CONTRACTS.name, column: "Currency" };
  if (head?.key === "goLive") return { table: ACCOUNTS.name, column: "Value" };
  if (head?.key !== "contracts" || head.index === undefined) return undefined;
  const contract = book.contracts[head.index];
  const src = contract ? sources.get(contract.id) : undefined;
  if (!contract || !src) return undefined;
  const field = (
    map: Record<string, string>,
    f: { key: string } | undefined
  ): string | undefined => (f ? own(map, f.key) : undefined);
  if (!second) return withColumn(CONTRACTS.name, src.row, undefined);
  if (second.key === "id") return withColumn(CONTRACTS.name, src.row, "Contract");
  if (second.key === "customer") return withColumn(CONTRACTS.name, src.row, "Customer");
  const i = second.index;
  if (second.key === "obligations") {
    const ob = i === undefined ? undefined : contract.obligations[i];
    const row = i === undefined ? undefined : src.obligations[i];
    if (ob && third && (third.key === "progress" || third.key === "manual"))
      return progressPlace(src, ob.id, third, fourth) ?? withColumn(CONTRACTS.name, row, "Method");
    return withColumn(CONTRACTS.name, row, field(OBLIGATION_COLUMNS, third));
  }
  if (second.key === "discountGroups") {
    // A group's price is on each of its rows (the first stands for them); a member is its own row.
    const rows = i === undefined ? undefined : src.groups[i];
    if (third?.key === "obligations" && third.index !== undefined)
      return withColumn(CONTRACTS.name, rows?.[third.index], "Discount Group");
    return withColumn(CONTRACTS.name, rows?.[0] ?? src.row, "Group Price");
  }
  if (second.key === "variableConsideration") {
    const rows = i === undefined ? undefined : src.variables[i];
    return variablePlace(rows, third, fourth) ?? withColumn(VARIABLE.name, rows?.[0], "Variable");
  }
  if (second.key === "billings") {
    const row = i === undefined ? undefined : src.billings[i];
    if (third?.key === "discount")
      return withColumn(BILLINGS.name, row, field(DISCOUNT_COLUMNS, fourth) ?? "Discount");
    return withColumn(BILLINGS.name, row, field(BILLING_COLUMNS, third));
  }
  if (second.key === "changes") {
    const row = i === undefined ? undefined : src.changes[i];
    const change = i === undefined ? undefined : contract.changes[i];
    if (change?.type === "add" && third?.key === "obligation" && fourth) {
      return (
        progressPlace(src, change.obligation.id, fourth, fifth) ??
        withColumn(CHANGES.name, row, field(OBLIGATION_COLUMNS, fourth))
      );
    }
    // A re-estimate's date is its RevRecChanges row's; the rest is on its RevRecVariable rows.
    if (change?.type === "estimate" && ESTIMATE_FIELDS.has(third?.key ?? "")) {
      const place = variablePlace(src.estimates?.get(change.id), third, fourth);
      if (place) return place;
    }
    if (third?.key === "discount")
      return withColumn(CHANGES.name, row, field(DISCOUNT_COLUMNS, fourth) ?? "Discount");
    return withColumn(CHANGES.name, row, field(CHANGE_COLUMNS, third));
  }
  return withColumn(CONTRACTS.name, src.row, undefined);
}
