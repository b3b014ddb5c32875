/**
 * A second backend in its own Node process (backendProcess.ts), for the tests where two backends post for one
 * company: started with `env` (the first backend's, with whatever differs) and `now` as its clock.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export interface SecondBackend {
  url: string;
  stop(): Promise<void>;
  /** kill -9: no chance to close anything, as when its machine dies. */
  kill(): Promise<void>;
}

export async function startSecondBackend(
  env: Record<string, string>,
  now: string
): Promise<SecondBackend> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "backendProcess.ts"), JSON.stringify(env), now],
    { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "pipe", "inherit"] }
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString("utf8");
      const m = /URL (\S+)/.exec(buf);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`the second backend exited (${String(code)})`)));
  });
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill(signal);
    await exited;
  };
  return { url, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}
