import { Body1, Button, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import { previousMonth } from "../logic/dates";
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
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  return (
    <section aria-label="Reports" className="rr-stack">
      <Body1>
        Each report is a new sheet of REVREC formulas, formatted as an Excel table, so it stays up
        to date as the contract tables change.
      </Body1>
      <div className="rr-row">
        <Field label="From (YYYY-MM)">
          <Input value={from} onChange={(_, d) => setFrom(d.value)} style={{ width: "7em" }} />
        </Field>
        <Field
          label="To (YYYY-MM)"
          {...(valid ? {} : { validationMessage: "Enter two months, From before To." })}
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
    </section>
  );
}
