// The backend's help pages for the REVREC functions (Excel opens them from the formula builder).
import { readFileSync } from "fs";
import Fastify from "fastify";
import {
  FUNCTIONS_DOC,
  functionAnchors,
  registerHelpRoutes,
  renderHelp,
} from "../../src/server/routes/help";

describe("GET /help/functions", () => {
  test("renders docs/functions.md with an anchor per function; .md serves it as it is", async () => {
    const app = Fastify();
    registerHelpRoutes(app);
    const html = await app.inject({ method: "GET", url: "/help/functions" });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    for (const id of [
      "recognized",
      "deferred",
      "unbilled",
      "rpo",
      "rollforward",
      "disaggregate",
      "detail",
      "asof",
    ])
      expect([id, html.body.includes(`id="${id}"`)]).toEqual([id, true]);
    const md = await app.inject({ method: "GET", url: "/help/functions.md" });
    expect(md.body).toBe(readFileSync(FUNCTIONS_DOC, "utf8"));
    await app.close();
  });

  test("headings, code, tables and lists become HTML; text is escaped", () => {
    expect(functionAnchors("DEFERRED(contract, period) and UNBILLED(contract, period)")).toEqual([
      "deferred",
      "unbilled",
    ]);
    expect(
      renderHelp(
        '### DEFERRED(a) and UNBILLED(a)\n\nUse `<b>` and **this**.\n\n- one\n  more\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n```\n=X("<")\n```'
      )
    ).toContain(
      '<h3 id="deferred"><a id="unbilled"></a>DEFERRED(a) and UNBILLED(a)</h3>\n<p>Use <code>&lt;b&gt;</code> and <strong>this</strong>.</p>\n<ul><li>one more</li></ul>\n<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>\n<pre><code>=X(&quot;&lt;&quot;)</code></pre>'
    );
  });
});
