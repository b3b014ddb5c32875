// `npm stop`: stops what `npm start` started (the backend, and the sideloaded add-in on Windows/macOS).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { alive, clearState, debuggingFailed, readState, ROOT, stopServer } from "./start";

async function main(): Promise<number> {
  const state = readState();
  if (!state) {
    process.stdout.write(
      "Nothing to stop: npm start has not started RevRec here (no .revrec/start.json).\n"
    );
    return 0;
  }
  let rc = 0;
  if (state.sideloaded) {
    const cli = path.join(ROOT, "node_modules/office-addin-debugging/cli.js");
    const r = spawnSync(process.execPath, [cli, "stop", path.join(ROOT, "manifest.xml")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    process.stdout.write(output);
    if (debuggingFailed(r.status, output)) {
      process.stderr.write("office-addin-debugging could not unload the add-in (output above).\n");
      rc = 1;
    }
  }
  if (alive(state.serverPid)) {
    await stopServer(state.serverPid);
    if (alive(state.serverPid)) {
      process.stderr.write(`The backend (pid ${state.serverPid}) did not stop.\n`);
      return 1;
    }
    process.stdout.write(`Stopped the backend (pid ${state.serverPid}, ${state.url}).\n`);
  } else {
    process.stdout.write(`The backend (pid ${state.serverPid}) was not running any more.\n`);
  }
  clearState();
  return rc;
}

main().then(
  (rc) => process.exit(rc),
  (e: unknown) => {
    process.stderr.write(`npm stop failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
);
