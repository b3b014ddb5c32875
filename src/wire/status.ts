import { Type, type Static } from "@sinclair/typebox";
import { EnvironmentSchema } from "./health";

export const WarningSchema = Type.Object(
  { code: Type.String(), message: Type.String(), action: Type.String() },
  { additionalProperties: false }
);
export type Warning = Static<typeof WarningSchema>;

/** The company's QuickBooks preferences that matter to RevRec; null where QuickBooks does not say. */
export const StatusPreferencesSchema = Type.Object(
  {
    /** null when no closing date is set */
    bookCloseDate: Type.Union([Type.String(), Type.Null()]),
    classTracking: Type.Union([
      Type.Literal("none"),
      Type.Literal("perTransaction"),
      Type.Literal("perLine"),
    ]),
    departmentTracking: Type.Boolean(),
    multiCurrency: Type.Boolean(),
    offeringSku: Type.Union([Type.String(), Type.Null()]),
    qboRevenueRecognition: Type.Union([Type.Boolean(), Type.Null()]),
  },
  { additionalProperties: false }
);
export type StatusPreferences = Static<typeof StatusPreferencesSchema>;

/** GET /api/status */
export const StatusSchema = Type.Object(
  {
    connected: Type.Literal(true),
    realmId: Type.String(),
    companyName: Type.String(),
    environment: EnvironmentSchema,
    homeCurrency: Type.String(),
    preferences: StatusPreferencesSchema,
    warnings: Type.Array(WarningSchema),
  },
  { additionalProperties: false }
);
export type Status = Static<typeof StatusSchema>;
