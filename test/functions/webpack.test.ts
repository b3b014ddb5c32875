import path from "path";

interface Config {
  entry: Record<string, string>;
  output: { path: string };
  optimization: { runtimeChunk: string; splitChunks: { chunks: string } };
  plugins: {
    constructor: { name: string };
    options?: Record<string, unknown>;
    patterns?: { from: string; to: string }[];
  }[];
}

const configure = require(path.join(__dirname, "..", "..", "webpack.config.js")) as (
  env: Record<string, unknown>,
  argv: Record<string, unknown>
) => Promise<Config>;

describe("webpack.config.js", () => {
  test("one page, one runtime: both entries share the webpack runtime and shared chunks", async () => {
    const config = await configure({}, { mode: "production" });
    expect(config.entry).toEqual({
      functions: "./src/functions/index.ts",
      taskpane: "./src/taskpane/index.tsx",
    });
    expect(config.optimization.runtimeChunk).toBe("single");
    expect(config.optimization.splitChunks.chunks).toBe("all");
    const html = config.plugins.find((p) => p.constructor.name === "HtmlWebpackPlugin");
    expect(html?.options?.filename).toBe("taskpane.html");
    expect(html?.options?.chunks).toEqual(["functions", "taskpane"]);
    const names = config.plugins.map((p) => p.constructor.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "CustomFunctionsMetadataPlugin",
        "NoHyperFormulaPlugin",
        "OfficeJsPlugin",
      ])
    );
    expect(path.relative(path.join(__dirname, "..", ".."), config.output.path)).toBe("dist");
  });

  test("--env localOfficeJs copies office.js from node_modules; the default uses the CDN", async () => {
    const copies = async (env: Record<string, unknown>) =>
      (await configure(env, { mode: "development" })).plugins.find(
        (p) => p.constructor.name === "CopyFilesPlugin"
      )?.patterns ?? [];
    expect(await copies({ localOfficeJs: true })).toContainEqual({
      from: "node_modules/@microsoft/office-js/dist",
      to: "office-js",
    });
    expect((await copies({})).map((p) => p.to)).toEqual(["assets", "manifest.xml"]);
  });
});
