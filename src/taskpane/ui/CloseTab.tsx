import { useEffect, useRef } from "react";
import {
  Badge,
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { parseAmount } from "../../core";
import { reconcileExplanation } from "../logic/close";
import type { PreviewLine } from "../logic/close";
import { catchUpText, rangeText } from "../logic/coverage";
import { lastDayOf } from "../../core";
import { closablePeriods } from "../logic/dates";
import { money } from "./format";
import { IssueList } from "./IssueList";
import { fire, useController, usePaneState } from "./useController";

function Lines(props: { lines: readonly PreviewLine[]; label: string }) {
  let debits = 0;
  let credits = 0;
  for (const l of props.lines) {
    if (l.posting === "Debit") debits += l.amount;
    else credits += l.amount;
  }
  return (
    <Table size="small" aria-label={props.label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Account</TableHeaderCell>
          <TableHeaderCell>Customer / class</TableHeaderCell>
          <TableHeaderCell className="rr-num">Debit</TableHeaderCell>
          <TableHeaderCell className="rr-num">Credit</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.lines.map((l, i) => (
          <TableRow key={i}>
            <TableCell>{l.accountName}</TableCell>
            <TableCell>{[l.customer, l.class].filter(Boolean).join(" · ")}</TableCell>
            <TableCell className="rr-num">{l.posting === "Debit" ? money(l.amount) : ""}</TableCell>
            <TableCell className="rr-num">
              {l.posting === "Credit" ? money(l.amount) : ""}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell>
            <strong>Total</strong>
          </TableCell>
          <TableCell />
          <TableCell className="rr-num" data-testid={`${props.label}-debits`}>
            <strong>{money(debits)}</strong>
          </TableCell>
          <TableCell className="rr-num" data-testid={`${props.label}-credits`}>
            <strong>{money(credits)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

export function CloseTab() {
  const c = useController();
  const s = usePaneState();
  // When a post ends, the Post button goes away: focus moves to the result rather than to the page.
  const resultHeading = useRef<HTMLDivElement>(null);
  const postedDoc = (s.close.posted ?? s.unlogged?.result)?.docNumber;
  const settled = !s.close.loading && !s.close.posting;
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (postedDoc !== undefined && settled && lost) resultHeading.current?.focus();
  }, [postedDoc, settled]);
  if (!s.session) return <Body1>Connect to QuickBooks first (Connect tab).</Body1>;
  const close = s.close;
  const closeDate = s.status?.preferences.bookCloseDate ?? null;
  // A period an entry of a later period covered has nothing to post, closed books or not.
  const blockedByCloseDate =
    closeDate !== null && lastDayOf(close.period) <= closeDate && close.range?.kind !== "covered";
  const posted = close.postings?.postings ?? [];
  const isPosted = posted.length > 0;
  const adjusting = close.adjustment ?? [];
  const p = close.preview;
  const withTrueUp = close.includeTrueUp && (close.trueUp?.length ?? 0) > 0;
  const range = close.range;
  const covers = p ? rangeText(p.from, p.period) : close.period;
  const catchUp = range ? catchUpText(range) : "";
  const pending = isPosted ? adjusting.length > 0 : (p?.lines.length ?? 0) > 0;
  const explanation = close.reconcile
    ? reconcileExplanation(close.reconcile, pending, money)
    : undefined;
  const original = posted.find((e) => e.adjustment === 0) ?? posted[0];
  const postedResult = close.posted ?? s.unlogged?.result;
  const syncing = s.sync.running;
  const canPost =
    !!p &&
    !close.posting &&
    !syncing &&
    !s.unlogged &&
    !blockedByCloseDate &&
    close.bookIssues.length === 0 &&
    p.unknownAccounts.length === 0 &&
    (isPosted ? adjusting.length > 0 || withTrueUp : p.balanced && p.lines.length > 0);
  return (
    <section aria-label="Close" className="rr-stack">
      <div className="rr-row rr-end">
        <Field label="Period">
          <Select
            value={close.period}
            onChange={(_, d) => c.setPeriod(d.value)}
            aria-label="Period to close"
            disabled={close.loading || close.posting}
          >
            {closablePeriods(new Date().toISOString().slice(0, 10), 36).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Lines">
          <Select
            value={close.detail}
            onChange={(_, d) => c.setDetail(d.value === "customer" ? "customer" : "summary")}
            aria-label="Entry detail"
          >
            <option value="summary">By account</option>
            <option value="customer">By account and customer</option>
          </Select>
        </Field>
        {/* Focusable while disabled: a keyboard user's focus stays on the button during the preview. */}
        <Button
          onClick={() => fire(c.preview())}
          disabledFocusable={close.loading || close.posting || syncing}
        >
          Preview entry
        </Button>
        {close.loading && <Spinner size="tiny" label="Computing…" />}
      </div>
      {syncing && (
        <MessageBar intent="info" data-testid="sync-running">
          <MessageBarBody>
            A sync is running and will change the tables: preview and post when it finishes.
          </MessageBarBody>
        </MessageBar>
      )}
      {blockedByCloseDate && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>
              QuickBooks&rsquo; books are closed through {closeDate}.
            </MessageBarTitle>
            An entry dated {lastDayOf(close.period)} cannot be posted. Choose a later period, or ask
            your accountant to change the closing date in QuickBooks.
          </MessageBarBody>
        </MessageBar>
      )}
      {close.outdated && (
        <MessageBar intent="warning" data-testid="preview-outdated">
          <MessageBarBody>{close.outdated}</MessageBarBody>
        </MessageBar>
      )}
      <IssueList
        title="Fix these cells before posting:"
        issues={close.bookIssues}
        testId="book-issues"
      />
      {p && p.unknownAccounts.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            QuickBooks has no account named {p.unknownAccounts.join(", ")}. Choose the accounts
            again on the Rules tab.
          </MessageBarBody>
        </MessageBar>
      )}
      {range?.kind === "covered" && (
        <MessageBar intent="info" data-testid="covered-by">
          <MessageBarBody>
            <MessageBarTitle>
              {close.period} is covered by {range.entry.docNumber} (
              {rangeText(range.from, range.to)}).
            </MessageBarTitle>
            That entry, dated {lastDayOf(range.to)}, already recognized this month, so there is
            nothing to post for {close.period}. To check it or post an adjustment, choose {range.to}
            .
            {(close.coveredBy?.postings ?? []).map((e) => (
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
      )}
      {catchUp !== "" && !isPosted && (
        <MessageBar intent="info" data-testid="catch-up">
          <MessageBarBody>{catchUp}</MessageBarBody>
        </MessageBar>
      )}
      {isPosted && (
        <div className="rr-stack" data-testid="posted-entries">
          <Subtitle2>
            Posted for {close.period}
            {p && p.from !== p.period ? ` (covers ${covers})` : ""}
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
            <Badge color="success" appearance="tint" data-testid="posted-match">
              {posted.length > 1 ? "The posted entries match" : "The posted entry matches"} the
              workbook&rsquo;s figures for {covers}
            </Badge>
          ) : (
            <>
              <MessageBar intent="info" data-testid="posted-changed">
                <MessageBarBody>
                  The workbook changed since {original?.docNumber ?? "the entry"} was posted: its
                  figures for {covers} now differ from the posted lines. Post an adjusting entry for
                  the difference only (it covers {covers}, like the original).
                </MessageBarBody>
              </MessageBar>
              <Lines lines={adjusting} label="Adjusting entry" />
            </>
          )}
        </div>
      )}
      {p && !isPosted && (
        <div className="rr-stack">
          <div className="rr-row">
            <Subtitle2 data-testid="entry-heading">
              Entry for {covers}, dated {p.txnDate}
            </Subtitle2>
            <Badge color={p.balanced ? "success" : "danger"} data-testid="balanced">
              {p.balanced ? "Debits = credits" : "Not balanced"}
            </Badge>
          </div>
          {p.lines.length === 0 ? (
            <Body1>Nothing to recognize in {covers}.</Body1>
          ) : (
            <Lines lines={p.lines} label="Entry" />
          )}
        </div>
      )}
      {close.reconcile && close.reconcile.length > 0 && (
        <div className="rr-stack">
          <Subtitle2>Reconciliation with QuickBooks at {p?.txnDate}</Subtitle2>
          <Table size="small" aria-label="Reconciliation">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Balance</TableHeaderCell>
                <TableHeaderCell className="rr-num">Workbook</TableHeaderCell>
                <TableHeaderCell className="rr-num">QuickBooks now</TableHeaderCell>
                <TableHeaderCell className="rr-num">After this entry</TableHeaderCell>
                <TableHeaderCell className="rr-num">Difference</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {close.reconcile.map((r) => (
                <TableRow key={r.label}>
                  <TableCell>
                    {r.label} ({r.accountName})
                  </TableCell>
                  <TableCell className="rr-num">{money(r.engine)}</TableCell>
                  <TableCell className="rr-num">{money(r.qbo)}</TableCell>
                  <TableCell className="rr-num">{money(r.projected)}</TableCell>
                  <TableCell className="rr-num" data-testid={`difference-${r.label}`}>
                    {money(r.difference)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {explanation !== undefined && (
            <Body1 data-testid="reconcile-explanation">{explanation}</Body1>
          )}
          {close.trueUp && close.trueUp.length > 0 && (
            <>
              <Checkbox
                checked={close.includeTrueUp}
                onChange={(_, d) => c.setIncludeTrueUp(d.checked === true)}
                label="Add true-up lines to this entry so QuickBooks matches the workbook"
              />
              {close.includeTrueUp && <Lines lines={close.trueUp} label="True-up" />}
            </>
          )}
        </div>
      )}
      {p && (!isPosted || adjusting.length > 0 || withTrueUp) && (
        <div className="rr-row rr-end">
          <Field label="Posted by (for the postings log)">
            <Input
              value={s.preparer}
              onChange={(_, d) => c.setPreparer(d.value)}
              style={{ width: "12em" }}
            />
          </Field>
          <Button appearance="primary" disabledFocusable={!canPost} onClick={() => fire(c.post())}>
            {close.posting ? "Posting…" : isPosted ? "Post adjusting entry" : "Post to QuickBooks"}
          </Button>
          {close.posting && <Spinner size="tiny" label={close.postStep ?? ""} />}
        </div>
      )}
      {s.unlogged && (
        <MessageBar intent="warning" data-testid="log-pending">
          <MessageBarBody>
            <MessageBarTitle>{s.unlogged.problem.message}</MessageBarTitle>
            The entry is in QuickBooks; only its row in the RevRecPostings table is missing.{" "}
            {s.unlogged.problem.action} When that is done, click <strong>Write the log row</strong>:
            it writes the missing row only and will not post the entry twice.
          </MessageBarBody>
          <MessageBarActions>
            <Button disabled={close.posting} onClick={() => fire(c.retryLog())}>
              Write the log row
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {postedResult && (
        <div ref={resultHeading} tabIndex={-1} data-testid="posted-focus">
          <MessageBar intent="success" data-testid="posted-result">
            <MessageBarBody>
              <MessageBarTitle>
                {postedResult.status === "existing" ? "Already in QuickBooks:" : "Posted:"} journal
                entry {postedResult.docNumber}
              </MessageBarTitle>
              QuickBooks id {postedResult.journalEntryId}, debits{" "}
              {money(parseAmount(postedResult.totals.debits) ?? 0)}.{" "}
              <Link href={postedResult.link} target="_blank" rel="noreferrer">
                Open in QuickBooks
              </Link>
            </MessageBarBody>
          </MessageBar>
          {postedResult.warnings?.map((w) => (
            <MessageBar key={w.code} intent="warning" data-testid="posted-warning">
              <MessageBarBody>{`${w.message} ${w.action}`}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
    </section>
  );
}
