/**
 * QuickBooks' own rules for a journal entry, checked before asking it, so the message can say which line and what
 * to do: a customer on Accounts Receivable lines, no Accounts Payable lines, no classes while class tracking is off,
 * and nothing on or before the closing date.
 */
import type { FieldProblem } from "../../wire";
import { invalidRequest } from "../errors";
import type { CompanyPreferences } from "../qbo/company";
import { booksClosed } from "./refusals";
import type { ResolvedLine } from "./resolveReferences";

export function checkCompanyRules(
  prefs: CompanyPreferences,
  lines: readonly ResolvedLine[],
  txnDate: string
): void {
  const problems: FieldProblem[] = [];
  lines.forEach((l, i) => {
    if (/^accounts receivable/i.test(l.accountType) && l.customerId === undefined) {
      problems.push({
        path: `lines[${i}].customer`,
        message: `is required: QuickBooks needs a customer on every line posted to ${l.accountName}`,
      });
    }
    if (/^accounts payable/i.test(l.accountType)) {
      problems.push({
        path: `lines[${i}].account`,
        message: `${l.accountName} is an Accounts Payable account, which needs a vendor; RevRec does not post to it`,
      });
    }
    if (l.classId !== undefined && prefs.classTracking === "none") {
      problems.push({
        path: `lines[${i}].class`,
        message:
          "class tracking is off in QuickBooks; leave classes out or turn it on (Settings > Advanced > Categories)",
      });
    }
  });
  if (problems.length > 0) throw invalidRequest(problems, "QuickBooks would refuse this entry.");
  if (prefs.bookCloseDate !== null && txnDate <= prefs.bookCloseDate)
    throw booksClosed(prefs.bookCloseDate, txnDate);
}
