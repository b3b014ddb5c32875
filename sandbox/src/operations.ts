/** Create, read, full and sparse update, delete and void, on top of the entity normalizers. */
import { NAME_LISTS, TRANSACTIONS, type EntityName } from "./company";
import { Faults } from "./errors";
import { checkPeriodOpen, type WriteContext } from "./entities/context";
import { checkFields } from "./entities/fields";
import { normalizeJournal } from "./entities/journal";
import { normalizeNameList } from "./entities/names";
import { normalizeSales, voidInvoice } from "./entities/sales";
import { getStr, isObj, stripNulls, type JsonObject } from "./json";

function normalize(
  entity: EntityName,
  input: JsonObject,
  ctx: WriteContext,
  previous?: JsonObject
): JsonObject {
  if (
    entity === "Invoice" ||
    entity === "CreditMemo" ||
    entity === "SalesReceipt" ||
    entity === "RefundReceipt"
  )
    return normalizeSales(entity, input, ctx, previous);
  if (entity === "JournalEntry") return normalizeJournal(input, ctx, previous);
  if (NAME_LISTS.has(entity)) return normalizeNameList(entity, input, ctx, previous);
  throw Faults.unsupported(`Operation create is not supported for ${entity}.`);
}

function finish(
  entity: EntityName,
  body: JsonObject,
  id: string,
  syncToken: number,
  ctx: WriteContext,
  previous?: JsonObject
): JsonObject {
  const obj: JsonObject = {
    Id: id,
    SyncToken: String(syncToken),
    domain: "QBO",
    sparse: false,
    ...body,
  };
  obj["Id"] = id;
  obj["SyncToken"] = String(syncToken);
  ctx.co.stamp(obj, previous);
  ctx.co.put(entity, obj);
  return obj;
}

function existing(entity: EntityName, input: JsonObject, ctx: WriteContext): JsonObject {
  const id =
    getStr(input, "Id") ?? (typeof input["Id"] === "number" ? String(input["Id"]) : undefined);
  if (!id) throw Faults.required("Id");
  const prev = ctx.co.get(entity, id);
  if (!prev) throw Faults.objectNotFound(entity, id);
  const token = input["SyncToken"];
  if (token === undefined || token === null) throw Faults.required("SyncToken");
  if (String(token) !== getStr(prev, "SyncToken")) throw Faults.stale();
  return prev;
}

export function create(entity: EntityName, raw: JsonObject, ctx: WriteContext): JsonObject {
  const input = stripNulls(raw) as JsonObject;
  if (ctx.behaviour.unknownFields === "error") checkFields(entity, input);
  const body = normalize(entity, input, ctx);
  return finish(entity, body, ctx.co.newId(entity), 0, ctx);
}

export function update(entity: EntityName, raw: JsonObject, ctx: WriteContext): JsonObject {
  const input = stripNulls(raw) as JsonObject;
  if (entity === "Preferences" || entity === "CompanyInfo")
    return updateSettings(entity, input, ctx);
  if (ctx.behaviour.unknownFields === "error") checkFields(entity, input);
  const prev = existing(entity, input, ctx);
  const sparse = input["sparse"] === true || input["sparse"] === "true";
  const merged = sparse ? { ...structuredClone(prev), ...input } : input;
  if (!sparse && NAME_LISTS.has(entity) && merged["Active"] === undefined) merged["Active"] = true;
  const body = normalize(entity, merged, ctx, prev);
  return finish(
    entity,
    body,
    getStr(prev, "Id") ?? "",
    Number(getStr(prev, "SyncToken")) + 1,
    ctx,
    prev
  );
}

function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const out = structuredClone(target);
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = isObj(cur) && isObj(v) ? deepMerge(cur, v) : v;
  }
  return out;
}

function updateSettings(
  entity: "Preferences" | "CompanyInfo",
  input: JsonObject,
  ctx: WriteContext
): JsonObject {
  const prev = entity === "Preferences" ? ctx.co.preferences() : ctx.co.companyInfo();
  const token = input["SyncToken"];
  if (token !== undefined && String(token) !== getStr(prev, "SyncToken")) throw Faults.stale();
  const patch = { ...input };
  for (const k of ["Id", "SyncToken", "MetaData", "domain", "sparse"]) delete patch[k];
  const merged = deepMerge(prev, patch);
  return finish(
    entity,
    merged,
    getStr(prev, "Id") ?? "1",
    Number(getStr(prev, "SyncToken")) + 1,
    ctx,
    prev
  );
}

export function read(entity: EntityName, id: string, ctx: WriteContext): JsonObject {
  const obj = ctx.co.get(entity, id);
  if (!obj) throw Faults.objectNotFound(entity, id);
  return obj;
}

export function remove(entity: EntityName, raw: JsonObject, ctx: WriteContext): JsonObject {
  if (!TRANSACTIONS.has(entity)) {
    throw Faults.unsupported(
      `Operation Delete is not supported for ${entity}; make it inactive instead.`
    );
  }
  const prev = existing(entity, raw, ctx);
  checkPeriodOpen(ctx.co, getStr(prev, "TxnDate"));
  const id = getStr(prev, "Id") ?? "";
  ctx.co.delete(entity, id, ctx.co.clock.now());
  return { status: "Deleted", domain: "QBO", Id: id };
}

export function voidTxn(entity: EntityName, raw: JsonObject, ctx: WriteContext): JsonObject {
  if (entity !== "Invoice" && entity !== "SalesReceipt")
    throw Faults.unsupported(`Operation void is not supported for ${entity}.`);
  const prev = existing(entity, raw, ctx);
  const body = voidInvoice(prev, ctx);
  return finish(
    entity,
    body,
    getStr(prev, "Id") ?? "",
    Number(getStr(prev, "SyncToken")) + 1,
    ctx,
    prev
  );
}
