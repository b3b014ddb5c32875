// The error shape of every error response, whatever the route (docs/api.md, "Errors").
import { Type, type Static } from "@sinclair/typebox";

/** One bad input of a request, by its JSON path ("lines[3].amount"). */
export const FieldProblemSchema = Type.Object(
  { path: Type.String(), message: Type.String() },
  { additionalProperties: false }
);
export type FieldProblem = Static<typeof FieldProblemSchema>;

/** The `error` of every error response. */
export const ApiErrorBodySchema = Type.Object(
  {
    code: Type.String(),
    /** plain language: what happened */
    message: Type.String(),
    /** what the user should do next */
    action: Type.String(),
    /** Intuit's transaction id, for Intuit support */
    intuitTid: Type.Optional(Type.String()),
    /** QuickBooks' own text */
    detail: Type.Optional(Type.String()),
    fields: Type.Optional(Type.Array(FieldProblemSchema)),
    retryAfterSeconds: Type.Optional(Type.Number()),
    /** 409 sync_in_progress: the running job */
    jobId: Type.Optional(Type.String()),
    /** 409 posting_exists: the entry already in QuickBooks */
    existing: Type.Optional(
      Type.Object(
        { journalEntryId: Type.String(), docNumber: Type.String(), link: Type.String() },
        { additionalProperties: false }
      )
    ),
  },
  { additionalProperties: false }
);
export type ApiErrorBody = Static<typeof ApiErrorBodySchema>;

/** The body of every error response. */
export const ApiErrorResponseSchema = Type.Object(
  { error: ApiErrorBodySchema },
  { additionalProperties: false }
);
export type ApiErrorResponse = Static<typeof ApiErrorResponseSchema>;
