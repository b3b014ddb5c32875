/**
 * The accounts, classes and customers a request names (ids or names), resolved against the company's lists: the
 * cached lists first, reloaded once when something is not found or inactive (it may have just been created or
 * reactivated). Unknown references are a 400, inactive ones a 422, each line's problem listed.
 */
import type { FieldProblem, PostRequest } from "../../api/types";
import { ApiError } from "../errors";
import { resolveByIdOrName } from "../qbo/company";
import type { PostingContext } from "./context";
import type { LineIdentity } from "./entries";

export interface ResolvedLine extends LineIdentity {
  accountName: string;
  accountType: string;
  posting: "Debit" | "Credit";
  description?: string;
}

interface Resolution {
  lines: ResolvedLine[];
  problems: FieldProblem[];
  inactive: FieldProblem[];
}

async function resolveOnce(
  ctx: PostingContext,
  input: PostRequest,
  cents: readonly number[],
  fresh: boolean
): Promise<Resolution> {
  const accounts = await ctx.data.accounts(fresh);
  const needClasses = input.lines.some((l) => l.class !== undefined);
  const needCustomers = input.lines.some((l) => l.customer !== undefined);
  const classes = needClasses ? await ctx.data.classes(fresh) : [];
  const customers = needCustomers ? await ctx.data.customers(fresh) : [];
  const problems: FieldProblem[] = [];
  const inactive: FieldProblem[] = [];
  const lines: ResolvedLine[] = [];
  input.lines.forEach((l, i) => {
    const a = resolveByIdOrName(accounts, l.account, (x) => [x.name, x.fullyQualifiedName]);
    const line: ResolvedLine = {
      accountId: "",
      accountName: "",
      accountType: "",
      posting: l.posting,
      cents: cents[i] ?? 0,
    };
    if (!a.ok)
      problems.push({
        path: `lines[${i}].account`,
        message: `${a.reason === "ambiguous" ? "matches several accounts" : "is not an account in QuickBooks"}: "${l.account}"`,
      });
    else {
      line.accountId = a.value.id;
      line.accountName = a.value.fullyQualifiedName;
      line.accountType = a.value.accountType;
      if (!a.value.active)
        inactive.push({
          path: `lines[${i}].account`,
          message: `the account "${a.value.fullyQualifiedName}" is inactive in QuickBooks`,
        });
    }
    if (l.class !== undefined) {
      const c = resolveByIdOrName(classes, l.class, (x) => [x.name, x.fullyQualifiedName]);
      if (!c.ok)
        problems.push({
          path: `lines[${i}].class`,
          message: `is not a class in QuickBooks: "${l.class}"`,
        });
      else {
        line.classId = c.value.id;
        if (!c.value.active)
          inactive.push({
            path: `lines[${i}].class`,
            message: `the class "${c.value.fullyQualifiedName}" is inactive in QuickBooks`,
          });
      }
    }
    if (l.customer !== undefined) {
      const c = resolveByIdOrName(customers, l.customer, (x) => [
        x.displayName,
        x.fullyQualifiedName,
      ]);
      if (!c.ok)
        problems.push({
          path: `lines[${i}].customer`,
          message: `is not a customer in QuickBooks: "${l.customer}"`,
        });
      else {
        line.customerId = c.value.id;
        if (!c.value.active)
          inactive.push({
            path: `lines[${i}].customer`,
            message: `the customer "${c.value.displayName}" is inactive in QuickBooks`,
          });
      }
    }
    if (l.description !== undefined) line.description = l.description;
    lines.push(line);
  });
  return { lines, problems, inactive };
}

export async function resolveReferences(
  ctx: PostingContext,
  input: PostRequest,
  cents: readonly number[]
): Promise<ResolvedLine[]> {
  let r = await resolveOnce(ctx, input, cents, false);
  if (r.problems.length > 0 || r.inactive.length > 0)
    r = await resolveOnce(ctx, input, cents, true);
  if (r.problems.length > 0) {
    throw new ApiError(400, {
      code: "unknown_reference",
      message: `The entry names accounts, classes or customers QuickBooks does not have: ${r.problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`,
      action:
        "Check the account mapping in the workbook against the company's chart of accounts, then post again.",
      fields: r.problems,
    });
  }
  if (r.inactive.length > 0) {
    throw new ApiError(422, {
      code: "inactive_reference",
      message: `The entry uses records that are inactive in QuickBooks: ${r.inactive.map((p) => p.message).join("; ")}.`,
      action:
        "Reactivate them in QuickBooks, or map those lines to active accounts, then post again.",
      fields: r.inactive,
    });
  }
  return r.lines;
}
