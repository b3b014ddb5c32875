/**
 * The server's schema error formatter: a pattern failure gets a plain message, where Ajv would show the pattern
 * itself. The error handler reads the validation errors (their paths and messages), so the messages are set on them.
 */
import type { FastifySchemaValidationError } from "fastify";

import { PATTERN_MESSAGES } from "../wire";

export function plainPatternMessages(errors: FastifySchemaValidationError[]): Error {
  for (const e of errors) {
    const pattern = e.keyword === "pattern" ? e.params["pattern"] : undefined;
    const message = typeof pattern === "string" ? PATTERN_MESSAGES[pattern] : undefined;
    if (message !== undefined) e.message = message;
  }
  return new Error(errors.map((e) => `${e.instancePath} ${e.message ?? ""}`).join("; "));
}
