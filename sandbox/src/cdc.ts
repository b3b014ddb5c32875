/** Change data capture: full entities changed since a time, "Deleted" stubs, a 30-day limit, at most 1000 objects. */
import { entityFromName, type Company, type EntityName } from "./company";
import { Faults, QboError } from "./errors";
import { getObj, getStr, type JsonObject } from "./json";
import type { Behaviour } from "./config";
import { pacificIso, parseInstant } from "./time";

export function changeDataCapture(
  co: Company,
  behaviour: Behaviour,
  params: URLSearchParams
): JsonObject {
  const list = params.get("entities");
  if (!list) throw Faults.required("entities");
  const since = params.get("changedSince");
  if (!since) throw Faults.required("changedSince");
  const sinceMs = parseInstant(since);
  if (sinceMs === undefined) throw Faults.invalidDate("changedSince", since);
  const now = co.clock.now();
  if (now - sinceMs > behaviour.cdcLookbackDays * 86_400_000) {
    throw new QboError(
      "4001",
      "Invalid query",
      `Operation cdc with changedSince date ${since} which is older than fixed days is not supported.`,
      "changedSince"
    );
  }
  const entities: EntityName[] = [];
  for (const name of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const e = entityFromName(name);
    if (!e) throw Faults.queryParse(`Invalid context declaration : ${name}`);
    if (!entities.includes(e)) entities.push(e);
  }
  let budget = behaviour.cdcMaxObjects;
  const responses: JsonObject[] = [];
  for (const e of entities) {
    if (behaviour.cdcLimitScope === "entity") budget = behaviour.cdcMaxObjects;
    const changed: { at: number; obj: JsonObject }[] = [];
    for (const obj of co.table(e).values()) {
      const t = parseInstant(getStr(getObj(obj, "MetaData"), "LastUpdatedTime") ?? "");
      if (t !== undefined && t >= sinceMs) changed.push({ at: t, obj });
    }
    for (const d of co.deletions) {
      if (d.entity === e && d.at >= sinceMs) {
        changed.push({
          at: d.at,
          obj: {
            domain: "QBO",
            status: "Deleted",
            Id: d.id,
            MetaData: { LastUpdatedTime: pacificIso(d.at) },
          },
        });
      }
    }
    changed.sort((a, b) => a.at - b.at);
    const page = changed.slice(0, Math.max(0, budget)).map((c) => c.obj);
    budget -= page.length;
    if (page.length === 0) continue;
    responses.push({
      [e]: page,
      startPosition: 1,
      maxResults: page.length,
      totalCount: page.length,
    });
  }
  return { CDCResponse: [{ QueryResponse: responses }] };
}
