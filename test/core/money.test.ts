import fc from "fast-check";
import { allocate, allocateByWeights, formatAmount, mulDiv, parseAmount } from "../../src/core";

describe("amounts", () => {
  it("reads decimal text and numbers exactly, in cents", () => {
    expect(parseAmount("1234.50")).toBe(123450);
    expect(parseAmount(1234.5)).toBe(123450);
    expect(parseAmount("-0.01")).toBe(-1);
    expect(parseAmount("0.10")).toBe(10);
    expect(parseAmount("1.230")).toBe(123);
    expect(parseAmount("1000000000000")).toBe(100_000_000_000_000);
  });

  it("refuses fractions of a cent, non-numbers and amounts beyond 10^12", () => {
    expect(parseAmount("1.005")).toBeUndefined();
    expect(parseAmount(0.1 + 0.2)).toBeUndefined();
    expect(parseAmount("1e3")).toBeUndefined();
    expect(parseAmount("1,000")).toBeUndefined();
    expect(parseAmount("")).toBeUndefined();
    expect(parseAmount(Number.NaN)).toBeUndefined();
    expect(parseAmount("1000000000000.01")).toBeUndefined();
  });

  it("prints two decimals with a leading minus", () => {
    expect(formatAmount(123450)).toBe("1234.50");
    expect(formatAmount(-1)).toBe("-0.01");
    expect(formatAmount(0)).toBe("0.00");
    expect(formatAmount(100_000_000_000_000)).toBe("1000000000000.00");
  });
});

describe("mulDiv (a × b / c, half away from zero)", () => {
  it("rounds halves away from zero", () => {
    expect(mulDiv(1, 1, 2)).toBe(1);
    expect(mulDiv(-1, 1, 2)).toBe(-1);
    expect(mulDiv(5, 1, 4)).toBe(1);
    expect(mulDiv(-5, 1, 4)).toBe(-1);
    expect(mulDiv(3, 1, 2)).toBe(2);
    expect(mulDiv(-1, 1, 3)).toBe(0);
    expect(Object.is(mulDiv(-1, 1, 3), 0)).toBe(true);
  });

  it("is exact on both the Number and the BigInt path", () => {
    const big = fc.integer({ min: -100_000_000_000_000, max: 100_000_000_000_000 });
    fc.assert(
      fc.property(
        big,
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        (a, b, c) => {
          const n = BigInt(a) * BigInt(b);
          const abs = n < 0n ? -n : n;
          const q = abs / BigInt(c);
          const r = abs - q * BigInt(c);
          const rounded = 2n * r >= BigInt(c) ? q + 1n : q;
          return mulDiv(a, b, c) === Number(n < 0n ? -rounded : rounded);
        }
      ),
      { numRuns: 2000 }
    );
  });
});

describe("allocate (relative SSP, largest remainder)", () => {
  it("splits in proportion to SSPs and gives leftover cents to the largest remainders", () => {
    expect(allocate([10000], ["2"])).toEqual({ ok: true, value: [10000] });
    expect(allocate([5000, 5000], ["2", "1"])).toEqual({ ok: true, value: [6667, 3333] });
    expect(allocate([5000, 3000, 2000], ["1", "1", "1"])).toEqual({
      ok: true,
      value: [3334, 3333, 3333],
    });
    expect(allocate([1, 1, 0, 0], ["1", "1", "1", "1"])).toEqual({ ok: true, value: [1, 1, 0, 0] });
    expect(allocate([100], ["0.000001"])).toEqual({ ok: true, value: [100] });
  });

  it("reports SSPs that are not positive decimals, by position", () => {
    expect(allocate([100, 100], ["1", "-1"])).toEqual({
      ok: false,
      issues: [
        {
          code: "invalid_ssp",
          path: "[1]",
          message:
            "The standalone selling price must be a positive decimal number with at most 6 decimals.",
        },
      ],
    });
  });
});

describe("amounts from QuickBooks and splits (the backend's money, now core's)", () => {
  it("converts QuickBooks numbers to cents and back exactly", () => {
    expect(parseAmount(0.29)).toBe(29);
    expect(parseAmount(12000.0)).toBe(1200000);
    expect(parseAmount("33.33")).toBe(3333);
    expect(parseAmount("x")).toBeUndefined();
    expect(formatAmount(-1)).toBe("-0.01");
    expect(formatAmount(123456)).toBe("1234.56");
    expect(parseAmount("1234.5")).toBe(123450);
    expect(parseAmount("1.234")).toBeUndefined();
    expect(parseAmount("1e3")).toBeUndefined();
  });

  it("spreads any total exactly over positive weights", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocateByWeights(total, weights.map(BigInt));
          return (
            parts.reduce((a, b) => a + b, 0) === total &&
            parts.every((p, i) => (weights[i] === 0 ? p === 0 : true))
          );
        }
      )
    );
  });
});
