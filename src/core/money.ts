// Money is an integer count of cents (a safe integer). Amounts up to 10^12 are exact.
import { readScaled } from "./decimal";

export type Cents = number;

/** Largest accepted amount: 10^12 currency units, i.e. 10^14 cents, well inside 2^53. */
export const MAX_AMOUNT_DIGITS = 13;
export const MAX_CENTS = 100_000_000_000_000;

/**
 * Largest total of a book's amounts added without sign: cents are held in doubles, exact up to 2^53,
 * and every sum the engine forms (a contract's price, its balances, a journal line over all
 * contracts) is bounded by this total. 90,071,992,547,409.91 in currency units.
 */
export const MAX_BOOK_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * Exact amount in cents; undefined when not a decimal (text or number), more than 2 decimals, or beyond 10^12.
 * Takes any value, so JSON read from outside (QuickBooks amounts) needs no check first.
 */
export function parseAmount(x: unknown): Cents | undefined {
  const read = readScaled(x, 2, MAX_AMOUNT_DIGITS);
  if (!("value" in read) || Math.abs(read.value) > MAX_CENTS) return undefined;
  return read.value;
}

/** "1234.50", "-0.01", "0.00". */
export function formatAmount(c: Cents): string {
  const abs = Math.abs(c);
  const whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  return `${c < 0 ? "-" : ""}${whole}.${frac < 10 ? "0" : ""}${frac}`;
}

/**
 * a × b / c rounded half away from zero, exactly. Number arithmetic when the product is a safe
 * integer (the common case, and fast); BigInt otherwise. c must be a positive integer.
 */
export function mulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    const n = Math.abs(product);
    let q = Math.floor(n / c);
    let r = n - q * c;
    // The float quotient can be off by one near integers; the exact remainder corrects it.
    if (r < 0) {
      q -= 1;
      r += c;
    } else if (r >= c) {
      q += 1;
      r -= c;
    }
    if (2 * r >= c) q += 1;
    return product < 0 && q !== 0 ? -q : q;
  }
  const big = BigInt(a) * BigInt(b);
  const n = big < 0n ? -big : big;
  const bc = BigInt(c);
  let q = n / bc;
  if (2n * (n - q * bc) >= bc) q += 1n;
  return Number(big < 0n && q !== 0n ? -q : q);
}
