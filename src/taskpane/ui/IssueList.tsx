import { Caption1, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** Problems in the tables, each naming its table, row and column: the first 20, and how many more. */
export function IssueList(props: { title: string; issues: readonly string[]; testId: string }) {
  if (props.issues.length === 0) return null;
  return (
    <MessageBar intent="warning" data-testid={props.testId}>
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        <ul>
          {props.issues.slice(0, 20).map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
        {props.issues.length > 20 && <Caption1>…and {props.issues.length - 20} more.</Caption1>}
      </MessageBarBody>
    </MessageBar>
  );
}
