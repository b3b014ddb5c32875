/**
 * The periodic CDC sweep, on the embedded database and on PostgreSQL: with webhooks off, a change made in QuickBooks
 * after the pane's sync is read by the next sweep; and with three instances on one database ticking at the same
 * moment, one of them sweeps and the company gets one sync, not three. The sweep's timer and the instances' clock are
 * the test's: nothing waits for fifteen minutes to pass.
 */
import type { DbKind } from "../../src/server/db";
import { BACKENDS, freshPgDatabase } from "./db/testDb";
import {
  backgroundSync,
  changeInvoice,
  connect,
  manualSweepTimer,
  sandboxState,
  syncedResult,
  startTestServer,
  type TestServer,
} from "./helpers";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

describe.each(BACKENDS)("the CDC sweep on %s", (kind: DbKind) => {
  let clock = Date.parse("2026-12-01T09:00:00Z");
  const now = (): Date => new Date(clock);
  const sweep = manualSweepTimer();
  let t: TestServer;
  let token: string;
  let drop: (() => Promise<void>) | undefined;
  /** The cursor of the pane's full sync: what its workbook keeps. */
  let workbookCursor: string;

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (kind === "postgres") {
      const pg = await freshPgDatabase();
      drop = pg.drop;
      env = { DATABASE_URL: pg.url, REVREC_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64") };
    }
    // No QBO_WEBHOOK_VERIFIER: the sandbox sends no webhooks, so only the sweep can notice a change.
    t = await startTestServer({ env, now, sweepTimer: sweep.timer, sandbox: { invoices: 20 } });
    token = await connect(t);
    workbookCursor = (await syncedResult(t, token, { mode: "full" })).cursor;
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await drop?.();
  });

  it("reads a change no webhook announced at the next sweep", async () => {
    const id = await changeInvoice(t, "SWEPT-1");
    clock += FIFTEEN_MINUTES;
    const swept = backgroundSync(t, "sweep");
    await sweep.fire();
    const result = await swept;
    expect(result.mode).toBe("incremental");
    expect(result.invoices.map((d) => [d.qboId, d.docNumber])).toEqual([[id, "SWEPT-1"]]);
    expect((await sandboxState(t))["webhooks"]).toEqual({ url: null, deliveries: 0 });
  }, 60_000);

  it("what the sweep read reaches the workbook: the pane's next sync starts from the workbook's cursor", async () => {
    // The sweep moved the backend's cursor past the change; the pane's sync reads from where its workbook is.
    const next = await syncedResult(t, token, { mode: "incremental", cursor: workbookCursor });
    expect(next.replace).toBe(false);
    expect(next.invoices.map((d) => d.docNumber)).toContain("SWEPT-1");
  }, 60_000);

  it("sweeps once an interval: a tick before the interval has passed queues nothing", async () => {
    clock += FIFTEEN_MINUTES;
    const swept = backgroundSync(t, "sweep");
    expect(await t.server.runtime.sweep.tick()).toBe(1);
    clock += FIFTEEN_MINUTES / 2;
    expect(await t.server.runtime.sweep.tick()).toBeUndefined();
    expect((await swept).mode).toBe("incremental");
  }, 60_000);

  if (kind === "postgres") {
    it("three instances ticking at once: one sweeps, and the company gets one sync", async () => {
      const others = await Promise.all(
        [1, 2].map(() =>
          startTestServer({
            env: { ...t.env, REVREC_SANDBOX_URL: t.sandboxUrl },
            now,
            sweepTimer: sweep.timer,
          })
        )
      );
      try {
        const db = t.server.runtime.store.db;
        const count = async (): Promise<number> =>
          (
            await db.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM sync_jobs WHERE origin = 'sweep'"
            )
          )[0]?.n ?? -1;
        const before = await count();
        clock += FIFTEEN_MINUTES;
        const ticks = await Promise.all([t, ...others].map((i) => i.server.runtime.sweep.tick()));
        expect(ticks.filter((n) => n !== undefined)).toEqual([1]);
        expect(await count()).toBe(before + 1);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    }, 120_000);
  }
});
