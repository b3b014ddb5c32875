// `npm run bench`: runs every bench/*.bench.ts module in a fixed order (core first, then the known
// modules, then any others alphabetically). Each module exports `async function run(): Promise<void>`
// that prints its own figures. A failing module is reported and the rest still run. Names given after `--`
// (`npm run bench -- hosted functions`) run only those modules, in the order given.
import { readdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

const ORDER = ["core", "functions", "connector", "sandbox"];

interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const names = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => f.slice(0, -".bench.ts".length));
  const rank = (n: string): number => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length > 0) {
    console.log(`no bench named ${unknown.join(", ")}; there are ${names.join(", ")}`);
    process.exitCode = 2;
    return;
  }
  console.log(
    `bench ${new Date().toISOString()} node ${process.version} ${process.platform}/${process.arch}, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${cpus().length} cores`
  );
  let failed = 0;
  for (const name of wanted.length > 0 ? wanted : names) {
    console.log(`\n== ${name} ==`);
    try {
      const mod = (await import(join(__dirname, `${name}.bench.ts`))) as BenchModule;
      await mod.run();
    } catch (error) {
      failed++;
      console.log(`${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
