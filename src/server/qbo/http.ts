/** One HTTP(S) exchange with a timeout; network failures become typed QboErrors. */
import http from "node:http";
import https from "node:https";

import { QboError } from "../errors";

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Accept self-signed certificates (only ever for a local sandbox on loopback). */
  insecureTls?: boolean;
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 10 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 10 }),
  httpsInsecure: new https.Agent({ keepAlive: true, maxSockets: 10, rejectUnauthorized: false }),
};

const MAX_BODY = 256 * 1024 * 1024;

export function send(req: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(req.url);
  const secure = url.protocol === "https:";
  const mod = secure ? https : http;
  const agent = secure
    ? req.insecureTls === true
      ? agents.httpsInsecure
      : agents.https
    : agents.http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const done = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(req.body));
    const r = mod.request(url, { method: req.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          r.destroy(new Error("response too large"));
          return;
        }
        chunks.push(c);
      });
      res.on("end", () => {
        done(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          })
        );
      });
      res.on("aborted", () =>
        done(() =>
          reject(dropped("ECONNRESET", "The connection to QuickBooks was dropped mid-answer."))
        )
      );
      res.on("error", (e: NodeJS.ErrnoException) =>
        done(() => reject(dropped(e.code ?? "ECONNRESET", e.message)))
      );
    });
    const timer = setTimeout(() => {
      done(() => {
        reject(
          new QboError({
            kind: "timeout",
            status: 0,
            code: "ETIMEDOUT",
            message: "QuickBooks did not answer in time",
            detail: `No complete answer within ${req.timeoutMs} ms.`,
          })
        );
        r.destroy();
      });
    }, req.timeoutMs);
    r.on("error", (e: NodeJS.ErrnoException) =>
      done(() => reject(dropped(e.code ?? "ECONNRESET", e.message)))
    );
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

function dropped(code: string, detail: string): QboError {
  return new QboError({
    kind: "network",
    status: 0,
    code,
    message: "The connection to QuickBooks failed",
    detail,
  });
}
