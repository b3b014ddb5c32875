import { FUNCTION_TABLES } from "../../core/tables";
import { BookStore } from "../../functions/store";
import { disclosuresSheet, readDisclosureYear } from "../logic/disclosures";
import type { PaneContext } from "../state/context";

/** The Reports tab's Disclosures sheet: the three ASC 606 disclosures for a year, as live REVREC formulas. */
export class DisclosuresController {
  constructor(private readonly ctx: PaneContext) {}

  /** Adds the Disclosures sheet for the year typed, or replaces it where it stands. */
  async add(yearText: string): Promise<void> {
    const { store, workbook } = this.ctx;
    const year = readDisclosureYear(yearText);
    if (typeof year !== "number") {
      store.startAction({
        error: {
          message: `The disclosures' year is not valid: ${year.problem}`,
          action: "Correct the year on the Reports tab, then add the disclosures again.",
        },
      });
      return;
    }
    store.startAction({ reportBusy: "disclosures" });
    let what = "Could not read the tables";
    try {
      // Outside Excel nothing evaluates the formulas, so the sheet carries what they evaluate to, from the
      // tables as the functions read them; inside Excel the formulas are all it needs.
      let functions: BookStore | undefined;
      if (!this.ctx.deps.inOffice) {
        functions = new BookStore();
        functions.loadTables(await workbook.readTables(FUNCTION_TABLES));
      }
      what = "Could not add the Disclosures sheet";
      await workbook.addReportSheet(disclosuresSheet(year, functions));
      store.set({
        notice: `Added the Disclosures sheet for ${year}. Its figures are REVREC formulas and stay up to date.`,
      });
    } catch (e) {
      this.ctx.fail(e, what);
    } finally {
      store.set({}, ["reportBusy"]);
    }
  }
}
