// The formulas tool as an analyst runs it: spawned for real, so its help, its exit codes and its messages are
// what a person sees.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

function formulas(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/formulas.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run formulas", () => {
  it("prints its usage for --help and exits 0", () => {
    const run = formulas("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run formulas -- --book BOOK\.json/);
    expect(run.stderr).toBe("");
  });

  it("lists every problem of a book that cannot be read, one a line", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "formulas-"));
    const book = path.join(dir, "book.json");
    const sheet = path.join(dir, "sheet.csv");
    writeFileSync(
      book,
      JSON.stringify({ currency: "USD", contracts: [{ id: "C-1", obligations: [{ id: "O-1" }] }] })
    );
    writeFileSync(sheet, '=REVREC.RECOGNIZED("C-1","2026-03")\n');
    const run = formulas("--book", book, sheet);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`${book}: the book cannot be read:`);
    expect(lines.slice(1)).toEqual([
      "  contracts[0].customer: customer is required.",
      "  contracts[0].obligations[0].price: price is required.",
      "  contracts[0].obligations[0].method: method is required.",
      "  contracts[0].obligations[0].start: start is required.",
    ]);
    expect(run.stderr).not.toContain("more problem");
  });
});
