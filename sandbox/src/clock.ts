/** The sandbox clock: real time plus an offset, optionally started at a fixed instant; tests advance it. */
export class Clock {
  private offsetMs: number;

  constructor(start?: number) {
    this.offsetMs = start === undefined ? 0 : start - Date.now();
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  get offset(): number {
    return this.offsetMs;
  }

  set offset(ms: number) {
    this.offsetMs = ms;
  }
}
