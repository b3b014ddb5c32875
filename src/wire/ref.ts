import { Type, type Static } from "@sinclair/typebox";

/** A QuickBooks reference: its id and its name. */
export const RefSchema = Type.Object(
  { id: Type.String(), name: Type.String() },
  { additionalProperties: false }
);
export type Ref = Static<typeof RefSchema>;

/** Two-decimal money totals of an entry. */
export const TotalsSchema = Type.Object(
  { debits: Type.String(), credits: Type.String() },
  { additionalProperties: false }
);
