/**
 * A backend killed in the middle of a token-store write leaves its temp file behind; the next start removes it, and
 * only it: not another running writer's temp file, not anything else in the data folder.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { connect, startTestServer } from "./helpers";

/** Above Linux's largest pid (4194304): no process can have it. */
const DEAD_PID = 999_999_999;

it("removes temp files of killed store writes at start, and leaves everything else", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "revrec-leftovers-"));
  try {
    const leftovers = [
      `tokens.enc.json.${DEAD_PID}.0123456789ab.tmp`,
      `tokens.enc.json.${DEAD_PID}.ba9876543210.tmp`,
    ];
    const kept = [
      // a write in progress in a process that is still running (this one)
      `tokens.enc.json.${process.pid}.0123456789ab.tmp`,
      // not our pattern
      "tokens.enc.json.bak",
      `tokens.enc.json.${DEAD_PID}.tmp`,
      `other.json.${DEAD_PID}.0123456789ab.tmp`,
      "notes.tmp",
    ];
    for (const name of [...leftovers, ...kept]) writeFileSync(path.join(dir, name), "partial");

    const t = await startTestServer({ dataDir: dir });
    try {
      for (const name of leftovers)
        expect([name, existsSync(path.join(dir, name))]).toEqual([name, false]);
      for (const name of kept)
        expect([name, existsSync(path.join(dir, name))]).toEqual([name, true]);
      // The store works as before: a sign-in is written to it.
      await connect(t);
      expect(readdirSync(dir)).toContain("tokens.enc.json");
    } finally {
      await t.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
