// `npm stop`: stops what `npm start` started (the backend, and the sideloaded add-in on Windows/macOS).
// It signals the backend only while its pid still belongs to the process `npm start` recorded.
import { spawnSync } from "node:child_process";
import path from "node:path";
import {
  alive,
  clearState,
  debuggingFailed,
  readState,
  recordedBackend,
  ROOT,
  STATE_FILE,
  stopServer,
} from "./start";

/** Stops what the record in `file` names; the exit code for `npm stop`. */
export async function stopStarted(
  file = STATE_FILE,
  say: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  complain: (line: string) => void = (l) => process.stderr.write(`${l}\n`)
): Promise<number> {
  const state = readState(file);
  if (!state) {
    say("Nothing to stop: npm start has not started RevRec here (no .revrec/start.json).");
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
    say(output.trimEnd());
    if (debuggingFailed(r.status, output)) {
      complain("office-addin-debugging could not unload the add-in (output above).");
      rc = 1;
    }
  }
  const backend = recordedBackend(state);
  if (backend === "ours") {
    await stopServer(state.serverPid);
    if (alive(state.serverPid)) {
      complain(`The backend (pid ${state.serverPid}) did not stop.`);
      return 1;
    }
    say(`Stopped the backend (pid ${state.serverPid}, ${state.url}).`);
  } else if (backend === "other") {
    say(
      `The backend (pid ${state.serverPid}) is not running any more; that pid now belongs to another process, which was left alone.`
    );
  } else {
    say(`The backend (pid ${state.serverPid}) was not running any more.`);
  }
  clearState(file);
  return rc;
}

if (require.main === module) {
  stopStarted().then(
    (rc) => process.exit(rc),
    (e: unknown) => {
      process.stderr.write(`npm stop failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    }
  );
}
