// Computes every schedule of a book once. Per obligation a dense cumulative series over its active
// months; per contract the sums of those plus billings, so each query afterwards is O(1).
import { monthOfDay, type Day, type Month } from "../calendar";
import type { Book, Contract, Method, Obligation } from "../book/model";
import type { Cents } from "../money";
import { cumulativeAtMonthEnd, planObligation, type Plan } from "./plan";
import { planChanges } from "./planChanges";
import { Series, SliceArena } from "./series";
import type { BilledAmount, ContractSchedule, ObligationSchedule, Schedule } from "./types";

export function buildSchedule(book: Book): Schedule {
  const arena = new SliceArena();
  const contracts = book.contracts.map((c) => scheduleContract(c, arena));
  // Id indexes are built on the first lookup: bulk reports walk `contracts` and never need them.
  let byContract: Map<string, ContractSchedule> | undefined;
  let byObligation: Map<string, ObligationSchedule> | undefined;
  const index = (): void => {
    byContract = new Map();
    byObligation = new Map();
    for (const c of contracts) {
      byContract.set(c.id, c);
      for (const o of c.obligations) byObligation.set(o.id, o);
    }
  };
  return {
    currency: book.currency,
    contracts,
    contract(id) {
      if (byContract === undefined) index();
      return byContract?.get(id);
    },
    obligation(id) {
      if (byObligation === undefined) index();
      return byObligation?.get(id);
    },
  };
}

class ObligationResult implements ObligationSchedule {
  readonly item?: string;
  readonly class?: string;
  readonly first: Month;
  readonly last: Month;
  readonly method: Method;
  constructor(
    readonly id: string,
    readonly contract: string,
    source: Obligation,
    readonly allocated: Cents,
    readonly series: Series
  ) {
    this.method = source.method;
    if (source.item !== undefined) this.item = source.item;
    if (source.class !== undefined) this.class = source.class;
    this.first = series.first;
    this.last = series.last;
  }
  revenue(from: Month, to: Month): Cents {
    return this.series.between(from, to);
  }
  cumulative(m: Month): Cents {
    return this.series.at(m);
  }
}

class ContractResult implements ContractSchedule {
  constructor(
    readonly id: string,
    readonly customer: string,
    readonly obligations: readonly ObligationResult[],
    readonly allocated: Cents,
    private readonly recognized: Series,
    private readonly billedToDate: Series,
    readonly billingLines: readonly BilledAmount[],
    readonly first: Month,
    readonly last: Month
  ) {}
  revenue(from: Month, to: Month): Cents {
    return this.recognized.between(from, to);
  }
  cumulative(m: Month): Cents {
    return this.recognized.at(m);
  }
  billed(from: Month, to: Month): Cents {
    return this.billedToDate.between(from, to);
  }
  // Credits beyond the invoices are the customer's (refund); revenue is set against what was invoiced net of
  // credits, never below zero, so one balance never shows as both a contract asset and a refund (docs/book.md,
  // "Balances").
  deferred(m: Month): Cents {
    return Math.max(Math.max(this.billedToDate.at(m), 0) - this.recognized.at(m), 0);
  }
  unbilled(m: Month): Cents {
    return Math.max(this.recognized.at(m) - Math.max(this.billedToDate.at(m), 0), 0);
  }
  refund(m: Month): Cents {
    return Math.max(-this.billedToDate.at(m), 0);
  }
}

function scheduleContract(c: Contract, arena: SliceArena): ContractSchedule {
  const obligations: ObligationResult[] = [];
  const changes = planChanges(c);
  for (const o of c.obligations)
    obligations.push(scheduleObligation(c, o, planObligation(o, changes), arena));
  // The added obligations as planned: a pooling add carries its share of the pool.
  for (const change of changes) {
    if (change.type !== "add") continue;
    const o = change.obligation;
    obligations.push(scheduleObligation(c, o, planObligation(o, changes, change.date), arena));
  }

  // Billings: invoices add, credit memos (credit changes) subtract, in the month of their date.
  const events: { date: Day; line: BilledAmount }[] = c.billings.map((b) => {
    const line = billedAmount(b.date, b.amount, b.obligation);
    return {
      date: b.date,
      line:
        b.discount === undefined
          ? line
          : { ...line, discount: { amount: b.discount.amount, account: b.discount.account } },
    };
  });
  for (const change of c.changes) {
    if (change.type !== "credit") continue;
    let line = billedAmount(change.date, -change.amount, change.obligation);
    if (change.item !== undefined) line = { ...line, item: change.item };
    // Signed like the amount, so gross = amount + discount.amount holds for a credit memo too.
    if (change.discount !== undefined) {
      line = {
        ...line,
        discount: { amount: -change.discount.amount, account: change.discount.account },
      };
    }
    events.push({ date: change.date, line });
  }
  events.sort((a, b) => a.date - b.date);
  const billingLines = events.map((e) => e.line);

  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const o of obligations) {
    first = Math.min(first, o.first);
    last = Math.max(last, o.last);
  }
  for (const { month } of billingLines) {
    first = Math.min(first, month);
    last = Math.max(last, month);
  }

  const length = last - first + 1;
  const recognized = arena.take(length);
  for (const o of obligations) o.series.addInto(recognized, first);
  const billed = arena.take(length);
  const { data, offset } = billed;
  for (const { month, amount } of billingLines) {
    data[offset + month - first] = (data[offset + month - first] ?? 0) + amount;
  }
  for (let i = offset + 1; i < offset + length; i++) data[i] = (data[i] ?? 0) + (data[i - 1] ?? 0);

  const allocated = obligations.reduce((s, o) => s + o.allocated, 0);
  return new ContractResult(
    c.id,
    c.customer,
    obligations,
    allocated,
    new Series(first, recognized),
    new Series(first, billed),
    billingLines,
    first,
    last
  );
}

function scheduleObligation(
  c: Contract,
  o: Obligation,
  plan: Plan,
  arena: SliceArena
): ObligationResult {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of plan.segments) {
    if (Number.isFinite(s.effective)) {
      first = Math.min(first, s.effective);
      last = Math.max(last, s.effective, s.curve.last);
    } else {
      first = Math.min(first, s.curve.first);
      last = Math.max(last, s.curve.last);
    }
  }
  const values = arena.take(last - first + 1);
  for (let i = 0; i < values.length; i++) {
    values.data[values.offset + i] = cumulativeAtMonthEnd(plan.segments, first + i);
  }
  return new ObligationResult(o.id, c.id, o, plan.allocated, new Series(first, values));
}

function billedAmount(date: Day, amount: Cents, obligation: string | undefined): BilledAmount {
  const month = monthOfDay(date);
  return obligation === undefined ? { month, amount } : { month, amount, obligation };
}
