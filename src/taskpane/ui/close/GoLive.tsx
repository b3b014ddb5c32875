import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
} from "@fluentui/react-components";
import { previousMonth } from "../../../core";
import { approvalProblem } from "../../logic/approval";
import { openingLines } from "../../logic/goLive";
import { AccountSelect } from "../rules/AccountSelect";
import { fire, useController, usePaneState } from "../useController";
import { EntryLines } from "./EntryLines";
import { BalanceRows } from "./Reconciliation";
import { SignOff } from "./SignOff";

/**
 * The go-live month, the cut-over reconciliation at the end of the month before it, and the opening true-up: the
 * part of the Close tab for a company that recognized revenue before RevRec.
 */
export function GoLive() {
  const c = useController();
  const s = usePaneState();
  const g = s.goLive;
  const month = g.month;
  const asOf = month === "" ? "" : previousMonth(month);
  const lines =
    g.rows && !g.posted && g.offset !== ""
      ? openingLines(g.rows, g.offset, month, s.accounts ?? [])
      : [];
  const ties = g.rows !== undefined && g.rows.every((r) => r.difference === 0);
  return (
    <section aria-label="Go-live" className="rr-stack" data-testid="go-live">
      <div className="rr-row rr-end">
        <Field
          label="Go-live month"
          hint="Empty: RevRec posts from the first invoice on."
          {...(g.problem === undefined
            ? {}
            : { validationMessage: g.problem, validationState: "error" as const })}
        >
          <Input
            value={g.draft}
            placeholder="YYYY-MM"
            onChange={(_, d) => c.setGoLiveDraft(d.value)}
            style={{ width: "8em" }}
            aria-label="Go-live month"
          />
        </Field>
        <Button onClick={() => fire(c.saveGoLive())} disabledFocusable={g.busy}>
          Save go-live
        </Button>
      </div>
      {month !== "" && (
        <div className="rr-stack">
          <Subtitle2>Cut-over at the end of {asOf}</Subtitle2>
          <Body1>
            Before {month} revenue was booked outside RevRec. QuickBooks&rsquo; balances then should
            equal the workbook&rsquo;s; an opening true-up dated {month}-01 posts the difference.
          </Body1>
          <Button onClick={() => fire(c.checkCutover())} disabledFocusable={g.busy}>
            Check cut-over
          </Button>
          {g.busy && <Spinner size="tiny" label="Working…" />}
          {g.rows && (
            <BalanceRows
              rows={g.rows}
              name="Cut-over"
              qbo={`QuickBooks at ${asOf}`}
              projected="With the true-up"
              testId="cutover-difference"
            />
          )}
          {g.posted && (
            <MessageBar intent={ties ? "success" : "warning"} data-testid="opening-posted">
              <MessageBarBody>
                {g.posted.docNumber} is posted
                {ties
                  ? ": the cut-over ties to the cent."
                  : "; QuickBooks still differs: check the accounts' transactions before go-live."}
              </MessageBarBody>
            </MessageBar>
          )}
          {g.rows && !g.posted && ties && (
            <MessageBar intent="success" data-testid="cutover-ties">
              <MessageBarBody>The cut-over ties: no true-up is needed.</MessageBarBody>
            </MessageBar>
          )}
          {g.rows && !g.posted && !ties && (
            <div className="rr-stack">
              <AccountSelect
                label="Offset account for the true-up"
                value={g.offset}
                accounts={s.accounts ?? []}
                prefer="Equity"
                onChange={(id) => c.setOpeningOffset(id)}
              />
              {lines.length > 0 && <EntryLines lines={lines} label="Opening true-up" />}
              {/* Signed off as a month-end entry is: Prepared by, and Approved by when the workbook asks. */}
              <SignOff />
              <Button
                appearance="primary"
                disabledFocusable={
                  g.busy ||
                  lines.length === 0 ||
                  s.preparer.trim() === "" ||
                  approvalProblem(s.requireApproval, s.preparer, s.approver) !== undefined
                }
                onClick={() => fire(c.postOpening())}
              >
                Post opening true-up
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
