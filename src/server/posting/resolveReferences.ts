/**
 * The accounts, classes and customers a request names (ids or names), resolved against the company's lists: the
 * cached lists first, reloaded once when something is not found or inactive (it may have just been created or
 * reactivated). Unknown references are a 400, inactive ones a 422, each line's problem listed.
 */
import type { FieldProblem, PostRequest } from "../../wire";
import { ApiError } from "../../wire";
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

/** Where a resolution's problems go, and how a line names what it refers to. */
interface Reporting<T> {
  problems: FieldProblem[];
  inactive: FieldProblem[];
  path: string;
  /** the problem when nothing (or several things) matched */
  unknown: (reason: "unknown" | "ambiguous") => string;
  /** how an inactive match is named in the message */
  inactiveName: (t: T) => string;
}

function resolveOne<T extends { id: string; active: boolean }>(
  list: readonly T[],
  key: string,
  names: (t: T) => string[],
  f: Reporting<T>
): T | undefined {
  const r = resolveByIdOrName(list, key, names);
  if (!r.ok) {
    f.problems.push({ path: f.path, message: f.unknown(r.reason) });
    return undefined;
  }
  if (!r.value.active)
    f.inactive.push({
      path: f.path,
      message: `${f.inactiveName(r.value)} is inactive in QuickBooks`,
    });
  return r.value;
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
  const lines = input.lines.map((l, i): ResolvedLine => {
    const line: ResolvedLine = {
      accountId: "",
      accountName: "",
      accountType: "",
      posting: l.posting,
      cents: cents[i] ?? 0,
    };
    const a = resolveOne(accounts, l.account, (x) => [x.name, x.fullyQualifiedName], {
      problems,
      inactive,
      path: `lines[${i}].account`,
      unknown: (reason) =>
        `${reason === "ambiguous" ? "matches several accounts" : "is not an account in QuickBooks"}: "${l.account}"`,
      inactiveName: (x) => `the account "${x.fullyQualifiedName}"`,
    });
    if (a !== undefined) {
      line.accountId = a.id;
      line.accountName = a.fullyQualifiedName;
      line.accountType = a.accountType;
    }
    if (l.class !== undefined) {
      const c = resolveOne(classes, l.class, (x) => [x.name, x.fullyQualifiedName], {
        problems,
        inactive,
        path: `lines[${i}].class`,
        unknown: () => `is not a class in QuickBooks: "${l.class ?? ""}"`,
        inactiveName: (x) => `the class "${x.fullyQualifiedName}"`,
      });
      if (c !== undefined) line.classId = c.id;
    }
    if (l.customer !== undefined) {
      const c = resolveOne(customers, l.customer, (x) => [x.displayName, x.fullyQualifiedName], {
        problems,
        inactive,
        path: `lines[${i}].customer`,
        unknown: () => `is not a customer in QuickBooks: "${l.customer ?? ""}"`,
        inactiveName: (x) => `the customer "${x.displayName}"`,
      });
      if (c !== undefined) line.customerId = c.id;
    }
    if (l.description !== undefined) line.description = l.description;
    return line;
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
