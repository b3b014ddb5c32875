// Relative-SSP allocation of a contract while its book is read (with the residual approach and discount groups),
// then the manual-total check that depends on it, judged as far as the obligations that could be read allow.
import {
  allocateOnBasis,
  formatSspUnits,
  parseSsp,
  type GroupBasis,
  type SspBasis,
} from "../allocate";
import { formatAmount } from "../money";
import { fieldsOf, index, join, writtenText, type Reader } from "./fields";
import { MESSAGES } from "./messages";
import type { DiscountGroup, Obligation } from "./model";
import { checkManualTotal, readablePrice, readableSsp, RESIDUAL } from "./readObligation";

/**
 * Sets each obligation's allocated amount. Whether an ssp is written at all decides
 * `ssp_incomplete`, whatever else is wrong with an obligation; the allocation needs every
 * obligation's price and ssp, but not the rest of it (a bad date elsewhere does not hide a manual
 * total that is off).
 *
 * @param raws the obligations as written
 * @param read the same obligations as read (undefined where one has a problem, already reported)
 * @param path the contract's path
 * @param groups the contract's discount groups, undefined when they have a problem (already reported)
 * @returns the obligations whose allocated amount stays unknown (a price or ssp is unreadable)
 */
export function allocateContract(
  r: Reader,
  raws: readonly unknown[],
  read: readonly (Obligation | undefined)[],
  contractPath: string,
  groups: readonly DiscountGroup[] | undefined
): Obligation[] {
  const path = join(contractPath, "obligations");
  const valid = read.filter((o): o is Obligation => o !== undefined);
  const fields = raws.map(fieldsOf);
  const hasSsp = fields.map((f) => (f === undefined ? undefined : f["ssp"] !== undefined));
  const withSsp = hasSsp.filter((h) => h === true).length;
  const without = hasSsp.filter((h) => h === false).length;
  if (withSsp > 0 && without > 0) {
    hasSsp.forEach((h, j) => {
      if (h === false) {
        r.add(
          "ssp_incomplete",
          join(index(path, j), "ssp"),
          MESSAGES.sspIncomplete(withSsp, raws.length)
        );
      }
    });
    return valid;
  }
  if (!checkOneResidual(r, fields, path) || groups === undefined) return valid;
  if (withSsp > 0) {
    const prices = fields.map((f, j) => read[j]?.price ?? readablePrice(f?.["price"]));
    const ssps = fields.map((f, j) => read[j]?.ssp ?? readableSsp(f?.["ssp"]));
    if (prices.includes(undefined) || ssps.includes(undefined)) return valid;
    const total = prices.reduce<number>((sum, p) => sum + (p ?? 0), 0);
    const basis: SspBasis[] = ssps.map((s) =>
      s === RESIDUAL ? RESIDUAL : BigInt(parseSsp(s) ?? 0)
    );
    const ids = fields.map((f) => writtenText(f, "id"));
    const groupBasis: GroupBasis[] = groups.map((g) => ({
      members: g.obligations.map((id) => ids.indexOf(id)),
      price: g.price,
    }));
    const grouped = groups.reduce((sum, g) => sum + g.price, 0);
    const allocation = allocateOnBasis(total, basis, groupBasis);
    if (allocation.kind === "residual_not_positive") {
      const available =
        groups.length === 0
          ? `the contract's price of ${formatAmount(total)}`
          : `the ${formatAmount(allocation.remainder)} the discount groups leave of the contract's price of ${formatAmount(total)}`;
      r.add(
        "residual_not_positive",
        join(index(path, allocation.index), "ssp"),
        MESSAGES.residualNotPositive(
          formatSspUnits(allocation.residualUnits),
          available,
          formatSspUnits(allocation.othersUnits)
        )
      );
      return valid;
    }
    if (allocation.kind === "groups_off") {
      const message =
        allocation.outside === 0 ? MESSAGES.groupsOffPrice : MESSAGES.groupsExceedPrice;
      r.add(
        "groups_off_price",
        join(contractPath, "discountGroups"),
        message(formatAmount(grouped), formatAmount(total))
      );
      return valid;
    }
    if (allocation.kind !== "ok") return valid;
    read.forEach((o, j) => {
      if (o !== undefined) o.allocated = allocation.shares[j] ?? o.price;
    });
  }
  read.forEach((o, j) => {
    if (o !== undefined) checkManualTotal(r, o, join(index(path, j), "manual"));
  });
  return [];
}

/** At most one obligation of a contract takes the residual; a second one is reported where it is written. */
function checkOneResidual(
  r: Reader,
  fields: readonly (Record<string, unknown> | undefined)[],
  path: string
): boolean {
  let first: string | undefined;
  let ok = true;
  fields.forEach((f, j) => {
    if (f?.["ssp"] !== RESIDUAL) return;
    const id = writtenText(f, "id") ?? `#${j + 1}`;
    if (first === undefined) {
      first = id;
      return;
    }
    ok = false;
    r.add("residual_twice", join(index(path, j), "ssp"), MESSAGES.residualTwice(first));
  });
  return ok;
}
