import {
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { MemoryWorkbook } from "../../workbook";
import { CloseTab } from "./CloseTab";
import { ConnectTab } from "./ConnectTab";
import { ReportsTab } from "./ReportsTab";
import { RulesTab } from "./RulesTab";
import { SyncTab } from "./SyncTab";
import { TablesView } from "./TablesView";
import { useController, usePaneState } from "./useController";

type TabId = "connect" | "sync" | "rules" | "close" | "reports";

const TABS: { id: TabId; label: string }[] = [
  { id: "connect", label: "Connect" },
  { id: "sync", label: "Sync" },
  { id: "rules", label: "Rules" },
  { id: "close", label: "Close" },
  { id: "reports", label: "Reports" },
];

export function App(props: { dark: boolean; memory?: MemoryWorkbook | undefined }) {
  const c = useController();
  const s = usePaneState();
  const [tab, setTab] = useState<TabId>("connect");
  // A notice belongs to the tab its action ran on: it is not carried to the others.
  const [noticeTab, setNoticeTab] = useState<TabId>(tab);
  useEffect(() => setNoticeTab(tab), [s.notice]);
  const theme = props.dark ? webDarkTheme : webLightTheme;
  // The page behind the pane (below short tabs, past the end of long ones) is the theme's too.
  useEffect(() => {
    document.body.style.background = theme.colorNeutralBackground1;
    document.documentElement.style.colorScheme = props.dark ? "dark" : "light";
  }, [theme, props.dark]);
  // On the Close tab a post's own result says what happened: the notice would say it again.
  const closeSaysIt = tab === "close" && (s.close.posted !== undefined || s.unlogged !== undefined);
  const showNotice = s.notice && !s.error && noticeTab === tab && !closeSaysIt;
  return (
    <FluentProvider theme={theme} className="rr-root">
      <main className="rr-main">
        <div className="rr-pane" data-testid="pane">
          <header className="rr-header">
            <strong>RevRec</strong>
            <Caption1>
              {s.session ? (s.status?.companyName ?? s.session.companyName) : "Not connected"}
            </Caption1>
          </header>
          {s.error && (
            <MessageBar intent="error" role="alert" data-testid="error">
              <MessageBarBody>
                <MessageBarTitle>{s.error.message}</MessageBarTitle> {s.error.action}
                {s.error.details && (
                  <details>
                    <summary>Details</summary>
                    <Caption1>{s.error.details}</Caption1>
                  </details>
                )}
              </MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={() => c.dismissError()}>
                  Dismiss
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {showNotice && (
            <MessageBar intent="success" role="status" data-testid="notice">
              <MessageBarBody>{s.notice}</MessageBarBody>
            </MessageBar>
          )}
          <TabList
            selectedValue={tab}
            onTabSelect={(_, d) => setTab(TABS.find((t) => t.id === d.value)?.id ?? tab)}
            size="small"
            className="rr-tabs"
          >
            {TABS.map((t) => (
              <Tab key={t.id} value={t.id}>
                {t.label}
              </Tab>
            ))}
          </TabList>
          <div
            className="rr-panel"
            role="tabpanel"
            aria-label={TABS.find((t) => t.id === tab)?.label}
          >
            {tab === "connect" && <ConnectTab />}
            {tab === "sync" && <SyncTab />}
            {tab === "rules" && <RulesTab />}
            {tab === "close" && <CloseTab />}
            {tab === "reports" && <ReportsTab />}
          </div>
        </div>
        {props.memory && <TablesView workbook={props.memory} />}
      </main>
    </FluentProvider>
  );
}
