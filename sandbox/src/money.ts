// Its own money helpers, not core's: the sandbox is its own program, emulating QBO, and shares no product code.
/** Money is integer cents inside the sandbox; QBO JSON carries numbers with at most 2 decimals. */
export function toCents(n: number): number {
  return Math.round(n * 100);
}

export function fromCents(c: number): number {
  return c / 100;
}

export function centsString(c: number): string {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(c);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}
