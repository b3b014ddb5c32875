import {
  daysInMonth,
  firstDay,
  formatDay,
  formatMonth,
  lastDay,
  monthOfDay,
  parseDay,
  parseMonth,
} from "../../src/core";

describe("calendar", () => {
  it("numbers months as year * 12 + month - 1", () => {
    expect(parseMonth("2026-03")).toBe(24314);
    expect(formatMonth(24314)).toBe("2026-03");
    expect(parseMonth("2026-13")).toBeUndefined();
    expect(parseMonth("2026-3")).toBeUndefined();
  });

  it("numbers days from 1970-01-01 and accepts only real dates", () => {
    expect(parseDay("1970-01-01")).toBe(0);
    expect(parseDay("2000-03-01")).toBe(11017);
    expect(parseDay("2024-02-29")).toBeDefined();
    expect(parseDay("2025-02-29")).toBeUndefined();
    expect(parseDay("1900-02-29")).toBeUndefined();
    expect(parseDay("2000-02-29")).toBeDefined();
    expect(parseDay("2026-04-31")).toBeUndefined();
    expect(parseDay("2026-1-1")).toBeUndefined();
  });

  it("round-trips every day from 1900 to 2199 and agrees with Date", () => {
    const start = parseDay("1900-01-01") ?? 0;
    const end = parseDay("2199-12-31") ?? 0;
    for (let d = start; d <= end; d += 1) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      if (formatDay(d) !== iso || parseDay(iso) !== d)
        throw new Error(`day ${d}: ${formatDay(d)} vs ${iso}`);
    }
  });

  it("knows month lengths, leap years included", () => {
    const m = (s: string): number => parseMonth(s) ?? 0;
    expect(daysInMonth(m("2024-02"))).toBe(29);
    expect(daysInMonth(m("2025-02"))).toBe(28);
    expect(daysInMonth(m("2100-02"))).toBe(28);
    expect(daysInMonth(m("2000-02"))).toBe(29);
    expect(formatDay(firstDay(m("2026-03")))).toBe("2026-03-01");
    expect(formatDay(lastDay(m("2026-12")))).toBe("2026-12-31");
    expect(formatMonth(monthOfDay(parseDay("2026-01-31") ?? 0))).toBe("2026-01");
  });
});
