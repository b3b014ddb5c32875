// The one error class of the API, on both sides: the backend throws it and sends its body; the pane's client
// rebuilds it from a response and shows what happened and what to do next.
import type { ApiErrorBody } from "./errors";

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }

  get code(): string {
    return this.body.code;
  }

  get action(): string {
    return this.body.action;
  }
}
