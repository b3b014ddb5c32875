import { Badge, Body1, Subtitle2 } from "@fluentui/react-components";
import type { Preview } from "../../logic/close";
import { EntryLines } from "./EntryLines";

/** The entry a period not yet posted calls for. */
export function PreviewEntry(props: { preview: Preview; covers: string }) {
  const p = props.preview;
  return (
    <div className="rr-stack">
      <div className="rr-row">
        <Subtitle2 data-testid="entry-heading">
          Entry for {props.covers}, dated {p.txnDate}
        </Subtitle2>
        <Badge color={p.balanced ? "success" : "danger"} data-testid="balanced">
          {p.balanced ? "Debits = credits" : "Not balanced"}
        </Badge>
      </div>
      {p.lines.length === 0 ? (
        <Body1>Nothing to recognize in {props.covers}.</Body1>
      ) : (
        <EntryLines lines={p.lines} label="Entry" />
      )}
    </div>
  );
}
