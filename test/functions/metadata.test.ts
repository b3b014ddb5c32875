// What Excel's formula builder shows beyond names: a help page per function served by the backend, and the
// fixed words of DISAGGREGATE's dimension and JOURNAL's detail as custom enums in AutoComplete.
import { readFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { DIMENSIONS, JOURNAL_DETAILS } from "../../src/core";
import { FUNCTIONS_DOC, HELP_PATH, renderHelp } from "../../src/server/routes/help";

const root = path.join(__dirname, "..", "..");

interface Meta {
  functions: {
    id: string;
    helpUrl?: string;
    parameters: { name: string; customEnumId?: string; type?: string }[];
  }[];
  enums?: { id: string; type: string; values: { stringValue?: string; tooltip?: string }[] }[];
}

async function metadata(): Promise<Meta> {
  const result = await generateCustomFunctionsMetadata(
    [path.join(root, "src", "functions", "functions.ts")],
    true
  );
  expect(result.errors).toEqual([]);
  return JSON.parse(result.metadataJson) as Meta;
}

describe("functions.json help and enums", () => {
  test("every function's helpUrl is its anchor on the backend's help page, and the page has that anchor", async () => {
    const meta = await metadata();
    const page = renderHelp(readFileSync(FUNCTIONS_DOC, "utf8"));
    for (const f of meta.functions) {
      const anchor = f.id.toLowerCase();
      expect([f.id, f.helpUrl]).toEqual([f.id, `https://localhost:3000${HELP_PATH}#${anchor}`]);
      expect([f.id, page.includes(`id="${anchor}"`)]).toEqual([f.id, true]);
    }
  });

  test.each([
    ["DISAGGREGATE", "dimension", "Dimension", DIMENSIONS],
    ["JOURNAL", "detail", "JournalDetail", JOURNAL_DETAILS],
  ])(
    "%s's %s offers exactly the words the function accepts, each with a tooltip",
    async (fn, param, enumId, words) => {
      const meta = await metadata();
      const p = meta.functions.find((f) => f.id === fn)?.parameters.find((x) => x.name === param);
      expect(p?.customEnumId).toBe(enumId);
      const e = meta.enums?.find((x) => x.id === enumId);
      expect(e?.type).toBe("string");
      expect(e?.values.map((v) => v.stringValue)).toEqual([...words]);
      for (const v of e?.values ?? []) expect((v.tooltip ?? "").length).toBeGreaterThan(5);
    }
  );
});
