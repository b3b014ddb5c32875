/**
 * Route options that give a schema's pattern failures a plain message: Ajv would show the pattern itself. The error
 * handler reads the validation errors (their paths and messages), so the messages are set on them.
 */
import type { FastifySchema, FastifySchemaValidationError } from "fastify";

import { PATTERN_MESSAGES } from "../../wire";

function plainPatternMessages(errors: FastifySchemaValidationError[]): Error {
  for (const e of errors) {
    const pattern = e.keyword === "pattern" ? e.params["pattern"] : undefined;
    const message = typeof pattern === "string" ? PATTERN_MESSAGES[pattern] : undefined;
    if (message !== undefined) e.message = message;
  }
  return new Error(errors.map((e) => `${e.instancePath} ${e.message ?? ""}`).join("; "));
}

/** Route options: the route's `schema`, with plain messages for its pattern failures. */
export function checked<S extends FastifySchema>(
  schema: S
): { schema: S; schemaErrorFormatter: typeof plainPatternMessages } {
  return { schema, schemaErrorFormatter: plainPatternMessages };
}
