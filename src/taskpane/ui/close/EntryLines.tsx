import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { PreviewLine } from "../../logic/close";
import { money } from "../format";

/** A journal entry's lines, debits and credits apart, with their totals. */
export function EntryLines(props: { lines: readonly PreviewLine[]; label: string }) {
  let debits = 0;
  let credits = 0;
  for (const l of props.lines) {
    if (l.posting === "Debit") debits += l.amount;
    else credits += l.amount;
  }
  return (
    <Table size="small" aria-label={props.label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Account</TableHeaderCell>
          <TableHeaderCell>Customer / class</TableHeaderCell>
          <TableHeaderCell className="rr-num">Debit</TableHeaderCell>
          <TableHeaderCell className="rr-num">Credit</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.lines.map((l, i) => (
          <TableRow key={i}>
            <TableCell>{l.accountName}</TableCell>
            <TableCell>{[l.customer, l.class].filter(Boolean).join(" · ")}</TableCell>
            <TableCell className="rr-num">{l.posting === "Debit" ? money(l.amount) : ""}</TableCell>
            <TableCell className="rr-num">
              {l.posting === "Credit" ? money(l.amount) : ""}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell>
            <strong>Total</strong>
          </TableCell>
          <TableCell />
          <TableCell className="rr-num" data-testid={`${props.label}-debits`}>
            <strong>{money(debits)}</strong>
          </TableCell>
          <TableCell className="rr-num" data-testid={`${props.label}-credits`}>
            <strong>{money(credits)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
