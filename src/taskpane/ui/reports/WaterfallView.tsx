import { VerticalStackedBarChart } from "@fluentui/react-charts";
import type { VerticalStackedChartProps } from "@fluentui/react-charts";
import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { notShownText, waterfallSeries } from "../../logic/waterfall";
import type { Waterfall } from "../../logic/waterfall";
import { ChartFigure } from "../charts/ChartFigure";
import { PANE_CHART, seriesColor } from "../charts/chartTheme";
import { Figures } from "../Figures";
import { money, shortMonth } from "../format";

/** Contracts named in the chart's legend; the rest are one stack. */
const LEGEND_CONTRACTS = 4;

/**
 * The waterfall in the pane: revenue by month stacked by contract, the total as the report sheet's total row adds
 * it up, and each contract's revenue over the months (folded: a company has hundreds). Contracts with nothing in
 * these months are counted, not listed.
 */
export function WaterfallView(props: { waterfall: Waterfall }) {
  const w = props.waterfall;
  const series = waterfallSeries(w, LEGEND_CONTRACTS);
  const data: VerticalStackedChartProps[] = w.months.map((m, i) => ({
    xAxisPoint: shortMonth(m),
    xAxisCalloutData: m,
    chartData: series.map((s, j) => ({
      legend: s.legend,
      data: (s.months[i] ?? 0) / 100,
      color: seriesColor(j),
    })),
  }));
  const note = notShownText(w.notShown);
  const title = `Revenue waterfall, ${w.months[0] ?? ""} to ${w.months.at(-1) ?? ""}`;
  return (
    <div className="rr-stack">
      {w.rows.length > 0 ? (
        <ChartFigure title={title} testId="chart-waterfall">
          <VerticalStackedBarChart data={data} {...PANE_CHART} rotateXAxisLables />
        </ChartFigure>
      ) : (
        <Caption1>
          No contract recognizes revenue from {w.months[0]} to {w.months.at(-1)}.
        </Caption1>
      )}
      <Figures
        figures={[
          { label: "Total recognized", value: money(w.total), testId: "waterfall-total" },
          { label: "Contracts", value: String(w.rows.length) },
        ]}
      />
      {note !== "" && <Caption1 data-testid="waterfall-not-shown">{note}</Caption1>}
      {w.rows.length > 0 && (
        <details className="rr-details">
          <summary>Revenue by contract</summary>
          <Table size="small" className="rr-fit" aria-label="Revenue by contract">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Contract</TableHeaderCell>
                <TableHeaderCell className="rr-num">Revenue</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {w.rows.map((r) => (
                <TableRow key={r.contract}>
                  <TableCell>
                    {r.contract} <Caption1>{r.customer}</Caption1>
                  </TableCell>
                  <TableCell className="rr-num">{money(r.total)}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell>
                  <strong>Total</strong>
                </TableCell>
                <TableCell className="rr-num">
                  <strong>{money(w.total)}</strong>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </details>
      )}
    </div>
  );
}
