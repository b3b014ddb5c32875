/** A webhook target from the control route's JSON body: `{url, verifierToken, format?, ca?}`, or `{url: null}` for off. */
import { getStr, type JsonObject } from "./json";
import type { WebhookTarget } from "./webhooks";

export function webhookTargetFrom(b: JsonObject): WebhookTarget | undefined | string {
  if (b["url"] === null) return undefined;
  const url = getStr(b, "url");
  if (url === undefined) return "url must be an http(s) URL, or null to turn webhooks off";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `url is not a URL: "${url}"`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return `url must be http or https, got "${parsed.protocol}"`;
  const verifierToken = getStr(b, "verifierToken");
  if (verifierToken === undefined || verifierToken === "")
    return "verifierToken is required (the key of the intuit-signature HMAC)";
  const format = b["format"] ?? "cloudevents";
  if (format !== "cloudevents" && format !== "legacy")
    return 'format must be "cloudevents" or "legacy"';
  const target: WebhookTarget = { url, verifierToken, format };
  const ca = getStr(b, "ca");
  if (ca !== undefined) target.ca = ca;
  return target;
}
