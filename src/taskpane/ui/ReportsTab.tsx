import { Body1, Button, Field, Input } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { previousMonth } from "../../core";
import { reportRangeProblems } from "../logic/reports";
import { DisclosuresReport } from "./DisclosuresReport";
import { IssueList } from "./IssueList";
import { WaterfallView } from "./reports/WaterfallView";
import { fire, useController, usePaneState } from "./useController";

function monthsBack(period: string, n: number): string {
  let p = period;
  for (let i = 0; i < n; i++) p = previousMonth(p);
  return p;
}

export function ReportsTab() {
  const c = useController();
  const s = usePaneState();
  const [to, setTo] = useState(s.close.period);
  const [from, setFrom] = useState(monthsBack(s.close.period, 11));
  // Months are checked as the engine reads them (2026-13 is no month), right in the fields.
  const problems = reportRangeProblems(from, to);
  const valid = problems.from === undefined && problems.to === undefined;
  // The pane's waterfall follows the fields and the tables.
  useEffect(() => {
    if (valid) fire(c.showWaterfall(from, to));
  }, [c, from, to, valid, s.tablesVersion]);
  return (
    <section aria-label="Reports" className="rr-stack">
      <Body1>
        Each report is a new sheet of REVREC formulas, formatted as an Excel table, so it stays up
        to date as the contract tables change. Adding a report again replaces its sheet where it
        stands; a sync adds newly synced contracts to the waterfall.
      </Body1>
      <div className="rr-row">
        <Field
          label="From (YYYY-MM)"
          {...(problems.from === undefined ? {} : { validationMessage: problems.from })}
        >
          <Input value={from} onChange={(_, d) => setFrom(d.value)} style={{ width: "7em" }} />
        </Field>
        <Field
          label="To (YYYY-MM)"
          {...(problems.to === undefined ? {} : { validationMessage: problems.to })}
        >
          <Input value={to} onChange={(_, d) => setTo(d.value)} style={{ width: "7em" }} />
        </Field>
      </div>
      <div className="rr-column">
        <Button
          disabled={!valid || !!s.reportBusy}
          onClick={() => fire(c.addReport("schedule", from, to))}
        >
          Add schedule sheet (with chart)
        </Button>
        <Button
          disabled={!valid || !!s.reportBusy}
          onClick={() => fire(c.addReport("waterfall", from, to))}
        >
          Add revenue waterfall
        </Button>
        <Button
          disabled={!valid || !!s.reportBusy}
          onClick={() => fire(c.addReport("rollforward", from, to))}
        >
          Add deferred revenue roll-forward
        </Button>
      </div>
      <DisclosuresReport />
      <IssueList
        title="Left out of the report until these cells are fixed:"
        issues={s.reportIssues}
        testId="report-issues"
      />
      {valid && s.waterfall && <WaterfallView waterfall={s.waterfall} />}
    </section>
  );
}
