// What a contract argument names, in the loaded book: one contract, one obligation, or all of them ("*"); and
// the result types every function shares.
import type { Cents, ContractSchedule, ObligationSchedule, Schedule } from "../core";
import { clip, invalid, notAvailable, RevRecError } from "./errors";
import { idsIgnoringCase, keyIgnoringCase } from "./ids";
import type { BookStore, Loaded } from "./store";

/** One cell of a result: a number, a label, or an error shown in that cell. */
export type Out = number | string | RevRecError;
export type Matrix = Out[][];

export const money = (c: Cents): number => c / 100;
export const MAX_MONTHS = 1200;

export function loaded(store: BookStore): { state: Loaded; schedule: Schedule } {
  const state = store.state;
  if (state.fatal || !state.schedule) throw state.fatal ?? notAvailable("no contracts loaded");
  return { state, schedule: state.schedule };
}

export type Target =
  | { kind: "all"; contracts: readonly ContractSchedule[] }
  | { kind: "contract"; contract: ContractSchedule }
  | { kind: "obligation"; obligation: ObligationSchedule };

/** All contracts, for a total; `what` starts the message (`contract "*"`, `JOURNAL`). */
export function everything(state: Loaded, schedule: Schedule, what: string): Target {
  const [firstRejected] = state.rejected;
  if (firstRejected) {
    const more = state.rejected.size - 1;
    throw invalid(
      clip(
        `${what}: totals need every contract, but contract ${firstRejected[0]}${more > 0 ? ` and ${more} more` : ""} cannot be read: ${firstRejected[1]}`
      )
    );
  }
  if (state.incomplete)
    throw invalid(clip(`${what}: totals need every row, but ${state.incomplete}`));
  return { kind: "all", contracts: schedule.contracts };
}

export function resolve(state: Loaded, schedule: Schedule, name: string, id: string): Target {
  if (id === "*") return everything(state, schedule, `${name} "*"`);
  const exact = byId(schedule, id);
  if (exact) return exact;
  const folded = idsIgnoringCase(schedule, id);
  const [only] = folded;
  if (folded.length === 1 && only !== undefined) {
    const found = byId(schedule, only);
    if (found) return found;
  }
  if (folded.length > 1) {
    throw invalid(
      clip(
        `${name}: ${JSON.stringify(id)} matches ${folded.map((f) => JSON.stringify(f)).join(" and ")}, which differ only in case; write the id exactly`
      )
    );
  }
  const rejectedId = keyIgnoringCase(state.rejected, id);
  const why = rejectedId === undefined ? undefined : state.rejected.get(rejectedId);
  if (why !== undefined) throw invalid(clip(`contract ${rejectedId} cannot be computed: ${why}`));
  const rejectedObligation = keyIgnoringCase(state.rejectedObligations, id);
  const owner =
    rejectedObligation === undefined
      ? undefined
      : state.rejectedObligations.get(rejectedObligation);
  const whyOwner = owner === undefined ? undefined : state.rejected.get(owner);
  if (owner !== undefined && whyOwner !== undefined) {
    throw invalid(
      clip(
        `obligation ${rejectedObligation} cannot be computed: its contract ${owner} cannot be read: ${whyOwner}`
      )
    );
  }
  throw notAvailable(clip(`unknown contract or obligation ${JSON.stringify(id)}`));
}

function byId(schedule: Schedule, id: string): Target | undefined {
  const c = schedule.contract(id);
  if (c) return { kind: "contract", contract: c };
  const o = schedule.obligation(id);
  return o ? { kind: "obligation", obligation: o } : undefined;
}

/** A one-row range of RevRecContracts columns (at least Contract..Start). */
