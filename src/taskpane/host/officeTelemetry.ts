/**
 * Outside Office, office.js still starts its telemetry relay: three seconds after it loads it frames
 * telemetryservice.firstpartyapps.oaspapps.com, which the backend's Content-Security-Policy refuses (a console
 * error in every browser-mode session). Outside Office there is nothing to report, so the relay is told its frame
 * is already there. Inside Office nothing is touched. Every step checks what office.js holds, so a later office.js
 * without this relay is left as it is.
 */
export function stopOfficeTelemetryRelay(win: object): boolean {
  const osf: unknown = Reflect.get(win, "OSF");
  const logger = field(osf, "Logger");
  const endpoint = field(logger, "ulsEndpoint");
  if (typeof endpoint !== "object" || endpoint === null) return false;
  if (typeof Reflect.get(endpoint, "loadProxyFrame") !== "function") return false;
  Reflect.set(endpoint, "loadProxyFrame", () => undefined);
  return true;
}

function field(o: unknown, key: string): unknown {
  return typeof o === "object" && o !== null ? Reflect.get(o, key) : undefined;
}
