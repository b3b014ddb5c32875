/** `npm run server`: start the backend from the environment and .env. */
import { ConfigError, loadConfig } from "./config";
import { startServer } from "./index";

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const lines = [
    `RevRec backend: ${server.url} (environment: ${config.environment})`,
    server.sandbox !== undefined
      ? `Local QuickBooks sandbox: ${server.sandbox.url} (company ${server.sandbox.realmId})`
      : `QuickBooks API: ${server.apiBase}`,
    `Sign in: ${server.url}/auth/qbo/start`,
  ];
  if (server.trustAdvice !== undefined) lines.push(...server.trustAdvice);
  process.stdout.write(`${lines.join("\n")}\n`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(
    `${e instanceof ConfigError ? `Configuration problem: ${e.message}` : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`
  );
  process.exit(1);
});
