import { Caption1, Field, Input } from "@fluentui/react-components";
import { approvalProblem } from "../../logic/approval";
import { useController, usePaneState } from "../useController";

/**
 * Who prepared the entry and, when the workbook requires it, who approved it: both go to RevRecPostings and to the
 * entry's note in QuickBooks. Whether approval is required is the workbook's setting, on the Rules tab.
 */
export function SignOff() {
  const c = useController();
  const s = usePaneState();
  const approval = approvalProblem(s.requireApproval, s.preparer, s.approver);
  return (
    <div className="rr-stack">
      {s.requireApproval && (
        <Caption1 data-testid="approval-required">
          This workbook requires a second person&rsquo;s approval (Rules tab, Sign-off and audit).
        </Caption1>
      )}
      <div className="rr-row rr-end">
        <Field
          label="Prepared by"
          required
          {...(s.preparer.trim() === ""
            ? { validationMessage: "Who prepared this entry: the postings log records it." }
            : {})}
        >
          <Input
            value={s.preparer}
            onChange={(_, d) => c.setPreparer(d.value)}
            style={{ width: "12em" }}
          />
        </Field>
        {s.requireApproval && (
          <Field
            label="Approved by"
            required
            {...(approval === undefined ? {} : { validationMessage: approval })}
          >
            <Input
              value={s.approver}
              onChange={(_, d) => c.setApprover(d.value)}
              style={{ width: "12em" }}
            />
          </Field>
        )}
      </div>
    </div>
  );
}
