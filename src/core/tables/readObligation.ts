import type { ObligationJson } from "./book";
import type { RowReader } from "./rowReader";

/** An obligation's terms (RevRecContracts rows, and add rows of RevRecChanges whose Start defaults to their Date). */
export function readObligation(r: RowReader, dateDefault?: string): ObligationJson | undefined {
  const id = r.text("Obligation", true);
  const item = r.text("Item");
  const cls = r.text("Class");
  const price = r.amount("Price", true);
  const ssp = r.has("SSP") ? r.ssp("SSP") : undefined;
  const method = r.method("Method", true);
  const start = r.empty("Start") && dateDefault !== undefined ? dateDefault : r.date("Start", true);
  const end = r.date("End");
  const months = r.has("Months") ? r.count("Months") : undefined;
  if (id === undefined || price === undefined || method === undefined || start === undefined)
    return undefined;
  const o: ObligationJson = { id, price, method, start };
  if (item) o.item = item;
  if (cls) o.class = cls;
  if (ssp !== undefined) o.ssp = ssp;
  if (end !== undefined) o.end = end;
  if (months !== undefined) o.months = months;
  return o;
}
