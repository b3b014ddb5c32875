// RevRecContracts: one row per obligation, grouped into contracts by the Contract column.
import type { ContractJson, DiscountGroupJson, ObligationJson } from "./book";
import { readText } from "./cells";
import type { BookDraft, ContractSource } from "./draft";
import { malformed, type TableIssue } from "./issues";
import { readObligation } from "./readObligation";
import { readers, type Located, type RowReader } from "./rowReader";
import { CONTRACTS } from "./schema";

interface ObligationRow {
  r: RowReader;
  contract: string | undefined;
  customer: string | undefined;
  currency: string | undefined;
  voided: boolean;
  obligation: ObligationJson | undefined;
  group: string | undefined;
  groupPrice: string | undefined;
}

/**
 * Reads every row and builds each contract from its rows, in the order contracts first appear; rows without a
 * contract are orphans. A contract is built as soon as its last row is read and every contract before it is built
 * (at once when its rows are together, as a sync writes them), so that few rows are held at a time: holding all
 * 220,000 rows of a 100,000-contract book until the end made garbage collection a third of its load.
 */
export function readContracts(table: Located | undefined, draft: BookDraft): void {
  const last = lastRows(table);
  const groups = new Map<string, ObligationRow[]>();
  const waiting: string[] = [];
  let next = 0;
  for (const p of readRows(table)) {
    if (p.contract === undefined) draft.orphans.push(...p.r.issues);
    else {
      const g = groups.get(p.contract);
      if (g === undefined) {
        groups.set(p.contract, [p]);
        waiting.push(p.contract);
      } else g.push(p);
    }
    for (; next < waiting.length; next++) {
      const id = waiting[next] ?? "";
      if ((last.get(id) ?? 0) > p.r.index) break;
      addContract(draft, id, groups.get(id) ?? []);
      groups.delete(id);
    }
  }
  for (; next < waiting.length; next++) {
    const id = waiting[next] ?? "";
    addContract(draft, id, groups.get(id) ?? []);
  }
}

/** The index of each contract's last row, as readRows reads the Contract column. */
function lastRows(table: Located | undefined): Map<string, number> {
  const last = new Map<string, number>();
  const at = table?.cols.at.get("contract");
  if (!table || at === undefined) return last;
  table.rows.forEach((cells, i) => {
    const id = readText(cells[at]);
    if (id.ok && id.value !== "") last.set(id.value, i);
  });
  return last;
}

function* readRows(table: Located | undefined): Generator<ObligationRow> {
  for (const r of readers(table)) {
    const contract = r.text("Contract", true);
    const customer = r.text("Customer", true);
    const currency = r.text("Currency");
    const voided = r.bool("Voided");
    const obligation = readObligation(r);
    const group = r.text("Discount Group") || undefined;
    const groupPrice = r.amount("Group Price", group !== undefined);
    if (group === undefined && groupPrice !== undefined) {
      r.fail(
        "Group Price",
        "table.group-price-without-group",
        "a Group Price needs the Discount Group it is the price of, on the same row"
      );
    }
    r.checkUnused();
    yield { r, contract, customer, currency, voided, obligation, group, groupPrice };
  }
}

/**
 * One contract from its rows. A wholly voided contract stays, at zero prices; the voided rows of a live
 * one are left out. Any problem of a kept row leaves the whole contract out.
 */
function addContract(draft: BookDraft, id: string, rows: readonly ObligationRow[]): void {
  const allVoided = rows.every((p) => p.voided);
  const kept = allVoided ? rows : rows.filter((p) => !p.voided);
  const first = kept[0];
  if (!first) return;
  const problems: TableIssue[] = [];
  for (const p of kept) problems.push(...p.r.issues);
  // A voided row left out is not used, but a malformed cell in it is still a problem.
  for (const p of rows) if (!kept.includes(p)) problems.push(...p.r.issues.filter(malformed));
  const customer = first.customer ?? "";
  const contract: ContractJson = { id, customer, obligations: [], billings: [], changes: [] };
  const source: ContractSource = {
    row: first.r.row,
    obligations: [],
    billings: [],
    changes: [],
    groups: [],
    variables: [],
  };
  for (const p of kept) {
    if (p.customer !== undefined && p.customer !== customer) {
      p.r.fail(
        "Customer",
        "table.customer-mismatch",
        `contract ${id} has customer ${JSON.stringify(customer)} on row ${first.r.row}, but ${JSON.stringify(p.customer)} here`
      );
      problems.push(...p.r.issues.slice(-1));
    }
    if (p.currency) {
      const cur = p.currency.toUpperCase();
      if (!draft.currencies.has(cur)) draft.currencies.set(cur, p.r.row);
    }
    const o = p.obligation;
    if (!o) {
      // Unreadable row: still remember which contract its obligation id belongs to, for messages.
      const named = readText(p.r.cell("Obligation"));
      if (named.ok && named.value !== "" && !draft.mentioned.has(named.value))
        draft.mentioned.set(named.value, id);
      continue;
    }
    if (draft.obligationContract.has(o.id)) {
      p.r.fail(
        "Obligation",
        "table.duplicate-obligation",
        `obligation id ${JSON.stringify(o.id)} is already used (row ${draft.obligationRow.get(o.id)?.row ?? "?"}); obligation ids must be unique`
      );
      problems.push(...p.r.issues.slice(-1));
      continue;
    }
    const ob: ObligationJson = allVoided ? { ...o, price: "0.00" } : o;
    if (allVoided) delete ob.ssp;
    draft.addObligation(ob, id, CONTRACTS.name, p.r.row);
    contract.obligations.push(ob);
    source.obligations.push(p.r.row);
  }
  const groups = discountGroups(kept, problems);
  // A wholly voided contract is kept at zero prices, so bundle prices no longer apply.
  if (groups.length > 0 && !allVoided) contract.discountGroups = groups.map((g) => g.json);
  source.groups = groups.map((g) => g.rows);
  draft.issues.push(...problems);
  draft.reject(id, problems);
  draft.contracts.set(id, contract);
  draft.sources.set(id, source);
}

/**
 * The discount groups named in the Discount Group column, in the order first named, each with the Group Price of
 * its rows (which must agree: a group has one bundle price).
 */
function discountGroups(
  rows: readonly ObligationRow[],
  problems: TableIssue[]
): { json: DiscountGroupJson; rows: number[] }[] {
  const groups = new Map<string, { json: DiscountGroupJson; rows: number[] }>();
  for (const p of rows) {
    if (p.group === undefined || p.groupPrice === undefined || p.obligation === undefined) continue;
    const g = groups.get(p.group);
    if (g === undefined) {
      const json = { id: p.group, obligations: [p.obligation.id], price: p.groupPrice };
      groups.set(p.group, { json, rows: [p.r.row] });
    } else if (g.json.price !== p.groupPrice) {
      p.r.fail(
        "Group Price",
        "table.group-price-mismatch",
        `discount group ${JSON.stringify(p.group)} has Group Price ${g.json.price} on row ${g.rows[0] ?? "?"}, but ${p.groupPrice} here; a group has one bundle price`
      );
      problems.push(...p.r.issues.slice(-1));
    } else {
      g.json.obligations.push(p.obligation.id);
      g.rows.push(p.r.row);
    }
  }
  return [...groups.values()];
}
