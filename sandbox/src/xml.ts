/** QBO's base format is XML: a generic JSON-to-XML rendering of responses for clients that do not ask for JSON. */
import { isObj, type Json } from "./json";

function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const ATTRIBUTES = new Set([
  "domain",
  "sparse",
  "startPosition",
  "maxResults",
  "totalCount",
  "type",
  "code",
  "element",
  "name",
  "status",
]);

function element(name: string, v: Json): string {
  if (Array.isArray(v)) return v.map((x) => element(name, x)).join("");
  if (v === null) return "";
  if (!isObj(v)) return `<${name}>${esc(String(v))}</${name}>`;
  let attrs = "";
  let inner = "";
  for (const [k, x] of Object.entries(v)) {
    if (
      k === "value" &&
      typeof x === "string" &&
      Object.keys(v).every((y) => y === "value" || y === "name")
    ) {
      inner += esc(x);
    } else if (
      ATTRIBUTES.has(k) &&
      (typeof x === "string" || typeof x === "number" || typeof x === "boolean")
    ) {
      attrs += ` ${k}="${esc(String(x))}"`;
    } else inner += element(k, x);
  }
  return `<${name}${attrs}>${inner}</${name}>`;
}

export function toXml(body: Json): string {
  let inner = "";
  let time = "";
  if (isObj(body)) {
    for (const [k, v] of Object.entries(body)) {
      if (k === "time" && typeof v === "string") time = v;
      else inner += element(k, v);
    }
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${esc(time)}">${inner}</IntuitResponse>`
  );
}
