/** Resolving `{"value": id}` references: unknown ids give 2500, inactive records 610; names are filled in. */
import type { Company, EntityName } from "../company";
import { Faults } from "../errors";
import { getBool, getObj, getStr, type JsonObject } from "../json";

const NAME_FIELD: Partial<Record<EntityName, string>> = {
  Customer: "DisplayName",
  Vendor: "DisplayName",
  Item: "Name",
  Account: "Name",
  Class: "Name",
  Department: "Name",
};

export function displayName(entity: EntityName, obj: JsonObject): string {
  const f = NAME_FIELD[entity] ?? "Name";
  return getStr(obj, "FullyQualifiedName") ?? getStr(obj, f) ?? "";
}

/**
 * Resolves `holder[key]` against `entity`; returns the referenced record (or undefined when the ref is absent).
 * With `required`, an absent ref is fault 2020.
 */
export function resolveRef(
  co: Company,
  holder: JsonObject | undefined,
  key: string,
  entity: EntityName,
  element: string,
  required = false
): JsonObject | undefined {
  const ref = getObj(holder, key);
  if (!ref || !holder) {
    if (required) throw Faults.required(element);
    return undefined;
  }
  const raw = ref["value"];
  const id = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : undefined;
  if (id === undefined || id === "") {
    if (required) throw Faults.required(`${element}.value`);
    throw Faults.invalidId(`${element}.value`);
  }
  if (!/^\d+$/.test(id)) throw Faults.invalidId(`${element}.value`);
  const target = co.get(entity, id);
  if (!target) throw Faults.invalidRef(entity, id, `${element}.value`);
  if (getBool(target, "Active") === false) throw Faults.inactiveRef(`${element}.value`);
  holder[key] = { value: id, name: displayName(entity, target) };
  return target;
}
