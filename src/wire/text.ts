/**
 * The text and amounts the API takes, as schema pieces, so each rule is checked once, by the route's schema: no
 * control characters (C0 including NUL, DEL, C1) and no invalid Unicode (lone UTF-16 surrogates) reach QuickBooks,
 * and no text is longer than QuickBooks keeps (../shared/reference/qbo-api.md).
 *
 * Ajv compiles `pattern` with the `u` flag, so `\p{…}` classes work and a lone surrogate is a code point of its own
 * (category Cs), while a valid pair is one supplementary character; `maxLength` counts code points too.
 */
import { Type } from "@sinclair/typebox";
import { MONTH_PATTERN_SOURCE } from "../core/period";

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
export const PLAIN_TEXT = "^[^\\p{Cc}\\p{Cs}]*$";
/** The same, with line breaks: QuickBooks keeps newlines in a private note. Tabs and the rest stay refused. */
export const NOTE_TEXT = "^(?:[^\\p{Cc}\\p{Cs}]|\\n)*$";
/**
 * A person's name in the private note: plain text without "|", which separates the note's parts (a name must not
 * pass for the run id that follows it).
 */
export const PERSON_TEXT = "^[^\\p{Cc}\\p{Cs}|]*$";
/** Prepared by and Approved by: a name, not a paragraph. */
export const PERSON_MAX = 100;
/** A positive amount, at most two decimals. */
export const AMOUNT = `^(?!0+(?:\\.0{1,2})?$)\\d{1,${AMOUNT_INTEGER_DIGITS_MAX}}(?:\\.\\d{1,2})?$`;
export const MONTH = MONTH_PATTERN_SOURCE;

/** What a request is told when a value does not match a pattern, by pattern (Ajv would show the pattern). */
export const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [PLAIN_TEXT]:
    "must not contain control characters (such as NUL, tab or line breaks) or invalid Unicode",
  [NOTE_TEXT]:
    "must not contain control characters other than line breaks (such as NUL or tab), or invalid Unicode",
  [PERSON_TEXT]:
    "must not contain a vertical bar (|), control characters (such as NUL, tab or line breaks) or invalid Unicode",
  [AMOUNT]: `must be a positive amount with at most two decimals, like 1234.50 (at most ${AMOUNT_INTEGER_DIGITS_MAX} digits before the point)`,
  [MONTH]: "must be a month like 2026-03",
};

export const Text = (maxLength: number, minLength = 0) =>
  Type.String({ minLength, maxLength, pattern: PLAIN_TEXT });
export const NoteText = (maxLength: number) => Type.String({ maxLength, pattern: NOTE_TEXT });
export const PersonText = () =>
  Type.String({ minLength: 1, maxLength: PERSON_MAX, pattern: PERSON_TEXT });
export const AmountText = () => Type.String({ pattern: AMOUNT });
export const MonthText = () => Type.String({ pattern: MONTH });
