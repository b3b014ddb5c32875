import {
  ApiError,
  type Account,
  type ApiErrorBody,
  type Balances,
  type Disconnected,
  type Item,
  type PostRequest,
  type PostResult,
  type Postings,
  type Status,
  type SyncCancelled,
  type SyncJob,
  type SyncResult,
  type SyncStarted,
  type SignInTicket,
} from "../../wire";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function isErrorBody(x: unknown): x is { error: ApiErrorBody } {
  if (typeof x !== "object" || x === null || !("error" in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** The task pane's client for the backend (docs/api.md). Every call sends the session's bearer token. */
export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly token: () => string | undefined,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init)
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await this.fetcher(`${this.base}${path}`, init);
    } catch {
      throw new ApiError(0, {
        code: "network",
        message: "The RevRec service could not be reached.",
        action:
          "Check your connection and that the RevRec service is running (npm start), then try again.",
      });
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      data = undefined;
    }
    if (!res.ok) {
      if (isErrorBody(data)) throw new ApiError(res.status, data.error);
      throw new ApiError(res.status, {
        code: "http_" + res.status,
        message: `The RevRec service answered with an unexpected error (${res.status}).`,
        action: "Try again in a moment. If it keeps happening, restart the service.",
      });
    }
    return data as T;
  }

  /** What lets the sign-in dialog start a sign-in (the server's signInTickets.ts). */
  async signInTicket(): Promise<string> {
    return (await this.call<SignInTicket>("POST", "/auth/qbo/ticket", {})).ticket;
  }
  status(): Promise<Status> {
    return this.call("GET", "/api/status");
  }
  async accounts(): Promise<Account[]> {
    return (await this.call<{ accounts: Account[] }>("GET", "/api/accounts")).accounts;
  }
  async items(): Promise<Item[]> {
    return (await this.call<{ items: Item[] }>("GET", "/api/items")).items;
  }
  startSync(mode: "full" | "incremental", cursor?: string): Promise<SyncStarted> {
    return this.call(
      "POST",
      "/api/sync",
      mode === "incremental" && cursor ? { mode, cursor } : { mode: "full" }
    );
  }
  syncJob(jobId: string): Promise<SyncJob> {
    return this.call("GET", `/api/sync/${encodeURIComponent(jobId)}`);
  }
  cancelSync(jobId: string): Promise<SyncCancelled> {
    return this.call("DELETE", `/api/sync/${encodeURIComponent(jobId)}`);
  }
  syncResult(jobId: string): Promise<SyncResult> {
    return this.call("GET", `/api/sync/${encodeURIComponent(jobId)}/result`);
  }
  postJournal(req: PostRequest): Promise<PostResult> {
    return this.call("POST", "/api/journal", req);
  }
  postings(period: string): Promise<Postings> {
    return this.call("GET", `/api/postings?period=${encodeURIComponent(period)}`);
  }
  balances(period: string, accounts: readonly string[]): Promise<Balances> {
    const list = accounts.map(encodeURIComponent).join(",");
    return this.call("GET", `/api/balances?period=${encodeURIComponent(period)}&accounts=${list}`);
  }
  disconnect(): Promise<Disconnected> {
    return this.call("POST", "/api/disconnect", {});
  }
}
