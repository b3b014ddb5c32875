// A second backend in its own Node process, started by a test with the first backend's configuration (same data
// dir, same sandbox via REVREC_SANDBOX_URL): the two share only what is on disk, as two `npm start`s would.
// Prints "URL <url>" once it listens; stops on SIGTERM. Usage: fork(backendProcess.ts, [JSON env, ISO instant?]);
// the instant, when given, is the backend's clock.
import { loadConfig, startServer } from "../../src/server";

async function main(): Promise<void> {
  const env = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
  const config = loadConfig(env, { cwd: env["REVREC_DATA_DIR"] ?? ".", dotEnvFile: false });
  const at = process.argv[3];
  if (at !== undefined) config.now = () => new Date(at);
  const server = await startServer(config, {});
  process.stdout.write(`URL ${server.url}\n`);
  process.on("SIGTERM", () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
