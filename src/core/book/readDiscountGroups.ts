// Reads a contract's discount groups (docs/book.md, "Discount groups"): obligations sold together at an observable
// price, so that the contract's discount is allocated within them only (ASC 606-10-32-37).
import { fieldsOf, index, join, writtenText, type Fields, type Reader } from "./fields";
import { MESSAGES } from "./messages";
import type { DiscountGroup } from "./model";
import { RESIDUAL } from "./readObligation";

const GROUP_FIELDS = ["id", "obligations", "price"];

/**
 * The contract's groups, or undefined when any has a problem (reported): the allocation cannot be made then.
 * `rawObligations` are the contract's own obligations as written (added ones are priced on their own).
 */
export function readDiscountGroups(
  r: Reader,
  fields: Fields,
  path: string,
  rawObligations: readonly unknown[]
): DiscountGroup[] | undefined {
  const rawGroups = r.list(fields, "discountGroups", path, false) ?? [];
  if (rawGroups.length === 0) return fields["discountGroups"] === undefined ? [] : undefined;
  const before = r.issues.length;
  const sspOf = new Map<string, unknown>();
  for (const raw of rawObligations) {
    const id = writtenText(raw, "id");
    if (id !== undefined) sspOf.set(id, fieldsOf(raw)?.["ssp"]);
  }
  // Without any ssp the group cannot be split; with some, ssp_incomplete already names the ones missing.
  const anySsp = [...sspOf.values()].some((ssp) => ssp !== undefined);
  const groups: DiscountGroup[] = [];
  const ids = new Set<string>();
  const groupOf = new Map<string, string>();
  rawGroups.forEach((raw, k) => {
    const at = index(join(path, "discountGroups"), k);
    const group = r.object(raw, at, "A discount group");
    if (group === undefined) return;
    r.onlyFields(group, GROUP_FIELDS, at, "a discount group");
    const id = r.uniqueId(group, at, ids, "Discount group");
    const price = r.amount(group, "price", at, "non-negative");
    const members = r.list(group, "obligations", at, true);
    if (members !== undefined && members.length === 0) {
      r.add("empty_group", join(at, "obligations"), MESSAGES.emptyGroup);
    }
    const obligations: string[] = [];
    (members ?? []).forEach((member, m) => {
      const memberPath = index(join(at, "obligations"), m);
      if (typeof member !== "string" || member.trim() === "") {
        r.add("expected_text", memberPath, MESSAGES.expectedText("obligations"));
        return;
      }
      const ssp = sspOf.get(member);
      if (!sspOf.has(member)) {
        r.add("unknown_obligation", memberPath, MESSAGES.unknownObligation(member));
      } else if (ssp === undefined && !anySsp) {
        r.add("group_needs_ssp", memberPath, MESSAGES.groupNeedsSsp(member));
      } else if (ssp === RESIDUAL) {
        r.add("residual_in_group", memberPath, MESSAGES.residualInGroup(member));
      }
      const other = groupOf.get(member);
      if (other !== undefined) {
        r.add("obligation_in_two_groups", memberPath, MESSAGES.inTwoGroups(member, other));
      }
      groupOf.set(member, id ?? `#${k + 1}`);
      obligations.push(member);
    });
    if (id !== undefined && price !== undefined) groups.push({ id, obligations, price });
  });
  return r.issues.length > before ? undefined : groups;
}
