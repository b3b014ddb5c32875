import { Badge, Caption1 } from "@fluentui/react-components";
import type { RuleSuggestion } from "../../logic/suggestRules";

/** Whether an item's rule is confirmed, and the evidence its suggestion rests on. */
export function RuleEvidence(props: {
  suggestion: RuleSuggestion | undefined;
  confirmed: boolean;
}) {
  return (
    <div className="rr-row">
      {props.confirmed ? (
        <Badge appearance="tint" color="success">
          Confirmed
        </Badge>
      ) : (
        <Badge appearance="tint" color="warning">
          Not confirmed
        </Badge>
      )}
      <Caption1>
        {props.suggestion
          ? `Suggested: ${props.suggestion.why}`
          : "No evidence in the name, QuickBooks\u2019 settings or the invoices: choose a rule."}
      </Caption1>
    </div>
  );
}
