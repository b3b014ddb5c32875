// The obligations a sync has seen so far, by contract, so that a line continuing one (same item, its service period
// following on) bills that obligation instead of adding a new one.
import { parseDay } from "../../core";
import type { Source } from "./baseline";

/** An obligation a later line of its contract may continue. */
export interface OpenObligation {
  id: string;
  contract: string;
  /** item name, as the Item column holds it */
  item: string;
  /** last day of service (YYYY-MM-DD); "" when the method has no end */
  end: string;
  /** in cents */
  price: number;
  src: Source;
  /** true when the row is in the table already and this sync does not rewrite it (an incremental sync) */
  existing: boolean;
}

export class Obligations {
  private readonly byContract = new Map<string, OpenObligation[]>();

  add(o: OpenObligation): void {
    const list = this.byContract.get(o.contract) ?? [];
    list.push(o);
    this.byContract.set(o.contract, list);
  }

  /** The obligation `id` of `contract`, if it is open. */
  get(contract: string, id: string): OpenObligation | undefined {
    return this.byContract.get(contract)?.find((o) => o.id === id);
  }

  /** The obligation of `contract` for `item` whose service ends the day before `start`, if any. */
  continued(contract: string, item: string, start: string): OpenObligation | undefined {
    const day = parseDay(start);
    if (day === undefined || item === "") return undefined;
    return this.byContract.get(contract)?.find((o) => {
      const end = parseDay(o.end);
      return o.item === item && end !== undefined && end + 1 === day;
    });
  }
}
