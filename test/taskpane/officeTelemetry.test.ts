import { stopOfficeTelemetryRelay } from "../../src/taskpane/host/officeTelemetry";

/** office.js's relay as it stands: loadProxyFrame adds the telemetry iframe. */
function officeJsWindow() {
  const framed: string[] = [];
  const endpoint = {
    loadProxyFrame: () => {
      framed.push("https://telemetryservice.firstpartyapps.oaspapps.com/");
    },
  };
  return { win: { OSF: { Logger: { ulsEndpoint: endpoint } } }, endpoint, framed };
}

test("the relay's frame is never added once it is stopped (office.js's timer calls loadProxyFrame)", () => {
  const { win, endpoint, framed } = officeJsWindow();
  expect(stopOfficeTelemetryRelay(win)).toBe(true);
  endpoint.loadProxyFrame();
  expect(framed).toEqual([]);
});

test.each([
  ["no office.js", {}],
  ["an office.js with no logger", { OSF: {} }],
  ["a logger with no relay", { OSF: { Logger: { ulsEndpoint: null } } }],
  ["a relay of another shape", { OSF: { Logger: { ulsEndpoint: { loadProxyFrame: 1 } } } }],
])("%s is left as it is", (_, win) => {
  const before = JSON.stringify(win);
  expect(stopOfficeTelemetryRelay(win)).toBe(false);
  expect(JSON.stringify(win)).toBe(before);
});
