import { useEffect, useRef } from "react";
import {
  Body1,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
} from "@fluentui/react-components";
import { lastDayOf } from "../../core";
import { approvalProblem } from "../logic/approval";
import { catchUpText, rangeText } from "../logic/coverage";
import { closablePeriods } from "../logic/dates";
import { unconfirmedItems, unconfirmedMessage } from "../logic/ruleConfirmation";
import { CloseCharts } from "./close/CloseCharts";
import { CoveredBy } from "./close/CoveredBy";
import { SignOff } from "./close/SignOff";
import { GoLive } from "./close/GoLive";
import { PostedEntries } from "./close/PostedEntries";
import { LogPending, PostResult } from "./close/PostResult";
import { PreviewEntry } from "./close/PreviewEntry";
import { postedIn } from "../logic/correction";
import { Reconciliation } from "./close/Reconciliation";
import { IssueList } from "./IssueList";
import { LeftOutNotice } from "./LeftOutNotice";
import { fire, useController, usePaneState } from "./useController";

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
  const posted = close.postings?.postings ?? [];
  const isPosted = posted.length > 0;
  const closedBooks = closeDate !== null && lastDayOf(close.period) <= closeDate;
  // A period an entry of a later period covered has nothing to post, closed books or not; a posted period's
  // correction goes in the first open period.
  const blockedByCloseDate = closedBooks && close.range?.kind !== "covered" && !isPosted;
  const correctionIn = closedBooks && isPosted ? postedIn(close.period, closeDate) : undefined;
  const adjusting = close.adjustment ?? [];
  const p = close.preview;
  const withTrueUp = close.includeTrueUp && (close.trueUp?.length ?? 0) > 0;
  const range = close.range;
  const covers = p ? rangeText(p.from, p.period) : close.period;
  const catchUp = range ? catchUpText(range) : "";
  const pending = isPosted ? adjusting.length > 0 : (p?.lines.length ?? 0) > 0;
  const postedResult = close.posted ?? s.unlogged?.result;
  const syncing = s.sync.running;
  const unconfirmed = s.settings && s.items ? unconfirmedItems(s.items, s.settings) : [];
  const needsRules = unconfirmedMessage(unconfirmed);
  const canPost =
    !!p &&
    !close.posting &&
    !syncing &&
    !s.unlogged &&
    !blockedByCloseDate &&
    needsRules === undefined &&
    s.preparer.trim() !== "" &&
    approvalProblem(s.requireApproval, s.preparer, s.approver) === undefined &&
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
      {correctionIn !== undefined && (close.adjustment?.length ?? 0) > 0 && (
        <MessageBar intent="info" data-testid="correction-in-open-period">
          <MessageBarBody>
            QuickBooks&rsquo; books are closed through {closeDate}: the adjusting entry is dated{" "}
            {correctionIn}-01, the first open period, keeps the number of {close.period} and names
            it in its memo.
          </MessageBarBody>
        </MessageBar>
      )}
      {needsRules !== undefined && (
        <MessageBar intent="warning" data-testid="unconfirmed-rules">
          <MessageBarBody>{needsRules}</MessageBarBody>
        </MessageBar>
      )}
      {close.beforeGoLive && (
        <MessageBar intent="info" data-testid="before-go-live">
          <MessageBarBody>{close.beforeGoLive}</MessageBarBody>
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
        <CoveredBy period={close.period} range={range} entries={close.coveredBy?.postings ?? []} />
      )}
      {catchUp !== "" && !isPosted && (
        <MessageBar intent="info" data-testid="catch-up">
          <MessageBarBody>{catchUp}</MessageBarBody>
        </MessageBar>
      )}
      {isPosted && (
        <PostedEntries
          period={close.period}
          posted={posted}
          covers={covers}
          coversMore={!!p && p.from !== p.period}
          adjusting={adjusting}
          lines={p?.lines ?? []}
        />
      )}
      {p && !isPosted && <PreviewEntry preview={p} covers={covers} />}
      {close.reconcile && close.reconcile.length > 0 && <LeftOutNotice />}
      {close.reconcile && close.reconcile.length > 0 && (
        <Reconciliation
          rows={close.reconcile}
          at={p?.txnDate}
          pending={pending}
          trueUp={close.trueUp}
          includeTrueUp={close.includeTrueUp}
          onIncludeTrueUp={(on) => c.setIncludeTrueUp(on)}
        />
      )}
      {p && (!isPosted || adjusting.length > 0 || withTrueUp) && (
        <div className="rr-stack">
          <SignOff />
          <Button appearance="primary" disabledFocusable={!canPost} onClick={() => fire(c.post())}>
            {close.posting ? "Posting…" : isPosted ? "Post adjusting entry" : "Post to QuickBooks"}
          </Button>
          {close.posting && <Spinner size="tiny" label={close.postStep ?? ""} />}
        </div>
      )}
      {s.unlogged && (
        <LogPending
          unlogged={s.unlogged}
          posting={close.posting}
          onRetry={() => fire(c.retryLog())}
        />
      )}
      {postedResult && <PostResult result={postedResult} focusRef={resultHeading} />}
      {close.trend && <CloseCharts trend={close.trend} period={close.period} />}
      {/* Set once, by a company with history: after the month's close, out of its way. */}
      <GoLive />
    </section>
  );
}
