/** JSON values as QBO sends them, and small typed accessors for strict TypeScript. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObj(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function getObj(o: JsonObject | undefined, k: string): JsonObject | undefined {
  const v = o?.[k];
  return isObj(v) ? v : undefined;
}

export function getArr(o: JsonObject | undefined, k: string): Json[] | undefined {
  const v = o?.[k];
  return Array.isArray(v) ? v : undefined;
}

export function getStr(o: JsonObject | undefined, k: string): string | undefined {
  const v = o?.[k];
  return typeof v === "string" ? v : undefined;
}

export function getNum(o: JsonObject | undefined, k: string): number | undefined {
  const v = o?.[k];
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function getBool(o: JsonObject | undefined, k: string): boolean | undefined {
  const v = o?.[k];
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/** `{"value": ...}` of a reference field. */
export function refValue(o: JsonObject | undefined, k: string): string | undefined {
  const r = getObj(o, k);
  const v = r?.["value"];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

export function clone<T extends Json>(v: T): T {
  return structuredClone(v);
}

/** QBO omits null and absent fields. */
export function stripNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (isObj(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (x !== null) out[k] = stripNulls(x);
    }
    return out;
  }
  return v;
}

export function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
