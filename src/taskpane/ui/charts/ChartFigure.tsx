import { ResponsiveContainer } from "@fluentui/react-charts";
import type { ResponsiveChildProps } from "@fluentui/react-charts";
import { Subtitle2 } from "@fluentui/react-components";
import type { ReactElement } from "react";
import { CHART_HEIGHT } from "./chartTheme";

/**
 * A chart with its title, named for screen readers and for the tests that count its series. The chart takes the
 * figure's width and follows it when the task pane is resized.
 */
export function ChartFigure(props: {
  title: string;
  testId: string;
  children: ReactElement<ResponsiveChildProps>;
}) {
  return (
    <figure className="rr-chart" data-testid={props.testId} aria-label={props.title}>
      <figcaption>
        <Subtitle2>{props.title}</Subtitle2>
      </figcaption>
      <ResponsiveContainer height={CHART_HEIGHT}>{props.children}</ResponsiveContainer>
    </figure>
  );
}
