import { LineChart, VerticalBarChart } from "@fluentui/react-charts";
import type { LineChartPoints, VerticalBarChartDataPoint } from "@fluentui/react-charts";
import type { MonthTotals } from "../../logic/monthTotals";
import { ChartFigure } from "../charts/ChartFigure";
import { PANE_CHART, seriesColor } from "../charts/chartTheme";
import { shortMonth } from "../format";

/** The first day of a "YYYY-MM" month, local time, so the axis names the month whatever the time zone. */
function monthStart(period: string): Date {
  const [y = 0, m = 1] = period.split("-").map(Number);
  return new Date(y, m - 1, 1);
}

/**
 * The Close tab's pictures, from the same month totals as the schedule report: revenue recognized by month, and
 * the deferred revenue and contract asset balances at each month's end, from six months before the period to six
 * after it.
 */
export function CloseCharts(props: { trend: readonly MonthTotals[]; period: string }) {
  const bars: VerticalBarChartDataPoint[] = props.trend.map((t) => ({
    x: shortMonth(t.month),
    y: t.recognized / 100,
    legend: "Recognized revenue",
    color: seriesColor(0),
    xAxisCalloutData: t.month === props.period ? `${t.month} (this close)` : t.month,
  }));
  const balance = (legend: string, i: number, pick: (t: MonthTotals) => number) => ({
    legend,
    color: seriesColor(i),
    data: props.trend.map((t) => ({ x: monthStart(t.month), y: pick(t) / 100 })),
  });
  const balances: LineChartPoints[] = [
    balance("Deferred revenue", 1, (t) => t.deferred),
    balance("Contract asset", 2, (t) => t.contractAsset),
  ];
  return (
    <div className="rr-stack">
      <ChartFigure title="Recognized revenue by month" testId="chart-recognized">
        <VerticalBarChart data={bars} {...PANE_CHART} rotateXAxisLables />
      </ChartFigure>
      <ChartFigure title="Balances at month end" testId="chart-balances">
        <LineChart
          data={{ chartTitle: "Balances at month end", lineChartData: balances }}
          {...PANE_CHART}
          customDateTimeFormatter={(d) => shortMonth(`${d.getFullYear()}-${d.getMonth() + 1}`)}
        />
      </ChartFigure>
    </div>
  );
}
