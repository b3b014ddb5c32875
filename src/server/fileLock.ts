/**
 * A lock shared by every backend process that uses the same data dir: a file created with `wx` (fails if it exists)
 * holding the holder's pid and start time. Used around "look the DocNumber up, then create" so that two processes
 * cannot both find nothing and both create (QuickBooks folds only identical creates, by their requestid, and that is
 * not reliable).
 *
 * A lock whose holder process is gone, or that is older than `staleMs`, is taken over. The holder removes only a
 * lock file that still carries its own token, so a holder that outlived `staleMs` does not remove its successor's.
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

interface Holder {
  pid: number;
  at: number;
  token: string;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const v = JSON.parse(text) as Partial<Holder>;
    if (typeof v.pid === "number" && typeof v.at === "number" && typeof v.token === "string")
      return { pid: v.pid, at: v.at, token: v.token };
  } catch {
    // a holder that crashed between creating and writing the file; judged by the file's age below
  }
  return undefined;
}

/** Whether process `pid` exists (whoever owns it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Run `fn` holding the lock file `file`; waits (polling every `pollMs`) while another live holder has it.
 * @internal
 */
export async function withFileLock<T>(
  file: string,
  opts: { staleMs: number; pollMs?: number },
  fn: () => Promise<T>
): Promise<T> {
  const pollMs = opts.pollMs ?? 25;
  const token = randomUUID();
  await fs.mkdir(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      const h = await fs.open(file, "wx");
      try {
        await h.writeFile(JSON.stringify({ pid: process.pid, at: Date.now(), token }));
      } finally {
        await h.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const text = await readOrUndefined(file);
    if (text === undefined) continue; // released meanwhile
    const holder = parseHolder(text);
    let stale: boolean;
    if (holder !== undefined)
      stale =
        (holder.pid !== process.pid && !alive(holder.pid)) || Date.now() - holder.at > opts.staleMs;
    else {
      const st = await fs.stat(file).catch(() => undefined);
      stale = st !== undefined && Date.now() - st.mtimeMs > Math.min(opts.staleMs, 5000);
    }
    // Take over only the lock judged stale: if it changed since it was read, look again.
    if (stale && (await readOrUndefined(file)) === text) {
      await fs.rm(file, { force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  try {
    return await fn();
  } finally {
    const text = await readOrUndefined(file).catch(() => undefined);
    if (text !== undefined && parseHolder(text)?.token === token)
      await fs.rm(file, { force: true }).catch(() => undefined);
  }
}
