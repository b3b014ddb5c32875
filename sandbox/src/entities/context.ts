/** What a write needs besides the payload: the company, the switches, today's date and URL includes. */
import type { Company, EntityName } from "../company";
import type { Behaviour } from "../config";
import { Faults } from "../errors";
import { getBool, getObj, getStr, isObj, type JsonObject } from "../json";
import { isDate } from "../time";

export interface WriteContext {
  co: Company;
  behaviour: Behaviour;
  /** today's date in Pacific time, the default TxnDate */
  today: string;
  /** `include=` values of the request, e.g. allowduplicatedocnum */
  includes: ReadonlySet<string>;
}

/** Fields the server owns; clients may send them but they are recomputed. */
export const READ_ONLY = ["Id", "SyncToken", "MetaData", "domain", "sparse", "status"];

export function copyWritable(input: JsonObject, readOnly: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === null || READ_ONLY.includes(k) || readOnly.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

export function checkDate(obj: JsonObject, key: string, element = key): void {
  const v = obj[key];
  if (v === undefined) return;
  if (typeof v !== "string" || !isDate(v)) throw Faults.invalidDate(element, String(v));
}

export function bookCloseDate(co: Company): string | undefined {
  return getStr(getObj(co.preferences(), "AccountingInfoPrefs"), "BookCloseDate");
}

/** 6210 when a transaction dated on or before the closing date is written. */
export function checkPeriodOpen(co: Company, ...dates: (string | undefined)[]): void {
  const close = bookCloseDate(co);
  if (!close) return;
  for (const d of dates) if (d !== undefined && d <= close) throw Faults.periodClosed();
}

export function otherPref(co: Company, name: string): string | undefined {
  const nv = getObj(co.preferences(), "OtherPrefs")?.["NameValue"];
  if (!Array.isArray(nv)) return undefined;
  for (const x of nv) if (isObj(x) && getStr(x, "Name") === name) return getStr(x, "Value");
  return undefined;
}

/** 6140 for a DocNumber already used by the same transaction type, when WarnDuplicateJournalNumber is on. */
export function checkDuplicateDocNumber(
  ctx: WriteContext,
  entity: EntityName,
  doc: string | undefined,
  id?: string
): void {
  if (doc === undefined || ctx.includes.has("allowduplicatedocnum")) return;
  if (otherPref(ctx.co, "WarnDuplicateJournalNumber") !== "true") return;
  for (const t of ctx.co.table(entity).values()) {
    if (getStr(t, "DocNumber") === doc && getStr(t, "Id") !== id)
      throw Faults.duplicateDocNum(doc, entity);
  }
}

export function checkDocNumber(obj: JsonObject): void {
  const doc = obj["DocNumber"];
  if (doc === undefined) return;
  if (typeof doc !== "string") throw Faults.invalidProperty("DocNumber");
  if (doc.length > 21) throw Faults.stringLength("DocNumber", 21);
}

export function prefFlag(co: Company, group: string, name: string): boolean {
  return getBool(getObj(co.preferences(), group), name) === true;
}
