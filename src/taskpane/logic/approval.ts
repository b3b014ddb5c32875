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
