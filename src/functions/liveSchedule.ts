// The functions' schedule, kept up to date in place: an edit to a table row replaces the schedules of the
// contracts it touches, and the id lookups (exact and regardless of case) are patched, never rebuilt, so a
// one-row edit in a 100,000-contract book costs what those contracts cost.
import type { ContractSchedule, ObligationSchedule, Schedule } from "../core";

export class LiveSchedule implements Schedule {
  private list: ContractSchedule[];
  private byContract: Map<string, ContractSchedule> | undefined;
  private byObligation: Map<string, ObligationSchedule> | undefined;
  private folded: Map<string, string[]> | undefined;
  /** Where each contract stands in `list`, made on the first replace and kept while none is removed. */
  private positions: Map<string, number> | undefined;

  constructor(built: Schedule) {
    this.currency = built.currency;
    this.list = [...built.contracts];
  }

  readonly currency: string;

  get contracts(): readonly ContractSchedule[] {
    return this.list;
  }

  contract(id: string): ContractSchedule | undefined {
    return this.index().get(id);
  }

  obligation(id: string): ObligationSchedule | undefined {
    this.index();
    return this.byObligation?.get(id);
  }

  /** The book's ids (contracts and obligations) that fold to `lower`, a lower-cased id. */
  idsFolding(lower: string): readonly string[] {
    if (this.folded === undefined) {
      this.folded = new Map();
      for (const c of this.list) this.addIds(c);
    }
    return this.folded.get(lower) ?? [];
  }

  /**
   * Puts `next` where the contracts of `ids` were (a contract of `ids` without a replacement is removed). Every
   * contract of `next` must be one of `ids` that the schedule has: new contracts need a full load, which places them.
   */
  replace(ids: ReadonlySet<string>, next: readonly ContractSchedule[]): void {
    const byId = new Map(next.map((c) => [c.id, c]));
    const removed: ContractSchedule[] = [];
    const at = (this.positions ??= new Map(this.list.map((c, i) => [c.id, i])));
    if ([...ids].every((id) => byId.has(id) || !at.has(id))) {
      // Each keeps its place: the new ones go where the old stood.
      for (const [id, c] of byId) {
        const i = at.get(id);
        const old = i === undefined ? undefined : this.list[i];
        if (i === undefined || old === undefined) continue;
        removed.push(old);
        this.list[i] = c;
      }
    } else {
      const kept: ContractSchedule[] = [];
      for (const c of this.list) {
        if (!ids.has(c.id)) {
          kept.push(c);
          continue;
        }
        removed.push(c);
        const n = byId.get(c.id);
        if (n !== undefined) kept.push(n);
      }
      this.list = kept;
      this.positions = undefined;
    }
    for (const c of removed) this.forget(c);
    for (const c of next) this.learn(c);
    // An id can be one contract's and another's obligation's: forgetting the one must not lose the other.
    if (this.folded === undefined) return;
    for (const c of removed) {
      for (const id of [c.id, ...c.obligations.map((o) => o.id)]) {
        if (this.contract(id) === undefined && this.obligation(id) === undefined) continue;
        const key = id.toLowerCase();
        const list = this.folded.get(key);
        if (list === undefined) this.folded.set(key, [id]);
        else if (!list.includes(id)) list.push(id);
      }
    }
  }

  private index(): Map<string, ContractSchedule> {
    if (this.byContract === undefined) {
      this.byContract = new Map();
      this.byObligation = new Map();
      for (const c of this.list) {
        this.byContract.set(c.id, c);
        for (const o of c.obligations) this.byObligation.set(o.id, o);
      }
    }
    return this.byContract;
  }

  private forget(c: ContractSchedule): void {
    this.byContract?.delete(c.id);
    for (const o of c.obligations) this.byObligation?.delete(o.id);
    if (this.folded === undefined) return;
    for (const id of [c.id, ...c.obligations.map((o) => o.id)]) {
      const key = id.toLowerCase();
      const rest = (this.folded.get(key) ?? []).filter((x) => x !== id);
      if (rest.length > 0) this.folded.set(key, rest);
      else this.folded.delete(key);
    }
  }

  private learn(c: ContractSchedule): void {
    this.byContract?.set(c.id, c);
    for (const o of c.obligations) this.byObligation?.set(o.id, o);
    if (this.folded !== undefined) this.addIds(c);
  }

  private addIds(c: ContractSchedule): void {
    const folded = this.folded;
    if (folded === undefined) return;
    for (const id of [c.id, ...c.obligations.map((o) => o.id)]) {
      const key = id.toLowerCase();
      const list = folded.get(key);
      if (list === undefined) folded.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    }
  }
}
