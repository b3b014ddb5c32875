/**
 * The REVREC functions' help pages, which Excel opens from the formula builder (the `helpUrl` of each function in
 * functions.json): GET /help/functions renders docs/functions.md as HTML with an anchor per function
 * (/help/functions#rpo), and GET /help/functions.md serves the Markdown as it is.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import type { FastifyInstance } from "fastify";

export const FUNCTIONS_DOC = join(__dirname, "..", "..", "..", "docs", "functions.md");
export const HELP_PATH = "/help/functions";

const escape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Inline Markdown: `code`, **bold** and [links](target); everything else is escaped text. */
function inline(text: string): string {
  return escape(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/** Function names a heading documents ("### DEFERRED(contract, period) and UNBILLED(...)" -> deferred, unbilled). */
export function functionAnchors(heading: string): string[] {
  return [...heading.matchAll(/\b([A-Z]{3,})\(/g)].map((m) => (m[1] ?? "").toLowerCase());
}

const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * docs/functions.md as an HTML page. It covers the Markdown that file uses: headings, paragraphs, lists, tables,
 * fenced code. A heading that documents functions carries one anchor per function.
 */
export function renderHelp(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split(/\r?\n/);
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    if (list.length > 0) out.push(`<ul>${list.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`);
    paragraph = [];
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? "").startsWith("```"); i++)
        code.push(lines[i] ?? "");
      out.push(`<pre><code>${escape(code.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 1;
      const text = heading[2] ?? "";
      const [first, ...more] = functionAnchors(text);
      const anchors = more.map((a) => `<a id="${a}"></a>`).join("");
      out.push(`<h${level} id="${first ?? slug(text)}">${anchors}${inline(text)}</h${level}>`);
      continue;
    }
    if (line.startsWith("|")) {
      flush();
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] ?? "").startsWith("|"); i++) {
        const cells = (lines[i] ?? "")
          .slice(1, -1)
          .split(" | ")
          .map((c) => c.trim());
        if (!cells.every((c) => /^-+$/.test(c))) rows.push(cells);
      }
      i--;
      const [head = [], ...body] = rows;
      out.push(
        `<table><tr>${head.map((c) => `<th>${inline(c)}</th>`).join("")}</tr>${body
          .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`)
          .join("")}</table>`
      );
      continue;
    }
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item) {
      if (paragraph.length > 0) flush();
      list.push(item[1] ?? "");
    } else if (line.trim() === "") {
      flush();
    } else if (list.length > 0) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>REVREC worksheet functions</title><body>${out.join("\n")}</body></html>`;
}

export function registerHelpRoutes(app: FastifyInstance, doc: string = FUNCTIONS_DOC): void {
  app.get(HELP_PATH, async (_req, reply) =>
    reply.type("text/html; charset=utf-8").send(renderHelp(await readFile(doc, "utf8")))
  );
  app.get(`${HELP_PATH}.md`, async (_req, reply) =>
    reply.type("text/markdown; charset=utf-8").send(await readFile(doc, "utf8"))
  );
}
