// A monthly cumulative series stored densely over [first, last]: O(1) queries for any month or
// range, 8 bytes per month. Before `first` the value is 0; after `last` it stays at the last value.
import type { Month } from "../calendar";
import type { Cents } from "../money";

/** A run of `length` numbers at `offset` in a shared buffer. */
export interface Slice {
  readonly data: Float64Array;
  readonly offset: number;
  readonly length: number;
}

/**
 * Hands out zero-filled slices of large shared buffers. One typed array per obligation would cost
 * an ArrayBuffer each; with 100,000 obligations that allocation and its garbage collection cost
 * more than computing the schedules. Buffers grow from small to `chunkSize`, so that the schedule of a few
 * contracts (an edit's) neither zero-fills nor keeps alive a buffer made for a whole book.
 */
export class SliceArena {
  private chunk = new Float64Array(0);
  private used = 0;
  private nextSize = 1 << 10;

  constructor(private readonly chunkSize = 1 << 18) {}

  take(length: number): Slice {
    if (this.used + length > this.chunk.length) {
      this.chunk = new Float64Array(Math.max(this.nextSize, length));
      this.nextSize = Math.min(this.nextSize * 2, this.chunkSize);
      this.used = 0;
    }
    const slice = { data: this.chunk, offset: this.used, length };
    this.used += length;
    return slice;
  }
}

export class Series {
  readonly last: Month;
  private readonly data: Float64Array;
  private readonly offset: number;
  private readonly length: number;

  /** values.data[values.offset + i] is the cumulative amount at the end of month first + i. */
  constructor(
    readonly first: Month,
    values: Slice
  ) {
    this.data = values.data;
    this.offset = values.offset;
    this.length = values.length;
    this.last = first + values.length - 1;
  }

  at(m: Month): Cents {
    if (m < this.first) return 0;
    const i = m - this.first;
    return this.data[this.offset + (i < this.length ? i : this.length - 1)] ?? 0;
  }

  /** Movement in the inclusive range of months. */
  between(from: Month, to: Month): Cents {
    return to < from ? 0 : this.at(to) - this.at(from - 1);
  }

  /** Adds this series into `target`, a cumulative slice starting at `targetFirst` that covers it. */
  addInto(target: Slice, targetFirst: Month): void {
    const { data, offset } = target;
    const start = offset + this.first - targetFirst;
    for (let i = 0; i < this.length; i++) {
      data[start + i] = (data[start + i] ?? 0) + (this.data[this.offset + i] ?? 0);
    }
    const final = this.data[this.offset + this.length - 1] ?? 0;
    if (final === 0) return;
    const end = offset + target.length;
    for (let i = start + this.length; i < end; i++) data[i] = (data[i] ?? 0) + final;
  }
}
