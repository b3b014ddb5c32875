// A monthly cumulative series stored densely over [first, last]: O(1) queries for any month or
// range, 8 bytes per month. Before `first` the value is 0; after `last` it stays at the last value.
import type { Month } from "../calendar";
import type { Cents } from "../money";

export class Series {
  readonly last: Month;
  constructor(
    readonly first: Month,
    /** values[i] is the cumulative amount at the end of month first + i. */
    private readonly values: Float64Array
  ) {
    this.last = first + values.length - 1;
  }

  at(m: Month): Cents {
    if (m < this.first) return 0;
    const i = m - this.first;
    const n = this.values.length;
    return (i < n ? this.values[i] : this.values[n - 1]) ?? 0;
  }

  /** Movement in the inclusive range of months. */
  between(from: Month, to: Month): Cents {
    return to < from ? 0 : this.at(to) - this.at(from - 1);
  }

  /** Adds this series into `target`, a cumulative series starting at `targetFirst` that covers it. */
  addInto(target: Float64Array, targetFirst: Month): void {
    const offset = this.first - targetFirst;
    const n = this.values.length;
    for (let i = 0; i < n; i++)
      target[offset + i] = (target[offset + i] ?? 0) + (this.values[i] ?? 0);
    const final = this.values[n - 1] ?? 0;
    if (final === 0) return;
    for (let i = offset + n; i < target.length; i++) target[i] = (target[i] ?? 0) + final;
  }
}
