/** The data-dir lock file around posting: exclusive, released, taken over from a dead or stuck holder. */
import { existsSync, promises as fsp, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { withFileLock } from "../../src/server/fileLock";

const dir = mkdtempSync(path.join(os.tmpdir(), "revrec-lock-"));

it("runs one holder at a time and removes the file afterwards", async () => {
  const file = path.join(dir, "a.lock");
  const order: string[] = [];
  // The first holder keeps the lock until the second has been refused it: no timing decides the order.
  let entered = (): void => undefined;
  const xEntered = new Promise<void>((resolve) => (entered = resolve));
  let refused = (): void => undefined;
  const yRefused = new Promise<void>((resolve) => (refused = resolve));
  const realOpen = fsp.open.bind(fsp);
  const open = jest.spyOn(fsp, "open").mockImplementation((...args: Parameters<typeof fsp.open>) =>
    realOpen(...args).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") refused();
      throw e;
    })
  );
  try {
    const x = withFileLock(file, { staleMs: 60000, pollMs: 1 }, async () => {
      order.push("x+");
      entered();
      await yRefused;
      order.push("x-");
    });
    await xEntered;
    const y = withFileLock(file, { staleMs: 60000, pollMs: 1 }, async () => {
      order.push("y+");
      order.push("y-");
    });
    await Promise.all([x, y]);
  } finally {
    open.mockRestore();
  }
  expect(order.join(" ")).toBe("x+ x- y+ y-");
  expect(existsSync(file)).toBe(false);
});

it("takes over a lock whose holder process is gone, or that is older than staleMs", async () => {
  const dead = path.join(dir, "dead.lock");
  writeFileSync(dead, JSON.stringify({ pid: 2 ** 22 + 12345, at: Date.now(), token: "t" }));
  await expect(withFileLock(dead, { staleMs: 60000 }, async () => "ran")).resolves.toBe("ran");
  const old = path.join(dir, "old.lock");
  writeFileSync(old, JSON.stringify({ pid: process.ppid, at: Date.now() - 120000, token: "t" }));
  await expect(withFileLock(old, { staleMs: 60000 }, async () => "ran")).resolves.toBe("ran");
});
