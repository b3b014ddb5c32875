// Exact decimal input: amounts, SSPs and percentages arrive as strings or JSON numbers and are
// turned into integers of a fixed scale, never into binary floating point.

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

export type DecimalProblem = "not_a_number" | "too_precise" | "too_large";

/**
 * Reads a decimal string or number as an integer count of 10^-scale units.
 * Digits beyond `scale` decimals are accepted only when they are zeros ("1.230" is 1.23).
 * `maxDigits` bounds the integer part so the result stays a safe integer.
 */
export function readScaled(
  raw: unknown,
  scale: number,
  maxDigits: number
): { value: number } | { problem: DecimalProblem } {
  let text: string;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { problem: "not_a_number" };
    text = String(raw);
  } else if (typeof raw === "string") {
    text = raw.trim();
  } else {
    return { problem: "not_a_number" };
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) return { problem: "not_a_number" };
  const whole = (match[2] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = match[3] ?? "";
  if (/[^0]/.test(fraction.slice(scale))) return { problem: "too_precise" };
  if (whole.length > maxDigits) return { problem: "too_large" };
  const units = Number(whole + fraction.slice(0, scale).padEnd(scale, "0"));
  if (units === 0) return { value: 0 };
  return { value: match[1] === "-" ? -units : units };
}
