/**
 * Reading QuickBooks' error bodies, in all the shapes they come in (../shared/reference/qbo-api.md §5):
 * the standard `{"Fault":{"Error":[...],"type"}}` (usually HTTP 400, sometimes HTTP 200), the lower-case
 * `{"fault":{"error":[...]}}` of 401/403 answers, the XML `<IntuitResponse><Fault>` of 429 (even when JSON was
 * asked for), and HTML or empty bodies from 5xx.
 */
import { QboError, type QboErrorKind, type QboFaultDetail } from "../errors";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: Json | undefined): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/** Errors from a JSON Fault object in either capitalisation. Returns undefined when there is no fault. */
export function faultFromJson(
  body: unknown
): { type: string; errors: QboFaultDetail[] } | undefined {
  if (!isObject(body)) return undefined;
  const fault = body["Fault"] ?? body["fault"];
  if (!isObject(fault)) return undefined;
  const list = fault["Error"] ?? fault["error"];
  const errors: QboFaultDetail[] = [];
  if (Array.isArray(list)) {
    for (const e of list) {
      if (!isObject(e)) continue;
      const element = str(e["element"]);
      const d: QboFaultDetail = {
        code: str(e["code"]),
        message: str(e["Message"] ?? e["message"]),
        detail: str(e["Detail"] ?? e["detail"]),
      };
      if (element !== "") d.element = element;
      errors.push(d);
    }
  }
  return { type: str(fault["type"]), errors };
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Errors from an XML `<Fault>` (the throttle body). */
export function faultFromXml(text: string): { type: string; errors: QboFaultDetail[] } | undefined {
  const fault = /<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/i.exec(text);
  if (fault === null) return undefined;
  const type = /type="([^"]*)"/i.exec(fault[1] ?? "")?.[1] ?? "";
  const errors: QboFaultDetail[] = [];
  const re = /<Error\b([^>]*)>([\s\S]*?)<\/Error>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fault[2] ?? "")) !== null) {
    const attrs = m[1] ?? "";
    const inner = m[2] ?? "";
    const element = /element="([^"]*)"/i.exec(attrs)?.[1];
    const d: QboFaultDetail = {
      code: /code="([^"]*)"/i.exec(attrs)?.[1] ?? "",
      message: decodeXml(/<Message>([\s\S]*?)<\/Message>/i.exec(inner)?.[1] ?? ""),
      detail: decodeXml(/<Detail>([\s\S]*?)<\/Detail>/i.exec(inner)?.[1] ?? ""),
    };
    if (element !== undefined && element !== "") d.element = element;
    errors.push(d);
  }
  return { type, errors };
}

/** "message=ThrottleExceeded; errorCode=003001; statusCode=429" → "ThrottleExceeded". */
function cleanMessage(message: string): string {
  const m = /message=([^;]+)/.exec(message);
  return (m?.[1] ?? message).trim();
}

function kindFor(
  status: number,
  errors: readonly QboFaultDetail[],
  faultType: string
): QboErrorKind {
  const codes = errors.map((e) => e.code.replace(/^0+/, ""));
  const text = errors.map((e) => `${e.message} ${e.detail}`).join(" ");
  if (status === 429 || codes.includes("3001") || /ThrottleExceeded/i.test(text)) return "throttle";
  if (status === 401 || codes.includes("3200") || /AuthenticationFailed/i.test(text)) return "auth";
  if (status === 403 || codes.includes("3100")) return "forbidden";
  if (status >= 500) return "server";
  if (/^system/i.test(faultType) || codes.includes("10000"))
    return status === 0 || status >= 500 ? "server" : "validation";
  if (status >= 400 || errors.length > 0) return "validation";
  return "protocol";
}

/**
 * Turn a non-success answer (or a 200 carrying a Fault) into a QboError.
 * `json` is the parsed body when it parsed as JSON.
 */
export function errorFromResponse(
  status: number,
  text: string,
  json: unknown,
  intuitTid: string | undefined
): QboError {
  const parsed = faultFromJson(json) ?? faultFromXml(text);
  const errors = parsed?.errors ?? [];
  const faultType = parsed?.type;
  const first = errors[0];
  const kind = kindFor(status, errors, faultType ?? "");
  const fallbackMessage =
    kind === "server"
      ? `QuickBooks server error (HTTP ${status})`
      : kind === "throttle"
        ? "ThrottleExceeded"
        : kind === "auth"
          ? "AuthenticationFailed"
          : `HTTP ${status}`;
  return new QboError({
    kind,
    status,
    code: first?.code.replace(/^0+(?=\d)/, "") ?? String(status),
    message:
      first !== undefined && first.message !== "" ? cleanMessage(first.message) : fallbackMessage,
    detail: first?.detail ?? (kind === "server" ? text.slice(0, 200) : ""),
    element: first?.element,
    faultType,
    intuitTid,
    errors: errors.map((e) => ({ ...e, code: e.code.replace(/^0+(?=\d)/, "") })),
  });
}
