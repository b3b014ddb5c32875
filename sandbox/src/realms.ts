/**
 * The companies one sandbox holds (`--companies N`), as one Intuit developer account holds several sandbox companies:
 * each has its own realmId, entities, ledger, CDC and requestid memory, and is seeded on its own. The first is the
 * company a one-company sandbox has, with the same realmId, name and data, so the default is unchanged.
 */
import type { Behaviour } from "./config";
import type { Clock } from "./clock";
import { Company } from "./company";
import { seedHistory, type HistorySummary } from "./history";
import { seedCompany, type SeedOptions, type SeedSummary } from "./seed";

/** The demo's seed options (company i is seeded with `seed + i`, so each has data of its own), and how many companies. */
export interface RealmSeed extends SeedOptions {
  /** how many companies (at least 1) */
  companies: number;
  /** the first company's realmId; the others count up from it (or get a suffix when it is not a number) */
  realmId: string;
  kind: "demo" | "history";
}

export interface SeededRealms {
  companies: Company[];
  /** the first company's seed summary (every demo company has `invoices` invoices) */
  seedSummary: SeedSummary | undefined;
  historySummary: HistorySummary | undefined;
}

/** The realmId of the company at `index` (0 is the first). */
export function realmIdAt(first: string, index: number): string {
  if (index === 0) return first;
  return /^\d+$/.test(first) ? (BigInt(first) + BigInt(index)).toString() : `${first}-${index + 1}`;
}

/** The name of the company at `index`: the first keeps the name; the others are numbered, so a picker tells them apart. */
export function companyNameAt(name: string, index: number): string {
  return index === 0 ? name : `${name} #${index + 1}`;
}

export function seedRealms(clock: Clock, behaviour: Behaviour, opts: RealmSeed): SeededRealms {
  if (!Number.isInteger(opts.companies) || opts.companies < 1)
    throw new Error(`companies must be a whole number of at least 1, not ${opts.companies}`);
  const out: SeededRealms = { companies: [], seedSummary: undefined, historySummary: undefined };
  for (let i = 0; i < opts.companies; i++) {
    const co = new Company(realmIdAt(opts.realmId, i), clock);
    if (opts.kind === "history") {
      const summary = seedHistory(co, behaviour);
      if (i === 0) out.historySummary = summary;
      else {
        const info = co.companyInfo();
        info["CompanyName"] = companyNameAt(String(info["CompanyName"]), i);
      }
    } else {
      const summary = seedCompany(co, behaviour, {
        seed: opts.seed + i,
        invoices: opts.invoices,
        referenceDate: opts.referenceDate,
        companyName: companyNameAt(opts.companyName, i),
        ...(opts.homeCurrency === undefined ? {} : { homeCurrency: opts.homeCurrency }),
        ...(opts.multiCurrency === undefined ? {} : { multiCurrency: opts.multiCurrency }),
      });
      if (i === 0) out.seedSummary = summary;
    }
    out.companies.push(co);
  }
  return out;
}
