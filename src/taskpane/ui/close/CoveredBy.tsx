import { Link, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { lastDayOf } from "../../../core";
import type { Posting } from "../../../wire";
import type { CoveringEntry } from "../../logic/coverage";
import { rangeText } from "../../logic/coverage";

/** Why a period has nothing to post: an entry of a later period already recognized it. */
export function CoveredBy(props: {
  period: string;
  range: { from: string; to: string; entry: CoveringEntry };
  /** What QuickBooks holds for the covering entry. */
  entries: readonly Posting[];
}) {
  const { period, range } = props;
  return (
    <MessageBar intent="info" data-testid="covered-by">
      <MessageBarBody>
        <MessageBarTitle>
          {period} is covered by {range.entry.docNumber} ({rangeText(range.from, range.to)}).
        </MessageBarTitle>
        That entry, dated {lastDayOf(range.to)}, already recognized this month, so there is nothing
        to post for {period}. To check it or post an adjustment, choose {range.to}.
        {props.entries.map((e) => (
          <div key={e.docNumber}>
            Journal entry <strong>{e.docNumber}</strong> (QuickBooks id {e.journalEntryId}),{" "}
            {e.txnDate} ·{" "}
            <Link href={e.link} target="_blank" rel="noreferrer">
              Open in QuickBooks
            </Link>
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
