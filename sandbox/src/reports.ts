/** /reports/TrialBalance?end_date=: every account's balance as of a date, in Debit and Credit columns. */
import { naturalBalance, type Company } from "./company";
import { Faults } from "./errors";
import { getStr, type JsonObject } from "./json";
import { centsString } from "./money";
import { isDate, pacificDate, pacificIso } from "./time";

export function trialBalance(co: Company, params: URLSearchParams): JsonObject {
  const now = co.clock.now();
  const end = params.get("end_date") ?? pacificDate(now);
  if (!isDate(end)) throw Faults.invalidDate("end_date", end);
  const startParam = params.get("start_date");
  if (startParam !== null && !isDate(startParam))
    throw Faults.invalidDate("start_date", startParam);
  const start = startParam ?? `${end.slice(0, 4)}-01-01`;
  const balances = co.ledger.balancesAsOf(end);
  const rows: JsonObject[] = [];
  let debit = 0;
  let credit = 0;
  const accounts = co.list("Account").sort((a, b) => Number(a["Id"]) - Number(b["Id"]));
  for (const a of accounts) {
    const id = getStr(a, "Id") ?? "";
    const bal = balances.get(id) ?? 0;
    if (bal === 0) continue;
    if (bal > 0) debit += bal;
    else credit -= bal;
    rows.push({
      ColData: [
        { value: getStr(a, "Name") ?? "", id },
        { value: bal > 0 ? centsString(bal) : "" },
        { value: bal < 0 ? centsString(-bal) : "" },
      ],
    });
  }
  rows.push({
    type: "Section",
    group: "GrandTotal",
    Summary: {
      ColData: [{ value: "TOTAL" }, { value: centsString(debit) }, { value: centsString(credit) }],
    },
  });
  return {
    Header: {
      Time: pacificIso(now),
      ReportName: "TrialBalance",
      ReportBasis: params.get("accounting_method") ?? "Accrual",
      StartPeriod: start,
      EndPeriod: end,
      Currency: "USD",
      Option: [{ Name: "NoReportData", Value: rows.length > 1 ? "false" : "true" }],
    },
    Columns: {
      Column: [
        { ColTitle: "", ColType: "Account" },
        { ColTitle: "Debit", ColType: "Money" },
        { ColTitle: "Credit", ColType: "Money" },
      ],
    },
    Rows: { Row: rows },
  };
}

/** Natural-sign balance of one account as of a date (used by tests and the state endpoint). */
export function balanceAsOf(co: Company, accountId: string, date: string): number {
  const a = co.get("Account", accountId);
  return naturalBalance(
    getStr(a, "Classification"),
    co.ledger.balancesAsOf(date).get(accountId) ?? 0
  );
}
