// Workbook tables -> book JSON, with every problem named by table, row and column.
import type {
  AddJson,
  BillingJson,
  BookJson,
  ChangeJson,
  ContractJson,
  DiscountJson,
  ObligationJson,
} from "./book";
import {
  isEmpty,
  readAmount,
  readBool,
  readChoice,
  readDate,
  readMethod,
  readMonth,
  readPercent,
  readRatio,
  readText,
  show,
  type Read,
  type TableCell,
} from "./cells";
import { BILLINGS, CHANGES, CONTRACTS, PROGRESS, type TableSpec } from "./schema";
import { own } from "../dict";
import { parseAmount } from "../money";

/** One table as read from the workbook: header and data rows (the Workbook interface's TableData fits). */
export interface TableRows {
  readonly header: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
}

/** An Issue (code, path, message) that also names where it is: table, data row (1-based), column. */
export interface TableIssue {
  code: string;
  path: string;
  message: string;
  table: string;
  row?: number;
  column?: string;
}

export interface CellPlace {
  table: string;
  row?: number;
  column?: string;
}

/** Where each part of a contract came from, by book position. */
interface ContractSource {
  row: number;
  obligations: number[];
  billings: number[];
  changes: number[];
  progress: Map<string, { progress: number[]; manual: number[] }>;
}

export interface TablesBook {
  /** The book of every readable contract; undefined when there is no RevRecContracts table or a table-wide problem. */
  book: BookJson | undefined;
  /** Every problem found, in table order. */
  issues: TableIssue[];
  /** Contracts left out of `book` because of their rows' problems. */
  rejected: Map<string, TableIssue[]>;
  /** The obligations of every contract read (left out or not), by id: their contract. */
  obligationContracts: ReadonlyMap<string, string>;
  /** Problems tied to no readable contract (table-wide, or rows whose contract is unknown): totals are unsafe. */
  orphans: TableIssue[];
  /** The table cell a book path (contracts[3].obligations[0].end) came from, for a book built from these tables. */
  locate(path: string, book: BookJson): CellPlace | undefined;
  /** A core issue on `book` restated in table terms (table, row, column). */
  explain(issue: { code: string; path: string; message: string }, book: BookJson): TableIssue;
}

export type TablesInput = ReadonlyMap<string, TableRows>;

function placeText(p: CellPlace): string {
  let s = p.table;
  if (p.row !== undefined) s += ` row ${p.row}`;
  if (p.column !== undefined) s += `, ${p.column}`;
  return s;
}

