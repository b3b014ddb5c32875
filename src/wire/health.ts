import { Type, type Static } from "@sinclair/typebox";

export const EnvironmentSchema = Type.Union([
  Type.Literal("local"),
  Type.Literal("sandbox"),
  Type.Literal("production"),
]);
export type Environment = Static<typeof EnvironmentSchema>;

/** The store's database: embedded (PGlite in the data dir, one process) or PostgreSQL (DATABASE_URL). */
export const DatabaseHealthSchema = Type.Object(
  { kind: Type.Union([Type.Literal("embedded"), Type.Literal("postgres")]), ok: Type.Boolean() },
  { additionalProperties: false }
);

/** GET /api/health (no session): 200 when everything it names is ok, else 503 with the same body. */
export const HealthSchema = Type.Object(
  {
    ok: Type.Boolean(),
    environment: EnvironmentSchema,
    version: Type.String(),
    database: DatabaseHealthSchema,
    /** sync jobs waiting to start and running, across every instance on the database */
    queue: Type.Object(
      { queued: Type.Integer(), running: Type.Integer() },
      { additionalProperties: false }
    ),
  },
  { additionalProperties: false }
);
export type Health = Static<typeof HealthSchema>;
