// An independent reference model for the straight-line methods, used to cross-check the engine:
// calendar from JavaScript's Date (UTC), weights as exact rationals in BigInt, cumulative amounts
// rounded half away from zero. It shares no code with src/core.

const DAY_MS = 86_400_000;

function utcDay(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

function monthKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 7);
}

function monthEnds(startDay: number, endDay: number): number[] {
  const ends: number[] = [];
  const s = new Date(startDay * DAY_MS);
  for (let k = 0; ; k++) {
    const end = Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + k + 1, 1) / DAY_MS - 1;
    ends.push(end);
    if (end >= endDay) return ends;
  }
}

function roundHalfAway(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = n / denominator;
  const rounded = 2n * (n - q * denominator) >= denominator ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** Cents recognized per month ("YYYY-MM") for daily, monthly, monthly-prorated, point-in-time. */
export function referenceSchedule(
  method: string,
  priceCents: number,
  start: string,
  end: string | undefined
): Map<string, number> {
  const s = utcDay(start);
  const e = method === "point-in-time" ? s : utcDay(end ?? start);
  const ends = monthEnds(s, e);
  // weight earned by each month end, and the total
  const L = 377_580n; // lcm(28, 29, 30, 31): every month fraction is a whole number of 1/L
  const weights: bigint[] = ends.map((monthEnd, k) => {
    const monthStart = k === 0 ? s : (ends[k - 1] ?? 0) + 1;
    const daysInMonth = BigInt(new Date(monthEnd * DAY_MS).getUTCDate());
    const covered = BigInt(Math.min(monthEnd, e) - Math.max(monthStart, s) + 1);
    if (method === "daily") return covered;
    if (method === "monthly" || method === "point-in-time") return 1n;
    return (covered * L) / daysInMonth;
  });
  const total = weights.reduce((a, b) => a + b, 0n);
  const out = new Map<string, number>();
  let earned = 0n;
  let previous = 0n;
  ends.forEach((monthEnd, k) => {
    earned += weights[k] ?? 0n;
    const cumulative = roundHalfAway(BigInt(priceCents) * earned, total);
    out.set(monthKey(monthEnd), Number(cumulative - previous));
    previous = cumulative;
  });
  return out;
}
