import { readFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const root = path.join(__dirname, "..", "..");
const xml = readFileSync(path.join(root, "manifest.xml"), "utf8");

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

/** Every start tag with its attributes (the manifest has no CDATA or comments with tags in them). */
function tags(text: string): Tag[] {
  return [...text.matchAll(/<([A-Za-z][\w:.]*)((?:\s+[\w:.-]+="[^"]*")*)\s*\/?>/g)].map((m) => ({
    name: m[1] ?? "",
    attrs: Object.fromEntries(
      [...(m[2] ?? "").matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])
    ),
  }));
}

/** The text between <name ...> (whose attributes contain `attr`, if given) and </name>. */
function inner(text: string, name: string, attr = ""): string {
  const escaped = attr.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`<${name}(?=[^>]*${escaped})[^>]*>([\\s\\S]*?)</${name}>`).exec(text);
  if (!m?.[1]) throw new Error(`no <${name} ${attr}> in manifest.xml`);
  return m[1];
}

const all = tags(xml);
const resources = inner(xml, "Resources");
const defined = (section: string): Map<string, string> =>
  new Map(
    tags(inner(resources, section))
      .filter((t) => t.attrs.id)
      .map((t) => [t.attrs.id ?? "", t.attrs.DefaultValue ?? ""])
  );
const urls = defined("bt:Urls");
const images = defined("bt:Images");
const strings = new Map([...defined("bt:ShortStrings"), ...defined("bt:LongStrings")]);

describe("manifest.xml", () => {
  test("ids are unique", () => {
    const ids = all.map((t) => t.attrs.id).filter((id): id is string => id !== undefined);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test("every resid names a resource of the right kind, and every resource is used", () => {
    const uses = all.filter((t) => t.attrs.resid !== undefined);
    for (const t of uses) {
      const resid = t.attrs.resid ?? "";
      const kind =
        t.name === "bt:Image"
          ? images
          : ["Label", "Title", "Description", "Namespace"].includes(t.name)
            ? strings
            : urls;
      expect([t.name, resid, kind.has(resid)]).toEqual([t.name, resid, true]);
    }
    const used = new Set(uses.map((t) => t.attrs.resid));
    for (const id of [...urls.keys(), ...images.keys(), ...strings.keys()])
      expect([id, used.has(id)]).toEqual([id, true]);
  });

  test("custom functions under the REVREC namespace, with functions.js and functions.json", () => {
    const cf = inner(xml, "ExtensionPoint", 'xsi:type="CustomFunctions"');
    const resid = (section: string) =>
      tags(inner(cf, section)).find((t) => t.name === "SourceLocation")?.attrs.resid ?? "";
    expect(strings.get(tags(cf).find((t) => t.name === "Namespace")?.attrs.resid ?? "")).toBe(
      "REVREC"
    );
    expect(urls.get(resid("Script"))).toBe("https://localhost:3000/functions.js");
    expect(urls.get(resid("Metadata"))).toBe("https://localhost:3000/functions.json");
  });

  test("one shared runtime: SharedRuntime 1.1, a long-lived runtime, page and function file on its resid", () => {
    expect(all).toContainEqual({
      name: "Set",
      attrs: { Name: "SharedRuntime", MinVersion: "1.1" },
    });
    const runtimes = tags(inner(xml, "Runtimes")).filter((t) => t.name === "Runtime");
    expect(runtimes).toEqual([
      { name: "Runtime", attrs: { resid: "Taskpane.Url", lifetime: "long" } },
    ]);
    const cf = inner(xml, "ExtensionPoint", 'xsi:type="CustomFunctions"');
    expect(tags(inner(cf, "Page")).find((t) => t.name === "SourceLocation")?.attrs.resid).toBe(
      "Taskpane.Url"
    );
    expect(all.find((t) => t.name === "FunctionFile")?.attrs.resid).toBe("Taskpane.Url");
    const pane = tags(inner(xml, "Action", 'xsi:type="ShowTaskpane"')).find(
      (t) => t.name === "SourceLocation"
    );
    expect(pane?.attrs.resid).toBe("Taskpane.Url");
    expect(urls.get("Taskpane.Url")).toBe(
      all.find((t) => t.name === "SourceLocation" && t.attrs.DefaultValue)?.attrs.DefaultValue
    );
  });

  test("every URL is https, and every icon exists in assets/", () => {
    const values = all
      .flatMap((t) => Object.values(t.attrs))
      .filter((v) => /^[a-z]+:\/\//i.test(v));
    const appDomains = [...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1] ?? "");
    for (const v of [...values, ...appDomains]) {
      if (v.startsWith("http://schemas.microsoft.com/") || v.startsWith("http://www.w3.org/"))
        continue;
      expect(v).toMatch(/^https:\/\/localhost:3000(\/|$)/);
    }
    for (const url of [
      ...images.values(),
      ...all.filter((t) => /IconUrl$/.test(t.name)).map((t) => t.attrs.DefaultValue ?? ""),
    ]) {
      const file = url.replace("https://localhost:3000/", "");
      expect(readFileSync(path.join(root, file)).subarray(1, 4).toString()).toBe("PNG");
    }
  });
});

describe("functions.json (from the JSDoc in src/functions/functions.ts)", () => {
  test("every function, ids without the namespace, each described with described arguments", async () => {
    const result = await generateCustomFunctionsMetadata(
      [path.join(root, "src", "functions", "functions.ts")],
      true
    );
    expect(result.errors).toEqual([]);
    const meta = JSON.parse(result.metadataJson) as {
      functions: {
        id: string;
        name: string;
        description?: string;
        parameters: {
          name: string;
          description?: string;
          dimensionality?: string;
          optional?: boolean;
        }[];
        result: { dimensionality?: string };
      }[];
    };
    expect(meta.functions.map((f) => f.id)).toEqual([
      "RECOGNIZED",
      "CUMULATIVE",
      "BILLED",
      "DEFERRED",
      "UNBILLED",
      "REFUND",
      "ALLOCATED",
      "SCHEDULE",
      "WATERFALL",
      "JOURNAL",
      "ALLOCATE",
      "RPO",
      "ROLLFORWARD",
      "DISAGGREGATE",
      "DETAIL",
      "ASOF",
    ]);
    for (const f of meta.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description?.length).toBeGreaterThan(20);
      for (const p of f.parameters)
        expect([f.id, p.name, (p.description ?? "").length > 5]).toEqual([f.id, p.name, true]);
      expect(f.result.dimensionality).toBe("matrix");
    }
    const recognized = meta.functions[0];
    expect(
      recognized?.parameters.map((p) => [p.name, p.dimensionality ?? "scalar", p.optional ?? false])
    ).toEqual([
      ["contract", "matrix", false],
      ["period", "scalar", false],
      ["to_period", "scalar", true],
    ]);
  });
});
