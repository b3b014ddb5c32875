// RevRecProgress: progress points (Date + Percent) and manual amounts (Period + Amount), by obligation.
import type { BookDraft, ContractSource } from "./draft";
import { readers, type Located } from "./rowReader";
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
    if (hasProgress && !hasManual) {
      const date = r.date("Date", true);
      const percent = r.percent("Percent", true);
      if (
        draft.settle(r, contract) &&
        ob &&
        src &&
        obligation !== undefined &&
        date !== undefined &&
        percent !== undefined
      ) {
        (ob.progress ??= []).push({ date, percent });
        progressRows(src, obligation).progress.push(r.row);
      }
    } else if (hasManual && !hasProgress) {
      const period = r.month("Period", true);
      const amount = r.amount("Amount", true);
      if (
        draft.settle(r, contract) &&
        ob &&
        src &&
        obligation !== undefined &&
        period !== undefined &&
        amount !== undefined
      ) {
        (ob.manual ??= []).push({ period, amount });
        progressRows(src, obligation).manual.push(r.row);
      }
    } else {
      draft.settle(r, contract);
    }
  }
}

function progressRows(
  src: ContractSource,
  obligation: string
): { progress: number[]; manual: number[] } {
  let p = src.progress.get(obligation);
  if (!p) {
    p = { progress: [], manual: [] };
    src.progress.set(obligation, p);
  }
  return p;
}
