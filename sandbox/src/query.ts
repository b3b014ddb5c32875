/** Running a parsed query against a company: filterable-field checks, inactive records hidden, paging. */
import { NAME_LISTS, type Company, type EntityName, ENTITY_NAMES } from "./company";
import { Faults } from "./errors";
import { isObj, type Json, type JsonObject } from "./json";
import { parseQuery, type Condition, type Value } from "./query-parser";
import { parseInstant } from "./time";

const COMMON = ["Id", "MetaData.CreateTime", "MetaData.LastUpdatedTime"];
/** The sales forms' filterable fields (Invoice adds DueDate; receipts are paid, so have no Balance to filter). */
const SALES = [
  ...COMMON,
  "DocNumber",
  "TxnDate",
  "CustomerRef",
  "ClassRef",
  "DepartmentRef",
  "TotalAmt",
];
const FILTERABLE: Record<EntityName, string[]> = {
  Invoice: [...SALES, "DueDate", "Balance"],
  CreditMemo: [...SALES, "Balance"],
  SalesReceipt: SALES,
  RefundReceipt: SALES,
  JournalEntry: [...COMMON, "DocNumber", "TxnDate"],
  Customer: [
    ...COMMON,
    "DisplayName",
    "GivenName",
    "FamilyName",
    "CompanyName",
    "PrimaryEmailAddr",
    "Active",
    "Balance",
    "FullyQualifiedName",
    "Job",
  ],
  Vendor: [...COMMON, "DisplayName", "GivenName", "FamilyName", "CompanyName", "Active", "Balance"],
  Item: [...COMMON, "Name", "Active", "Type", "Sku", "FullyQualifiedName"],
  Account: [
    ...COMMON,
    "Name",
    "AccountType",
    "AccountSubType",
    "Classification",
    "Active",
    "CurrentBalance",
    "FullyQualifiedName",
    "AcctNum",
    "SubAccount",
  ],
  Class: [...COMMON, "Name", "Active", "FullyQualifiedName"],
  Department: [...COMMON, "Name", "Active", "FullyQualifiedName"],
  CompanyInfo: [],
  Preferences: [],
};

/** Looks a dotted path up case-insensitively; refs compare by their value. */
function lookup(obj: JsonObject, path: string): Json | undefined {
  let cur: Json | undefined = obj;
  for (const seg of path.split(".")) {
    if (!isObj(cur)) return undefined;
    const lower = seg.toLowerCase();
    const key: string | undefined = Object.keys(cur).find((k) => k.toLowerCase() === lower);
    cur = key === undefined ? undefined : cur[key];
  }
  if (isObj(cur) && "value" in cur) return cur["value"];
  if (isObj(cur) && "Address" in cur) return cur["Address"];
  return cur;
}

function compare(a: Json | undefined, b: Value, field: string): number | undefined {
  if (a === undefined || a === null) return undefined;
  if (/metadata\./i.test(field) && typeof a === "string" && typeof b === "string") {
    const x = parseInstant(a);
    const y = parseInstant(b);
    if (x === undefined || y === undefined)
      throw Faults.queryInvalid(`invalid date time value '${b}' for ${field}`);
    return x - y;
  }
  if (typeof a === "number") {
    const y = typeof b === "number" ? b : Number(b);
    return Number.isNaN(y) ? undefined : a - y;
  }
  if (typeof a === "boolean") return a === (b === true || b === "true") ? 0 : 1;
  if (typeof a === "string") {
    const y = String(b);
    if (/^\d+$/.test(a) && /^\d+$/.test(y) && /(^|\.)(id|.*ref)$/i.test(field)) {
      return a.length - y.length || (a < y ? -1 : a > y ? 1 : 0);
    }
    return a < y ? -1 : a > y ? 1 : 0;
  }
  return undefined;
}

function likeRegex(pattern: string): RegExp {
  const esc = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*");
  return new RegExp(`^${esc}$`, "i");
}

function matches(obj: JsonObject, c: Condition): boolean {
  const v = lookup(obj, c.field);
  switch (c.op) {
    case "IN":
      return c.values.some((x) =>
        x === " " || x === "" ? v === undefined || v === null : compare(v, x, c.field) === 0
      );
    case "LIKE":
      return typeof v === "string" && likeRegex(String(c.values[0])).test(v);
    default: {
      const r = compare(v, c.values[0] ?? "", c.field);
      if (r === undefined) return false;
      if (c.op === "=") return r === 0;
      if (c.op === "<") return r < 0;
      if (c.op === ">") return r > 0;
      if (c.op === "<=") return r <= 0;
      return r >= 0;
    }
  }
}

function byId(a: JsonObject, b: JsonObject): number {
  const x = String(a["Id"]);
  const y = String(b["Id"]);
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

export const MAX_RESULTS = 1000;

export function runQuery(co: Company, sql: string): JsonObject {
  const q = parseQuery(sql);
  const entity = ENTITY_NAMES.find((e) => e === q.entity);
  if (!entity) throw Faults.queryParse(`Invalid context declaration : ${q.entity}`);
  const allowed = FILTERABLE[entity].map((f) => f.toLowerCase());
  const known = (field: string): boolean =>
    allowed.includes(field.toLowerCase().replace(/\.value$/, ""));
  for (const c of q.where) {
    if (!known(c.field)) throw Faults.queryInvalid(`property '${c.field}' is not queryable`);
  }
  for (const o of q.orderBy) {
    if (!known(o.field)) throw Faults.queryInvalid(`property '${o.field}' is not sortable`);
  }
  if (q.maxResults !== undefined && q.maxResults > MAX_RESULTS) {
    throw Faults.queryInvalid(
      `value ${q.maxResults} is too large. Max allowed value is ${MAX_RESULTS}`
    );
  }
  let rows = co.list(entity);
  if (NAME_LISTS.has(entity) && !q.where.some((c) => c.field.toLowerCase() === "active")) {
    rows = rows.filter((r) => r["Active"] !== false);
  }
  rows = rows.filter((r) => q.where.every((c) => matches(r, c)));
  if (q.count) return { totalCount: rows.length };
  rows.sort(byId);
  for (const o of [...q.orderBy].reverse()) {
    rows.sort((a, b) => {
      const va = lookup(a, o.field);
      const vb = lookup(b, o.field);
      let r: number;
      if (va === undefined || va === null) r = vb === undefined || vb === null ? 0 : -1;
      else if (vb === undefined || vb === null) r = 1;
      else r = compare(va, typeof vb === "object" ? String(vb) : vb, o.field) ?? 0;
      return o.desc ? -r : r;
    });
  }
  const start = Math.max(1, q.startPosition ?? 1);
  const max = q.maxResults ?? 100;
  const page = rows.slice(start - 1, start - 1 + max);
  if (page.length === 0) return {};
  return { [entity]: page, startPosition: start, maxResults: page.length };
}
