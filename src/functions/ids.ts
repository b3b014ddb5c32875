// Contract and obligation ids as Excel users type them: Excel's lookups ignore case, so "c-1001" finds
// C-1001. An exact match always wins; otherwise the id must fold to exactly one id of the book.
import type { Schedule } from "../core";
import { LiveSchedule } from "./liveSchedule";

/** Lower-cased id -> the book's ids that fold to it (contracts and obligations), built once per schedule. */
const indexes = new WeakMap<Schedule, ReadonlyMap<string, readonly string[]>>();

function indexOf(schedule: Schedule): ReadonlyMap<string, readonly string[]> {
  let index = indexes.get(schedule);
  if (index === undefined) {
    const built = new Map<string, string[]>();
    const add = (id: string): void => {
      const key = id.toLowerCase();
      const list = built.get(key);
      if (list === undefined) built.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    };
    for (const c of schedule.contracts) {
      add(c.id);
      for (const o of c.obligations) add(o.id);
    }
    index = built;
    indexes.set(schedule, index);
  }
  return index;
}

/** The book's ids that `id` names regardless of case: one id, several (ambiguous), or none. */
export function idsIgnoringCase(schedule: Schedule, id: string): readonly string[] {
  if (schedule instanceof LiveSchedule) return schedule.idsFolding(id.toLowerCase());
  return indexOf(schedule).get(id.toLowerCase()) ?? [];
}

/** The key of `map` that is `id`, or else the one key equal to it regardless of case. */
export function keyIgnoringCase(map: ReadonlyMap<string, unknown>, id: string): string | undefined {
  if (map.has(id)) return id;
  const lower = id.toLowerCase();
  const matches = [...map.keys()].filter((k) => k.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}
