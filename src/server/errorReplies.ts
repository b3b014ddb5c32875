/**
 * Every error the backend sends, in the docs/api.md shape: the routes' own (ApiError), QuickBooks' (QboError),
 * schema validation, the framework's (bad URL, body too large, wrong content type, unreadable JSON) and those of
 * Node's HTTP parser (headers too large, a request that is not HTTP), which are answered before Fastify sees a request.
 */
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from "fastify";

import type { ApiErrorBody, ApiErrorResponse, FieldProblem } from "../wire";
import { ApiError } from "../wire";
import { QboError, invalidRequest, toApiError } from "./errors";

export interface ErrorReply {
  status: number;
  body: ApiErrorBody;
}

const INTERNAL: ApiErrorBody = {
  code: "internal",
  message: "Something went wrong in the RevRec backend.",
  action: "Try again; if it keeps happening, report it with the time it happened.",
};

/**
 * Fields of a Fastify schema-validation error, in the same form the handlers use (docs/api.md, "Errors"): the path
 * inside the body, query string or URL path as the client wrote it (`lines[0].amount`, `period`, `jobId`), with no
 * location prefix: no route reads the same name from two places. A body that is not a JSON object is `body`.
 */
function validationFields(err: FastifyError): FieldProblem[] {
  const out: FieldProblem[] = [];
  const join = (base: string, key: string): string => (base === "" ? key : `${base}.${key}`);
  for (const v of err.validation ?? []) {
    const base = v.instancePath
      .replace(/\/(\d+)(?=\/|$)/g, "[$1]")
      .replace(/\//g, ".")
      .replace(/^\./, "");
    const params = v.params as Record<string, unknown>;
    if (v.keyword === "additionalProperties")
      out.push({
        path: join(base, String(params["additionalProperty"])),
        message: "is not a known field",
      });
    else if (v.keyword === "required")
      out.push({ path: join(base, String(params["missingProperty"])), message: "is required" });
    else out.push({ path: base === "" ? "body" : base, message: v.message ?? "is not valid" });
  }
  return out;
}

/** What a route's or the framework's error becomes (Fastify's error handler). */
export function errorReply(
  err: FastifyError,
  log: FastifyBaseLogger,
  throttleWaitSeconds: number
): ErrorReply {
  if (err instanceof ApiError) return { status: err.status, body: err.body };
  if (err instanceof QboError) {
    log.warn(
      { kind: err.kind, code: err.code, intuitTid: err.intuitTid },
      "QuickBooks call failed"
    );
    const a = toApiError(err, throttleWaitSeconds);
    return { status: a.status, body: a.body };
  }
  if (err.validation !== undefined) {
    const e = invalidRequest(validationFields(err));
    return { status: e.status, body: e.body };
  }
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return {
      status: 413,
      body: {
        code: "invalid_request",
        message: "The request is too large (over 4 MB).",
        action: "Send fewer lines at a time.",
      },
    };
  }
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return {
      status: 415,
      body: {
        code: "invalid_request",
        message: "The request body must be JSON.",
        action: "Send Content-Type: application/json.",
      },
    };
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return {
      status: err.statusCode,
      body: {
        code: "invalid_request",
        message: `The request could not be read: ${err.message}`,
        action: "Send valid JSON.",
      },
    };
  }
  log.error({ err }, "unexpected error");
  return { status: 500, body: INTERNAL };
}

/** The router's own refusals, before any route or hook (Fastify's `frameworkErrors`). */
export function frameworkErrorReply(err: FastifyError): ErrorReply {
  if (err.code === "FST_ERR_BAD_URL") {
    return {
      status: 400,
      body: {
        code: "invalid_request",
        message: "The address is not valid (it has a malformed % escape).",
        action: "Check the address.",
      },
    };
  }
  if (err.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return {
      status: 414,
      body: {
        code: "invalid_request",
        message: "The address is too long.",
        action: "Check the address.",
      },
    };
  }
  return { status: 500, body: INTERNAL };
}

export function sendFrameworkError(
  err: FastifyError,
  _req: FastifyRequest,
  reply: FastifyReply
): void {
  const { status, body } = frameworkErrorReply(err);
  const response: ApiErrorResponse = { error: body };
  void reply.code(status).header("cache-control", "no-store").send(response);
}

/** What Node's HTTP parser refused, before there is a request to reply to. */
export function clientErrorReply(code: string | undefined): ErrorReply {
  if (code === "HPE_HEADER_OVERFLOW") {
    return {
      status: 431,
      body: {
        code: "invalid_request",
        message: "The request's headers are too large.",
        action: "Clear this site's cookies, then try again.",
      },
    };
  }
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return {
      status: 408,
      body: {
        code: "invalid_request",
        message: "The request took too long to arrive.",
        action: "Try again.",
      },
    };
  }
  return {
    status: 400,
    body: {
      code: "invalid_request",
      message: "The request is not valid HTTP.",
      action: "Check the program that sent it.",
    },
  };
}

/** Fastify's `clientErrorHandler`: the answer written straight to the socket, which is then closed. */
export function sendClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  if (socket.writable) {
    const { status, body } = clientErrorReply(err.code);
    const response: ApiErrorResponse = { error: body };
    const json = JSON.stringify(response);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        "Cache-Control: no-store\r\nConnection: close\r\n\r\n" +
        json
    );
  }
  socket.destroy(err);
}
