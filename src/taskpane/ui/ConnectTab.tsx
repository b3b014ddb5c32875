import {
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { fire, useController, usePaneState } from "./useController";

/** Disconnect asks first: it signs the workbook out of QuickBooks until someone connects again. */
function ConfirmDisconnect(props: { onConfirm: () => void }) {
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button>Disconnect</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Disconnect from QuickBooks?</DialogTitle>
          <DialogContent>
            The workbook keeps its tables, but syncing and posting stop until someone connects
            again.
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={props.onConfirm}>
                Disconnect
              </Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button>Cancel</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export function ConnectTab() {
  const c = useController();
  const s = usePaneState();
  const status = s.status;
  if (!s.session) {
    return (
      <section aria-label="Connect" className="rr-stack">
        <Body1>
          Connect this workbook to your QuickBooks Online company to pull invoices and credit memos
          and post the month-end revenue entry.
        </Body1>
        <Button appearance="primary" onClick={() => fire(c.connect())} disabled={s.connecting}>
          {s.connecting ? "Waiting for QuickBooks…" : "Connect to QuickBooks"}
        </Button>
        {s.connecting && (
          <Spinner size="tiny" label="Finish signing in in the QuickBooks window." />
        )}
      </section>
    );
  }
  const closeDate = status?.preferences.bookCloseDate;
  return (
    <section aria-label="Connection" className="rr-stack">
      <div>
        <Text weight="semibold" size={400} data-testid="company-name">
          {status?.companyName ?? s.session.companyName}
        </Text>{" "}
        <Badge
          appearance="tint"
          color={s.session.environment === "production" ? "success" : "informative"}
        >
          {status?.environment ?? s.session.environment}
        </Badge>
      </div>
      <Caption1>
        Company (realm) id {s.session.realmId}
        {status ? ` · home currency ${status.homeCurrency}` : ""}
        {closeDate ? ` · books closed through ${closeDate}` : ""}
      </Caption1>
      {status?.warnings.map((w) => (
        <MessageBar key={w.code} intent="warning" data-testid={`warning-${w.code}`}>
          <MessageBarBody>
            <MessageBarTitle>{w.message}</MessageBarTitle> {w.action}
          </MessageBarBody>
        </MessageBar>
      ))}
      {status?.preferences.qboRevenueRecognition === true &&
        !status.warnings.some((w) => w.code === "qbo_revenue_recognition_on") && (
          <MessageBar intent="warning" data-testid="warning-qbo_revenue_recognition_on">
            <MessageBarBody>
              <MessageBarTitle>
                QuickBooks&rsquo; own revenue recognition is on for this company.
              </MessageBarTitle>{" "}
              If it also defers these invoices, revenue would be counted twice. Turn it off in
              QuickBooks (Settings &gt; Account and settings &gt; Sales), or leave the items it
              manages out of RevRec.
            </MessageBarBody>
          </MessageBar>
        )}
      {closeDate && !status?.warnings.some((w) => w.code === "books_closed_recently") && (
        <MessageBar intent="info">
          <MessageBarBody>
            QuickBooks&rsquo; closing date is {closeDate}: entries for periods up to that date
            cannot be posted.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className="rr-row">
        <Button onClick={() => fire(c.refreshCompany().catch(() => undefined))}>Refresh</Button>
        <ConfirmDisconnect onConfirm={() => fire(c.disconnect())} />
      </div>
    </section>
  );
}
