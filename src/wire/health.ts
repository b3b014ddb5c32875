import { Type, type Static } from "@sinclair/typebox";

export const EnvironmentSchema = Type.Union([
  Type.Literal("local"),
  Type.Literal("sandbox"),
  Type.Literal("production"),
]);
export type Environment = Static<typeof EnvironmentSchema>;

/** GET /api/health (no session) */
export const HealthSchema = Type.Object(
  {
    ok: Type.Literal(true),
    environment: EnvironmentSchema,
    version: Type.String(),
    /** sync jobs waiting to start and running, across every instance on the database */
    queue: Type.Object(
      { queued: Type.Integer(), running: Type.Integer() },
      { additionalProperties: false }
    ),
  },
  { additionalProperties: false }
);
export type Health = Static<typeof HealthSchema>;
