/* global Office */

/** Dark when Office's theme (or, outside Office, the browser's) has a dark background. */
export function prefersDark(): boolean {
  const officeTheme = typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
  if (officeTheme?.bodyBackgroundColor) return isDarkColor(officeTheme.bodyBackgroundColor);
  const query = new URLSearchParams(window.location.search).get("theme");
  if (query === "dark" || query === "light") return query === "dark";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** "#1f1f1f" -> true. Relative luminance below one half. */
export function isDarkColor(hex: string): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m || !m[1]) return false;
  const n = parseInt(m[1], 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}
