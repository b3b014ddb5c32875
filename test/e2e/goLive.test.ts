// A company with history in a browser at 350 px: go-live in August 2026 on the demo company, the cut-over at the end
// of July against QuickBooks, the opening true-up posted once, then the go-live month's close, which covers August
// alone and leaves QuickBooks' balances equal to the workbook's; nothing is posted for a month before go-live.
import type { Page } from "playwright-core";
import { buildPane, connectSyncAndSaveRules, startStack } from "./harness";
import type { Stack } from "./harness";

jest.setTimeout(180_000);

let stack: Stack;
let page: Page;

const GO_LIVE = "2026-08";

async function tab(name: string) {
  await page.getByRole("tab", { name }).click();
}

/** The Close tab's state, read from the pane's controller. */
function closeState(): Promise<{ from?: string; beforeGoLive?: string }> {
  return page.evaluate(() => {
    const w = window as unknown as {
      revrec: {
        controller: {
          get(): { close: { preview?: { from: string }; beforeGoLive?: string } };
        };
      };
    };
    const c = w.revrec.controller.get().close;
    const out: { from?: string; beforeGoLive?: string } = {};
    if (c.preview) out.from = c.preview.from;
    if (c.beforeGoLive !== undefined) out.beforeGoLive = c.beforeGoLive;
    return out;
  });
}

async function preview(period: string) {
  await tab("Close");
  await page.getByLabel("Period to close").selectOption(period);
  await page.getByRole("button", { name: "Preview entry" }).click();
  await page
    .locator(
      '[data-testid="balanced"], [data-testid="before-go-live"], [data-testid="posted-entries"], [data-testid="error"]'
    )
    .first()
    .waitFor();
}

beforeAll(async () => {
  buildPane();
  stack = await startStack();
  page = stack.page;
  await page.setViewportSize({ width: 350, height: 900 });
});

afterAll(async () => {
  await stack?.close();
});

test("connect, sync the demo company and save its rules", async () => {
  await connectSyncAndSaveRules(stack);
});

test("a go-live month not written YYYY-MM is refused with the reason", async () => {
  await tab("Close");
  await page.getByLabel("Go-live month").fill("2026-8");
  await page.getByRole("button", { name: "Save go-live" }).click();
  await page.getByText("Go-live must be a month written YYYY-MM, e.g. 2026-04.").waitFor();
  await stack.shot("go-live-refused");
});

test("go-live, the cut-over and the opening true-up: posted once, after which the cut-over ties", async () => {
  await page.getByLabel("Go-live month").fill(GO_LIVE);
  await page.getByRole("button", { name: "Save go-live" }).click();
  await page.getByText(`Go-live set to ${GO_LIVE}.`).waitFor();
  await page.getByRole("button", { name: "Check cut-over" }).click();
  await page.getByRole("list", { name: "Cut-over" }).waitFor();
  await stack.shot("cutover");
  // Before go-live the demo's invoices sat in deferred revenue, never recognized in QuickBooks: it differs.
  expect(await page.getByTestId("cutover-difference-Deferred revenue").textContent()).not.toBe(
    "0.00"
  );
  await page
    .getByLabel("Offset account for the true-up")
    .selectOption({ label: "Retained Earnings" });
  await page.getByRole("table").first().waitFor();
  await page.getByLabel("Prepared by").fill("Dana Analyst");
  await page.getByRole("button", { name: "Post opening true-up" }).click();
  await page.getByTestId("opening-posted").waitFor();
  await stack.shot("opening-posted");
  expect(await page.getByTestId("opening-posted").textContent()).toContain(
    `RR-OPEN-${GO_LIVE} is posted: the cut-over ties to the cent.`
  );
  for (const label of ["Deferred revenue", "Contract asset"])
    expect(await page.getByTestId(`cutover-difference-${label}`).textContent()).toBe("0.00");
  const opening = await stack.entries(`RR-OPEN-${GO_LIVE}`);
  expect(opening).toHaveLength(1);
  expect(opening[0]).toMatchObject({ TxnDate: `${GO_LIVE}-01` });
});

test("the cut-over and the true-up's result fit the pane from 300 to 800 px", async () => {
  for (const width of [300, 800, 350]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId("opening-posted").waitFor();
    const { scroll, client, widest } = await page.evaluate(() => {
      const section = document.querySelector('[data-testid="go-live"]');
      const right = [...(section?.querySelectorAll("*") ?? [])].reduce(
        (max, el) => Math.max(max, el.getBoundingClientRect().right),
        0
      );
      return {
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        widest: Math.ceil(right),
      };
    });
    expect(scroll).toBeLessThanOrEqual(client);
    expect(widest).toBeLessThanOrEqual(client);
    await stack.shot(`cutover-${width}`);
  }
});

test("a month before go-live has no entry", async () => {
  await preview("2026-07");
  expect(await page.getByTestId("before-go-live").textContent()).toBe(
    `2026-07 is before go-live (${GO_LIVE}): its revenue was booked outside RevRec, so RevRec has no entry for it.`
  );
  expect(await page.getByRole("button", { name: "Post to QuickBooks" }).count()).toBe(0);
});

test("the go-live month's close covers it alone and QuickBooks then equals the workbook", async () => {
  await preview(GO_LIVE);
  await page.getByTestId("balanced").waitFor();
  expect(await closeState()).toEqual({ from: GO_LIVE });
  expect(await page.getByTestId("catch-up").count()).toBe(0);
  await page.getByRole("button", { name: "Post to QuickBooks" }).click();
  await page.getByTestId("posted-result").waitFor();
  await stack.shot("go-live-month-posted");
  expect(await stack.entries(`RR-${GO_LIVE}`)).toHaveLength(1);
  for (const label of ["Deferred revenue", "Contract asset"])
    expect(await page.getByTestId(`difference-${label}`).textContent()).toBe("0.00");
  // Nothing RevRec posted is dated before go-live: the demo's history runs from 2024-11.
  for (let year = 2024; year <= 2026; year++)
    for (let month = 1; month <= 12; month++) {
      const period = `${year}-${String(month).padStart(2, "0")}`;
      if (period >= GO_LIVE) continue;
      expect(await stack.entries(`RR-${period}`)).toHaveLength(0);
    }
});
