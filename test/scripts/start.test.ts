// npm start / npm stop: the record of what was started, failure paths, pid reuse and a taken port,
// with the build, backend and sideload steps replaced by a stand-in process.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  alive,
  backendStopped,
  checkPort,
  companyArg,
  excelCannotLoad,
  launch,
  manifestOrigin,
  processStart,
  readState,
  StartError,
  STEPS,
  stopServer,
  writeState,
  type Steps,
} from "../../scripts/start";
import { stopStarted } from "../../scripts/stop";

const WHERE = { url: "https://localhost:39999", host: "127.0.0.1", port: 39999 };
let dir: string;
let file: string;
const started: number[] = [];

/** A process standing in for the backend, in its own process group as npm start makes it. */
function standIn(): number {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  if (child.pid === undefined) throw new Error("could not spawn");
  started.push(child.pid);
  return child.pid;
}

function steps(over: Partial<Steps>): Steps {
  return {
    portFree: async () => undefined,
    build: () => undefined,
    startBackend: async ({ spawned }) => {
      const pid = standIn();
      spawned(pid);
      return pid;
    },
    sideload: () => false,
    served: async () => true,
    ...over,
  };
}

const quiet = { say: () => undefined, complain: () => undefined };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "revrec-start-"));
  file = path.join(dir, "start.json");
});

afterEach(async () => {
  for (const pid of started.splice(0)) if (alive(pid)) await stopServer(pid, 2000);
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start", () => {
  test("records the backend with its start time and prints the served manifest URL", async () => {
    const out = await launch(WHERE, steps({}), file);
    expect(out.manifestUrl).toBe("https://localhost:39999/manifest.xml");
    const state = readState(file);
    expect(state?.serverPid).toBe(out.pid);
    expect(state?.serverStart).toBe(processStart(out.pid));
    expect(
      (await launch(WHERE, steps({ served: async () => false }), file).catch((e) => e)).message
    ).toMatch(/^RevRec is already running/);
  });

  test("no manifest URL when the backend does not serve it", async () => {
    const out = await launch(WHERE, steps({ served: async () => false }), file);
    expect(out.manifestUrl).toBeUndefined();
  });

  test("a failed sideload stops the backend and clears the record", async () => {
    const failing = steps({
      sideload: () => {
        throw new StartError("office-addin-debugging could not sideload the add-in");
      },
    });
    await expect(launch(WHERE, failing, file)).rejects.toThrow(/could not sideload/);
    expect(existsSync(file)).toBe(false);
    expect(started).toHaveLength(1);
    expect(alive(started[0] ?? 0)).toBe(false);
  });

  test("a backend that fails after it was spawned is stopped and the record cleared", async () => {
    let pid = 0;
    const failing = steps({
      startBackend: async ({ spawned }) => {
        pid = standIn();
        spawned(pid);
        expect(readState(file)?.serverPid).toBe(pid); // recorded before it answers
        throw new StartError("The backend did not answer");
      },
    });
    await expect(launch(WHERE, failing, file)).rejects.toThrow(/did not answer/);
    expect(existsSync(file)).toBe(false);
    expect(alive(pid)).toBe(false);
  });

  test("a record of a process that has gone does not block a new start", async () => {
    writeState(
      { serverPid: 2 ** 22 + 7, url: WHERE.url, startedAt: "", log: "", sideloaded: false },
      file
    );
    const out = await launch(WHERE, steps({}), file);
    expect(readState(file)?.serverPid).toBe(out.pid);
  });

  test("a taken port stops npm start before the build, and nothing is started or recorded", async () => {
    // Refuses every connection at once, so the health check does not wait for a TLS answer.
    const holder = net.createServer((socket) => socket.destroy());
    await new Promise<void>((r) => holder.listen({ host: "127.0.0.1", port: 0 }, r));
    const port = (holder.address() as net.AddressInfo).port;
    let built = false;
    let backend = false;
    try {
      const taken = steps({
        portFree: STEPS.portFree,
        build: () => {
          built = true;
        },
        startBackend: async () => {
          backend = true;
          return 0;
        },
      });
      await expect(
        launch({ url: `https://127.0.0.1:${port}`, host: "127.0.0.1", port }, taken, file)
      ).rejects.toThrow(new RegExp(`^Port ${port} is in use`));
    } finally {
      await new Promise((r) => holder.close(r));
    }
    expect([built, backend, existsSync(file)]).toEqual([false, false, false]);
  });

  test("on another port than manifest.xml's, nothing is sideloaded and Excel is said not to work", async () => {
    const manifestAt = manifestOrigin(
      readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8")
    );
    expect(manifestAt).toBe("https://localhost:3000");
    let sideloads = 0;
    const counting = steps({
      sideload: () => {
        sideloads += 1;
        return true;
      },
    });
    const elsewhere = await launch({ ...WHERE, manifestAt }, counting, file);
    expect([elsewhere.excelCanLoad, elsewhere.sideloaded, sideloads]).toEqual([false, false, 0]);
    expect(readState(file)?.sideloaded).toBe(false);
    await stopServer(elsewhere.pid, 2000);
    const same = await launch({ ...WHERE, manifestAt: "https://localhost:39999" }, counting, file);
    expect([same.excelCanLoad, same.sideloaded, sideloads]).toEqual([true, true, 1]);
    expect(excelCannotLoad("https://localhost:3000", WHERE.url)).toMatch(
      /manifest\.xml points Excel at https:\/\/localhost:3000, and the backend is at https:\/\/localhost:39999 .*not rewritten.*default port/
    );
  });

  test("a taken port: 'Port N is in use' with how to choose another, not EADDRINUSE", async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen({ host: "127.0.0.1", port: 0 }, r));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      await expect(checkPort("127.0.0.1", port)).rejects.toThrow(
        new RegExp(`^Port ${port} is in use \\(.*\\)\\. .*REVREC_PORT=\\d+ npm start`)
      );
    } finally {
      await new Promise((r) => holder.close(r));
    }
    await expect(checkPort("127.0.0.1", port)).resolves.toBeUndefined();
    expect(
      backendStopped(1, "Error: listen EADDRINUSE: address already in use 127.0.0.1:3000", 3000)
    ).toMatch(/^Port 3000 is in use \(.*REVREC_PORT=3001/);
    expect(backendStopped(1, "Configuration problem: x", 3000)).toMatch(
      /^The backend stopped \(exit code 1\)/
    );
  });
});

