import { lastDayOf, nextMonth } from "../../core";
import { POSTINGS } from "../../core/tables";
import type { Cell } from "../../workbook";
import { ApiError } from "../../wire";
import type { PostRequest, PostResult } from "../../wire";
import { savePreparer } from "../host/preparer";
import {
  approvalRefusal,
  parseRequireApproval,
  REQUIRE_APPROVAL_KEY,
  signOffOf,
} from "../logic/approval";
import { auditChanges, SETTINGS_TABLE } from "../logic/audit";
import { postingRow } from "../logic/close";
import { postingsHeader } from "../logic/postingLog";
import { toPaneError } from "../paneError";
import type { PaneContext } from "../state/context";
import type { AuditController } from "./audit";
import type { CloseController } from "./close";
import { journalToPost } from "./journalRequest";

/** A posted entry and its RevRecPostings row. */
interface PostedEntry {
  period: string;
  result: PostResult;
  row: Cell[];
}

/** The Close tab's Post button: the entry to QuickBooks, once, then its row in RevRecPostings. */
export class PostController {
  private lastRequest: PostRequest | undefined;

  constructor(
    private readonly ctx: PaneContext,
    private readonly close: CloseController,
    private readonly audit: AuditController
  ) {}

  /** The last journal request sent to the backend (retries resend exactly this). */
  get lastPostRequest(): PostRequest | undefined {
    return this.lastRequest;
  }

  /** Who posts, for the RevRecPostings log (kept in this browser). */
  setPreparer(name: string): void {
    savePreparer(name);
    this.ctx.store.set({ preparer: name });
  }

  /** Who approved the entry on screen (asked for each post, never remembered). */
  setApprover(name: string): void {
    this.ctx.store.set({ approver: name });
  }

  /** Reads the workbook's Require approval setting. */
  async loadApprovalSetting(): Promise<void> {
    try {
      const text = await this.ctx.workbook.readSetting(REQUIRE_APPROVAL_KEY);
      this.ctx.store.set({ requireApproval: parseRequireApproval(text) });
    } catch (e) {
      this.ctx.fail(e, "Could not read the Require approval setting");
    }
  }

  /**
   * Turns the workbook's Require approval setting on or off; it travels with the workbook, and the change is
   * logged in RevRecAudit in the same batch, under the name in Prepared by (refused without one).
   */
  async setRequireApproval(on: boolean): Promise<void> {
    const { store, workbook } = this.ctx;
    const was = store.get().requireApproval;
    if (was === on) return;
    store.startAction();
    const who = this.audit.who();
    if (who === "") {
      store.set({
        error: {
          message: "The Require approval setting was not changed.",
          action: "Enter your name in Your name: RevRecAudit records who changed it.",
        },
      });
      return;
    }
    try {
      const entry = {
        when: this.ctx.now().toISOString(),
        who,
        table: SETTINGS_TABLE,
        rowKey: REQUIRE_APPROVAL_KEY,
        column: "Value",
        oldValue: String(was),
        newValue: String(on),
        syncedValue: "",
        reason: `Require a second person's approval to post: turned ${on ? "on" : "off"} in the pane`,
      };
      await workbook.applyChanges([auditChanges([entry])], {
        [REQUIRE_APPROVAL_KEY]: on ? "true" : "false",
      });
      store.set({ requireApproval: on });
    } catch (e) {
      this.ctx.fail(e, "Could not save the Require approval setting");
    }
  }

  /**
   * Posts the original entry, or the adjusting entry when the period is already posted. One click, once, and
   * only the lines on screen: when the tables changed since the preview nothing is posted.
   */
  async post(): Promise<void> {
    const { store } = this.ctx;
    const state = store.get();
    const c = state.close;
    if (this.ctx.tablesBusy || !c.preview || c.range?.kind === "covered" || state.unlogged) return;
    const today = this.ctx.now().toISOString().slice(0, 10);
    if (lastDayOf(c.period) >= today) {
      store.set({
        error: {
          message: `${c.period} has not ended yet, so nothing was posted.`,
          action: `Post it from ${nextMonth(c.period)}-01, when all of its revenue through ${lastDayOf(c.period)} is known; choose an earlier period now.`,
        },
      });
      return;
    }
    if (c.bookIssues.length > 0) return;
    const preparedBy = (this.ctx.deps.who?.() ?? state.preparer).trim();
    if (preparedBy === "") {
      store.set({
        error: {
          message: "Nothing was posted: the entry needs a preparer.",
          action: "Enter your name in Prepared by, then post.",
        },
      });
      return;
    }
    const refused = approvalRefusal(state.requireApproval, preparedBy, state.approver);
    if (refused) {
      store.set({ error: refused });
      return;
    }
    const signOff = signOffOf(state.requireApproval, preparedBy, state.approver);
    if (c.loading || c.preview.period !== c.period) {
      // Only a finished preview of the period selected is ever posted.
      this.close.discardPreview();
      return;
    }
    const withClass = (state.status?.preferences.classTracking ?? "none") !== "none";
    const entry = journalToPost(
      c,
      c.preview,
      withClass,
      signOff,
      state.status?.preferences.bookCloseDate ?? null
    );
    if (!entry) return;
    store.startAction({
      close: { ...c, posting: true, postStep: "Checking the tables against the preview…" },
    });
    if (!(await this.stillCurrent())) return;
    if (!(await this.audit.logTypedEdits("before a post"))) {
      store.setClose({ posting: false, postStep: "" });
      return;
    }
    this.lastRequest = entry.request;
    store.setClose({ postStep: "Sending the entry to QuickBooks…" });
    let result: PostResult;
    try {
      result = await this.ctx.client.postJournal(entry.request);
    } catch (e) {
      this.postFailed(e);
      return;
    }
    const row = postingRow(
      c.period,
      entry.from,
      result,
      entry.kind,
      entry.request.lines,
      this.ctx.now().toISOString(),
      { preparedBy, approvedBy: signOff.approvedBy ?? "" }
    );
    if (store.get().close.period === c.period)
      store.setClose({ posted: result, postStep: "Recording the entry in RevRecPostings…" });
    await this.writeLog({ period: c.period, result, row });
  }

