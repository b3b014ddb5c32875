// npm run validate: Microsoft's validator decides when its service answers; when it cannot be reached, the XSD check
// with xmllint decides, and the output says which one did.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  CHECKS,
  fallbackMessage,
  noSchemasMessage,
  validate,
  type Checks,
  type Outcome,
} from "../../scripts/validate";

const SCHEMAS = "/schemas";
const UNREACHABLE: Outcome = {
  status: 1,
  output:
    "Error: Unable to contact the manifest validation service.\nFetchError: getaddrinfo ENOTFOUND validationgateway.omex.office.net\n",
};

function checks(
  official: Outcome,
  xsd: Outcome = { status: 0, output: "manifest.xml validates\n" }
) {
  const calls: string[] = [];
  const c: Checks = {
    official: (m) => {
      calls.push(`official ${m}`);
      return official;
    },
    xsd: (m, schema) => {
      calls.push(`xsd ${m} ${schema}`);
      return xsd;
    },
    exists: (f) => f === path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"),
  };
  return { c, calls };
}

function run(c: Checks, schemasDir = SCHEMAS): { code: number; said: string } {
  let said = "";
  const code = validate("manifest.xml", schemasDir, (t) => (said += t), c);
  return { code, said };
}

it("takes the official validator's verdict when its service answers", () => {
  for (const [status, output] of [
    [0, "The manifest is valid.\n"],
    [1, "Error #1: The manifest has no Id.\nThe manifest is not valid.\n"],
  ] as const) {
    const { c, calls } = checks({ status, output });
    expect(run(c)).toEqual({ code: status, said: output });
    expect(calls).toEqual(["official manifest.xml"]);
  }
});

it("falls back to the XSD check, and says so, when the service cannot be reached", () => {
  for (const xsd of [
    { status: 0, output: "manifest.xml validates\n" },
    {
      status: 3,
      output:
        "manifest.xml:2: element Id: Schemas validity error\nmanifest.xml fails to validate\n",
    },
  ]) {
    const { c, calls } = checks(UNREACHABLE, xsd);
    expect(run(c)).toEqual({
      code: xsd.status,
      said: `${UNREACHABLE.output}${fallbackMessage(SCHEMAS)}\n${xsd.output}`,
    });
    expect(calls).toEqual([
      "official manifest.xml",
      `xsd manifest.xml ${path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd")}`,
    ]);
  }
  expect(fallbackMessage(SCHEMAS)).toBe(
    "The official validator (office-addin-manifest validate) needs Microsoft's validation service on the network, " +
      "which could not be reached. Checking the manifest against the XSD schemas in /schemas with xmllint instead."
  );
  const answeredBadly = checks({
    status: 1,
    output: "Unable to validate the manifest.\n503\nService Unavailable\n",
  });
  expect(run(answeredBadly.c).code).toBe(0);
});

it("fails, saying why, when neither the service nor the schemas are there", () => {
  const { c } = checks(UNREACHABLE);
  expect(run(c, "/nowhere")).toEqual({
    code: 1,
    said: `${UNREACHABLE.output}${fallbackMessage("/nowhere")}\n${noSchemasMessage("/nowhere")}\n`,
  });
  expect(noSchemasMessage("/nowhere")).toBe(
    "No OfficeAppManifestV1_1.xsd in /nowhere: the manifest could not be validated. Connect to the network, or set " +
      "OFFICE_SCHEMAS_DIR to a folder holding the Office add-in manifest schemas."
  );
});

it("runs xmllint for the XSD check: a manifest the schema refuses fails", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "revrec-validate-"));
  try {
    const schema = path.join(dir, "s.xsd");
    writeFileSync(
      schema,
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="OfficeApp" type="xs:string"/></xs:schema>`
    );
    writeFileSync(path.join(dir, "good.xml"), "<OfficeApp>ok</OfficeApp>");
    writeFileSync(path.join(dir, "bad.xml"), "<OfficeAp>no</OfficeAp>");
    expect(CHECKS.xsd(path.join(dir, "good.xml"), schema).status).toBe(0);
    const bad = CHECKS.xsd(path.join(dir, "bad.xml"), schema);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toMatch(/OfficeAp.*fails to validate|No matching global declaration/s);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
