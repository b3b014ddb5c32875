// What makes up a contract's figures in a span of months, for an auditor's "what is in this number?": its
// obligations (revenue), its invoices and credit memos (billed), its other changes, and the balances either
// side. The revenue lines add up to the contract's revenue, the billed lines to its billings, and
// closing = opening + billed − revenue on the net balance.
import type { Change, Contract, Obligation } from "../book/model";
import { firstDay, formatDay, lastDay, monthOfDay, type Day, type Month } from "../calendar";
import { formatAmount, type Cents } from "../money";
import type { ContractSchedule } from "../schedule/types";

export type DetailKind =
  "Opening balance" | "Obligation" | "Invoice" | "Credit memo" | "Change" | "Closing balance";

export interface DetailLine {
  readonly kind: DetailKind;
  readonly id: string;
  readonly date: Day;
  /** What the line is, in words. */
  readonly detail: string;
  readonly revenue: Cents;
  readonly billed: Cents;
  /** Only on the balance lines. */
  readonly balance?: { readonly deferred: Cents; readonly unbilled: Cents };
}

function describeObligation(o: Obligation): string {
  const parts = [o.item ?? "no item", o.method];
  if (o.class !== undefined) parts.push(`class ${o.class}`);
  if (o.method !== "point-in-time" && o.end !== undefined)
    parts.push(`${formatDay(o.start)} to ${formatDay(o.end)}`);
  return parts.join(", ");
}

function describeChange(ch: Change): string {
  switch (ch.type) {
    case "modify": {
      const what = [
        ch.price === undefined ? undefined : `price ${formatAmount(ch.price)}`,
        ch.end === undefined ? undefined : `end ${formatDay(ch.end)}`,
      ].filter((x): x is string => x !== undefined);
      return `modify ${ch.obligation}: ${[...what, ch.treatment].join(", ")}`;
    }
    case "credit":
      return `credit ${ch.obligation}, ${ch.treatment}`;
    case "add":
      return `add ${ch.obligation.id}${ch.reallocate ? ", consideration pooled" : ""}`;
    case "price":
      return `contract price ${ch.amount < 0 ? "" : "+"}${formatAmount(ch.amount)}`;
    case "estimate":
      return `re-estimate of ${ch.variable}`;
  }
}

const within = (d: Day, from: Month, to: Month): boolean => {
  const m = monthOfDay(d);
  return m >= from && m <= to;
};

/** The lines of one contract over the months from..to; `c` is the contract's schedule, `source` its terms. */
export function contractDetail(
  source: Contract,
  c: ContractSchedule,
  from: Month,
  to: Month
): DetailLine[] {
  const lines: DetailLine[] = [
    {
      kind: "Opening balance",
      id: c.id,
      date: lastDay(from - 1),
      detail: "at the end of the month before",
      revenue: 0,
      billed: 0,
      balance: { deferred: c.deferred(from - 1), unbilled: c.unbilled(from - 1) },
    },
  ];
  const terms = new Map<string, Obligation>();
  for (const o of source.obligations) terms.set(o.id, o);
  for (const ch of source.changes)
    if (ch.type === "add") terms.set(ch.obligation.id, ch.obligation);
  for (const o of c.obligations) {
    const t = terms.get(o.id);
    lines.push({
      kind: "Obligation",
      id: o.id,
      date: t?.start ?? firstDay(o.first),
      detail: t === undefined ? (o.item ?? "no item") : describeObligation(t),
      revenue: o.revenue(from, to),
      billed: 0,
    });
  }
  const documents: DetailLine[] = [];
  for (const b of source.billings) {
    if (!within(b.date, from, to)) continue;
    const words = [b.obligation === undefined ? "for the contract" : `for ${b.obligation}`];
    if (b.discount !== undefined)
      words.push(`after a discount of ${formatAmount(b.discount.amount)}`);
    documents.push({
      kind: "Invoice",
      id: b.id,
      date: b.date,
      detail: words.join(", "),
      revenue: 0,
      billed: b.amount,
    });
  }
  for (const ch of source.changes) {
    if (!within(ch.date, from, to)) continue;
    documents.push({
      kind: ch.type === "credit" ? "Credit memo" : "Change",
      id: ch.id,
      date: ch.date,
      detail: describeChange(ch),
      revenue: 0,
      billed: ch.type === "credit" ? -ch.amount : 0,
    });
  }
  // Stable: on one date, invoices come before changes, as they were listed.
  documents.sort((a, b) => a.date - b.date);
  lines.push(...documents, {
    kind: "Closing balance",
    id: c.id,
    date: lastDay(to),
    detail: "at the end of the period",
    revenue: 0,
    billed: 0,
    balance: { deferred: c.deferred(to), unbilled: c.unbilled(to) },
  });
  return lines;
}
