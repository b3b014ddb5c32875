import { loadBook, BOOK_TABLE_NAMES } from "../logic/book";
import {
  buildReport,
  parseReportsMade,
  reportContracts,
  reportRangeProblems,
  REPORTS_KEY,
} from "../logic/reports";
import type { ReportKind, ReportMade, ReportsMade } from "../logic/reports";
import { buildWaterfall } from "../logic/waterfall";
import { toPaneError } from "../paneError";
import type { PaneContext } from "../state/context";

const REPORT_NAMES: Record<ReportKind, string> = {
  schedule: "schedule",
  waterfall: "waterfall",
  rollforward: "deferred revenue roll-forward",
};

const REPORT_KINDS: readonly ReportKind[] = ["schedule", "waterfall", "rollforward"];

/** The Reports tab: report sheets of REVREC formulas, and keeping their contract rows up to date. */
export class ReportsController {
  constructor(private readonly ctx: PaneContext) {}

  /**
   * Adds a report sheet, or replaces it where it stands when it was added before (bringing a waterfall's
   * contract rows up to date). Rows the tables' problems leave out are listed in reportIssues.
   */
  async add(kind: ReportKind, from: string, to: string): Promise<void> {
    const { store, workbook } = this.ctx;
    const problems = reportRangeProblems(from, to);
    const problem = problems.from ?? problems.to;
    if (problem !== undefined) {
      store.startAction({
        error: {
          message: `The report's months are not valid: ${problem}`,
          action: "Correct From and To on the Reports tab, then add the report again.",
        },
      });
      return;
    }
    store.startAction({ reportBusy: kind, reportIssues: [] });
    let what = "Could not read the tables";
    try {
      const loaded = loadBook(await workbook.readTables(BOOK_TABLE_NAMES));
      const made = parseReportsMade(await workbook.readSetting(REPORTS_KEY));
      const before = made[kind];
      const contracts = reportContracts(kind, loaded.schedule, from.trim(), to.trim());
      const record: ReportMade = { from: from.trim(), to: to.trim() };
      if (contracts) record.contracts = contracts;
      what = `Could not add the ${REPORT_NAMES[kind]} sheet`;
      await workbook.addReportSheet(buildReport(kind, loaded.schedule, record.from, record.to), {
        [REPORTS_KEY]: JSON.stringify({ ...made, [kind]: record }),
      });
      const fresh = contracts && before?.contracts ? newContracts(before.contracts, contracts) : "";
      const done = before
        ? `Replaced the ${REPORT_NAMES[kind]} sheet${fresh}.`
        : `Added the ${REPORT_NAMES[kind]} sheet.`;
      const left = leftOutText(loaded.scheduleIssues);
      store.set({
        reportIssues: loaded.scheduleIssues,
        notice: `${done} Its figures are REVREC formulas and stay up to date.${left}`,
      });
    } catch (e) {
      this.ctx.fail(e, what);
    } finally {
      store.set({}, ["reportBusy"]);
    }
  }

  /** The waterfall for the Reports tab's own view, from the tables as they are now. */
  async showWaterfall(from: string, to: string): Promise<void> {
    const { store, workbook } = this.ctx;
    const problems = reportRangeProblems(from, to);
    if (problems.from !== undefined || problems.to !== undefined) return;
    try {
      const loaded = loadBook(await workbook.readTables(BOOK_TABLE_NAMES));
      store.set({ waterfall: buildWaterfall(loaded.schedule, from.trim(), to.trim()) });
    } catch (e) {
      this.ctx.fail(e, "Could not read the tables for the waterfall");
    }
  }

  /**
   * After a sync: report sheets with a row per contract (the waterfall) get the contracts synced since they
   * were made, where they stand. Says what it did, in a sentence for the sync's notice.
   */
  async refreshAfterSync(): Promise<string> {
    const { workbook } = this.ctx;
    try {
      const made = parseReportsMade(await workbook.readSetting(REPORTS_KEY));
      const kinds = REPORT_KINDS.filter((k) => made[k]?.contracts);
      if (kinds.length === 0) return "";
      const loaded = loadBook(await workbook.readTables(BOOK_TABLE_NAMES));
      const out: string[] = [];
      const next: ReportsMade = { ...made };
      for (const kind of kinds) {
        const r = made[kind];
        if (!r?.contracts) continue;
        const contracts = reportContracts(kind, loaded.schedule, r.from, r.to);
        if (!contracts || sameList(r.contracts, contracts)) continue;
        next[kind] = { ...r, contracts };
        const report = buildReport(kind, loaded.schedule, r.from, r.to);
        const found = await workbook.refreshReportSheet(report, {
          [REPORTS_KEY]: JSON.stringify(next),
        });
        if (found)
          out.push(
            ` The ${REPORT_NAMES[kind]} sheet was brought up to date${newContracts(r.contracts, contracts)}.`
          );
        else {
          // The analyst deleted the sheet: it is not made again behind their back.
          delete next[kind];
          await workbook.writeSetting(REPORTS_KEY, JSON.stringify(next));
        }
      }
      return out.join("");
    } catch (e) {
      const err = toPaneError(e, "The report sheets could not be brought up to date");
      return ` ${err.message} Add them again on the Reports tab.`;
    }
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** ": it now lists N contracts, K of them new (and M no longer there)" for a report's contract rows. */
function newContracts(before: readonly string[], now: readonly string[]): string {
  const had = new Set(before);
  const has = new Set(now);
  const added = now.filter((c) => !had.has(c)).length;
  const gone = before.filter((c) => !has.has(c)).length;
  const parts = [`${added} new`];
  if (gone > 0) parts.push(`${gone} no longer in the tables`);
  return `: it now lists ${now.length} contract${now.length === 1 ? "" : "s"} (${parts.join(", ")})`;
}

function leftOutText(issues: readonly string[]): string {
  if (issues.length === 0) return "";
  return ` ${issues.length === 1 ? "A problem" : `${issues.length} problems`} in the tables left rows out of it: see the list on the Reports tab.`;
}
