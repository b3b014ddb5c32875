/** The Accounting API v3 routes under /v3/company/{realmId}/: entities, query, batch, cdc, reports. */
import { changeDataCapture } from "./cdc";
import { entityFromName, type Company, type EntityName } from "./company";
import type { Behaviour } from "./config";
import type { WriteContext } from "./entities/context";
import { Faults, QboError } from "./errors";
import { getArr, getStr, isObj, parseJson, type JsonObject } from "./json";
import { create, read, remove, update, voidTxn } from "./operations";
import { runQuery } from "./query";
import { trialBalance } from "./reports";
import { pacificDate, pacificIso } from "./time";
import type { EntityChange } from "./webhooks";

export interface ApiRequest {
  method: string;
  /** path segments after /v3/company/{realmId}/ */
  segments: string[];
  params: URLSearchParams;
  body: string;
  contentType: string;
}

export interface ApiResult {
  status: number;
  body: JsonObject;
  /** whether the request changed state (for requestid, persistence and drop-after-commit) */
  write: boolean;
}

export class Api {
  constructor(
    private readonly co: Company,
    private readonly behaviour: Behaviour,
    /** hears every entity written (the webhooks) */
    private readonly changed: (changes: EntityChange[]) => void = () => undefined
  ) {}

  /** What a write did, from its result: a new record has SyncToken 0; a delete answers status Deleted. */
  private change(entity: EntityName, operation: string, result: JsonObject): EntityChange {
    const sync = getStr(result, "SyncToken");
    return {
      realmId: this.co.realmId,
      entity,
      id: getStr(result, "Id") ?? "",
      operation:
        getStr(result, "status") === "Deleted"
          ? "Delete"
          : operation === "void"
            ? "Void"
            : sync === "0"
              ? "Create"
              : "Update",
      at: this.co.clock.now(),
    };
  }

  private ctx(params: URLSearchParams): WriteContext {
    const includes = new Set(
      (params.get("include") ?? "")
        .toLowerCase()
        .split(",")
        .map((s) => s.trim())
    );
    return {
      co: this.co,
      behaviour: this.behaviour,
      today: pacificDate(this.co.clock.now()),
      includes,
    };
  }

  private envelope(body: JsonObject): JsonObject {
    return { ...body, time: pacificIso(this.co.clock.now(), true) };
  }

  handle(req: ApiRequest): ApiResult {
    try {
      return this.route(req);
    } catch (e) {
      if (e instanceof QboError)
        return { status: e.status, body: this.envelope({ Fault: e.fault() }), write: false };
      throw e;
    }
  }

  private json(body: string): JsonObject {
    const v = parseJson(body);
    if (!isObj(v)) {
      throw new QboError(
        "2010",
        "Request has invalid or unsupported property",
        "Request body is not a JSON object"
      );
    }
    return v;
  }

  private route(req: ApiRequest): ApiResult {
    const [first, second, third] = req.segments;
    const ok = (body: JsonObject, write = false): ApiResult => ({
      status: 200,
      body: this.envelope(body),
      write,
    });
    if (!first) throw Faults.unsupported("Unsupported Operation: no entity in the path");
    const lower = first.toLowerCase();
    if (lower === "query") {
      const sql = req.method === "POST" ? req.body : (req.params.get("query") ?? "");
      if (!sql.trim()) throw Faults.queryParse('Encountered "<EOF>" at line 1, column 1.');
      return ok({ QueryResponse: runQuery(this.co, sql) });
    }
    if (lower === "cdc" && req.method === "GET")
      return ok(changeDataCapture(this.co, this.behaviour, req.params));
    if (lower === "batch" && req.method === "POST") return this.batch(req);
    if (lower === "reports" && req.method === "GET") {
      if (second === "TrialBalance")
        return { status: 200, body: trialBalance(this.co, req.params), write: false };
      throw Faults.unsupported(`Report ${second ?? ""} is not emulated by the sandbox.`);
    }
    const entity = entityFromName(lower);
    if (!entity || third !== undefined)
      throw Faults.unsupported(`Unsupported Operation: ${req.method} ${req.segments.join("/")}`);
    if (req.method === "GET") {
      if (entity === "Preferences" && second === undefined)
        return ok({ Preferences: this.co.preferences() });
      if (second === undefined)
        throw Faults.unsupported("Unsupported Operation: an entity read needs an Id");
      return ok({ [entity]: read(entity, second, this.ctx(req.params)) });
    }
    if (req.method !== "POST" || second !== undefined)
      throw Faults.unsupported(`Unsupported Operation: ${req.method}`);
    const body = this.json(req.body);
    const operation = (req.params.get("operation") ?? "").toLowerCase();
    const result = this.write(entity, operation, body, this.ctx(req.params));
    this.changed([this.change(entity, operation, result)]);
    return ok({ [entity]: result }, true);
  }

  private write(
    entity: EntityName,
    operation: string,
    body: JsonObject,
    ctx: WriteContext
  ): JsonObject {
    if (operation === "delete") return remove(entity, body, ctx);
    // Invoices void with operation=void; sales receipts (like payments) with operation=update&include=void.
    if (operation === "void" || (operation === "update" && ctx.includes.has("void")))
      return voidTxn(entity, body, ctx);
    if (operation === "update" || body["Id"] !== undefined || entity === "Preferences")
      return update(entity, body, ctx);
    if (operation === "" || operation === "create") {
      if (entity === "CompanyInfo")
        throw Faults.unsupported("Operation create is not supported for CompanyInfo.");
      return create(entity, body, ctx);
    }
    throw Faults.unsupported(`Operation ${operation} is not supported.`);
  }

  private batch(req: ApiRequest): ApiResult {
    const body = this.json(req.body);
    const items = getArr(body, "BatchItemRequest");
    if (!items) throw Faults.required("BatchItemRequest");
    if (items.length > this.behaviour.batchMax) throw Faults.batchSize(this.behaviour.batchMax);
    const out: JsonObject[] = [];
    const changes: EntityChange[] = [];
    let wrote = false;
    for (const item of items) {
      if (!isObj(item)) continue;
      const bId = getStr(item, "bId") ?? "";
      try {
        const q = getStr(item, "Query");
        if (q !== undefined) {
          out.push({ bId, QueryResponse: runQuery(this.co, q) });
          continue;
        }
        const key = Object.keys(item).find(
          (k) => entityFromName(k) !== undefined && isObj(item[k])
        );
        const entity = key ? entityFromName(key) : undefined;
        const payload = key ? item[key] : undefined;
        if (!entity || !isObj(payload)) throw Faults.required("BatchItemRequest entity");
        let op = (getStr(item, "operation") ?? "create").toLowerCase();
        if (getStr(item, "optionsData") === "void") op = "void";
        const ctx = this.ctx(req.params);
        const result =
          op === "delete"
            ? remove(entity, payload, ctx)
            : op === "void"
              ? voidTxn(entity, payload, ctx)
              : op === "update"
                ? update(entity, payload, ctx)
                : op === "create"
                  ? create(entity, payload, ctx)
                  : undefined;
        if (!result) throw Faults.unsupported(`Operation ${op} is not supported.`);
        wrote = true;
        changes.push(this.change(entity, op, result));
        out.push({ bId, [entity]: result });
      } catch (e) {
        if (!(e instanceof QboError)) throw e;
        out.push({ bId, Fault: e.fault() });
      }
    }
    this.changed(changes);
    return { status: 200, body: this.envelope({ BatchItemResponse: out }), write: wrote };
  }
}
