/**
 * The sandbox clock: real time plus an offset, optionally started at a fixed instant. Tests advance it,
 * and may freeze it so that time-window behaviour (throttling, token expiry) does not depend on machine speed.
 */
export class Clock {
  private offsetMs: number;
  private frozenAt: number | undefined;

  constructor(start?: number) {
    this.offsetMs = start === undefined ? 0 : start - Date.now();
  }

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  advance(ms: number): number {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
    return this.now();
  }

  freeze(on: boolean): void {
    if (on && this.frozenAt === undefined) this.frozenAt = this.now();
    if (!on && this.frozenAt !== undefined) {
      this.offsetMs = this.frozenAt - Date.now();
      this.frozenAt = undefined;
    }
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  get offset(): number {
    return this.frozenAt === undefined ? this.offsetMs : this.frozenAt - Date.now();
  }

  set offset(ms: number) {
    this.offsetMs = ms;
    this.frozenAt = undefined;
  }
}
