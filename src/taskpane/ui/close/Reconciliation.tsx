import { Body1, Checkbox, Subtitle2 } from "@fluentui/react-components";
import { reconcileExplanation } from "../../logic/close";
import type { PreviewLine, ReconcileRow } from "../../logic/close";
import { money } from "../format";
import { EntryLines } from "./EntryLines";
import { Figures } from "../Figures";

/** Per account: the workbook's balance, QuickBooks', QuickBooks' with the entry, and the difference. */
export function BalanceRows(props: {
  rows: readonly ReconcileRow[];
  /** The list's accessible name. */
  name: string;
  qbo: string;
  projected: string;
  /** Each difference's test id is `${testId}-${label}`. */
  testId: string;
}) {
  return (
    <div className="rr-stack" role="list" aria-label={props.name}>
      {props.rows.map((r) => (
        <div role="listitem" key={r.label}>
          <Body1>
            <strong>{r.label}</strong> ({r.accountName})
          </Body1>
          <Figures
            figures={[
              { label: "Workbook", value: money(r.engine) },
              { label: props.qbo, value: money(r.qbo) },
              { label: props.projected, value: money(r.projected) },
              {
                label: "Difference",
                value: money(r.difference),
                testId: `${props.testId}-${r.label}`,
              },
            ]}
          />
        </div>
      ))}
    </div>
  );
}

/**
 * The workbook's balances against QuickBooks' at the entry's date, why they differ, and the true-up lines that
 * would make QuickBooks match.
 */
export function Reconciliation(props: {
  rows: readonly ReconcileRow[];
  /** The entry's date. */
  at: string | undefined;
  /** True when an entry (or adjustment) is still to be posted for the period. */
  pending: boolean;
  trueUp: readonly PreviewLine[] | undefined;
  includeTrueUp: boolean;
  onIncludeTrueUp: (on: boolean) => void;
}) {
  const explanation = reconcileExplanation(props.rows, props.pending, money);
  const trueUp = props.trueUp ?? [];
  return (
    <div className="rr-stack">
      <Subtitle2>Reconciliation with QuickBooks at {props.at}</Subtitle2>
      <BalanceRows
        rows={props.rows}
        name="Reconciliation"
        qbo="QuickBooks now"
        projected="After this entry"
        testId="difference"
      />
      {explanation !== undefined && (
        <Body1 data-testid="reconcile-explanation">{explanation}</Body1>
      )}
      {trueUp.length > 0 && (
        <>
          <Checkbox
            checked={props.includeTrueUp}
            onChange={(_, d) => props.onIncludeTrueUp(d.checked === true)}
            label="Add true-up lines to this entry so QuickBooks matches the workbook"
          />
          {props.includeTrueUp && <EntryLines lines={trueUp} label="True-up" />}
        </>
      )}
    </div>
  );
}
