import { Card, Field, Input, Select, Subtitle2 } from "@fluentui/react-components";
import { GROUPINGS, type Grouping } from "../../logic/grouping";

/** The grouping key: which documents form one contract. A card like the item rules', 300 to 800 px wide. */
export function GroupingCard(props: {
  grouping: Grouping | undefined;
  fieldError: string | undefined;
  onChange: (g: Grouping) => void;
}) {
  const g = props.grouping ?? { by: "none" };
  const pick = (by: string): Grouping => {
    if (by === "customField") return { by, field: g.by === "customField" ? g.field : "Contract #" };
    if (by === "poNumber" || by === "recurring") return { by };
    return { by: "none" };
  };
  return (
    <Card size="small" data-testid="grouping">
      <Subtitle2>Contracts</Subtitle2>
      <div className="rr-fields">
        <Field
          label="Group documents into contracts by"
          hint="Documents with the same value form one contract, so allocation runs over all of them; a line that continues an obligation (same item, service following on) bills it."
        >
          <Select
            aria-label="Group documents into contracts by"
            value={g.by}
            onChange={(_, d) => props.onChange(pick(d.value))}
          >
            {GROUPINGS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        {g.by === "customField" && (
          <Field
            label="Custom field name"
            {...(props.fieldError
              ? { validationMessage: props.fieldError, validationState: "error" as const }
              : {})}
          >
            <Input
              aria-label="Custom field name"
              value={g.field}
              onChange={(_, d) => props.onChange({ by: "customField", field: d.value })}
            />
          </Field>
        )}
      </div>
    </Card>
  );
}
