import type { Workbook } from "../../workbook";
import { ApiError } from "../../wire";
import { ApiClient } from "../api/client";
import type { AuthMessage } from "../../wire";
import { loadPreparer } from "../host/preparer";
import { loadSession, saveSession } from "../host/session";
import { toPaneError } from "../paneError";
import { initialState } from "./paneState";
import { PaneStore } from "./store";

export interface ControllerDeps {
  workbook: Workbook;
  client?: ApiClient;
  origin: string;
  inOffice: boolean;
  /** For tests: replaces the sign-in dialog. */
  signIn?: (url: string) => Promise<AuthMessage>;
  now?: () => Date;
  wait?: (ms: number) => Promise<void>;
  who?: () => string;
}

/** What every tab shares: the store, the backend, the workbook, the clock, and the guards between tabs. */
export class PaneContext {
  readonly store: PaneStore;
  readonly client: ApiClient;
  readonly workbook: Workbook;

  constructor(readonly deps: ControllerDeps) {
    this.workbook = deps.workbook;
    this.store = new PaneStore(
      initialState(deps.inOffice, this.now(), loadSession(), loadPreparer())
    );
    this.client =
      deps.client ?? new ApiClient(deps.origin, () => this.store.get().session?.sessionToken);
  }

  now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /**
   * True while a sync or a post is under way. A post was checked against the tables as they are, so no sync may
   * change them under it; a running sync is about to change them, so no preview or post may start from them.
   */
  get tablesBusy(): boolean {
    const s = this.store.get();
    return s.sync.running || s.close.posting;
  }

  /** Shows a failure; `what` says what was being done, for errors that do not say it themselves. */
  fail(e: unknown, what: string, action?: string): void {
    // A session the backend no longer knows is forgotten, so the pane asks to connect again.
    const expired =
      e instanceof ApiError && (e.code === "unauthorized" || e.code === "reconnect_required");
    if (expired) saveSession(undefined);
    this.store.set({ error: toPaneError(e, what, action) }, expired ? ["session", "status"] : []);
  }
}
