import { Field, Select } from "@fluentui/react-components";
import type { Account } from "../../../wire";

/**
 * A QuickBooks account, chosen by name. The classification groups the options (the preferred one first) instead of
 * lengthening each name, so that the chosen name fits a 300 px pane; the chosen account's type shows below.
 */
export function AccountSelect(props: {
  label: string;
  value: string;
  accounts: readonly Account[];
  prefer: string;
  onChange: (id: string) => void;
  error?: string | undefined;
  allowNone?: string;
}) {
  const groups = new Map<string, Account[]>();
  for (const a of props.accounts)
    groups.set(a.classification, [...(groups.get(a.classification) ?? []), a]);
  const order = [...groups.keys()].sort(
    (a, b) => Number(b === props.prefer) - Number(a === props.prefer) || a.localeCompare(b)
  );
  const chosen = props.accounts.find((a) => a.id === props.value);
  const hint = chosen
    ? [chosen.classification, chosen.accountType].filter(Boolean).join(" · ")
    : undefined;
  return (
    <Field
      label={props.label}
      {...(hint === undefined ? {} : { hint })}
      {...(props.error
        ? { validationMessage: props.error, validationState: "error" as const }
        : {})}
    >
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value)}>
        <option value="">{props.allowNone ?? "Choose an account…"}</option>
        {order.map((classification) => (
          <optgroup key={classification} label={classification}>
            {[...(groups.get(classification) ?? [])]
              .sort((a, b) => a.fullyQualifiedName.localeCompare(b.fullyQualifiedName))
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.fullyQualifiedName}
                </option>
              ))}
          </optgroup>
        ))}
      </Select>
    </Field>
  );
}
