import { GO_LIVE_MESSAGES } from "../../core";
import { POSTINGS } from "../../core/tables";
import type { TableData } from "../../workbook";
import { accountKindIssues, BOOK_TABLE_NAMES, loadBook } from "../logic/book";
import { adjustment, previewClose, reconcile, trueUpLines } from "../logic/close";
import { firstActivity, loggedEntries } from "../logic/coverage";
import { totalsAround } from "../logic/monthTotals";
import { firstEntryMonth } from "../logic/goLive";
import type { PaneContext } from "../state/context";
import { freshClose } from "../state/paneState";
import type { CloseState } from "../state/paneState";
import { askCoverage } from "./closeCoverage";

/** The Close tab's charts show this many months before the period, and as many after it. */
const TREND_MONTHS = 6;

/**
 * The Close tab's period and preview: the entry the workbook's figures call for, what QuickBooks already holds,
 * and the reconciliation. A preview stays on screen only while the tables still hold what it was computed from.
 */
export class CloseController {
  /** The book tables the preview on screen was computed from (bookFingerprint), if any. */
  private previewTables: string | undefined;
  /** Counts the Close tab's requests: a preview's answer is shown only while its number is the latest. */
  private closeRequest = 0;
  /** Counts table events, so a preview can tell that the tables changed while it was loading. */
  private tableEvents = 0;

  constructor(private readonly ctx: PaneContext) {}

  setPeriod(period: string): void {
    const { close } = this.ctx.store.get();
    // A post in flight belongs to the period on screen: its result is shown there, and Post stays shut.
    if (close.posting) return;
    // What was shown belongs to the previous period: forget it, so nothing of it can be posted under this one.
    // A preview still loading belongs to it too: its answer is dropped when it arrives.
    this.forgetPreview();
    this.ctx.store.set({ close: freshClose(period, close.detail, false) });
  }

  setDetail(detail: CloseState["detail"]): void {
    this.ctx.store.setClose({ detail });
  }

  setIncludeTrueUp(on: boolean): void {
    this.ctx.store.setClose({ includeTrueUp: on });
  }

  /** After a table event: a preview whose tables changed is taken off the screen. */
  tablesChanged(): void {
    this.tableEvents += 1;
    // post() checks the tables again anyway; this only keeps an outdated preview off the screen.
    this.checkPreview().catch(() => undefined);
  }

  /** Takes the preview off the screen because the tables it was computed from changed. */
  discardPreview(): void {
    const { close } = this.ctx.store.get();
    this.forgetPreview();
    const next = freshClose(close.period, close.detail, false);
    if (close.posted) next.posted = close.posted;
    next.outdated = "The tables changed since the preview; preview again.";
    this.ctx.store.set({ close: next });
  }

  /** True when the book tables still hold what the preview on screen was computed from. */
  async previewIsCurrent(): Promise<boolean> {
    if (this.previewTables === undefined) return false;
    const tables = await this.ctx.workbook.readTables(BOOK_TABLE_NAMES);
    return bookFingerprint(tables) === this.previewTables;
  }

  /** Builds the period's entry, what is already posted, and the reconciliation against QuickBooks. */
  async preview(): Promise<void> {
    const { store, workbook, client } = this.ctx;
    if (this.ctx.tablesBusy) return;
    const { period, detail } = store.get().close;
    this.forgetPreview();
    const request = this.closeRequest;
    // An answer to an earlier request (another period, or tables read before) is never shown.
    const superseded = () => request !== this.closeRequest || store.get().close.period !== period;
    store.startAction({ close: freshClose(period, detail, true) });
    let what = "Could not preview the entry";
    try {
      const accounts = store.get().accounts ?? (await client.accounts());
      if (superseded()) return;
      what = "Could not read the tables";
      const events = this.tableEvents;
      const tables = await workbook.readTables([...BOOK_TABLE_NAMES, POSTINGS.name]);
      if (superseded()) return;
      what = "Could not preview the entry";
      this.previewTables = bookFingerprint(tables);
      const loaded = loadBook(tables);
      if (!loaded.schedule || !loaded.map) {
        store.setClose({ loading: false, bookIssues: loaded.issues });
        return;
      }
      // An account of the wrong kind (deferred revenue mapped to A/R) blocks posting like a bad cell.
      const bookIssues = [...loaded.issues, ...accountKindIssues(loaded.map, accounts)];
      if (loaded.goLive !== undefined && period < loaded.goLive) {
        store.setClose({
          loading: false,
          bookIssues,
          beforeGoLive: GO_LIVE_MESSAGES.beforeGoLive(period, loaded.goLive),
        });
        return;
      }
      const trend = totalsAround(loaded.schedule, period, TREND_MONTHS, TREND_MONTHS);
      const { range, postings, found } = await askCoverage(
        client,
        period,
        loggedEntries(tables.get(POSTINGS.name)),
        // Before go-live revenue was booked elsewhere: the first entry covers go-live's month on.
        firstEntryMonth(firstActivity(loaded.schedule), loaded.goLive),
        this.ctx.now().toISOString().slice(0, 7)
      );
      if (superseded()) return;
      if (range.kind === "covered") {
        const patch: Partial<CloseState> = { loading: false, range, postings, bookIssues, trend };
        const holder = found.get(range.entry.period);
        if (holder) patch.coveredBy = holder;
        store.setClose(patch);
        return;
      }
      const preview = previewClose(
        loaded.schedule,
        loaded.map,
        period,
        accounts,
        store.get().close.detail,
        range.from
      );
      const posted = postings.postings.length > 0;
      const adj = posted ? adjustment(preview, postings.postings, accounts) : undefined;
      const pending = posted ? (adj ?? []) : preview.lines;
      const ids = [loaded.map.deferredRevenue, loaded.map.contractAsset];
      const balances = await client.balances(period, ids);
      if (superseded()) return;
      const rec = reconcile(loaded.schedule, loaded.map, period, accounts, balances, pending);
      const trueUp = trueUpLines(rec, loaded.map, accounts);
      const patch: Partial<CloseState> = {
        loading: false,
        preview,
        range,
        postings,
        reconcile: rec,
        bookIssues,
        trend,
      };
      if (adj) patch.adjustment = adj;
      if (trueUp.length > 0) patch.trueUp = trueUp;
      store.setClose(patch);
      // A table event while loading was not checked then (checkPreview waits for the preview): check now.
      if (this.tableEvents !== events) await this.checkPreview();
    } catch (e) {
      if (superseded()) return;
      this.previewTables = undefined;
      store.setClose({ loading: false });
      this.ctx.fail(e, what);
    }
  }

  /** Drops the preview's tables and any answer still on its way. */
  private forgetPreview(): void {
    this.closeRequest += 1;
    this.previewTables = undefined;
  }

  private async checkPreview(): Promise<void> {
    const busy = () => this.ctx.store.get().close.loading || this.ctx.store.get().close.posting;
    const seen = this.previewTables;
    if (seen === undefined || busy()) return;
    if (await this.previewIsCurrent()) return;
    // Meanwhile a new preview may have started, or a post: they read the tables themselves.
    if (this.previewTables !== seen || busy()) return;
    this.discardPreview();
  }
}

/** What the preview depends on in the workbook: the book tables, as read. */
function bookFingerprint(tables: ReadonlyMap<string, TableData>): string {
  return JSON.stringify(
    BOOK_TABLE_NAMES.map((n) => {
      const t = tables.get(n);
      return t ? [t.header, t.rows] : null;
    })
  );
}
