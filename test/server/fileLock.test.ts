/** The data-dir lock file around posting: exclusive, released, taken over from a dead or stuck holder. */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { withFileLock } from "../../src/server/fileLock";

const dir = mkdtempSync(path.join(os.tmpdir(), "revrec-lock-"));

it("runs one holder at a time and removes the file afterwards", async () => {
  const file = path.join(dir, "a.lock");
  const order: string[] = [];
  const hold = (name: string): Promise<void> =>
    withFileLock(file, { staleMs: 60000, pollMs: 5 }, async () => {
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, 30));
      order.push(`${name}-`);
    });
  await Promise.all([hold("x"), hold("y")]);
  expect([order.join(" ")]).toContainEqual(
    expect.stringMatching(/^(x\+ x- y\+ y-|y\+ y- x\+ x-)$/)
  );
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
