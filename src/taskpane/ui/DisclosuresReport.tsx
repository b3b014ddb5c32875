import { Body1, Button, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import { readDisclosureYear } from "../logic/disclosures";
import { fire, useController, usePaneState } from "./useController";

/** The Reports tab's Disclosures sheet: RPO, the contract balances roll-forward and disaggregation for a year. */
export function DisclosuresReport() {
  const c = useController();
  const s = usePaneState();
  const [year, setYear] = useState(s.close.period.slice(0, 4));
  const read = readDisclosureYear(year);
  const problem = typeof read === "number" ? undefined : read.problem;
  return (
    <div className="rr-stack">
      <Body1>
        The ASC 606 disclosures for a year: remaining performance obligations (within 12 months and
        later), the contract balances roll-forward, and revenue by item and by timing.
      </Body1>
      <div className="rr-row">
        <Field
          label="Year (YYYY)"
          {...(problem === undefined ? {} : { validationMessage: problem })}
        >
          <Input value={year} onChange={(_, d) => setYear(d.value)} style={{ width: "7em" }} />
        </Field>
      </div>
      <Button
        disabled={problem !== undefined || !!s.reportBusy}
        onClick={() => fire(c.addDisclosures(year))}
      >
        Add disclosures sheet
      </Button>
    </div>
  );
}
