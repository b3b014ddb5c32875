/** QuickBooks' balances of the mapped accounts at a period's end, for the reconciliation (TrialBalance, accrual). */
import type { Balance, Balances, FieldProblem } from "../../wire";
import { formatAmount, lastDayOf, parseAmount } from "../../core";
import { ApiError } from "../../wire";
import { invalidRequest } from "../errors";
import { resolveByIdOrName } from "../qbo/company";
import { checkBookYears } from "./checkRequest";
import type { PostingContext } from "./context";
import { obj, s, type Obj } from "./json";

/** Walk a report's rows; call `visit` for each data row's ColData. */
function walkRows(rows: unknown, visit: (cols: Obj[]) => void): void {
  const list = obj(rows)?.["Row"];
  if (!Array.isArray(list)) return;
  for (const r of list) {
    const row = obj(r);
    if (row === undefined) continue;
    if (Array.isArray(row["ColData"])) visit(row["ColData"].map((c) => obj(c) ?? {}));
    if (row["Rows"] !== undefined) walkRows(row["Rows"], visit);
  }
}

export async function balancesFor(
  ctx: PostingContext,
  period: string,
  accountKeys: string[]
): Promise<Balances> {
  checkBookYears(period);
  if (accountKeys.length === 0 || accountKeys.length > 50)
    throw invalidRequest([
      { path: "accounts", message: "must list 1 to 50 account ids or names, separated by commas" },
    ]);
  const accounts = await ctx.data.accounts();
  const wanted: { id: string; name: string; classification: string }[] = [];
  const problems: FieldProblem[] = [];
  accountKeys.forEach((k, i) => {
    const r = resolveByIdOrName(accounts, k, (x) => [x.name, x.fullyQualifiedName]);
    if (!r.ok)
      problems.push({ path: `accounts[${i}]`, message: `is not an account in QuickBooks: "${k}"` });
    else
      wanted.push({
        id: r.value.id,
        name: r.value.fullyQualifiedName,
        classification: r.value.classification,
      });
  });
  if (problems.length > 0) {
    throw new ApiError(400, {
      code: "unknown_reference",
      message: `Unknown accounts: ${problems.map((p) => p.message).join("; ")}.`,
      action: "Check the account mapping against the company's chart of accounts.",
      fields: problems,
    });
  }
  const asOf = lastDayOf(period);
  const res = await ctx.client.call({
    method: "GET",
    path: "reports/TrialBalance",
    query: { end_date: asOf, accounting_method: "Accrual" },
    kind: "report",
  });
  const found = new Map<string, { debit: number; credit: number }>();
  walkRows(res["Rows"], (cols) => {
    const id = s(cols[0]?.["id"]);
    if (id === "") return;
    const debit = parseAmount(s(cols[1]?.["value"]) || 0) ?? 0;
    const credit = parseAmount(s(cols[2]?.["value"]) || 0) ?? 0;
    const prev = found.get(id) ?? { debit: 0, credit: 0 };
    found.set(id, { debit: prev.debit + debit, credit: prev.credit + credit });
  });
  return {
    period,
    asOf,
    basis: "Accrual",
    accounts: wanted.map((w): Balance => {
      const b = found.get(w.id) ?? { debit: 0, credit: 0 };
      return {
        ...w,
        debit: formatAmount(b.debit),
        credit: formatAmount(b.credit),
        balance: formatAmount(b.debit - b.credit),
      };
    }),
  };
}
