import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { leftOutText } from "../logic/leftOut";
import { usePaneState } from "./useController";

/** What the tables leave out (documents in another currency), on the Sync and Close tabs. */
export function LeftOutNotice() {
  const s = usePaneState();
  const text = s.sync.leftOut
    ? leftOutText(s.sync.leftOut, s.status?.homeCurrency ?? "the home currency")
    : undefined;
  if (text === undefined) return null;
  return (
    <MessageBar intent="warning" data-testid="left-out">
      <MessageBarBody>
        <MessageBarTitle>Not in the workbook</MessageBarTitle>
        {text}
      </MessageBarBody>
    </MessageBar>
  );
}
