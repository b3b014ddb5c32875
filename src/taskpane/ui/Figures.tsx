/** One labelled figure. */
export interface Figure {
  label: string;
  value: string;
  testId?: string;
}

/**
 * Labelled figures side by side as the pane's width allows, each label above its value: at 300 px they fall into
 * two columns rather than running into each other.
 */
export function Figures(props: { figures: readonly Figure[] }) {
  return (
    <dl className="rr-figures">
      {props.figures.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd className="rr-num" {...(f.testId === undefined ? {} : { "data-testid": f.testId })}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
