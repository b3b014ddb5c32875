// RevRecProgress: progress points (Date + Percent) and manual amounts (Period + Amount), by obligation.
import type { BookDraft, ContractSource } from "./draft";
import type { ManualJson, ProgressJson } from "./book";
import { readers, type Located, type RowReader } from "./rowReader";
import { CHANGES, CONTRACTS } from "./schema";

export function readProgress(table: Located | undefined, draft: BookDraft): void {
  for (const r of readers(table)) {
    const obligation = r.text("Obligation", true);
    const contract =
      obligation === undefined ? undefined : draft.obligationContract.get(obligation);
    if (obligation !== undefined && contract === undefined) {
      r.fail(
        "Obligation",
        "table.unknown-obligation",
        `obligation ${JSON.stringify(obligation)} is not in ${CONTRACTS.name} or ${CHANGES.name}`
      );
    }
    const hasProgress = !r.empty("Date") || !r.empty("Percent");
    const hasManual = !r.empty("Period") || !r.empty("Amount");
    if (hasProgress === hasManual) {
      r.fail(
        undefined,
        "table.progress-row",
        "fill either Date and Percent (progress) or Period and Amount (manual amount)"
      );
    }
    const ob = obligation === undefined ? undefined : draft.obligationJson.get(obligation);
    const src = contract === undefined ? undefined : draft.sources.get(contract);
    const point = hasProgress && !hasManual ? readPoint(r) : undefined;
    const manual = hasManual && !hasProgress ? readManual(r) : undefined;
    r.checkUnused();
    if (!draft.settle(r, contract) || !ob || !src || obligation === undefined) continue;
    if (point) {
      (ob.progress ??= []).push(point);
      progressRows(src, obligation).progress.push(r.row);
    }
    if (manual) {
      (ob.manual ??= []).push(manual);
      progressRows(src, obligation).manual.push(r.row);
    }
  }
}

function readPoint(r: RowReader): ProgressJson | undefined {
  const date = r.date("Date", true);
  const percent = r.percent("Percent", true);
  return date === undefined || percent === undefined ? undefined : { date, percent };
}

function readManual(r: RowReader): ManualJson | undefined {
  const period = r.month("Period", true);
  const amount = r.amount("Amount", true);
  return period === undefined || amount === undefined ? undefined : { period, amount };
}

function progressRows(
  src: ContractSource,
  obligation: string
): { progress: number[]; manual: number[] } {
  const all = (src.progress ??= new Map());
  let p = all.get(obligation);
  if (!p) {
    p = { progress: [], manual: [] };
    all.set(obligation, p);
  }
  return p;
}
