// The opaque cursor an incremental sync starts from: the company and the time of the last sync's high-water mark.
import { invalidRequest } from "../errors";

export interface Cursor {
  v: 1;
  realm: string;
  since: string;
}

export function encodeCursor(realm: string, since: string): string {
  return Buffer.from(JSON.stringify({ v: 1, realm, since } satisfies Cursor)).toString("base64url");
}

export function decodeCursor(s: string, realm: string): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    c = undefined;
  }
  const o = (typeof c === "object" && c !== null ? c : {}) as Record<string, unknown>;
  if (
    o["v"] !== 1 ||
    typeof o["since"] !== "string" ||
    Number.isNaN(Date.parse(o["since"])) ||
    typeof o["realm"] !== "string"
  ) {
    throw invalidRequest([
      { path: "cursor", message: "is not a cursor returned by a previous sync" },
    ]);
  }
  if (o["realm"] !== realm)
    throw invalidRequest([{ path: "cursor", message: "belongs to another company" }]);
  return { v: 1, realm, since: o["since"] };
}
