/**
 * The test hooks (`/__sandbox/*`) change the emulator's clock, faults and tokens, so a web page must not reach them:
 * a request another site made (its `Origin`, or `Sec-Fetch-Site`) is refused with 403, and a body that is not JSON
 * (a page can post `text/plain` or a form without asking first) with 415. Tests and tools send JSON from Node, with
 * neither header.
 */
import type { IncomingMessage } from "node:http";

export interface ControlRefusal {
  status: 403 | 415;
  error: string;
}

const OTHER_SITES = new Set(["cross-site", "same-site"]);

export function controlRefusal(
  req: IncomingMessage,
  body: string,
  ownOrigin: string
): ControlRefusal | undefined {
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  if (
    (origin !== undefined && origin !== ownOrigin) ||
    (site !== undefined && OTHER_SITES.has(site))
  )
    return { status: 403, error: "The sandbox's test hooks take no requests from web pages." };
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if ((type !== "" || body !== "") && type !== "application/json")
    return {
      status: 415,
      error: "The sandbox's test hooks take JSON bodies only (Content-Type: application/json).",
    };
  return undefined;
}
