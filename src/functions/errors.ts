// The one mapping from what went wrong to what a cell shows. Only #VALUE! and #N/A carry a message in Excel.

export type ErrorKind = "#VALUE!" | "#N/A";

/** A cell error, host-neutral: Excel adapters turn it into CustomFunctions.Error, the formula harness into a CellError. */
export class RevRecError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string
  ) {
    super(message);
    this.name = "RevRecError";
    // Keep instanceof working after down-levelled class compilation.
    Object.setPrototypeOf(this, RevRecError.prototype);
  }
}

/** Malformed input: which argument, and what is expected. */
export function invalid(message: string): RevRecError {
  return new RevRecError("#VALUE!", message);
}

/** A lookup that found nothing (unknown contract, no book loaded). */
export function notAvailable(message: string): RevRecError {
  return new RevRecError("#N/A", message);
}

/** Excel truncates long error messages; keep them to the point. */
export function clip(message: string, max = 250): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}
