import {
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
} from "@fluentui/react-components";
import { billingMismatches, METHODS } from "../logic/rules";
import type { AccountSettings, ItemRule, Settings } from "../logic/rules";
import { confirmedItems } from "../logic/ruleConfirmation";
import { AccountSelect } from "./rules/AccountSelect";
import { RuleEvidence } from "./rules/RuleEvidence";
import { GroupingCard } from "./rules/GroupingCard";
import { ItemRuleCard } from "./rules/ItemRuleCard";
import { OverrideCard } from "./rules/OverrideCard";
import { SignOffCard } from "./rules/SignOffCard";
import { fire, useController, usePaneState } from "./useController";

export function RulesTab() {
  const c = useController();
  const s = usePaneState();
  if (!s.session) return <Body1>Connect to QuickBooks first (Connect tab).</Body1>;
  const settings = s.settings;
  if (!settings || !s.accounts || !s.items)
    return <Body1>Reading the company&rsquo;s accounts and items…</Body1>;
  const accounts = s.accounts.filter((a) => a.active);
  const confirmed = confirmedItems(settings);
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
        hint="Deferred revenue: items use a deferred revenue account. Revenue: the entry moves unearned amounts to deferred revenue. Each item below has its own choice; this one is for items that have none."
      >
        <Select
          value={settings.accounts.billingsPostTo}
          onChange={(_, d) =>
            setAccounts({ billingsPostTo: d.value === "revenue" ? "revenue" : "deferred" })
          }
        >
          <option value="deferred">Deferred revenue</option>
          <option value="revenue">Revenue</option>
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
      <div className="rr-cards">
        <GroupingCard
          grouping={settings.grouping}
          fieldError={issue("grouping")}
          onChange={(grouping) => c.editSettings({ ...settings, grouping })}
        />
      </div>
      <Subtitle2>Recognition by item</Subtitle2>
      <Caption1>
        Items without a rule use the default:{" "}
        {METHODS.find((m) => m.value === settings.defaultRule.method)?.label},{" "}
        {settings.defaultRule.termMonths} months.
      </Caption1>
      <div className="rr-cards" aria-label="Recognition rules by item" role="list">
        {s.items
          .filter((i) => i.active)
          .map((item) => (
            <div role="listitem" key={item.id}>
              <ItemRuleCard
                item={item}
                rule={settings.rules[item.id] ?? settings.defaultRule}
                accounts={settings.accounts}
                revenueAccounts={accounts.filter((a) => a.classification === "Revenue")}
                termError={issue(`rules.${item.id}`)}
                onRule={(patch) => setRule(item.id, patch)}
                onAccounts={setAccounts}
              >
                <RuleEvidence
                  suggestion={s.ruleSuggestions[item.id]}
                  confirmed={confirmed.has(item.id)}
                />
              </ItemRuleCard>
            </div>
          ))}
      </div>
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
      <Subtitle2>Sign-off and audit</Subtitle2>
      <Caption1>
        Saved as you change them, each logged in RevRecAudit with your name, the time and the
        reason.
      </Caption1>
      <div className="rr-cards">
        <SignOffCard />
      </div>
      <Subtitle2>Change a synced value</Subtitle2>
      <div className="rr-cards">
        <OverrideCard />
      </div>
    </section>
  );
}
