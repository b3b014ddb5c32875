import {
  Badge,
  Body1,
  Link,
  MessageBar,
  MessageBarBody,
  Subtitle2,
} from "@fluentui/react-components";
import { parseAmount } from "../../../core";
import type { Posting } from "../../../wire";
import type { PreviewLine } from "../../logic/close";
import { money } from "../format";
import { EntryLines } from "./EntryLines";

/** The entries QuickBooks holds for the period, and whether the workbook still agrees with them. */
export function PostedEntries(props: {
  period: string;
  posted: readonly Posting[];
  /** The months the entries cover, as text. */
  covers: string;
  /** Shown when the entries cover more than the period alone. */
  coversMore: boolean;
  /** What an adjusting entry would post; empty when the posted entries match. */
  adjusting: readonly PreviewLine[];
  /** The lines the workbook's figures call for: the posted lines, while the entries match. */
  lines: readonly PreviewLine[];
}) {
  const { posted, covers, adjusting } = props;
  const original = posted.find((e) => e.adjustment === 0) ?? posted[0];
  return (
    <div className="rr-stack" data-testid="posted-entries">
      <Subtitle2>
        Posted for {props.period}
        {props.coversMore ? ` (covers ${covers})` : ""}
      </Subtitle2>
      {posted.map((e) => (
        <Body1 key={e.docNumber}>
          Journal entry <strong>{e.docNumber}</strong> (QuickBooks id {e.journalEntryId}),{" "}
          {e.txnDate}, debits {money(parseAmount(e.totals.debits) ?? 0)} ·{" "}
          <Link href={e.link} target="_blank" rel="noreferrer">
            Open in QuickBooks
          </Link>
        </Body1>
      ))}
      {adjusting.length === 0 ? (
        <>
          <Badge color="success" appearance="tint" data-testid="posted-match">
            {posted.length > 1 ? "The posted entries match" : "The posted entry matches"} the
            workbook&rsquo;s figures for {covers}
          </Badge>
          {props.lines.length > 0 && <EntryLines lines={props.lines} label="Posted lines" />}
        </>
      ) : (
        <>
          <MessageBar intent="info" data-testid="posted-changed">
            <MessageBarBody>
              The workbook changed since {original?.docNumber ?? "the entry"} was posted: its
              figures for {covers} now differ from the posted lines. Post an adjusting entry for the
              difference only (it covers {covers}, like the original).
            </MessageBarBody>
          </MessageBar>
          <EntryLines lines={adjusting} label="Adjusting entry" />
        </>
      )}
    </div>
  );
}
