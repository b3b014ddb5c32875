// `npm run bench`: runs every bench/*.bench.ts module in a fixed order (core first, then the known
// modules, then any others alphabetically). Each module exports `async function run(): Promise<void>`
// that prints its own figures. A failing module is reported and the rest still run. Names given
// (`npm run bench -- hosted connector`) run only those modules.
import { readdirSync } from "node:fs";
import { join } from "node:path";

const ORDER = ["core", "functions", "connector", "sandbox"];

interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => f.slice(0, -".bench.ts".length))
    .filter((n) => only.length === 0 || only.includes(n));
  const rank = (n: string): number => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  console.log(
    `bench ${new Date().toISOString()} node ${process.version} ${process.platform}/${process.arch}`
  );
  let failed = 0;
  for (const name of names) {
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
