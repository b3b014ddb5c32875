import {
  Body1,
  Checkbox,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { reconcileExplanation } from "../../logic/close";
import type { PreviewLine, ReconcileRow } from "../../logic/close";
import { money } from "../format";
import { EntryLines } from "./EntryLines";

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
      <Table size="small" aria-label="Reconciliation">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Balance</TableHeaderCell>
            <TableHeaderCell className="rr-num">Workbook</TableHeaderCell>
            <TableHeaderCell className="rr-num">QuickBooks now</TableHeaderCell>
            <TableHeaderCell className="rr-num">After this entry</TableHeaderCell>
            <TableHeaderCell className="rr-num">Difference</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((r) => (
            <TableRow key={r.label}>
              <TableCell>
                {r.label} ({r.accountName})
              </TableCell>
              <TableCell className="rr-num">{money(r.engine)}</TableCell>
              <TableCell className="rr-num">{money(r.qbo)}</TableCell>
              <TableCell className="rr-num">{money(r.projected)}</TableCell>
              <TableCell className="rr-num" data-testid={`difference-${r.label}`}>
                {money(r.difference)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
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
