import { ApiError } from "../../wire";
import { openSignIn } from "../host/signIn";
import { saveSession } from "../host/session";
import type { Session } from "../host/session";
import type { PaneContext } from "../state/context";
import type { RulesController } from "./rules";

/** The Connect tab: the QuickBooks session, the company, its accounts and items. */
export class ConnectController {
  constructor(
    private readonly ctx: PaneContext,
    private readonly rules: RulesController
  ) {}

  /** When the pane opens with a session from before: reads the company again. */
  async resume(): Promise<void> {
    if (!this.ctx.store.get().session) return;
    try {
      await this.refreshCompany();
    } catch (e) {
      this.ctx.fail(e, "Could not read the company from QuickBooks");
    }
  }

  async connect(): Promise<void> {
    const { store, deps } = this.ctx;
    if (store.get().connecting) return;
    store.startAction({ connecting: true });
    try {
      const ticket = await this.ctx.client.signInTicket();
      const url = `${deps.origin}/auth/qbo/start?ticket=${encodeURIComponent(ticket)}`;
      const message = await (deps.signIn ?? ((u: string) => openSignIn(u, deps.inOffice)))(url);
      if (!message.ok) throw new ApiError(400, message.error);
      const session: Session = {
        sessionToken: message.sessionToken,
        realmId: message.realmId,
        companyName: message.companyName,
        environment: message.environment,
      };
      saveSession(session);
      store.set({ session, notice: `Connected to ${message.companyName}.` });
      await this.refreshCompany();
    } catch (e) {
      this.ctx.fail(
        e,
        "Could not connect to QuickBooks",
        "Click Connect to QuickBooks to try again."
      );
    } finally {
      store.set({ connecting: false });
    }
  }

  async disconnect(): Promise<void> {
    try {
      await this.ctx.client.disconnect();
    } catch (e) {
      // The session is forgotten either way; a server that cannot be reached is told nothing.
      if (!(e instanceof ApiError) || e.status !== 401) this.ctx.fail(e, "Could not disconnect");
    }
    saveSession(undefined);
    this.ctx.store.set({ notice: "Disconnected from QuickBooks." }, [
      "session",
      "status",
      "accounts",
      "items",
    ]);
  }

  /** Company, accounts, items and the saved rules. */
  async refreshCompany(): Promise<void> {
    const { client, store } = this.ctx;
    const status = await client.status();
    const [accounts, items] = await Promise.all([client.accounts(), client.items()]);
    store.set({ status, accounts, items });
    await this.rules.load();
  }
}
