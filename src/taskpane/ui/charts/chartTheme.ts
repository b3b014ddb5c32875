import { DataVizPalette, getColorFromToken } from "@fluentui/react-charts";
import { axisMoney } from "../format";

/**
 * Fluent's data-visualisation palette, its first colours: each reads on the light and the dark theme's
 * backgrounds alike. The charts draw their axes, labels and legends from the theme's tokens.
 */
const SERIES = [
  DataVizPalette.color1,
  DataVizPalette.color2,
  DataVizPalette.color3,
  DataVizPalette.color4,
  DataVizPalette.color5,
  DataVizPalette.color6,
] as const;

/** The i-th series colour. */
export function seriesColor(i: number): string {
  return getColorFromToken(SERIES[i % SERIES.length] ?? DataVizPalette.color1);
}

/** A chart's box, legend and month names included: at 350 px five legend entries wrap onto two lines. */
export const CHART_HEIGHT = 340;

/**
 * What every chart of the pane shares: room on the left for the widest axis figure ("101.4K"), which the
 * library's default margin cuts; short figures; legends that wrap rather than fold into "+3 more"; axis labels
 * that skip rather than overlap.
 */
export const PANE_CHART = {
  margins: { left: 48, right: 12 },
  yAxisTickFormat: axisMoney,
  enabledLegendsWrapLines: true,
  hideTickOverlap: true,
} as const;
