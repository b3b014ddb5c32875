import { Card, Field, Input, Switch } from "@fluentui/react-components";
import { fire, useController, usePaneState } from "../useController";

/**
 * Who is working (the name RevRecAudit and Prepared by record) and the workbook's Require approval setting, whose
 * changes are logged in RevRecAudit.
 */
export function SignOffCard() {
  const c = useController();
  const s = usePaneState();
  return (
    <Card size="small" data-testid="sign-off-settings">
      <Field
        label="Your name"
        hint="Recorded as Prepared by on entries and as Who in RevRecAudit."
        {...(s.preparer.trim() === ""
          ? { validationMessage: "Who is making changes: RevRecAudit records it." }
          : {})}
      >
        <Input value={s.preparer} onChange={(_, d) => c.setPreparer(d.value)} />
      </Field>
      <Switch
        checked={s.requireApproval}
        disabled={s.preparer.trim() === ""}
        onChange={(_, d) => fire(c.setRequireApproval(d.checked))}
        label="Require a second person's approval to post (this workbook)"
      />
    </Card>
  );
}
