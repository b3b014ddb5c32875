/**
 * The sandbox's test hooks (`/__sandbox/*`) over real HTTP: a web page cannot drive them (a cross-site `text/plain`
 * post, as any page can send without asking, or any request carrying another site's `Origin`), while tests and tools
 * that send JSON from Node keep working.
 */
import type { RunningSandbox } from "../../sandbox";
import { admin, call, start } from "./helpers";

let sb: RunningSandbox;

beforeAll(async () => {
  sb = await start({ invoices: 1 });
});

afterAll(async () => {
  await sb.close();
});

const faultCount = async (): Promise<number> =>
  ((await admin(sb.url, "GET", "state")).json["faults"] as unknown[]).length;

it("refuses a cross-site text/plain post and does not act on it", async () => {
  const r = await call(`${sb.url}/__sandbox/faults`, {
    method: "POST",
    headers: {
      "content-type": "text/plain",
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "no-cors",
    },
    body: JSON.stringify({ status: 503, count: 100 }),
  });
  expect([r.status, r.json]).toEqual([
    403,
    { error: "The sandbox's test hooks take no requests from web pages." },
  ]);
  expect(await faultCount()).toBe(0);
});

it("refuses another site's requests whichever header says so", async () => {
  for (const headers of [
    { origin: "https://evil.example" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
  ]) {
    const clock = await call(`${sb.url}/__sandbox/clock`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    expect([headers, clock.status]).toEqual([headers, 403]);
    const state = await call(`${sb.url}/__sandbox/state`, { headers });
    expect([headers, state.status]).toEqual([headers, 403]);
  }
});

it("refuses a body that is not JSON, whoever sends it", async () => {
  for (const [type, body] of [
    ["text/plain", '{"status":503}'],
    ["application/x-www-form-urlencoded", "status=503"],
    ["multipart/form-data; boundary=x", "--x--"],
  ]) {
    const r = await call(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": type ?? "" },
      body: body ?? "",
    });
    expect([type, r.status, r.json]).toEqual([
      type,
      415,
      { error: "The sandbox's test hooks take JSON bodies only (Content-Type: application/json)." },
    ]);
  }
  expect(await faultCount()).toBe(0);
});

it("still takes JSON from Node, with no Origin, and its own origin", async () => {
  const added = await admin(sb.url, "POST", "faults", { status: 503, count: 1 });
  expect(added.status).toBe(200);
  expect(await faultCount()).toBe(1);
  const own = await call(`${sb.url}/__sandbox/faults`, {
    method: "DELETE",
    headers: { origin: sb.url },
  });
  expect(own.status).toBe(200);
  expect(await faultCount()).toBe(0);
});
