// The pane at the widths Excel gives it (320 and 350 px) and at a wide one, light and dark: what a person sees.
// Each tab is screenshot to test-output/e2e/widths and measured: nothing wider than the pane, no scroll container
// that scrolls sideways (the in-memory workbook's grids excepted), every select showing its whole chosen value, no
// two figures overlapping, every chart drawn with its series, and no console errors. Then the close, keyboard only.
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { monthsBetween } from "../../src/core";
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

/** A chart as drawn: its legend entries with their colours, and its data points (bars, line markers) by series. */
interface DrawnChart {
  legends: Record<string, string>;
  points: Record<string, string[]>;
}

/**
 * Reads a chart from its marks: each bar or marker is named "<x>. <series>, <value>." for screen readers, and each
 * legend entry is a button named after its series, its swatch colour in a CSS variable.
 */
function drawnChart(p: Page, testId: string): Promise<DrawnChart> {
  return p.getByTestId(testId).evaluate((figure) => {
    const legends: Record<string, string> = {};
    for (const b of figure.querySelectorAll<HTMLElement>(".fui-legend__legend"))
      legends[b.getAttribute("aria-label") ?? ""] =
        b.style.getPropertyValue("--rect-backgroundColor");
    const points: Record<string, string[]> = {};
    for (const mark of figure.querySelectorAll('svg [role="option"][aria-label]')) {
      const m = /^(.*)\. (.*), [-\d.]+\.$/.exec(mark.getAttribute("aria-label") ?? "");
      if (!m || !m[1] || !m[2]) continue;
      (points[m[2]] ??= []).push(m[1]);
    }
    return { legends, points };
  });
}

/**
 * The lowest contrast (WCAG's ratio) between the page's background and a chart's text: axis figures, month names
 * and legend entries. Dark text on the dark theme's background would show here.
 */
function chartTextContrast(p: Page, testId: string): Promise<number> {
  return p.getByTestId(testId).evaluate((figure) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (c: string) => {
      const [r = 0, g = 0, b = 0] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const back = luminance(getComputedStyle(document.body).backgroundColor);
    const texts = [
      ...[...figure.querySelectorAll("svg text")].map((t) => getComputedStyle(t).fill),
      ...[...figure.querySelectorAll(".fui-legend__legend")].map((b) => getComputedStyle(b).color),
    ];
    return Math.min(
      ...texts.map((c) => {
        const l = luminance(c);
        return (Math.max(l, back) + 0.05) / (Math.min(l, back) + 0.05);
      })
    );
  });
}

/**
 * Pairs of a chart's axis labels drawn over each other (a plot squeezed too flat shows its figures piled up).
 * Labels turned 45 degrees are left out: their upright boxes overlap where their letters do not.
 */
