// Book JSON -> workbook table rows (for the task pane writing a book, and for tests).
import type { AccountsJson, BookJson, ObligationJson, OutcomeJson } from "./book";
import { parseIsoDate, SERIAL_EPOCH } from "./cells";
import {
  ACCOUNTS,
  BILLINGS,
  CHANGES,
  CONTRACTS,
  header,
  PROGRESS,
  VARIABLE,
  type TableSpec,
} from "./schema";

export type CellValue = string | number | boolean;

export interface TableValues {
  name: string;
  header: string[];
  rows: CellValue[][];
}

export interface ToTablesOptions {
  /** Dates as text YYYY-MM-DD (default) or as Excel serial numbers. */
  dates?: "text" | "serial";
}

function table(spec: TableSpec): TableValues {
  return { name: spec.name, header: header(spec), rows: [] };
}

function put(t: TableValues, values: Record<string, CellValue | undefined>): void {
  t.rows.push(t.header.map((h) => values[h] ?? ""));
}

/** The five book tables holding `book`, in the column order of the schema. Amounts and probabilities become numbers. */
export function bookToTables(book: BookJson, options: ToTablesOptions = {}): TableValues[] {
  const date = (s: string | undefined): CellValue | undefined => {
    if (s === undefined || options.dates !== "serial") return s;
    const days = parseIsoDate(s);
    return days === undefined ? s : days + SERIAL_EPOCH;
  };
  const amount = (s: string | undefined): CellValue | undefined =>
    s === undefined ? undefined : Number(s);
  const contracts = table(CONTRACTS);
  const billings = table(BILLINGS);
  const changes = table(CHANGES);
  const progress = table(PROGRESS);
  const variable = table(VARIABLE);
  const addOutcomes = (
    outcomes: OutcomeJson[],
    cells: Record<string, CellValue | undefined>
  ): void => {
    for (const o of outcomes)
      put(variable, { ...cells, Amount: amount(o.amount), Probability: Number(o.probability) });
  };
  const addProgress = (o: ObligationJson): void => {
    for (const p of o.progress ?? [])
      put(progress, { Obligation: o.id, Date: date(p.date), Percent: p.percent });
    for (const m of o.manual ?? [])
      put(progress, { Obligation: o.id, Period: m.period, Amount: amount(m.amount) });
  };
  const ssp = (s: string | undefined): CellValue | undefined =>
    s === undefined || s === "residual" ? s : Number(s);
  for (const c of book.contracts) {
    const groupOf = new Map<string, { id: string; price: string }>();
    for (const g of c.discountGroups ?? []) for (const id of g.obligations) groupOf.set(id, g);
    for (const o of c.obligations) {
      const group = groupOf.get(o.id);
      put(contracts, {
        Contract: c.id,
        Customer: c.customer,
        Obligation: o.id,
        Item: o.item,
        Class: o.class,
        Price: amount(o.price),
        SSP: ssp(o.ssp),
        Method: o.method,
        Start: date(o.start),
        End: date(o.end),
        Months: o.months,
        Currency: book.currency,
        "Discount Group": group?.id,
        "Group Price": amount(group?.price),
      });
      addProgress(o);
    }
    for (const v of c.variableConsideration ?? []) {
      addOutcomes(v.outcomes, {
        Contract: c.id,
        Variable: v.id,
        Method: v.method,
        Obligation: v.obligation,
        Constraint: amount(v.constraint),
      });
    }
    for (const b of c.billings) {
      put(billings, {
        Contract: c.id,
        Billing: b.id,
        Date: date(b.date),
        Amount: amount(b.amount),
        Obligation: b.obligation,
        Discount: amount(b.discount?.amount),
        "Discount Account": b.discount?.account,
      });
    }
    for (const ch of c.changes) {
      const base = { Contract: c.id, Change: ch.id, Type: ch.type, Date: date(ch.date) };
      if (ch.type === "modify") {
        put(changes, {
          ...base,
          Obligation: ch.obligation,
          Treatment: ch.treatment,
          Price: amount(ch.price),
          End: date(ch.end),
        });
      } else if (ch.type === "credit") {
        put(changes, {
          ...base,
          Obligation: ch.obligation,
          Treatment: ch.treatment,
          Amount: amount(ch.amount),
          Discount: amount(ch.discount?.amount),
          "Discount Account": ch.discount?.account,
          Item: ch.item ?? "",
        });
      } else if (ch.type === "add") {
        const o = ch.obligation;
        put(changes, {
          ...base,
          Obligation: o.id,
          Price: amount(o.price),
          End: date(o.end),
          Months: o.months,
          Item: o.item,
          Class: o.class,
          Method: o.method,
          Start: date(o.start),
          SSP: ssp(o.ssp),
          Reallocate: ch.reallocate,
          "Remaining SSP": remainingSsp(ch.remainingSsp),
        });
        addProgress(o);
      } else if (ch.type === "estimate") {
        put(changes, base);
        addOutcomes(ch.outcomes, {
          Contract: c.id,
          Variable: ch.variable,
          Change: ch.id,
          Constraint: amount(ch.constraint),
        });
      } else {
        put(changes, { ...base, Amount: amount(ch.amount) });
      }
    }
  }
  return [contracts, billings, changes, progress, variable];
}

/** A pool's remaining SSPs as the Remaining SSP cell writes them: "Y: 1500; Z: 300". */
function remainingSsp(ssps: Record<string, string> | undefined): string | undefined {
  if (ssps === undefined || Object.keys(ssps).length === 0) return undefined;
  return Object.entries(ssps)
    .map(([id, ssp]) => `${id}: ${ssp}`)
    .join("; ");
}

/** The RevRecAccounts rows (Setting, Value) of an accounts mapping. */
export function accountsToRows(accounts: AccountsJson): TableValues {
  const t = table(ACCOUNTS);
  const row = (setting: string, value: string | undefined): void => {
    if (value !== undefined) t.rows.push([setting, value]);
  };
  row("revenue", accounts.revenue);
  row("deferredRevenue", accounts.deferredRevenue);
  row("contractAsset", accounts.contractAsset);
  row("refundLiability", accounts.refundLiability);
  row("billingsPostTo", accounts.billingsPostTo);
  for (const [item, account] of Object.entries(accounts.revenueByItem))
    row(`revenueByItem[${item}]`, account);
  for (const [item, where] of Object.entries(accounts.billingsPostToByItem ?? {}))
    row(`billingsPostTo[${item}]`, where);
  return t;
}
