import type { PaneError } from "../paneError";

/** The workbook setting that makes a post need a second person's approval ("true" or absent). */
export const REQUIRE_APPROVAL_KEY = "RevRec.RequireApproval";

export function parseRequireApproval(text: string | undefined): boolean {
  return text?.trim().toLowerCase() === "true";
}

/** What the Approved by field says is wrong, or undefined when the entry may be posted as far as approval goes. */
export function approvalProblem(
  required: boolean,
  preparer: string,
  approver: string
): string | undefined {
  if (!required) return undefined;
  const who = approver.trim();
  if (who === "")
    return "Who approved this entry: this workbook requires a second person's approval.";
  if (who.toLowerCase() === preparer.trim().toLowerCase())
    return "The approver must be someone other than the preparer.";
  return undefined;
}

/** Why a post needing approval was refused, as the pane says it; undefined when approval does not stop it. */
export function approvalRefusal(
  required: boolean,
  preparer: string,
  approver: string
): PaneError | undefined {
  const problem = approvalProblem(required, preparer, approver);
  if (problem === undefined) return undefined;
  return approver.trim() === ""
    ? {
        message: "Nothing was posted: this workbook requires a second person's approval.",
        action: "Enter the approver's name in Approved by, then post.",
      }
    : {
        message: "Nothing was posted: the approver must be someone other than the preparer.",
        action: "Ask a second person to check the entry and enter their name in Approved by.",
      };
}

/** The sign-off a post sends: the preparer, and the approver when the workbook requires one. */
export function signOffOf(
  required: boolean,
  preparedBy: string,
  approver: string
): { preparedBy: string; approvedBy?: string } {
  return required ? { preparedBy, approvedBy: approver.trim() } : { preparedBy };
}
