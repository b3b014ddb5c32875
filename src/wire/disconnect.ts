import { Type, type Static } from "@sinclair/typebox";

/** POST /api/disconnect */
export const DisconnectedSchema = Type.Object(
  {
    disconnected: Type.Literal(true),
    realmId: Type.String(),
    /** false when Intuit could not be reached (the local tokens are deleted anyway) */
    revoked: Type.Boolean(),
  },
  { additionalProperties: false }
);
export type Disconnected = Static<typeof DisconnectedSchema>;
