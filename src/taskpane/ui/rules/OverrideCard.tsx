import { Button, Caption1, Card, Field, Input, Select } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { CHANGES, CONTRACTS } from "../../../core/tables";
import type { OverrideTarget } from "../../logic/audit";
import { fire, useController, usePaneState } from "../useController";

const TABLES = [
  { value: CONTRACTS.name, label: "Contract rows" },
  { value: CHANGES.name, label: "Credits" },
];

/**
 * Changes one value the sync wrote (a contract row's Method, Start, End or SSP; a credit's Obligation or
 * Treatment), asking why: the cell and its RevRecAudit row are saved together.
 */
export function OverrideCard() {
  const c = useController();
  const s = usePaneState();
  const [targets, setTargets] = useState<OverrideTarget[]>([]);
  const [table, setTable] = useState<string>(CONTRACTS.name);
  const [rowKey, setRowKey] = useState("");
  const [column, setColumn] = useState("");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  useEffect(() => {
    let live = true;
    c.overrideTargets()
      .then((t) => live && setTargets(t))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [c, s.tablesVersion]);
  const inTable = targets.filter((t) => t.table === table);
  const keys = [...new Set(inTable.map((t) => t.rowKey))];
  const key = keys.includes(rowKey) ? rowKey : (keys[0] ?? "");
  const columns = inTable.filter((t) => t.rowKey === key);
  const target = columns.find((t) => t.column === column) ?? columns[0];
  const shown = (v: OverrideTarget["value"] | undefined) =>
    v === undefined || v === "" ? "empty" : String(v);
  if (targets.length === 0)
    return (
      <Card size="small" data-testid="override">
        <Caption1>Sync first: the synced values appear here to be changed.</Caption1>
      </Card>
    );
  return (
    <Card size="small" data-testid="override">
      <div className="rr-fields">
        <Field label="Table">
          <Select aria-label="Table to change" value={table} onChange={(_, d) => setTable(d.value)}>
            {TABLES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={table === CONTRACTS.name ? "Obligation" : "Change"}>
          <Select aria-label="Row to change" value={key} onChange={(_, d) => setRowKey(d.value)}>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Column">
          <Select
            aria-label="Column to change"
            value={target?.column ?? ""}
            onChange={(_, d) => setColumn(d.value)}
          >
            {columns.map((t) => (
              <option key={t.column} value={t.column}>
                {t.column}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {target && (
        <Caption1 data-testid="override-now">
          Now {shown(target.value)}; the sync wrote {shown(target.syncedValue)}.
        </Caption1>
      )}
      <Field label="New value">
        <Input value={value} onChange={(_, d) => setValue(d.value)} />
      </Field>
      <Field
        label="Reason"
        required
        {...(reason.trim() === ""
          ? { validationMessage: "Why it changes: RevRecAudit records it with the change." }
          : {})}
      >
        <Input value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <Button
        disabledFocusable={!target || reason.trim() === "" || s.preparer.trim() === ""}
        onClick={() =>
          target &&
          fire(
            c
              .overrideValue({ table, rowKey: key, column: target.column, value, reason })
              .then((saved) => {
                if (!saved) return;
                setValue("");
                setReason("");
              })
          )
        }
      >
        Save change
      </Button>
    </Card>
  );
}