function makeIssue(code: string, place: CellPlace, message: string): TableIssue {
  const issue: TableIssue = {
    code,
    path: placeText(place),
    message: `${placeText(place)}: ${message}`,
    table: place.table,
  };
  if (place.row !== undefined) issue.row = place.row;
  if (place.column !== undefined) issue.column = place.column;
  return issue;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

/** Reads the cells of one row by column name, collecting issues. */
class RowReader {
  readonly issues: TableIssue[] = [];
  constructor(
    private readonly spec: TableSpec,
    private readonly cols: ReadonlyMap<string, number>,
    private readonly cells: readonly TableCell[],
    readonly row: number
  ) {}

  cell(column: string): TableCell {
    const i = this.cols.get(norm(column));
    return i === undefined ? undefined : this.cells[i];
  }

  /** Whether the table has the column at all. */
  has(column: string): boolean {
    return this.cols.has(norm(column));
  }

  empty(column: string): boolean {
    return isEmpty(this.cell(column));
  }

  fail(column: string | undefined, code: string, message: string): void {
    const place: CellPlace = { table: this.spec.name, row: this.row };
    if (column !== undefined) place.column = column;
    this.issues.push(makeIssue(code, place, message));
  }

  private get<T>(
    column: string,
    required: boolean,
    reader: (v: TableCell) => Read<T>
  ): T | undefined {
    const v = this.cell(column);
    if (isEmpty(v)) {
      if (required) this.fail(column, "table.required", "is empty; expected a value");
      return undefined;
    }
    const r = reader(v);
    if (r.ok) return r.value;
    this.fail(column, "table.invalid", `expected ${r.expected}, found ${show(v)}`);
    return undefined;
  }

  text(column: string, required = false): string | undefined {
    return this.get(column, required, readText);
  }
  amount(column: string, required = false): string | undefined {
    return this.get(column, required, readAmount);
  }
  ratio(column: string): string | undefined {
    return this.get(column, false, readRatio);
  }
  date(column: string, required = false): string | undefined {
    return this.get(column, required, readDate);
  }
  month(column: string, required = false): string | undefined {
    return this.get(column, required, readMonth);
  }
  percent(column: string, required = false): number | undefined {
    return this.get(column, required, readPercent);
  }
  bool(column: string): boolean {
    return this.get(column, false, readBool) ?? false;
  }
  method(column: string, required = false): string | undefined {
    return this.get(column, required, readMethod);
  }
  choice(column: string, choices: readonly string[], required = false): string | undefined {
    return this.get(column, required, (v) => readChoice(v, choices));
  }
}

interface Located {
  spec: TableSpec;
  cols: Map<string, number>;
  rows: readonly (readonly TableCell[])[];
}

function locateTable(
  tables: TablesInput,
  spec: TableSpec,
  orphans: TableIssue[]
): Located | undefined {
  let data: TableRows | undefined;
  for (const [name, t] of tables) if (norm(name) === norm(spec.name)) data = t;
  if (!data) return undefined;
  const cols = new Map<string, number>();
  data.header.forEach((h, i) => {
    if (!cols.has(norm(String(h)))) cols.set(norm(String(h)), i);
  });
  for (const c of spec.columns) {
    if (c.required && !cols.has(norm(c.name))) {
      orphans.push(
        makeIssue(
          "table.missing-column",
          { table: spec.name, column: c.name },
          `the table has no column "${c.name}" (${c.holds})`
        )
      );
    }
  }
  return { spec, cols, rows: data.rows };
}

function* readers(t: Located | undefined): Generator<RowReader> {
  if (!t) return;
  for (let i = 0; i < t.rows.length; i++) {
    const cells = t.rows[i] ?? [];
    if (cells.every((c) => isEmpty(c))) continue;
    yield new RowReader(t.spec, t.cols, cells, i + 1);
  }
}

interface ObligationRow {
  r: RowReader;
  contract: string | undefined;
  customer: string | undefined;
  currency: string | undefined;
  voided: boolean;
  obligation: ObligationJson | undefined;
}

/**
 * A row's Discount and Discount Account (RevRecBillings, and credit rows of RevRecChanges). A Discount of 0 with no
 * account is no discount; otherwise parseBook checks both parts.
 */
function readDiscount(r: RowReader): DiscountJson | undefined {
  const amount = r.amount("Discount");
  const account = r.text("Discount Account") || undefined;
  if ((amount === undefined || parseAmount(amount) === 0) && account === undefined)
    return undefined;
  const discount: DiscountJson = {};
  if (amount !== undefined) discount.amount = amount;
  if (account !== undefined) discount.account = account;
  return discount;
}

function readObligation(r: RowReader, dateDefault?: string): ObligationJson | undefined {
  const id = r.text("Obligation", true);
  const item = r.text("Item");
  const cls = r.text("Class");
  const price = r.amount("Price", true);
  const ssp = r.has("SSP") ? r.ratio("SSP") : undefined;
  const method = r.method("Method", true);
  const start = r.empty("Start") && dateDefault !== undefined ? dateDefault : r.date("Start", true);
  const end = r.date("End");
  if (id === undefined || price === undefined || method === undefined || start === undefined)
    return undefined;
  const o: ObligationJson = { id, price, method, start };
  if (item) o.item = item;
  if (cls) o.class = cls;
  if (ssp !== undefined) o.ssp = ssp;
  if (end !== undefined) o.end = end;
  return o;
}

/**
 * Turns the workbook tables into a book. Contracts with unreadable rows are left out (and listed in
 * `rejected`) so that the others still compute; problems tied to no contract go to `orphans`.
 */
export function tablesToBook(tables: TablesInput): TablesBook {
  const issues: TableIssue[] = [];
  const orphans: TableIssue[] = [];
  const rejected = new Map<string, TableIssue[]>();
  const sources = new Map<string, ContractSource>();

  const contractsT = locateTable(tables, CONTRACTS, orphans);
  const billingsT = locateTable(tables, BILLINGS, orphans);
  const changesT = locateTable(tables, CHANGES, orphans);
  const progressT = locateTable(tables, PROGRESS, orphans);

  const reject = (contract: string, found: readonly TableIssue[]): void => {
    if (found.length === 0) return;
    const list = rejected.get(contract) ?? [];
    list.push(...found);
    rejected.set(contract, list);
  };

  // ---- RevRecContracts ----
  const parsed: ObligationRow[] = [];
  for (const r of readers(contractsT)) {
    const contract = r.text("Contract", true);
    const customer = r.text("Customer", true);
    const currency = r.text("Currency");
    const voided = r.bool("Voided");
    const obligation = readObligation(r);
    parsed.push({ r, contract, customer, currency, voided, obligation });
  }

  const groups = new Map<string, ObligationRow[]>();
  for (const p of parsed) {
    if (p.contract === undefined) {
      orphans.push(...p.r.issues);
      continue;
    }
    const g = groups.get(p.contract) ?? [];
    g.push(p);
    groups.set(p.contract, g);
  }

  const currencies = new Map<string, number>();
  const contracts = new Map<string, ContractJson>();
  const obligationContract = new Map<string, string>();
  const obligationJson = new Map<string, ObligationJson>();
  const obligationRow = new Map<string, { table: string; row: number }>();
  const mentioned = new Map<string, string>();

  for (const [id, rows] of groups) {
    const allVoided = rows.every((p) => p.voided);
    const kept = allVoided ? rows : rows.filter((p) => !p.voided);
    const first = kept[0];
    if (!first) continue;
    const problems: TableIssue[] = [];
    for (const p of kept) problems.push(...p.r.issues);
    const customer = first.customer ?? "";
    const contract: ContractJson = { id, customer, obligations: [], billings: [], changes: [] };
    const source: ContractSource = {
      row: first.r.row,
      obligations: [],
      billings: [],
      changes: [],
      progress: new Map(),
    };
    for (const p of kept) {
      if (p.customer !== undefined && p.customer !== customer) {
        p.r.fail(
          "Customer",
          "table.customer-mismatch",
          `contract ${id} has customer ${JSON.stringify(customer)} on row ${first.r.row}, but ${JSON.stringify(p.customer)} here`
        );
        problems.push(...p.r.issues.slice(-1));
      }
      if (p.currency) {
        const cur = p.currency.toUpperCase();
        if (!currencies.has(cur)) currencies.set(cur, p.r.row);
      }
      const o = p.obligation;
      if (!o) {
        // Unreadable row: still remember which contract its obligation id belongs to, for messages.
        const named = readText(p.r.cell("Obligation"));
        if (named.ok && named.value !== "" && !mentioned.has(named.value))
          mentioned.set(named.value, id);
        continue;
      }
      if (obligationContract.has(o.id)) {
        p.r.fail(
          "Obligation",
          "table.duplicate-obligation",
          `obligation id ${JSON.stringify(o.id)} is already used (row ${obligationRow.get(o.id)?.row ?? "?"}); obligation ids must be unique`
        );
        problems.push(...p.r.issues.slice(-1));
        continue;
      }
      const ob: ObligationJson = allVoided ? { ...o, price: "0.00" } : o;
      if (allVoided) delete ob.ssp;
      obligationContract.set(o.id, id);
      obligationJson.set(o.id, ob);
      obligationRow.set(o.id, { table: CONTRACTS.name, row: p.r.row });
      contract.obligations.push(ob);
      source.obligations.push(p.r.row);
    }
    issues.push(...problems);
    reject(id, problems);
    contracts.set(id, contract);
    sources.set(id, source);
  }

  /** The contract a row belongs to: its Contract cell, else the contract of its Obligation. */
  const contractOf = (
    r: RowReader,
    obligation: string | undefined,
    needContract: boolean
  ): string | undefined => {
    const given = r.text("Contract", needContract && obligation === undefined);
    const viaObligation = obligation === undefined ? undefined : obligationContract.get(obligation);
    if (given !== undefined && given !== "") {
      if (!contracts.has(given)) {
        r.fail(
          "Contract",
          "table.unknown-contract",
          `contract ${JSON.stringify(given)} has no obligations in ${CONTRACTS.name}`
        );
        return undefined;
      }
      if (viaObligation !== undefined && viaObligation !== given) {
        r.fail(
          "Obligation",
          "table.wrong-contract",
          `obligation ${JSON.stringify(obligation)} belongs to contract ${JSON.stringify(viaObligation)}, not ${JSON.stringify(given)}`
        );
        return undefined;
      }
      return given;
    }
    if (obligation !== undefined && viaObligation === undefined && !needContract) {
      r.fail(
        "Obligation",
        "table.unknown-obligation",
        `obligation ${JSON.stringify(obligation)} is not in ${CONTRACTS.name}`
      );
    }
    return viaObligation;
  };

  const settle = (r: RowReader, contract: string | undefined): boolean => {
    if (r.issues.length === 0) return true;
    issues.push(...r.issues);
    if (contract === undefined) orphans.push(...r.issues);
    else reject(contract, r.issues);
    return false;
  };

  // ---- RevRecBillings ----
  for (const r of readers(billingsT)) {
    if (r.bool("Voided") && r.issues.length === 0) continue;
    const obligation = r.text("Obligation") || undefined;
    const contract = contractOf(r, obligation, true);
    const id = r.text("Billing") || `row ${r.row}`;
    const date = r.date("Date", true);
    const amount = r.amount("Amount", true);
    const discount = readDiscount(r);
    if (
      !settle(r, contract) ||
      contract === undefined ||
      date === undefined ||
      amount === undefined
    )
      continue;
    const b: BillingJson = { id, date, amount };
    if (obligation !== undefined) b.obligation = obligation;
    if (discount !== undefined) b.discount = discount;
    contracts.get(contract)?.billings.push(b);
    sources.get(contract)?.billings.push(r.row);
  }

  // ---- RevRecChanges ----
  for (const r of readers(changesT)) {
    if (r.bool("Voided") && r.issues.length === 0) continue;
    const type = r.choice("Type", ["modify", "credit", "add"], true);
    const obligationId = r.text("Obligation", true) || undefined;
    const contract = contractOf(r, type === "add" ? undefined : obligationId, type === "add");
    const id = r.text("Change") || `row ${r.row}`;
    const date = r.date("Date", true);
    let change: ChangeJson | undefined;
    if (type === "modify" || type === "credit") {
      const treatment = r.choice(
        "Treatment",
        type === "credit" ? ["prospective", "catch-up", "immediate"] : ["prospective", "catch-up"],
        true
      );
      if (type === "modify") {
        const price = r.amount("Price");
        const end = r.date("End");
        if (price === undefined && end === undefined && r.issues.length === 0) {
          r.fail("Price", "table.required", "a modify change needs a new Price or a new End");
        }
        if (date !== undefined && obligationId !== undefined && treatment !== undefined) {
          change = { id, type, date, obligation: obligationId, treatment };
          if (price !== undefined) change.price = price;
          if (end !== undefined) change.end = end;
        }
      } else {
        const amount = r.amount("Amount", true);
        const item = r.text("Item");
        const discount = readDiscount(r);
        if (
          date !== undefined &&
          obligationId !== undefined &&
          treatment !== undefined &&
          amount !== undefined
        ) {
          change = { id, type, date, amount, obligation: obligationId, treatment };
          if (item !== undefined && item !== "") change.item = item;
          if (discount !== undefined) change.discount = discount;
        }
      }
    } else if (type === "add") {
      const ob = readObligation(r, date);
      if (ob && obligationContract.has(ob.id)) {
        r.fail(
          "Obligation",
          "table.duplicate-obligation",
          `obligation id ${JSON.stringify(ob.id)} is already used; an added obligation needs a new id`
        );
      } else if (ob && date !== undefined) {
        delete ob.ssp;
        const add: AddJson = { id, type, date, obligation: ob };
        change = add;
        if (contract !== undefined) {
          obligationContract.set(ob.id, contract);
          obligationJson.set(ob.id, ob);
          obligationRow.set(ob.id, { table: CHANGES.name, row: r.row });
        }
      }
    }
    if (!settle(r, contract) || contract === undefined || !change) continue;
    contracts.get(contract)?.changes.push(change);
    sources.get(contract)?.changes.push(r.row);
  }

  // ---- RevRecProgress ----
  for (const r of readers(progressT)) {
    const obligation = r.text("Obligation", true);
    const contract = obligation === undefined ? undefined : obligationContract.get(obligation);
    if (obligation !== undefined && contract === undefined) {
      r.fail(
        "Obligation",
        "table.unknown-obligation",
        `obligation ${JSON.stringify(obligation)} is not in ${CONTRACTS.name} or ${CHANGES.name}`
      );
    }
    const hasProgress = !r.empty("Date") || !r.empty("Percent");
    const hasManual = !r.empty("Period") || !r.empty("Amount");
    if (hasProgress === hasManual) {
      r.fail(
        undefined,
        "table.progress-row",
        "fill either Date and Percent (progress) or Period and Amount (manual amount)"
      );
    }
    const ob = obligation === undefined ? undefined : obligationJson.get(obligation);
    const src = contract === undefined ? undefined : sources.get(contract);
    if (hasProgress && !hasManual) {
      const date = r.date("Date", true);
      const percent = r.percent("Percent", true);
      if (
        settle(r, contract) &&
        ob &&
        src &&
        obligation !== undefined &&
        date !== undefined &&
        percent !== undefined
      ) {
        (ob.progress ??= []).push({ date, percent });
        progressRows(src, obligation).progress.push(r.row);
      }
    } else if (hasManual && !hasProgress) {
      const period = r.month("Period", true);
      const amount = r.amount("Amount", true);
      if (
        settle(r, contract) &&
        ob &&
        src &&
        obligation !== undefined &&
        period !== undefined &&
        amount !== undefined
      ) {
        (ob.manual ??= []).push({ period, amount });
        progressRows(src, obligation).manual.push(r.row);
      }
    } else {
      settle(r, contract);
    }
  }

  if (currencies.size > 1) {
    const list = [...currencies.keys()].join(", ");
    const issue = makeIssue(
      "table.currency-mismatch",
      { table: CONTRACTS.name, column: "Currency" },
      `one currency per workbook; found ${list}`
    );
    issues.push(issue);
    orphans.push(issue);
  }
  for (const o of orphans) if (!issues.includes(o)) issues.push(o);
  issues.sort((a, b) => order(a) - order(b));

  const tableWide = orphans.some((o) => o.row === undefined);
  const book: BookJson | undefined =
    contractsT && !tableWide
      ? {
          currency: [...currencies.keys()][0] ?? "USD",
          contracts: [...contracts.values()].filter((c) => !rejected.has(c.id)),
        }
      : undefined;

  const locate = (path: string, b: BookJson): CellPlace | undefined => locatePath(path, b, sources);
  const explain = (
    issue: { code: string; path: string; message: string },
    b: BookJson
  ): TableIssue => {
    const place = locatePath(issue.path, b, sources);
    if (!place) return { ...issue, table: "" };
    const t = makeIssue(issue.code, place, issue.message);
    return t;
  };
  return {
    book,
    issues,
    rejected,
    obligationContracts: new Map([...mentioned, ...obligationContract]),
    orphans,
    locate,
    explain,
  };
}

const TABLE_ORDER = [CONTRACTS.name, BILLINGS.name, CHANGES.name, PROGRESS.name];
function order(i: TableIssue): number {
  return TABLE_ORDER.indexOf(i.table) * 1e9 + (i.row ?? 0);
}

function progressRows(
  src: ContractSource,
  obligation: string
): { progress: number[]; manual: number[] } {
  let p = src.progress.get(obligation);
  if (!p) {
    p = { progress: [], manual: [] };
    src.progress.set(obligation, p);
  }
  return p;
}

const OBLIGATION_COLUMNS: Record<string, string> = {
  id: "Obligation",
  item: "Item",
  class: "Class",
  price: "Price",
  ssp: "SSP",
  method: "Method",
  start: "Start",
  end: "End",
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
};

function locatePath(
  path: string,
  book: BookJson,
  sources: ReadonlyMap<string, ContractSource>
): CellPlace | undefined {
  const parts = [...path.matchAll(/([A-Za-z]+)(?:\[(\d+)\])?/g)].map((m) => ({
    key: m[1] ?? "",
    index: m[2] === undefined ? undefined : Number(m[2]),
  }));
  const [head, second, third, fourth, fifth] = parts;
  if (head?.key === "currency") return { table: CONTRACTS.name, column: "Currency" };
  if (head?.key !== "contracts" || head.index === undefined) return undefined;
  const contract = book.contracts[head.index];
  const src = contract ? sources.get(contract.id) : undefined;
  if (!contract || !src) return undefined;
  const field = (
    map: Record<string, string>,
    f: { key: string } | undefined
  ): string | undefined => (f ? own(map, f.key) : undefined);
  const withColumn = (
    table: string,
    row: number | undefined,
    column: string | undefined
  ): CellPlace => {
    const p: CellPlace = { table };
    if (row !== undefined) p.row = row;
    if (column !== undefined) p.column = column;
    return p;
  };
  if (!second) return withColumn(CONTRACTS.name, src.row, undefined);
  if (second.key === "id") return withColumn(CONTRACTS.name, src.row, "Contract");
  if (second.key === "customer") return withColumn(CONTRACTS.name, src.row, "Customer");
  const i = second.index;
  if (second.key === "obligations") {
    const ob = i === undefined ? undefined : contract.obligations[i];
    const row = i === undefined ? undefined : src.obligations[i];
    if (ob && third && (third.key === "progress" || third.key === "manual")) {
      const rows = src.progress.get(ob.id)?.[third.key];
      const prow = third.index === undefined ? undefined : rows?.[third.index];
      if (prow === undefined) return withColumn(CONTRACTS.name, row, "Method");
      const col =
        third.key === "progress"
          ? { date: "Date", percent: "Percent" }
          : { period: "Period", amount: "Amount" };
      return withColumn(PROGRESS.name, prow, fourth ? own<string>(col, fourth.key) : undefined);
    }
    return withColumn(CONTRACTS.name, row, field(OBLIGATION_COLUMNS, third));
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
      if (fourth.key === "progress" || fourth.key === "manual") {
        const rows = src.progress.get(change.obligation.id)?.[fourth.key];
        const prow = fourth.index === undefined ? undefined : rows?.[fourth.index];
        if (prow !== undefined) {
          const col =
            fourth.key === "progress"
              ? { date: "Date", percent: "Percent" }
              : { period: "Period", amount: "Amount" };
          return withColumn(PROGRESS.name, prow, fifth ? own<string>(col, fifth.key) : undefined);
        }
      }
      return withColumn(CHANGES.name, row, field(OBLIGATION_COLUMNS, fourth));
    }
    if (third?.key === "discount")
      return withColumn(CHANGES.name, row, field(DISCOUNT_COLUMNS, fourth) ?? "Discount");
    return withColumn(CHANGES.name, row, field(CHANGE_COLUMNS, third));
  }
  return withColumn(CONTRACTS.name, src.row, undefined);
}
