// A monthly cumulative series stored densely over [first, last]: O(1) queries for any month or
// range, 8 bytes per month. Before `first` the value is 0; after `last` it stays at the last value.
import type { Month } from "../calendar";
import type { Cents } from "../money";

export class Series {
  constructor(
    readonly first: Month,
    /** values[i] is the cumulative amount at the end of month first + i. */
    private readonly values: Float64Array
  ) {}

  get last(): Month {
    return this.first + this.values.length - 1;
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
}
