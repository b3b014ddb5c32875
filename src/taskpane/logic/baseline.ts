import type { Cell } from "../../workbook";
import type { LeftOut } from "./leftOut";

/** A table row by column name. */
export type Row = Record<string, Cell>;

/** What a contract row's rule is applied to, remembered from the sync that wrote it. */
export interface Source {
  item: string;
  serviceDate: string;
  txnDate: string;
  /** The QuickBooks customer id (absent in baselines written before it was kept): credits match on it. */
  customer?: string;
  /** The last line that continues this obligation (its End runs to that line's term), when another line does. */
  continued?: { serviceDate: string; txnDate: string };
}

/**
 * What sync (or the rules) last wrote into the columns an analyst may edit, by table and row key, and the
 * source of each contract row. A cell that differs from what was written was edited, and is kept.
 */
export interface Baseline {
  written: Record<string, Record<string, Row>>;
  sources: Record<string, Source>;
  cursor?: string;
  syncedAt?: string;
  /** Documents the sync left out of the tables (logic/leftOut.ts). */
  leftOut?: LeftOut;
}

/** The workbook setting that holds the baseline. */
export const BASELINE_KEY = "RevRec.SyncBaseline";

export function emptyBaseline(): Baseline {
  return { written: {}, sources: {} };
}

export function parseBaseline(text: string | undefined): Baseline {
  if (!text) return emptyBaseline();
  try {
    const b = JSON.parse(text) as Partial<Baseline>;
    return { ...emptyBaseline(), ...b, written: b.written ?? {}, sources: b.sources ?? {} };
  } catch {
    return emptyBaseline();
  }
}
