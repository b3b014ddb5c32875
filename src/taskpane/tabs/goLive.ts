import { previousMonth } from "../../core";
import { ACCOUNTS, goLiveFromTable, header, POSTINGS } from "../../core/tables";
import type { TableChanges, TableData } from "../../workbook";
import type { ApiJournalLine } from "../../wire";
import { BOOK_TABLE_NAMES, loadBook } from "../logic/book";
import { postingRow } from "../logic/close";
import { loggedEntries } from "../logic/coverage";
import {
  cutover,
  goLiveProblem,
  openingLines,
  openingRequest,
  postedOpeningLines,
} from "../logic/goLive";
import { approvalRefusal, signOffOf } from "../logic/approval";
import type { PaneContext } from "../state/context";
import type { AuditController } from "./audit";
import type { GoLiveState } from "../state/goLiveState";

/** A line of the log's Lines JSON as the pane wrote it (an analyst may have edited the cell). */
function isPostedLine(l: unknown): l is ApiJournalLine {
  if (typeof l !== "object" || l === null) return false;
  const { account, posting, amount } = l as Record<string, unknown>;
  return (
    typeof account === "string" &&
    (posting === "Debit" || posting === "Credit") &&
    typeof amount === "string"
  );
}

/** The RR-OPEN row of the postings log for `goLive`: its QuickBooks id and the lines it posted. */
function loggedOpening(
  log: TableData | undefined,
  goLive: string
): { journalEntryId: string; lines: ApiJournalLine[] } | undefined {
  if (!log) return undefined;
  const col = (name: string) => log.header.indexOf(name);
  const row = log.rows.find((r) => String(r[col("DocNumber")] ?? "") === `RR-OPEN-${goLive}`);
  if (!row) return undefined;
  const lines: unknown = JSON.parse(String(row[col("Lines")] ?? "[]"));
  return {
    journalEntryId: String(row[col("QBO Id")] ?? ""),
    lines: Array.isArray(lines) ? lines.filter(isPostedLine) : [],
  };
}

/**
 * Go-live on the Close tab: the month (RevRecAccounts' goLive row), the cut-over reconciliation at the end of the
 * month before it, and the opening true-up, posted once with the same machinery as the month-end entries.
 */
export class GoLiveController {
  constructor(
    private readonly ctx: PaneContext,
    private readonly audit: AuditController
  ) {}

  private set(patch: Partial<GoLiveState>): void {
    this.ctx.store.set({ goLive: { ...this.ctx.store.get().goLive, ...patch } });
  }

  /** Reads the saved month from the workbook. */
  async load(): Promise<void> {
    const tables = await this.ctx.workbook.readTables([ACCOUNTS.name]);
    const month = goLiveFromTable(tables.get(ACCOUNTS.name)) ?? "";
    this.set({ month, draft: month });
  }

  setDraft(draft: string): void {
    this.set({ draft });
  }

  setOffset(offset: string): void {
    this.set({ offset });
  }

  /** Saves the typed month in RevRecAccounts (its goLive row), refusing one that is not a month or is too late. */
  async save(): Promise<void> {
    const { store, workbook } = this.ctx;
    const draft = store.get().goLive.draft.trim();
    try {
      const tables = await workbook.readTables([ACCOUNTS.name, POSTINGS.name]);
      const posted = loggedEntries(tables.get(POSTINGS.name)).map((e) => e.period);
      const problem = goLiveProblem(
        draft,
        posted,
        store.get().status?.preferences.bookCloseDate ?? null
      );
      if (problem !== undefined) {
        store.set({ goLive: { ...store.get().goLive, problem } });
        return;
      }
      const have = tables.get(ACCOUNTS.name);
      const exists = (have?.rows ?? []).some((r) => String(r[0] ?? "") === "goLive");
      const change: TableChanges = {
        table: ACCOUNTS.name,
        sheet: ACCOUNTS.sheet,
        header: header(ACCOUNTS),
        key: "Setting",
        insert: exists || draft === "" ? [] : [["goLive", draft]],
        update: exists && draft !== "" ? [{ key: "goLive", values: { Value: draft } }] : [],
        remove: exists && draft === "" ? ["goLive"] : [],
      };
      await workbook.applyChanges([change]);
      // A new month: the cut-over shown was another month's.
      store.set({
        goLive: { month: draft, draft, busy: false, offset: store.get().goLive.offset },
      });
      store.set({ notice: draft === "" ? "Go-live cleared." : `Go-live set to ${draft}.` });
    } catch (e) {
      this.ctx.fail(e, "Could not save the go-live month");
    }
  }

