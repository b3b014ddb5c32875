import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { PreviewLine } from "../../logic/close";
import { money } from "../format";

/**
 * A journal entry's lines, debits and credits apart, with their totals. The customer and class go under the
 * account, and the table sizes its columns to the figures, so that every amount reads whole at 300 px.
 */
export function EntryLines(props: { lines: readonly PreviewLine[]; label: string }) {
  let debits = 0;
  let credits = 0;
  for (const l of props.lines) {
    if (l.posting === "Debit") debits += l.amount;
    else credits += l.amount;
  }
  return (
    <Table size="small" aria-label={props.label} className="rr-fit rr-lines">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Account</TableHeaderCell>
          <TableHeaderCell className="rr-num">Debit</TableHeaderCell>
          <TableHeaderCell className="rr-num">Credit</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.lines.map((l, i) => (
          <TableRow key={i}>
            <TableCell>
              {l.accountName}
              {(l.customer || l.class) && (
                <Caption1 block>{[l.customer, l.class].filter(Boolean).join(" · ")}</Caption1>
              )}
            </TableCell>
            <TableCell className="rr-num" data-label="Debit">
              {l.posting === "Debit" ? money(l.amount) : ""}
            </TableCell>
            <TableCell className="rr-num" data-label="Credit">
              {l.posting === "Credit" ? money(l.amount) : ""}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell>
            <strong>Total</strong>
          </TableCell>
          <TableCell className="rr-num" data-label="Debit" data-testid={`${props.label}-debits`}>
            <strong>{money(debits)}</strong>
          </TableCell>
          <TableCell className="rr-num" data-label="Credit" data-testid={`${props.label}-credits`}>
            <strong>{money(credits)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
