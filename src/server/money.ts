import { formatAmount } from "../core";

/** Money at the backend's edges: QuickBooks sends JSON numbers, the API speaks two-decimal strings, we add cents. */

/** A QuickBooks amount (number or numeric string) in integer cents; undefined when it is not a finite amount. */
export function toCents(v: unknown): number | undefined {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) return undefined;
  const c = Math.round(n * 100);
  return Number.isSafeInteger(c) ? c : undefined;
}

/** "1234.5" / "1234.50" / "1234" → cents; more than two decimals, signs other than a leading "-", or junk → undefined. */
export function parseDecimal(s: string): number | undefined {
  const m = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (m === null) return undefined;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -cents : cents;
}

/** cents → the JSON number QuickBooks expects (two decimals, exact in decimal). */
export function centsToNumber(c: number): number {
  return Number(formatAmount(c));
}

/**
 * Split `total` cents over `weights` in proportion, to the cent, by largest remainder (ties: earlier first).
 * Weights must be non-negative with a positive sum. The parts add up exactly to `total`.
 */
export function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new RangeError("spread needs a positive total weight");
  const T = BigInt(total);
  const S = BigInt(sum);
  const neg = T < 0n;
  const absT = neg ? -T : T;
  const parts: bigint[] = [];
  const rems: { i: number; r: bigint }[] = [];
  let used = 0n;
  weights.forEach((w, i) => {
    const num = absT * BigInt(w);
    const q = num / S;
    parts.push(q);
    used += q;
    rems.push({ i, r: num % S });
  });
  let left = absT - used;
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left <= 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(neg ? -p : p));
}