  /** The cut-over: the workbook's balances at the end of the month before go-live against QuickBooks'. */
  async check(): Promise<void> {
    const { store, workbook, client } = this.ctx;
    const goLive = store.get().goLive.month;
    if (goLive === "") return;
    this.set({ busy: true });
    try {
      const accounts = store.get().accounts ?? (await client.accounts());
      const tables = await workbook.readTables([...BOOK_TABLE_NAMES, POSTINGS.name]);
      const loaded = loadBook(tables);
      if (!loaded.schedule || !loaded.map) {
        this.set({ busy: false });
        store.set({
          error: {
            message: "The cut-over needs the tables and the accounts.",
            action: loaded.issues[0] ?? "Sync and save the Rules tab first.",
          },
        });
        return;
      }
      const balances = await client.balances(previousMonth(goLive), [
        loaded.map.deferredRevenue,
        loaded.map.contractAsset,
      ]);
      const opening = loggedOpening(tables.get(POSTINGS.name), goLive);
      const rows = cutover(
        loaded.schedule,
        loaded.map,
        goLive,
        accounts,
        balances,
        opening ? postedOpeningLines(opening.lines) : []
      );
      const patch: Partial<GoLiveState> = { busy: false, rows };
      if (opening)
        patch.posted = { docNumber: `RR-OPEN-${goLive}`, journalEntryId: opening.journalEntryId };
      this.set(patch);
    } catch (e) {
      this.set({ busy: false });
      this.ctx.fail(e, "Could not check the cut-over");
    }
  }

  /** Posts the opening true-up (RR-OPEN-YYYY-MM), records it in RevRecPostings, and checks the cut-over again. */
  async postOpening(): Promise<void> {
    const { store, workbook, client } = this.ctx;
    const g = store.get().goLive;
    const preparer = (this.ctx.deps.who?.() ?? store.get().preparer).trim();
    if (g.busy || !g.rows || g.posted || g.offset === "") return;
    if (preparer === "") {
      store.set({
        error: {
          message: "Nothing was posted: the entry needs a preparer.",
          action: "Enter your name in Prepared by, then post.",
        },
      });
      return;
    }
    // The opening true-up is signed off as a month-end entry is: a second person when the workbook says so.
    const { requireApproval, approver } = store.get();
    const refused = approvalRefusal(requireApproval, preparer, approver);
    if (refused) {
      store.set({ error: refused });
      return;
    }
    const signOff = signOffOf(requireApproval, preparer, approver);
    const lines = openingLines(g.rows, g.offset, g.month, store.get().accounts ?? []);
    if (lines.length === 0) return;
    const request = { ...openingRequest(g.month, lines), ...signOff };
    this.set({ busy: true });
    if (!(await this.audit.logTypedEdits("before a post"))) {
      this.set({ busy: false });
      return;
    }
    try {
      const result = await client.postJournal(request);
      const row = postingRow(
        g.month,
        g.month,
        result,
        "opening",
        request.lines,
        this.ctx.now().toISOString(),
        { preparedBy: preparer, approvedBy: signOff.approvedBy ?? "" }
      );
      await workbook.appendRows(POSTINGS.name, POSTINGS.sheet, header(POSTINGS), [row]);
      this.set({ busy: false });
      store.set({ notice: `Posted the opening true-up ${result.docNumber} to QuickBooks.` });
      await this.check();
    } catch (e) {
      this.set({ busy: false });
      this.ctx.fail(e, "Could not post the opening true-up");
    }
  }
}
