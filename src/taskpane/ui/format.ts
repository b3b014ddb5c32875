import type { Cents } from "../../core";

const fmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 123456 -> "1,234.56" (amounts are integer cents). */
export function money(c: Cents): string {
  return fmt.format(c / 100);
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A chart axis's figure in currency units: 1234567 -> "1.2M", short enough for a 350 px pane. */
export function axisMoney(units: number | Date): string {
  return typeof units === "number" ? compact.format(units) : "";
}

/** "2026-07" -> "Jul 26": a month as a chart's axis names it. */
export function shortMonth(period: string): string {
  const [y = "", m = ""] = period.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${y.slice(2)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
