// `npm run validate`: manifest.xml through Microsoft's validator (`office-addin-manifest validate`). That validator
// sends the manifest to Microsoft's validation service for an XML manifest (node_modules/office-addin-manifest/lib/
// validate.js); where the service cannot be reached (offline, CI without network) the manifest is checked against the
// add-in XSD schemas with xmllint instead, and the output says so. Schemas: OFFICE_SCHEMAS_DIR, by default
// ../shared/office-schemas.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const SCHEMA = "OfficeAppManifestV1_1.xsd";
/** What office-addin-manifest prints when it got no verdict from the service (no network, or an error status). */
const NO_VERDICT =
  /Unable to contact the manifest validation service|Unable to validate the manifest/;

export interface Outcome {
  status: number;
  output: string;
}

export interface Checks {
  official(manifest: string): Outcome;
  xsd(manifest: string, schema: string): Outcome;
  exists(file: string): boolean;
}

export const CHECKS: Checks = {
  official: (manifest) =>
    run(process.execPath, [require.resolve("office-addin-manifest/cli.js"), "validate", manifest]),
  xsd: (manifest, schema) => run("xmllint", ["--noout", "--nonet", "--schema", schema, manifest]),
  exists: existsSync,
};

function run(command: string, args: string[]): Outcome {
  const r = spawnSync(command, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}${r.error === undefined ? "" : `${r.error.message}\n`}`;
  return { status: r.status ?? 1, output };
}

export const fallbackMessage = (schemasDir: string): string =>
  "The official validator (office-addin-manifest validate) needs Microsoft's validation service on the network, " +
  `which could not be reached. Checking the manifest against the XSD schemas in ${schemasDir} with xmllint instead.`;

export const noSchemasMessage = (schemasDir: string): string =>
  `No ${SCHEMA} in ${schemasDir}: the manifest could not be validated. Connect to the network, or set ` +
  "OFFICE_SCHEMAS_DIR to a folder holding the Office add-in manifest schemas.";

/** The exit code of `npm run validate`; everything it says goes to `say`. */
export function validate(
  manifest: string,
  schemasDir: string,
  say: (text: string) => void,
  checks: Checks = CHECKS
): number {
  const official = checks.official(manifest);
  say(official.output);
  if (!NO_VERDICT.test(official.output)) return official.status;
  say(`${fallbackMessage(schemasDir)}\n`);
  const schema = path.join(schemasDir, SCHEMA);
  if (!checks.exists(schema)) {
    say(`${noSchemasMessage(schemasDir)}\n`);
    return 1;
  }
  const xsd = checks.xsd(manifest, schema);
  say(xsd.output);
  return xsd.status;
}

if (require.main === module) {
  const schemasDir = path.resolve(
    ROOT,
    process.env["OFFICE_SCHEMAS_DIR"] ?? path.join("..", "shared", "office-schemas")
  );
  process.exitCode = validate(process.argv[2] ?? "manifest.xml", schemasDir, (t) =>
    process.stdout.write(t)
  );
}
