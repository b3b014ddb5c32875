// The pane at the widths Excel gives it (320 and 350 px) and at a wide one, light and dark: what a person sees.
// Each tab is screenshot to test-output/e2e/widths and measured: nothing wider than the pane, no scroll container
// that scrolls sideways (the in-memory workbook's grids excepted), every select showing its whole chosen value, no
// two figures overlapping, every chart drawn with its series, and no console errors. Then the close, keyboard only.
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { buildPane, connectSyncAndSaveRules, OUT, startStack } from "./harness";
import type { Stack } from "./harness";

jest.setTimeout(600_000);

const WIDTHS = [320, 350, 800] as const;
const THEMES = ["light", "dark"] as const;
const TABS = ["Connect", "Sync", "Rules", "Close", "Reports"] as const;
const PERIOD = "2026-07";
const SHOTS = path.join(OUT, "widths");

let stack: Stack;
let page: Page;
const consoleErrors: string[] = [];

/** What a person would see wrong in the pane as it is drawn now, one line per problem. */
function measurePane(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const name = (el: Element) => {
      const label =
        el.getAttribute("aria-label") ??
        el.getAttribute("data-testid") ??
        [...el.classList].find((c) => c.startsWith("fui-") || c.startsWith("rr-")) ??
        "";
      return `<${el.tagName.toLowerCase()} ${label}> "${(el.textContent ?? "").slice(0, 40)}"`;
    };
    if (document.documentElement.scrollWidth > width)
      problems.push(
        `the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`
      );
    const pane = document.querySelector('[data-testid="pane"]');
    if (!pane) return ["no pane"];
    const tooWide: Element[] = [];
    for (const el of pane.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // The outermost element that sticks out names the problem; what it holds sticks out with it.
      if ((box.right > width + 0.5 || box.left < -0.5) && !tooWide.some((o) => o.contains(el))) {
        tooWide.push(el);
        problems.push(`wider than the pane: ${name(el)} ${box.left}..${box.right}`);
      }
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth)
        problems.push(`scrolls sideways: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const canvas = document.createElement("canvas").getContext("2d");
    for (const select of pane.querySelectorAll("select")) {
      const chosen = select.options[select.selectedIndex]?.text ?? "";
      const style = getComputedStyle(select);
      if (!canvas) break;
      canvas.font = style.font;
      const room =
        select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (canvas.measureText(chosen).width > room)
        problems.push(`select cuts its value: ${name(select)} "${chosen}" in ${room} px`);
    }
    // A figure is where its text is drawn, which a fixed table layout lets spill out of its cell.
    const figures = [...pane.querySelectorAll(".rr-num")].flatMap((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return r.width > 0 ? [{ el, r }] : [];
    });
    for (const f of figures)
      if (f.r.right > width + 0.5) problems.push(`figure past the edge: ${name(f.el)}`);
    figures.forEach((a, i) => {
      for (const b of figures.slice(i + 1)) {
        const apart =
          a.r.right <= b.r.left + 0.5 ||
          b.r.right <= a.r.left + 0.5 ||
          a.r.bottom <= b.r.top + 0.5 ||
          b.r.bottom <= a.r.top + 0.5;
        if (!apart) problems.push(`figures overlap: ${name(a.el)} and ${name(b.el)}`);
      }
    });
    return problems;
  });
}

async function preparedById(): Promise<string | null> {
  return page.getByLabel("Prepared by").getAttribute("id");
}

async function openTab(name: string) {
  await page.getByRole("tab", { name }).click();
  await page.getByRole("tabpanel", { name }).waitFor();
}

async function previewClose() {
  await openTab("Close");
  await page.getByLabel("Period to close").selectOption(PERIOD);
  await page.getByRole("button", { name: "Preview entry" }).click();
  await page.getByTestId("balanced").waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildPane();
  stack = await startStack();
  page = stack.page;
  page.on("console", (m) => {
    // office.js's own telemetry frame, which the backend's Content-Security-Policy refuses outside Office, is
    // office.js's message, not the pane's.
    const source = m.location().url;
    if (m.type() === "error" && !source.includes("/office-js/"))
      consoleErrors.push(`${m.text()} (${source})`);
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  await connectSyncAndSaveRules(stack);
});

test("a notice stays on the tab it belongs to", async () => {
  expect(await page.getByTestId("notice").textContent()).toContain("Rules and accounts saved");
  await openTab("Sync");
  expect(await page.getByTestId("notice").count()).toBe(0);
  await openTab("Rules");
  expect(await page.getByTestId("notice").count()).toBe(1);
});

afterAll(async () => {
  await stack?.close();
});

describe.each(THEMES)("%s theme", (theme) => {
  beforeAll(async () => {
    await page.goto(`${stack.url}/taskpane.html?theme=${theme}`);
    await page.getByTestId("company-name").waitFor();
    await previewClose();
  });

  test("the whole page is in the theme, behind the pane too", async () => {
    const colours = await page.evaluate(() => {
      const root = document.querySelector(".rr-root");
      return [
        getComputedStyle(document.body).backgroundColor,
        root ? getComputedStyle(root).backgroundColor : "",
      ];
    });
    expect(colours[0]).toBe(colours[1]);
  });

  test.each(WIDTHS)("every tab fits %i px", async (width) => {
    await page.setViewportSize({ width, height: 900 });
    const found: Record<string, string[]> = {};
    for (const name of TABS) {
      await openTab(name);
      await page.getByTestId("pane").screenshot({
        path: path.join(SHOTS, `${theme}-${width}-${name.toLowerCase()}.png`),
      });
      found[name] = await measurePane(page);
    }
    expect(found).toEqual(Object.fromEntries(TABS.map((t) => [t, []])));
    expect(consoleErrors).toEqual([]);
  });
});

test("the close, keyboard only, from the period to the post, at 350 px", async () => {
  await page.setViewportSize({ width: 350, height: 900 });
  await page.goto(`${stack.url}/taskpane.html`);
  await page.getByTestId("company-name").waitFor();
  await page.getByRole("tab", { name: "Connect" }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await page.getByRole("tabpanel", { name: "Close" }).waitFor();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
    "Period to close"
  );
  // The periods are listed latest first: from the last month back to July.
  const periods = await page
    .getByLabel("Period to close")
    .evaluate((el) => (el instanceof HTMLSelectElement ? [...el.options].map((o) => o.value) : []));
  const steps =
    periods.indexOf(PERIOD) -
    periods.indexOf(await page.getByLabel("Period to close").inputValue());
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
  expect(await page.getByLabel("Period to close").inputValue()).toBe(PERIOD);
  await page.keyboard.press("Tab"); // Lines
  await page.keyboard.press("Tab"); // Preview entry
  await page.keyboard.press("Enter");
  await page.getByTestId("balanced").waitFor();
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === (await preparedById())) break;
    await page.keyboard.press("Tab");
  }
  // Nobody has said who prepared the entry yet: Post stays shut, and the field says why.
  expect(await page.getByRole("button", { name: "Post to QuickBooks" }).isDisabled()).toBe(true);
  await page.getByText("Who prepared this entry: the postings log records it.").waitFor();
  await page.keyboard.type("Dana Analyst");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Post to QuickBooks");
  await page.keyboard.press("Enter");
  await page.getByTestId("posted-result").waitFor();
  expect(await page.getByTestId("posted-result").textContent()).toContain("RR-2026-07");
  expect((await stack.entries("RR-2026-07")).length).toBe(1);
  // One message for the post, and the posted lines stay on screen.
  expect(await page.getByTestId("notice").count()).toBe(0);
  await page.getByRole("table", { name: "Posted lines" }).waitFor();
  await page.getByTestId("pane").screenshot({ path: path.join(SHOTS, "light-350-posted.png") });
  expect(await measurePane(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("Disconnect asks first, and Cancel keeps the connection", async () => {
  await openTab("Connect");
  await page.getByRole("button", { name: "Disconnect" }).click();
  const dialog = page.getByRole("dialog", { name: "Disconnect from QuickBooks?" });
  await dialog.waitFor();
  await page.setViewportSize({ width: 320, height: 900 });
  await page.screenshot({ path: path.join(SHOTS, "light-320-disconnect.png") });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  expect(await page.getByTestId("company-name").count()).toBe(1);
});
