import {
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { Cell, MemoryWorkbook } from "../../workbook";
import { usePaneState } from "./useController";

const amount = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

function show(v: Cell | undefined, money = false): string {
  if (v === undefined) return "";
  if (money && typeof v === "number") return amount.format(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function Grid(props: {
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  money?: readonly string[];
}) {
  return (
    <div className="rr-grid">
      <Table size="extra-small" aria-label={props.name} data-testid={`table-${props.name}`}>
        <TableHeader>
          <TableRow>
            {props.header.map((h) => (
              <TableHeaderCell key={h}>{h}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.slice(0, 200).map((r, i) => (
            <TableRow key={i}>
              {props.header.map((h, j) => (
                <TableCell key={h}>{show(r[j], props.money?.includes(h))}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {props.rows.length > 200 && <Caption1>…{props.rows.length - 200} more rows.</Caption1>}
    </div>
  );
}

/** Outside Office: the in-memory workbook's tables and report sheets, as the sheets would show them. */
export function TablesView(props: { workbook: MemoryWorkbook }) {
  usePaneState(); // re-render when the tables change
  const tables = props.workbook.allTables();
  const reports = props.workbook.reportSheets();
  return (
    <section aria-label="Workbook" className="rr-stack rr-workbook">
      <Subtitle2>Workbook (in memory: this page is not running inside Excel)</Subtitle2>
      {tables.length === 0 && reports.length === 0 && (
        <Caption1>No tables yet. Connect and sync to fill them.</Caption1>
      )}
      {tables.map((t) => (
        <details key={t.name} open={t.rows.length <= 50}>
          <summary>
            {t.sheet} · {t.name} ({t.rows.length} rows)
          </summary>
          <Grid name={t.name} header={t.header} rows={t.rows} />
        </details>
      ))}
      {reports.map((r) => (
        <details key={r.sheet} open={r.table.rows.length <= 50}>
          <summary>
            {r.sheet} · {r.title}
            {r.chart ? ` · chart: ${r.chart.title}` : ""}
          </summary>
          {r.note && <Caption1>{r.note}</Caption1>}
          <Grid
            name={r.table.name}
            header={r.table.header}
            rows={r.table.values ?? r.table.rows}
            money={Object.keys(r.table.formats ?? {})}
          />
          {(r.spills ?? []).map((s) => {
            const [head = [], ...rows] = s.values ?? [[s.formula]];
            return (
              <Grid
                key={s.title}
                name={s.title}
                header={head.map(String)}
                rows={rows}
                money={s.format === undefined ? [] : head.slice(1).map(String)}
              />
            );
          })}
        </details>
      ))}
    </section>
  );
}