describe("npm start -- --company", () => {
  it("takes the sandbox's company from --company NAME or --company=NAME, and refuses another name", () => {
    expect(companyArg([])).toBeUndefined();
    expect(companyArg(["--company", "history"])).toBe("history");
    expect(companyArg(["--company=demo"])).toBe("demo");
    expect(() => companyArg(["--company", "harbor"])).toThrow(
      '--company must be demo or history, not "harbor": npm start -- --company history'
    );
    expect(() => companyArg(["--company"])).toThrow('--company must be demo or history, not ""');
  });
});

describe("npm stop", () => {
  test("stops the recorded backend and clears the record", async () => {
    const { pid } = await launch(WHERE, steps({}), file);
    expect(await stopStarted(file, quiet.say, quiet.complain)).toBe(0);
    expect(alive(pid)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  test("leaves a process alone when the recorded pid now belongs to another one", async () => {
    const other = standIn();
    writeState(
      {
        serverPid: other,
        serverStart: "proc:1", // what a recycled pid looks like: same number, another start time
        url: WHERE.url,
        startedAt: "",
        log: "",
        sideloaded: false,
      },
      file
    );
    const said: string[] = [];
    expect(await stopStarted(file, (l) => said.push(l), quiet.complain)).toBe(0);
    expect(alive(other)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(said.join("\n")).toMatch(/belongs to another process, which was left alone/);
  });
});
