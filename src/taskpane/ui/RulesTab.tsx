import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { Account } from "../api/types";
import { billingMismatches, itemPostsTo, METHODS, needsTerm } from "../logic/rules";
import type { AccountSettings, ItemRule, Settings } from "../logic/rules";
import { fire, useController, usePaneState } from "./useController";

function AccountSelect(props: {
  label: string;
  value: string;
  accounts: readonly Account[];
  prefer: string;
  onChange: (id: string) => void;
  error?: string | undefined;
  allowNone?: string;
}) {
  const sorted = [...props.accounts].sort(
    (a, b) =>
      Number(b.classification === props.prefer) - Number(a.classification === props.prefer) ||
      a.fullyQualifiedName.localeCompare(b.fullyQualifiedName)
  );
  return (
    <Field
      label={props.label}
      {...(props.error
        ? { validationMessage: props.error, validationState: "error" as const }
        : {})}
    >
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value)}>
        <option value="">{props.allowNone ?? "Choose an account…"}</option>
        {sorted.map((a) => (
          <option key={a.id} value={a.id}>
            {a.fullyQualifiedName} ({a.classification}
            {a.accountType ? `, ${a.accountType}` : ""})
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function RulesTab() {
  const c = useController();
  const s = usePaneState();
  if (!s.session) return <Body1>Connect to QuickBooks first (Connect tab).</Body1>;
  const settings = s.settings;
  if (!settings || !s.accounts || !s.items)
    return <Body1>Reading the company&rsquo;s accounts and items…</Body1>;
  const accounts = s.accounts.filter((a) => a.active);
  const mismatched = billingMismatches(settings, s.accounts, s.items);
  const issue = (field: string) => s.settingsIssues.find((i) => i.field === field)?.message;
  const setAccounts = (patch: Partial<AccountSettings>) =>
    c.editSettings({ ...settings, accounts: { ...settings.accounts, ...patch } });
  const setRule = (itemId: string, patch: Partial<ItemRule>) => {
    const rule = { ...(settings.rules[itemId] ?? settings.defaultRule), ...patch };
    const next: Settings = { ...settings, rules: { ...settings.rules, [itemId]: rule } };
    c.editSettings(next);
  };
  return (
    <section aria-label="Rules" className="rr-stack">
      <Subtitle2>Accounts</Subtitle2>
      <AccountSelect
        label="Deferred revenue (a liability)"
        value={settings.accounts.deferredRevenue}
        accounts={accounts}
        prefer="Liability"
        error={issue("deferredRevenue")}
        onChange={(id) => setAccounts({ deferredRevenue: id })}
      />
      <AccountSelect
        label="Contract asset (an asset)"
        value={settings.accounts.contractAsset}
        accounts={accounts}
        prefer="Asset"
        error={issue("contractAsset")}
        onChange={(id) => setAccounts({ contractAsset: id })}
      />
      <AccountSelect
        label="Revenue (default)"
        value={settings.accounts.revenue}
        accounts={accounts}
        prefer="Revenue"
        error={issue("revenue")}
        onChange={(id) => setAccounts({ revenue: id })}
      />
      <Field
        label="Where QuickBooks posts invoices (default)"
        hint="Each item below has its own choice; this one is for items that have none."
      >
        <Select
          value={settings.accounts.billingsPostTo}
          onChange={(_, d) =>
            setAccounts({ billingsPostTo: d.value === "revenue" ? "revenue" : "deferred" })
          }
        >
          <option value="deferred">
            To deferred revenue (items use a deferred revenue account)
          </option>
          <option value="revenue">
            To revenue (the entry moves unearned amounts to deferred revenue)
          </option>
        </Select>
      </Field>
      {mismatched.length > 0 && (
        <MessageBar intent="warning" data-testid="billing-mismatch">
          <MessageBarBody>
            {mismatched.map((m) => (
              <div key={m.item.id}>
                In QuickBooks, {m.item.name} posts its invoices to{" "}
                {m.actual === "deferred"
                  ? "a deferred revenue (liability) account"
                  : "an income account"}
                {m.item.incomeAccount ? ` (${m.item.incomeAccount.name})` : ""}, but its
                &ldquo;Invoices post to&rdquo; says{" "}
                {m.chosen === "deferred" ? "deferred revenue" : "revenue"}, so its revenue would be
                misstated. Choose{" "}
                {m.actual === "deferred" ? "\u201cDeferred revenue\u201d" : "\u201cRevenue\u201d"}{" "}
                for {m.item.name} below, or change the item&rsquo;s income account in QuickBooks
                (Products and services).
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2>Recognition by item</Subtitle2>
      <Caption1>
        Items without a rule use the default:{" "}
        {METHODS.find((m) => m.value === settings.defaultRule.method)?.label},{" "}
        {settings.defaultRule.termMonths} months.
      </Caption1>
      <Table size="small" aria-label="Recognition rules by item">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Item</TableHeaderCell>
            <TableHeaderCell>Method</TableHeaderCell>
            <TableHeaderCell>Months</TableHeaderCell>
            <TableHeaderCell>Starts on</TableHeaderCell>
            <TableHeaderCell>Revenue account</TableHeaderCell>
            <TableHeaderCell>Invoices post to</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {s.items
            .filter((i) => i.active)
            .map((item) => {
              const rule = settings.rules[item.id] ?? settings.defaultRule;
              const termError = issue(`rules.${item.id}`);
              return (
                <TableRow key={item.id} data-testid={`rule-${item.name}`}>
                  <TableCell>{item.name}</TableCell>
                  <TableCell>
                    <Select
                      aria-label={`Method for ${item.name}`}
                      value={rule.method}
                      onChange={(_, d) => setRule(item.id, { method: d.value })}
                    >
                      {METHODS.map((m) => (
                        <option key={m.value} value={m.value}>
                          {m.label}
                        </option>
                      ))}
                    </Select>
                  </TableCell>
                  <TableCell>
                    <Field
                      {...(termError
                        ? { validationMessage: termError, validationState: "error" as const }
                        : {})}
                    >
                      <Input
                        aria-label={`Months for ${item.name}`}
                        type="number"
                        min={1}
                        disabled={!needsTerm(rule.method)}
                        value={needsTerm(rule.method) ? String(rule.termMonths) : ""}
                        onChange={(_, d) => setRule(item.id, { termMonths: Number(d.value) })}
                        style={{ width: "5em" }}
                      />
                    </Field>
                  </TableCell>
                  <TableCell>
                    <Select
                      aria-label={`Start for ${item.name}`}
                      value={rule.startFrom}
                      onChange={(_, d) =>
                        setRule(item.id, {
                          startFrom: d.value === "invoiceDate" ? "invoiceDate" : "serviceDate",
                        })
                      }
                    >
                      <option value="serviceDate">Service date</option>
                      <option value="invoiceDate">Invoice date</option>
                    </Select>
                  </TableCell>
                  <TableCell>
                    <Select
                      aria-label={`Revenue account for ${item.name}`}
                      value={settings.accounts.revenueByItem[item.id] ?? ""}
                      onChange={(_, d) =>
                        setAccounts({
                          revenueByItem: { ...settings.accounts.revenueByItem, [item.id]: d.value },
                        })
                      }
                    >
                      <option value="">Default revenue account</option>
                      {accounts
                        .filter((a) => a.classification === "Revenue")
                        .map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.fullyQualifiedName}
                          </option>
                        ))}
                    </Select>
                  </TableCell>
                  <TableCell>
                    <Select
                      aria-label={`Invoices of ${item.name} post to`}
                      value={itemPostsTo(settings.accounts, item.id)}
                      onChange={(_, d) =>
                        setAccounts({
                          billingsPostToByItem: {
                            ...settings.accounts.billingsPostToByItem,
                            [item.id]: d.value === "revenue" ? "revenue" : "deferred",
                          },
                        })
                      }
                    >
                      <option value="deferred">Deferred revenue</option>
                      <option value="revenue">Revenue</option>
                    </Select>
                  </TableCell>
                </TableRow>
              );
            })}
        </TableBody>
      </Table>
      {s.settingsIssues.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.settingsIssues.map((i) => i.message).join(" ")}</MessageBarBody>
        </MessageBar>
      )}
      <div className="rr-row">
        <Button appearance="primary" onClick={() => fire(c.saveSettings())}>
          Save rules
        </Button>
        {s.settingsSaved && <Caption1>Saved in this workbook.</Caption1>}
      </div>
    </section>
  );
}
