// The backend of docs/api.md in memory, behind a fetch function, for the controller's tests.
import type { ApiJournalLine, Posting, PostRequest, SyncResult } from "../../src/wire";
import { ACCOUNTS, ITEMS } from "./fixtures";

type Handler = (body: unknown) => { status: number; body: unknown };

export class FakeBackend {
  syncResult: SyncResult | undefined;
  syncFails: { code: string; message: string; action: string } | undefined;
  /** Jobs report this many running polls before they finish. */
  pollsBeforeDone = 1;
  /** Throws like a dropped connection on the next journal post (after storing it, when `after`). */
  dropNextPost: "before" | "after" | undefined;
  /** Holds a request until the promise it returns settles (a slow QuickBooks), when it returns one. */
  hold:
    | ((method: string, path: string, period: string | null) => Promise<void> | undefined)
    | undefined;
  readonly posted = new Map<string, Posting[]>();
  readonly requests: string[] = [];
  balances: Record<string, string> = { "92": "0.00", "93": "0.00" };
  private polls = 0;

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const u = new URL(url);
    const method = init?.method ?? "GET";
    this.requests.push(`${method} ${u.pathname}`);
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    await this.hold?.(method, u.pathname, u.searchParams.get("period") ?? null);
    if (method === "POST" && u.pathname === "/api/journal" && this.dropNextPost) {
      const when = this.dropNextPost;
      this.dropNextPost = undefined;
      if (when === "after") this.post(body as PostRequest);
      throw new TypeError("Failed to fetch");
    }
    const route = this.route(method, u);
    const r = route
      ? route(body)
      : { status: 404, body: { error: { code: "not_found", message: "no", action: "no" } } };
    return new Response(JSON.stringify(r.body), {
      status: r.status,
      headers: { "content-type": "application/json" },
    });
  };

  /** Holds every `request` ("GET /api/balances"; of `period` only, when given) until the function returned is called. */
  holdUntilReleased(request: string, period?: string): () => void {
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => (release = r));
    this.hold = (method, path, p) =>
      `${method} ${path}` === request && (period === undefined || p === period) ? gate : undefined;
    return () => release();
  }

  private route(method: string, u: URL): Handler | undefined {
    const p = u.pathname;
    const ok = (body: unknown) => ({ status: 200, body });
    if (p === "/auth/qbo/ticket" && method === "POST") return () => ok({ ticket: "1.ticket.sig" });
    if (p === "/api/status")
      return () =>
        ok({
          connected: true,
          realmId: "123",
          companyName: "Acme Books",
          environment: "local",
          homeCurrency: "USD",
          preferences: {
            bookCloseDate: "2026-01-31",
            classTracking: "none",
            qboRevenueRecognition: true,
          },
          warnings: [
            {
              code: "qbo_revenue_recognition_on",
              message: "QBO's own revenue recognition is on.",
              action: "Turn it off.",
            },
          ],
        });
    if (p === "/api/accounts") return () => ok({ accounts: ACCOUNTS });
    if (p === "/api/items") return () => ok({ items: ITEMS });
    if (p === "/api/sync" && method === "POST") {
      this.polls = 0;
      return () => ({ status: 202, body: { jobId: "sj_1", mode: "full" } });
    }
    if (p === "/api/sync/sj_1" && method === "GET")
      return () => {
        this.polls += 1;
        const done = this.polls > this.pollsBeforeDone;
        const failed = done && this.syncFails !== undefined;
        return ok({
          jobId: "sj_1",
          mode: "full",
          state: failed ? "failed" : done ? "done" : "running",
          phase: done ? "done" : "invoices",
          progress: {
            pagesDone: done ? 2 : 1,
            pagesTotal: 2,
            counts: {
              invoices: 2,
              creditMemos: 0,
              salesReceipts: 0,
              refundReceipts: 0,
              deleted: 0,
              skipped: 0,
            },
          },
          ...(failed ? { error: this.syncFails } : {}),
        });
      };
    if (p === "/api/sync/sj_1" && method === "DELETE")
      return () => ok({ jobId: "sj_1", state: "cancelled" });
    if (p === "/api/sync/sj_1/result") return () => ok(this.syncResult);
    if (p === "/api/postings") {
      const period = u.searchParams.get("period") ?? "";
      return () => {
        const list = this.posted.get(period) ?? [];
        return ok({ period, nextAdjustment: list.length, postings: list });
      };
    }
    if (p === "/api/balances")
      return () =>
        ok({
          period: u.searchParams.get("period"),
          asOf: "",
          accounts: Object.entries(this.balances).map(([id, balance]) => ({
            id,
            name: ACCOUNTS.find((a) => a.id === id)?.name ?? id,
            classification: "",
            debit: "0.00",
            credit: "0.00",
            balance,
          })),
        });
    if (p === "/api/journal" && method === "POST") return (body) => this.post(body as PostRequest);
    if (p === "/api/disconnect") return () => ok({ disconnected: true, realmId: "123" });
    return undefined;
  }

  private post(req: PostRequest): { status: number; body: unknown } {
    const list = this.posted.get(req.period) ?? [];
    const adjustment = req.adjustment ?? 0;
    const docNumber = adjustment === 0 ? `RR-${req.period}` : `RR-${req.period}-A${adjustment}`;
    const same = list.find((p) => p.docNumber === docNumber);
    const result = (p: Posting, status: string) => ({
      status: status === "created" ? 201 : 200,
      body: {
        status,
        docNumber: p.docNumber,
        journalEntryId: p.journalEntryId,
        txnDate: p.txnDate,
        link: p.link,
        totals: p.totals,
        lineCount: p.lines.length,
        requestId: "r-1",
      },
    });
    if (same) return result(same, "existing");
    const total = (lines: ApiJournalLine[], side: string) =>
      (
        lines
          .filter((l) => l.posting === side)
          .reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0) / 100
      ).toFixed(2);
    const posting: Posting = {
      docNumber,
      adjustment,
      journalEntryId: String(100 + [...this.posted.values()].flat().length),
      txnDate: req.txnDate ?? "",
      link: `https://sandbox.local/journal/${docNumber}`,
      totals: { debits: total(req.lines, "Debit"), credits: total(req.lines, "Credit") },
      lines: req.lines.map((l) => ({
        account: {
          id: l.account,
          name: ACCOUNTS.find((a) => a.id === l.account)?.name ?? l.account,
        },
        posting: l.posting,
        amount: l.amount,
        ...(l.customer ? { customer: { id: "c", name: l.customer } } : {}),
        ...(l.description !== undefined ? { description: l.description } : {}),
      })),
    };
    this.posted.set(req.period, [...list, posting]);
    return result(posting, "created");
  }
}