  /** Writes the RevRecPostings row of a posted entry that could not be recorded before. Never posts. */
  async retryLog(): Promise<void> {
    const { store } = this.ctx;
    const pending = store.get().unlogged;
    if (!pending || store.get().close.posting) return;
    store.startAction({
      close: {
        ...store.get().close,
        posting: true,
        postStep: "Recording the entry in RevRecPostings…",
      },
    });
    await this.writeLog(pending);
  }

  /** Whether the tables still hold what the preview was computed from; when not, says why nothing was posted. */
  private async stillCurrent(): Promise<boolean> {
    let current: boolean;
    try {
      current = await this.close.previewIsCurrent();
    } catch (e) {
      this.ctx.store.setClose({ posting: false, postStep: "" });
      this.ctx.fail(e, "Could not read the tables, so nothing was posted");
      return false;
    }
    if (!current) {
      this.close.discardPreview();
      this.ctx.store.set({
        error: {
          message: "The tables changed since the preview, so nothing was posted.",
          action: "Click Preview entry, check the lines, then post.",
        },
      });
    }
    return current;
  }

  private postFailed(e: unknown): void {
    this.ctx.store.setClose({ posting: false, postStep: "" });
    // An answer lost on the way (or a QuickBooks that did not answer) says nothing about whether it posted.
    const unknown =
      e instanceof ApiError &&
      (e.status === 0 || e.code === "qbo_timeout" || e.code === "qbo_unavailable");
    if (unknown)
      this.ctx.store.set({
        error: {
          ...toPaneError(e),
          action:
            "The entry may or may not have reached QuickBooks. Click Post again: it finds the entry if it was created and never posts it twice.",
        },
      });
    else this.ctx.fail(e, "Could not post the entry");
  }

  /**
   * Records a posted entry in RevRecPostings, then shows the period as posted. When the row cannot be written
   * the entry is still shown as posted, and the row is kept for retryLog.
   */
  private async writeLog(p: PostedEntry): Promise<void> {
    const { store, workbook } = this.ctx;
    try {
      // One row per QuickBooks entry: a row already there (a write whose answer was lost) is not written again.
      const log = (await workbook.readTables([POSTINGS.name])).get(POSTINGS.name);
      const idColumn = log?.header.indexOf("QBO Id") ?? -1;
      const logged = (log?.rows ?? []).some(
        (r) => String(r[idColumn] ?? "") === p.result.journalEntryId
      );
      if (!logged)
        await workbook.appendRows(POSTINGS.name, POSTINGS.sheet, postingsHeader(log), [p.row]);
    } catch (e) {
      const problem = toPaneError(
        e,
        `Posted ${p.result.docNumber}, but could not write its row in RevRecPostings`
      );
      store.set({ unlogged: { ...p, problem }, notice: postedText(p.result) });
      store.setClose({ posting: false, postStep: "" });
      return;
    }
    const retried = store.get().unlogged !== undefined;
    store.set({ close: { ...store.get().close, posting: false, postStep: "" } }, ["unlogged"]);
    if (store.get().close.period === p.period) {
      store.setClose({ posted: p.result });
      await this.close.preview();
      store.setClose({ posted: p.result });
    }
    store.set({
      notice: retried ? `Recorded ${p.result.docNumber} in RevRecPostings.` : postedText(p.result),
    });
  }
}

function postedText(result: PostResult): string {
  return result.status === "existing"
    ? `QuickBooks already had entry ${result.docNumber}; nothing was posted twice.`
    : `Posted journal entry ${result.docNumber} to QuickBooks.`;
}
