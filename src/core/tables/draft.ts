// The book as the table steps build it: contracts by id, where each part came from, and the problems
// found so far, with the rules for tying a row to its contract.
import type { ContractJson, EstimateJson, ObligationJson } from "./book";
import { readText } from "./cells";
import type { TableIssue } from "./issues";
import type { RowReader } from "./rowReader";
import { CONTRACTS } from "./schema";

/** Where each part of a contract came from, by book position. */
export interface ContractSource {
  row: number;
  obligations: number[];
  billings: number[];
  changes: number[];
  /** Each discount group's rows, in the order of its obligations. */
  groups: number[][];
  /** Made for the contracts that have such rows (most have none: a map each would cost a large book's load). */
  progress?: Map<string, { progress: number[]; manual: number[] }>;
  /** RevRecVariable rows: each variable consideration's at inception, in book order, and each re-estimate's by change id. */
  variables: number[][];
  estimates?: Map<string, number[]>;
}

/** An estimate row of RevRecChanges: its change (undefined when the row has problems), filled by RevRecVariable. */
export interface EstimateRow {
  json: EstimateJson | undefined;
  row: number;
}

export class BookDraft {
  /** Every problem found. */
  readonly issues: TableIssue[] = [];
  /** Problems tied to no readable contract. */
  readonly orphans: TableIssue[] = [];
  /** Contracts to leave out, with their problems. */
  readonly rejected = new Map<string, TableIssue[]>();
  readonly contracts = new Map<string, ContractJson>();
  readonly sources = new Map<string, ContractSource>();
  /** Currency codes, with the row that first named each. */
  readonly currencies = new Map<string, number>();
  /** Every readable obligation (RevRecContracts rows and added ones): its contract, JSON and row. */
  readonly obligationContract = new Map<string, string>();
  readonly obligationJson = new Map<string, ObligationJson>();
  readonly obligationRow = new Map<string, { table: string; row: number }>();
  /** Obligation ids of unreadable rows: their contract, for messages. */
  readonly mentioned = new Map<string, string>();
  /** The estimate rows of RevRecChanges, by contract and change id. */
  readonly estimates = new Map<string, Map<string, EstimateRow>>();

  reject(contract: string, found: readonly TableIssue[]): void {
    if (found.length === 0) return;
    const list = this.rejected.get(contract) ?? [];
    list.push(...found);
    this.rejected.set(contract, list);
  }

  /** Records a row's problems against its contract (or as orphans); true when it has none. */
  settle(r: RowReader, contract: string | undefined): boolean {
    if (r.issues.length === 0) return true;
    this.issues.push(...r.issues);
    if (contract === undefined) this.orphans.push(...r.issues);
    else this.reject(contract, r.issues);
    return false;
  }

  /** The contract a row belongs to: its Contract cell, else the contract of its Obligation. */
  contractOf(
    r: RowReader,
    obligation: string | undefined,
    needContract: boolean
  ): string | undefined {
    const given = r.text("Contract", needContract && obligation === undefined);
    const viaObligation =
      obligation === undefined ? undefined : this.obligationContract.get(obligation);
    if (given !== undefined && given !== "") {
      if (!this.contracts.has(given)) {
        r.fail(
          "Contract",
          "table.unknown-contract",
          `contract ${JSON.stringify(given)} has no obligations in ${CONTRACTS.name}`
        );
        return undefined;
      }
      if (viaObligation !== undefined && viaObligation !== given) {
        r.fail(
          "Obligation",
          "table.wrong-contract",
          `obligation ${JSON.stringify(obligation)} belongs to contract ${JSON.stringify(viaObligation)}, not ${JSON.stringify(given)}`
        );
        return undefined;
      }
      return given;
    }
    if (obligation !== undefined && viaObligation === undefined && !needContract) {
      r.fail(
        "Obligation",
        "table.unknown-obligation",
        `obligation ${JSON.stringify(obligation)} is not in ${CONTRACTS.name}`
      );
    }
    return viaObligation;
  }

  /**
   * A voided row, left out of the book: none of its cells is used, but a malformed one is reported against the
   * contract the row names (its Contract, else its Obligation's), or as an orphan. True when it is left out.
   */
  skipVoided(r: RowReader): boolean {
    if (!r.bool("Voided") || r.issues.length > 0) return false;
    r.checkUnused();
    const given = readText(r.cell("Contract"));
    const obligation = readText(r.cell("Obligation"));
    const contract =
      given.ok && this.contracts.has(given.value)
        ? given.value
        : obligation.ok
          ? this.obligationContract.get(obligation.value)
          : undefined;
    this.settle(r, contract);
    return true;
  }

  /** Records a readable obligation of `contract`, read from `table` row `row`. */
  addObligation(ob: ObligationJson, contract: string, table: string, row: number): void {
    this.obligationContract.set(ob.id, contract);
    this.obligationJson.set(ob.id, ob);
    this.obligationRow.set(ob.id, { table, row });
  }
}
