/**
 * `npm run sandbox -- --port 0 [--companies N] [--seed N] [--invoices N] [--data FILE] [--auto-approve] [--no-throttle]
 *   [--client-id ID --client-secret S --redirect-uri URI ...] [--realm-id ID] [--company-name NAME]
 *   [--reference-date YYYY-MM-DD] [--now ISO] [--rotation-window SECONDS] [--refresh-grace SECONDS]
 *   [--company demo|history] [--latency-ms MS]
 *   [--webhook-url URL --webhook-verifier TOKEN [--webhook-format cloudevents|legacy] [--webhook-ca PEM-FILE]]`
 * The first line of output is the URL.
 */
import { readFileSync } from "node:fs";

import { startSandbox, type ClientRegistration, type SandboxOptions } from "./index";
import type { Behaviour } from "./src/config";
import type { JsonObject } from "./src/json";
import { webhookTargetFrom } from "./src/webhookTarget";

function usage(msg: string): never {
  process.stderr.write(`sandbox: ${msg}\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]): SandboxOptions {
  const opts: SandboxOptions = {};
  const behaviour: Partial<Behaviour> = {};
  const clients: ClientRegistration[] = [];
  const webhook: JsonObject = {};
  const current = (): ClientRegistration => {
    const c = clients[clients.length - 1];
    if (!c) usage("--client-secret and --redirect-uri must follow --client-id");
    return c;
  };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) usage(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    const eq = flag.indexOf("=");
    const name = eq > 0 ? flag.slice(0, eq) : flag;
    const value = (): string => {
      if (eq > 0) return flag.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) usage(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case "--port":
        opts.port = num(name, value());
        break;
      case "--host":
        opts.host = value();
        break;
      case "--seed":
        opts.seed = num(name, value());
        break;
      case "--invoices":
        opts.invoices = num(name, value());
        break;
      case "--companies": {
        const n = num(name, value());
        if (!Number.isInteger(n) || n < 1) usage("--companies needs a whole number of at least 1");
        opts.companies = n;
        break;
      }
      case "--data":
        opts.dataFile = value();
        break;
      case "--auto-approve":
        opts.autoApprove = true;
        break;
      case "--no-throttle":
        opts.throttle = false;
        break;
      case "--throttle":
        opts.throttle = !["off", "false", "0"].includes(value());
        break;
      case "--client-id":
        clients.push({ clientId: value(), clientSecret: "", redirectUris: [] });
        break;
      case "--client-secret":
        current().clientSecret = value();
        break;
      case "--redirect-uri":
        current().redirectUris.push(value());
        break;
      case "--realm-id":
        opts.realmId = value();
        break;
      case "--company-name":
        opts.companyName = value();
        break;
      case "--company": {
        const c = value();
        if (c !== "demo" && c !== "history")
          usage(`--company must be demo or history, not ${JSON.stringify(c)}`);
        opts.company = c;
        break;
      }
      case "--reference-date":
        opts.referenceDate = value();
        break;
      case "--now":
        opts.now = value();
        break;
      case "--rotation-window":
        behaviour.rotationWindowSeconds = num(name, value());
        break;
      case "--refresh-grace":
        behaviour.refreshGraceSeconds = num(name, value());
        break;
      case "--webhook-url":
        webhook["url"] = value();
        break;
      case "--webhook-verifier":
        webhook["verifierToken"] = value();
        break;
      case "--webhook-format":
        webhook["format"] = value();
        break;
      case "--webhook-ca":
        webhook["ca"] = readFileSync(value(), "utf8");
        break;
      case "--latency-ms":
        behaviour.latencyMs = num(name, value());
        break;
      case "--json-always":
        behaviour.xmlUnlessJson = false;
        break;
      case "--help":
        process.stdout.write(
          "usage: npm run sandbox -- [--port N] [--companies N] [--seed N] [--invoices N] [--data FILE] [--auto-approve] [--no-throttle]\n" +
            "  [--client-id ID --client-secret S --redirect-uri URI]... [--realm-id ID] [--company-name NAME]\n" +
            "  [--reference-date YYYY-MM-DD] [--now ISO] [--rotation-window S] [--refresh-grace S] [--json-always]\n" +
            "  [--company demo|history]\n" +
            "  [--webhook-url URL --webhook-verifier TOKEN [--webhook-format cloudevents|legacy] [--webhook-ca PEM-FILE]]\n"
        );
        process.exit(0);
        break;
      default:
        usage(`unknown option ${flag}`);
    }
  }
  if (clients.length > 0) {
    for (const c of clients) {
      if (!c.clientSecret || c.redirectUris.length === 0)
        usage(`client ${c.clientId} needs --client-secret and --redirect-uri`);
    }
    opts.clients = clients;
  }
  if (Object.keys(behaviour).length > 0) opts.behaviour = behaviour;
  if (Object.keys(webhook).length > 0) {
    const target = webhookTargetFrom(webhook);
    if (typeof target === "string") usage(`--webhook-url: ${target}`);
    if (target !== undefined) opts.webhooks = target;
  }
  return opts;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const sb = await startSandbox(opts);
  process.stdout.write(`${sb.url}\n`);
  const s = sb.sandbox.seedSummary;
  const realms = [...sb.sandbox.companies.keys()];
  process.stdout.write(
    (realms.length === 1
      ? `QuickBooks Online sandbox: realmId ${sb.realmId}, `
      : `QuickBooks Online sandbox: ${realms.length} companies, realmIds ${sb.realmId} to ${realms[realms.length - 1] ?? ""}, each with `) +
      (s
        ? `${s.invoices} invoices, ${s.creditMemos} credit memos, books closed through ${s.bookCloseDate}`
        : sb.sandbox.historySummary
          ? `the company with history, books closed through ${sb.sandbox.historySummary.bookCloseDate}`
          : `state loaded from ${opts.dataFile ?? ""}`) +
      `, started in ${Date.now() - t0} ms\n`
  );
  const stop = (): void => {
    sb.close().then(
      () => process.exit(0),
      () => process.exit(1)
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
