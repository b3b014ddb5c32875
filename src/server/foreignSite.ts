/**
 * Whether a browser says another web site made a request. Browsers send `Origin` on cross-origin fetches and posts,
 * and `Sec-Fetch-Site` on every request, navigations included (where `Origin` is absent). A request without either
 * header comes from a program, not from a page, and is judged by the route alone.
 */
import type { IncomingHttpHeaders } from "node:http";

const OTHER_SITES = new Set(["cross-site", "same-site"]);

export function fromAnotherSite(headers: IncomingHttpHeaders, origins: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin !== undefined) return !origins.includes(origin);
  const site = headers["sec-fetch-site"];
  return site !== undefined && OTHER_SITES.has(site);
}

/** A top-level page load (the sign-in dialog), which is answered with a page rather than JSON. */
export function isNavigation(headers: IncomingHttpHeaders): boolean {
  return headers["sec-fetch-mode"] === "navigate";
}
