/**
 * JSON-schema pieces for the text the API takes, so each rule is checked once, by the route schema: no control
 * characters (C0 including NUL, DEL, C1) and no invalid Unicode (lone UTF-16 surrogates) reach QuickBooks, and no
 * text is longer than QuickBooks keeps (../shared/reference/qbo-api.md).
 *
 * Ajv compiles `pattern` with the `u` flag, so `\p{…}` classes work and a lone surrogate is a code point of its own
 * (category Cs), while a valid pair is one supplementary character; `maxLength` counts code points too.
 */
import type { FastifySchema, FastifySchemaValidationError } from "fastify";

import { MONTH_PATTERN_SOURCE } from "../../core";

/** JournalEntry.PrivateNote: at most 4000 characters. */
export const PRIVATE_NOTE_MAX = 4000;
/** The memo goes into the private note after RevRec's own words, marker and run id (under 100 characters). */
export const MEMO_MAX = PRIVATE_NOTE_MAX - 1000;
/** JournalEntry Line.Description: at most 4000 characters. */
export const LINE_DESCRIPTION_MAX = 4000;
/**
 * An account, class or customer given by id or name. An account's Name has at most 100 characters and nesting goes
 * five levels deep, so a FullyQualifiedName ("A:B:C:D:E") has at most 5 × 100 + 4; customer and class name limits
 * are not documented in the reference, so the same bound serves them.
 */
export const REFERENCE_MAX = 5 * 100 + 4;
/** QuickBooks amounts are "10.5": at most 10 digits before the point; RevRec's have at most 2 after it. */
export const AMOUNT_INTEGER_DIGITS_MAX = 10;

/** Any text but control characters and lone surrogates. */
const PLAIN_TEXT = "^[^\\p{Cc}\\p{Cs}]*$";
/** The same, with line breaks: QuickBooks keeps newlines in a private note. Tabs and the rest stay refused. */
const NOTE_TEXT = "^(?:[^\\p{Cc}\\p{Cs}]|\\n)*$";
/** A positive amount, at most two decimals. */
const AMOUNT = `^(?!0+(?:\\.0{1,2})?$)\\d{1,${AMOUNT_INTEGER_DIGITS_MAX}}(?:\\.\\d{1,2})?$`;

/** What a request is told when a value does not match a pattern, by pattern (Ajv would show the pattern). */
const PATTERN_MESSAGES: Record<string, string> = {
  [PLAIN_TEXT]:
    "must not contain control characters (such as NUL, tab or line breaks) or invalid Unicode",
  [NOTE_TEXT]:
    "must not contain control characters other than line breaks (such as NUL or tab), or invalid Unicode",
  [AMOUNT]: `must be a positive amount with at most two decimals, like 1234.50 (at most ${AMOUNT_INTEGER_DIGITS_MAX} digits before the point)`,
  [MONTH_PATTERN_SOURCE]: "must be a month like 2026-03",
};

export function text(maxLength: number, minLength = 0) {
  return { type: "string", minLength, maxLength, pattern: PLAIN_TEXT } as const;
}

export function noteText(maxLength: number) {
  return { type: "string", maxLength, pattern: NOTE_TEXT } as const;
}

export const AMOUNT_SCHEMA = { type: "string", pattern: AMOUNT } as const;
export const MONTH_SCHEMA = { type: "string", pattern: MONTH_PATTERN_SOURCE } as const;

/**
 * Route option `schemaErrorFormatter`: gives pattern failures their plain message. The error handler reads the
 * validation errors themselves (their paths and messages), so the messages are set on them.
 */
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
