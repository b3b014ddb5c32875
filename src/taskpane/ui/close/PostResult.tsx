import type { RefObject } from "react";
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { parseAmount } from "../../../core";
import type { PostResult as Posted } from "../../../wire";
import type { UnloggedPosting } from "../../state/paneState";
import { money } from "../format";

/** A posted entry whose RevRecPostings row is missing, and the button that writes only that row. */
export function LogPending(props: {
  unlogged: UnloggedPosting;
  posting: boolean;
  onRetry: () => void;
}) {
  const { problem } = props.unlogged;
  return (
    <MessageBar intent="warning" data-testid="log-pending">
      <MessageBarBody>
        <MessageBarTitle>{problem.message}</MessageBarTitle>
        The entry is in QuickBooks; only its row in the RevRecPostings table is missing.{" "}
        {problem.action} When that is done, click <strong>Write the log row</strong>: it writes the
        missing row only and will not post the entry twice.
      </MessageBarBody>
      <MessageBarActions>
        <Button disabled={props.posting} onClick={props.onRetry}>
          Write the log row
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** The entry QuickBooks now holds. Focus comes here when a post ends (the Post button goes away). */
export function PostResult(props: { result: Posted; focusRef: RefObject<HTMLDivElement> }) {
  const { result } = props;
  return (
    <div ref={props.focusRef} tabIndex={-1} data-testid="posted-focus">
      <MessageBar intent="success" data-testid="posted-result">
        <MessageBarBody>
          <MessageBarTitle>
            {result.status === "existing" ? "Already in QuickBooks:" : "Posted:"} journal entry{" "}
            {result.docNumber}
          </MessageBarTitle>
          QuickBooks id {result.journalEntryId}, debits{" "}
          {money(parseAmount(result.totals.debits) ?? 0)}.{" "}
          <Link href={result.link} target="_blank" rel="noreferrer">
            Open in QuickBooks
          </Link>
        </MessageBarBody>
      </MessageBar>
      {result.warnings?.map((w) => (
        <MessageBar key={w.code} intent="warning" data-testid="posted-warning">
          <MessageBarBody>{`${w.message} ${w.action}`}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}
