import type { Db, DbKind } from "../../../src/server/db";
import { BACKENDS, freshDb, type TestDb } from "./testDb";

/** A promise and its resolver: a step of the test that happens when the test says so. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

/** Until some session waits for an advisory lock (the embedded lock queues the caller at once). */
async function someoneWaits(t: TestDb, kind: DbKind): Promise<void> {
  if (kind === "embedded") return;
  const waiting =
    "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted";
  while ((await t.db.query<{ n: number }>(waiting))[0]?.n === 0) {
    // polled: PostgreSQL has no event for "a lock has a waiter"
  }
}

describe.each(BACKENDS)("exclusive on %s", (kind: DbKind) => {
  let t: TestDb;
  let other: Db;

  beforeAll(async () => {
    t = await freshDb(kind);
    other = t.another?.() ?? t.db;
  });
  afterAll(() => t.close());

  test("a second caller on another instance runs only after the first is done", async () => {
    const order: string[] = [];
    const inside = gate();
    const release = gate();
    const first = t.db.exclusive("posting|a|RR-2026-01", async () => {
      order.push("first in");
      inside.open();
      await release.opened;
      order.push("first out");
    });
    await inside.opened;
    const second = other.exclusive("posting|a|RR-2026-01", async () => {
      order.push("second in");
      return "second's answer";
    });
    await someoneWaits(t, kind);
    release.open();
    await first;
    expect(await second).toBe("second's answer");
    expect(order).toEqual(["first in", "first out", "second in"]);
  });

  test("other keys do not wait", async () => {
    const release = gate();
    const inside = gate();
    const holding = t.db.exclusive("posting|a|RR-2026-02", async () => {
      inside.open();
      await release.opened;
    });
    await inside.opened;
    expect(await other.exclusive("posting|a|RR-2026-03", async () => "ran")).toBe("ran");
    release.open();
    await holding;
  });

  test("a holder that throws lets the next one go, and its error reaches its caller", async () => {
    await expect(
      t.db.exclusive("k", async () => {
        throw new Error("create failed");
      })
    ).rejects.toThrow("create failed");
    expect(await other.exclusive("k", async () => "next")).toBe("next");
  });

  if (kind === "postgres")
    test("a holder whose connection dies (its instance killed) lets the waiter go", async () => {
      const inside = gate();
      const never = gate();
      void t.db
        .exclusive("dies", async () => {
          inside.open();
          await never.opened;
        })
        .catch(() => undefined);
      await inside.opened;
      const second = other.exclusive("dies", async () => "taken over");
      await someoneWaits(t, kind);
      await t.db.query(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()"
      );
      expect(await second).toBe("taken over");
      never.open();
    });
});
