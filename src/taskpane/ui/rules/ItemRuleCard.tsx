import { Card, Field, Input, Select, Subtitle2 } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Account, Item } from "../../../wire";
import { itemPostsTo, METHODS, needsTerm } from "../../logic/rules";
import type { AccountSettings, ItemRule } from "../../logic/rules";

/** One item's recognition rule as a card of stacked fields: it fits a 300 px pane and spreads out on a wide one. */
export function ItemRuleCard(props: {
  item: Item;
  rule: ItemRule;
  accounts: AccountSettings;
  revenueAccounts: readonly Account[];
  termError: string | undefined;
  onRule: (patch: Partial<ItemRule>) => void;
  onAccounts: (patch: Partial<AccountSettings>) => void;
  children?: ReactNode;
}) {
  const { item, rule, accounts } = props;
  return (
    <Card size="small" data-testid={`rule-${item.name}`}>
      <Subtitle2>{item.name}</Subtitle2>
      {props.children}
      <div className="rr-fields">
        <Field label="Method">
          <Select
            aria-label={`Method for ${item.name}`}
            value={rule.method}
            onChange={(_, d) => props.onRule({ method: d.value })}
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Months"
          {...(props.termError
            ? { validationMessage: props.termError, validationState: "error" as const }
            : {})}
        >
          <Input
            aria-label={`Months for ${item.name}`}
            type="number"
            min={1}
            disabled={!needsTerm(rule.method)}
            value={needsTerm(rule.method) ? String(rule.termMonths) : ""}
            onChange={(_, d) => props.onRule({ termMonths: Number(d.value) })}
          />
        </Field>
        <Field label="Starts on">
          <Select
            aria-label={`Start for ${item.name}`}
            value={rule.startFrom}
            onChange={(_, d) =>
              props.onRule({ startFrom: d.value === "invoiceDate" ? "invoiceDate" : "serviceDate" })
            }
          >
            <option value="serviceDate">Service date</option>
            <option value="invoiceDate">Invoice date</option>
          </Select>
        </Field>
        <Field label="Revenue account">
          <Select
            aria-label={`Revenue account for ${item.name}`}
            value={accounts.revenueByItem[item.id] ?? ""}
            onChange={(_, d) =>
              props.onAccounts({ revenueByItem: { ...accounts.revenueByItem, [item.id]: d.value } })
            }
          >
            <option value="">Default account</option>
            {props.revenueAccounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.fullyQualifiedName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Invoices post to">
          <Select
            aria-label={`Invoices of ${item.name} post to`}
            value={itemPostsTo(accounts, item.id)}
            onChange={(_, d) =>
              props.onAccounts({
                billingsPostToByItem: {
                  ...accounts.billingsPostToByItem,
                  [item.id]: d.value === "revenue" ? "revenue" : "deferred",
                },
              })
            }
          >
            <option value="deferred">Deferred revenue</option>
            <option value="revenue">Revenue</option>
          </Select>
        </Field>
      </div>
    </Card>
  );
}
