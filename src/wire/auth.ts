// The messages the OAuth callback page posts to the task pane.
import { Type, type Static } from "@sinclair/typebox";
import { ApiErrorBodySchema } from "./errors";
import { EnvironmentSchema } from "./health";

export const AuthSuccessSchema = Type.Object(
  {
    type: Type.Literal("revrec-auth"),
    ok: Type.Literal(true),
    sessionToken: Type.String(),
    realmId: Type.String(),
    companyName: Type.String(),
    environment: EnvironmentSchema,
    /** when the session token expires unless used (ISO date-time) */
    expiresAt: Type.String(),
  },
  { additionalProperties: false }
);
export type AuthSuccess = Static<typeof AuthSuccessSchema>;

export const AuthFailureSchema = Type.Object(
  {
    type: Type.Literal("revrec-auth"),
    ok: Type.Literal(false),
    error: Type.Pick(ApiErrorBodySchema, ["code", "message", "action", "intuitTid"]),
  },
  { additionalProperties: false }
);
export type AuthFailure = Static<typeof AuthFailureSchema>;

export const AuthMessageSchema = Type.Union([AuthSuccessSchema, AuthFailureSchema]);
export type AuthMessage = Static<typeof AuthMessageSchema>;

/** POST /auth/qbo/ticket: what the pane puts in the sign-in dialog's URL (`/auth/qbo/start?ticket=`). */
export const SignInTicketSchema = Type.Object(
  { ticket: Type.String() },
  { additionalProperties: false }
);
export type SignInTicket = Static<typeof SignInTicketSchema>;

/**
 * GET /auth/qbo/start and /auth/qbo/callback: dialog navigations, so every value is optional and checked by the route,
 * which answers a bad one with the result page rather than JSON.
 */
export const SignInStartQuerySchema = Type.Object({ ticket: Type.Optional(Type.String()) });
export const SignInCallbackQuerySchema = Type.Object({
  code: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  realmId: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});
