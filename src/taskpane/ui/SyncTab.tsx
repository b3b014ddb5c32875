import {
  Body1,
  Button,
  Caption1,
  Field,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { LeftOutNotice } from "./LeftOutNotice";
import { fire, useController, usePaneState } from "./useController";

const PHASES: Record<string, string> = {
  counting: "Counting documents",
  invoices: "Reading invoices",
  creditMemos: "Reading credit memos",
  salesReceipts: "Reading sales receipts",
  refundReceipts: "Reading refund receipts",
  changes: "Reading changes",
  done: "Received everything",
  writing: "Writing the tables",
};

const TABLES: Record<string, string> = {
  RevRecContracts: "Contracts",
  RevRecBillings: "Billings",
  RevRecChanges: "Credit memos",
};

/** What the summary counts, one row each: the tables are the columns, so three short figures share the width. */
const COUNTS = [
  ["added", "Added"],
  ["updated", "Updated"],
  ["removed", "Removed"],
  ["voided", "Voided"],
  ["keptEdits", "Edits kept"],
] as const;

export function SyncTab() {
  const c = useController();
  const s = usePaneState();
  const { sync } = s;
  if (!s.session) return <Body1>Connect to QuickBooks first (Connect tab).</Body1>;
  const p = sync.progress;
  const value = p && p.pagesTotal > 0 ? Math.min(1, p.pagesDone / p.pagesTotal) : undefined;
  const writing = p?.phase === "writing";
  // A post in flight was checked against the tables as they are: no sync changes them under it.
  const busy = sync.running || s.close.posting;
  return (
    <section aria-label="Sync" className="rr-stack">
      <Body1>
        Pulls invoices and credit memos into the RevRecContracts, RevRecBillings and RevRecChanges
        tables. Cells you edited (method, dates, SSP) are kept.
      </Body1>
      {sync.syncedAt && <Caption1>Last sync: {new Date(sync.syncedAt).toLocaleString()}</Caption1>}
      <div className="rr-row">
        <Button appearance="primary" disabled={busy} onClick={() => fire(c.sync("full"))}>
          Full sync
        </Button>
        <Button disabled={busy || !sync.hasCursor} onClick={() => fire(c.sync("incremental"))}>
          Sync changes since last time
        </Button>
        {sync.running && (
          // Once the tables are being written the sync finishes: Cancel would stop nothing.
          <Button disabled={sync.cancelling || writing} onClick={() => c.cancelSync()}>
            {writing ? "Writing tables…" : sync.cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        )}
      </div>
      {sync.running && (
        <Field
          label={p ? (PHASES[p.phase] ?? p.phase) : "Starting"}
          hint={
            p && p.pagesTotal > 0
              ? `Page ${p.pagesDone} of ${p.pagesTotal} · ${p.invoices} invoices · ${p.creditMemos} credit memos · ${p.salesReceipts + p.refundReceipts} receipts · ${p.deleted} deleted · ${p.skipped} skipped`
              : "Asking QuickBooks…"
          }
        >
          <ProgressBar
            aria-label="Sync progress"
            max={1}
            {...(value === undefined ? {} : { value })}
          />
        </Field>
      )}
      {sync.summary && !sync.running && (
        <Table size="small" aria-label="What the sync changed" className="rr-fit">
          <TableHeader>
            <TableRow>
              <TableHeaderCell />
              {sync.summary.map((t) => (
                <TableHeaderCell key={t.table} className="rr-num">
                  {TABLES[t.table] ?? t.table}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {COUNTS.map(([key, label]) => (
              <TableRow key={key}>
                <TableCell>{label}</TableCell>
                {sync.summary?.map((t) => (
                  <TableCell key={t.table} className="rr-num">
                    {t[key]}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {!sync.running && <LeftOutNotice />}
    </section>
  );
}