function overlappingLabels(p: Page, testId: string): Promise<string[]> {
  return p.getByTestId(testId).evaluate((figure) => {
    const out: string[] = [];
    for (const axis of figure.querySelectorAll("g.fui-cart__xAxis, g.fui-cart__yAxis")) {
      const labels = [...axis.querySelectorAll("text")]
        .map((t) => ({
          text: t.textContent ?? "",
          r: t.getBoundingClientRect(),
          turned: t.closest('[transform*="rotate"]') !== null,
        }))
        .filter((l) => l.r.width > 0 && l.text !== "" && !l.turned);
      labels.forEach((a, i) => {
        for (const b of labels.slice(i + 1)) {
          const apart =
            a.r.right <= b.r.left + 0.5 ||
            b.r.right <= a.r.left + 0.5 ||
            a.r.bottom <= b.r.top + 0.5 ||
            b.r.bottom <= a.r.top + 0.5;
          if (!apart) out.push(`${a.text} / ${b.text}`);
        }
      });
    }
    return out;
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
  // Any console error fails the test, office.js's included: browser mode is what a new user tries first.
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${m.text()} (${m.location().url})`);
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

  test.each(WIDTHS)("the charts are drawn with every series at %i px", async (width) => {
    await page.setViewportSize({ width, height: 900 });
    await openTab("Close");
    // Six months before the period closed to six after it: a bar each for revenue, a marker each per balance.
    const around = monthsBetween("2026-01", "2027-01");
    const recognized = await drawnChart(page, "chart-recognized");
    expect(Object.keys(recognized.legends)).toEqual(["Recognized revenue"]);
    // The period being closed is the bar named so.
    expect(recognized.points["Recognized revenue"]).toEqual(
      around.map((m) => (m === PERIOD ? `${m} (this close)` : m))
    );
    const balances = await drawnChart(page, "chart-balances");
    expect(Object.keys(balances.legends)).toEqual(["Deferred revenue", "Contract asset"]);
    expect(balances.points["Deferred revenue"]).toHaveLength(around.length);
    expect(balances.points["Contract asset"]).toHaveLength(around.length);
    // Every series in a colour of its own.
    expect(new Set(Object.values(balances.legends)).size).toBe(2);
    for (const id of ["chart-recognized", "chart-balances"]) {
      expect(await chartTextContrast(page, id)).toBeGreaterThanOrEqual(4.5);
      expect(await overlappingLabels(page, id)).toEqual([]);
    }
    await openTab("Reports");
    // Four contracts by name and the rest as one stack, over the twelve months the fields hold.
    const waterfall = await drawnChart(page, "chart-waterfall");
    const legends = Object.keys(waterfall.legends);
    expect(legends).toHaveLength(5);
    expect(legends[4]).toMatch(/^\d+ other contracts$/);
    expect(Object.keys(waterfall.points).sort()).toEqual([...legends].sort());
    const stacked = new Set(Object.values(waterfall.points).flat());
    expect([...stacked].sort()).toEqual(monthsBetween("2025-08", PERIOD));
    expect(new Set(Object.values(waterfall.legends)).size).toBe(5);
    expect(await chartTextContrast(page, "chart-waterfall")).toBeGreaterThanOrEqual(4.5);
    expect(await overlappingLabels(page, "chart-waterfall")).toEqual([]);
    expect(await page.getByTestId("waterfall-total").textContent()).toMatch(/^[\d,]+\.\d\d$/);
    expect(await measurePane(page)).toEqual([]);
  });
});

test("a chart follows the pane when it is narrowed", async () => {
  await page.setViewportSize({ width: 800, height: 900 });
  await openTab("Close");
  await page.getByTestId("chart-recognized").locator("svg").first().waitFor();
  await page.setViewportSize({ width: 320, height: 900 });
  // The charts redraw when their container reports its new size: wait for that, then measure everything.
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".rr-chart *")].every(
      (el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5
    )
  );
  expect(await measurePane(page)).toEqual([]);
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

test("with approval required, Post waits for a second person; both names reach the log and QuickBooks once", async () => {
  // The setting is the workbook's, on the Rules tab, and RevRecAudit logs who changed it: the switch waits for a name.
  await openTab("Rules");
  const mine = page.getByRole("switch", { name: /Require a second person's approval/ });
  await page.getByLabel("Your name").fill("");
  expect(await mine.isDisabled()).toBe(true);
  await page.getByLabel("Your name").fill("Dana Analyst");
  await mine.check();
  expect(await mine.isChecked()).toBe(true);
  await openTab("Close");
  await page.getByLabel("Period to close").selectOption("2026-08");
  await page.getByRole("button", { name: "Preview entry" }).click();
  await page.getByTestId("balanced").waitFor();
  await page.getByTestId("approval-required").waitFor();
  const post = page.getByRole("button", { name: "Post to QuickBooks" });
  await page
    .getByText("Who approved this entry: this workbook requires a second person's approval.")
    .waitFor();
  expect(await post.isDisabled()).toBe(true);
  await page.getByLabel("Approved by").fill("dana analyst");
  await page.getByText("The approver must be someone other than the preparer.").waitFor();
  expect(await post.isDisabled()).toBe(true);
  await page.getByLabel("Approved by").fill("Sam Approver");
  await post.click();
  await page.getByTestId("posted-result").waitFor();
  const [entry, ...more] = await stack.entries("RR-2026-08");
  expect(more).toEqual([]);
  const note = entry?.PrivateNote ?? "";
  expect(note).toMatch(
    /^RevRec for Excel: revenue recognition 2026-08, prepared by Dana Analyst, approved by Sam Approver \| /
  );
  expect(note.split("revenue recognition")).toHaveLength(2);
  expect(note.split("Sam Approver")).toHaveLength(2);
  const logged = await page.evaluate(async () => {
    const log = (await window.revrec?.workbook.readTables(["RevRecPostings"]))?.get(
      "RevRecPostings"
    );
    const row = log?.rows.find((r) => r[log.header.indexOf("DocNumber")] === "RR-2026-08");
    return ["Prepared By", "Approved By"].map((h) => row?.[log?.header.indexOf(h) ?? -1]);
  });
  expect(logged).toEqual(["Dana Analyst", "Sam Approver"]);
  // The change of the setting is in RevRecAudit, under the name given on the Rules tab.
  const audit = await page.evaluate(async () => {
    const t = (await window.revrec?.workbook.readTables(["RevRecAudit"]))?.get("RevRecAudit");
    const at = (r: unknown[], h: string) => r[t?.header.indexOf(h) ?? -1];
    return (t?.rows ?? []).map((r) => [at(r, "Who"), at(r, "Table"), at(r, "New Value")]);
  });
  expect(audit).toContainEqual(["Dana Analyst", "Settings", "true"]);
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
