/** An expected problem with the input, reported as data rather than thrown. */
export interface Issue {
  /** Stable machine-readable kind, e.g. "invalid_date". */
  code: string;
  /** Where the problem is, e.g. `contracts[3].obligations[0].end`; "" for the whole input. */
  path: string;
  /** A plain sentence a finance user can act on. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(issues: Issue[]): Result<T> {
  return { ok: false, issues };
}
