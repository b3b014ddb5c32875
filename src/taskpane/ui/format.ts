import type { Cents } from "../../core";

const fmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 123456 -> "1,234.56" (amounts are integer cents). */
export function money(c: Cents): string {
  return fmt.format(c / 100);
}
