/**
 * Error types of the backend.
 *
 * - `QboError`: what QuickBooks (or the network on the way to it) said, typed: code, message, detail, element,
 *   intuit_tid. Produced by the QBO client only.
 * - `ApiError`: what the task pane is told, in plain language with what to do next (docs/api.md "Errors").
 *   `toApiError` is the one place that translates the first into the second.
 */
import { ApiError, type ApiErrorBody, type FieldProblem } from "../wire";

export type QboErrorKind =
  | "auth" // 401: access token expired or invalid
  | "forbidden" // 403 (3100): wrong environment, app disconnected, user lost access
  | "throttle" // 429 (3001)
  | "validation" // 400 with a Fault: business or request validation; never retried
  | "server" // 5xx
  | "timeout" // no answer in time
  | "network" // connection refused, reset or dropped
  | "protocol"; // an answer we could not understand

export interface QboFaultDetail {
  code: string;
  message: string;
  detail: string;
  element?: string;
}

export class QboError extends Error {
  readonly kind: QboErrorKind;
  readonly status: number; // 0 when there was no HTTP answer
  readonly code: string; // Intuit's error code ("6210"), or a network code ("ETIMEDOUT")
  readonly detail: string;
  readonly element: string | undefined;
  readonly faultType: string | undefined;
  readonly intuitTid: string | undefined;
  readonly errors: readonly QboFaultDetail[];

  constructor(init: {
    kind: QboErrorKind;
    status: number;
    code: string;
    message: string;
    detail?: string;
    element?: string | undefined;
    faultType?: string | undefined;
    intuitTid?: string | undefined;
    errors?: readonly QboFaultDetail[];
  }) {
    super(init.message);
    Object.setPrototypeOf(this, QboError.prototype);
    this.name = "QboError";
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? "";
    this.element = init.element;
    this.faultType = init.faultType;
    this.intuitTid = init.intuitTid;
    this.errors = init.errors ?? [
      { code: init.code, message: init.message, detail: init.detail ?? "" },
    ];
  }

  /** Worth retrying the same request (after a wait): throttling, server errors, timeouts, dropped connections. */
  get transient(): boolean {
    return (
      this.kind === "throttle" ||
      this.kind === "server" ||
      this.kind === "timeout" ||
      this.kind === "network"
    );
  }

  /** The request may or may not have been carried out (the answer was lost or was a server error). */
  get ambiguous(): boolean {
    return this.kind === "server" || this.kind === "timeout" || this.kind === "network";
  }

  hasCode(...codes: string[]): boolean {
    return this.errors.some((e) => codes.includes(e.code)) || codes.includes(this.code);
  }
}

export function invalidRequest(
  fields: FieldProblem[],
  message = "Some of the request's values are not valid."
): ApiError {
  return new ApiError(400, {
    code: "invalid_request",
    message:
      fields.length > 0
        ? `${message} ${fields.map((f) => `${f.path}: ${f.message}`).join("; ")}`
        : message,
    action: "Correct the values listed and try again.",
    fields,
  });
}

export function unauthorized(
  message = "You are not signed in to QuickBooks from this add-in."
): ApiError {
  return new ApiError(401, {
    code: "unauthorized",
    message,
    action: "Click Connect to QuickBooks to sign in again.",
  });
}

export function reconnectRequired(intuitTid?: string): ApiError {
  const body: ApiErrorBody = {
    code: "reconnect_required",
    message:
      "QuickBooks no longer accepts this add-in's connection to the company (it expired or was disconnected).",
    action: "Click Connect to QuickBooks and sign in again.",
  };
  if (intuitTid !== undefined) body.intuitTid = intuitTid;
  return new ApiError(401, body);
}

export function notFound(what: string): ApiError {
  return new ApiError(404, {
    code: "not_found",
    message: `${what} was not found.`,
    action: "Check the address or start again.",
  });
}

function withTid(body: ApiErrorBody, e: QboError): ApiErrorBody {
  if (e.intuitTid !== undefined && e.intuitTid !== "") body.intuitTid = e.intuitTid;
  if (e.detail !== "") body.detail = e.detail;
  return body;
}

/** Translate what QuickBooks said into what the user is told. */
export function toApiError(e: QboError, throttleWaitSeconds = 60): ApiError {
  if (e.kind === "auth") return reconnectRequired(e.intuitTid);
  if (e.kind === "forbidden") {
    return new ApiError(
      403,
      withTid(
        {
          code: "qbo_forbidden",
          message:
            "QuickBooks refused access to this company (the app may be disconnected, or the user lost access).",
          action: "Reconnect to QuickBooks with a company administrator's sign-in.",
        },
        e
      )
    );
  }
  if (e.kind === "throttle") {
    return new ApiError(
      429,
      withTid(
        {
          code: "qbo_throttled",
          message:
            "QuickBooks is limiting how fast this company's data can be read or written right now.",
          action: `Wait about ${throttleWaitSeconds} seconds, then try again.`,
          retryAfterSeconds: throttleWaitSeconds,
        },
        e
      )
    );
  }
  if (e.kind === "timeout") {
    return new ApiError(
      504,
      withTid(
        {
          code: "qbo_timeout",
          message: "QuickBooks did not answer in time.",
          action:
            "Try again in a minute. A posting is never duplicated: sending it again finds the entry if it was made.",
        },
        e
      )
    );
  }
  if (e.kind === "server" || e.kind === "network") {
    return new ApiError(
      503,
      withTid(
        {
          code: "qbo_unavailable",
          message: "QuickBooks is not responding properly at the moment.",
          action:
            "Try again in a few minutes. If it keeps happening, check status.developer.intuit.com.",
        },
        e
      )
    );
  }
  if (e.kind === "validation") {
    if (e.hasCode("6210", "6200")) {
      return new ApiError(
        409,
        withTid(
          {
            code: "period_closed",
            message: "QuickBooks' books are closed for that date, so the entry cannot be posted.",
            action:
              "Post to a later period, or ask whoever manages the books to change the closing date in QuickBooks (Settings > Account and settings > Advanced > Accounting).",
          },
          e
        )
      );
    }
    if (e.hasCode("610", "2500")) {
      const inactive = /inactive|deleted/i.test(`${e.message} ${e.detail}`);
      return new ApiError(
        inactive ? 422 : 400,
        withTid(
          {
            code: inactive ? "inactive_reference" : "unknown_reference",
            message: inactive
              ? "QuickBooks refused the entry because it uses an account, class or customer that has been made inactive."
              : "QuickBooks refused the entry because it refers to an account, class or customer it does not know.",
            action: inactive
              ? "Reactivate it in QuickBooks, or map that line to an active account in the add-in's settings, then post again."
              : "Refresh the account lists, check the mapping, then post again.",
          },
          e
        )
      );
    }
    if (e.hasCode("2300", "2250", "2290")) {
      return new ApiError(
        400,
        withTid(
          {
            code: "unbalanced_entry",
            message:
              "QuickBooks refused the entry because its debits and credits do not balance or an amount is invalid.",
            action: "Recalculate the journal in the workbook and post again.",
          },
          e
        )
      );
    }
    return new ApiError(
      422,
      withTid(
        {
          code: "qbo_validation",
          message: `QuickBooks refused the request: ${e.message}.`,
          action: "Correct the data named in the details, then try again.",
        },
        e
      )
    );
  }
  return new ApiError(
    502,
    withTid(
      {
        code: "qbo_error",
        message: "QuickBooks answered with something the add-in did not expect.",
        action: "Try again. If it keeps happening, contact support with the Intuit transaction id.",
      },
      e
    )
  );
}
