// POST /webhooks/qbo: Intuit's webhook notifications (reference §2.7). Only what the backend reads is required;
// Intuit may add fields, so other fields are allowed.
import { Type, type Static } from "@sinclair/typebox";

const RealmId = Type.String({ minLength: 1, maxLength: 32, pattern: "^[0-9A-Za-z_-]+$" });

/** One event of the CloudEvents payload (a JSON array of them). */
export const CloudEventSchema = Type.Object({
  type: Type.String(),
  intuitaccountid: RealmId,
  intuitentityid: Type.Optional(Type.String()),
});

/** The legacy payload: one notification element per realm. */
export const LegacyNotificationsSchema = Type.Object({
  eventNotifications: Type.Array(Type.Object({ realmId: RealmId }), { maxItems: 1000 }),
});

export const WebhookPayloadSchema = Type.Union([
  Type.Array(CloudEventSchema, { maxItems: 1000 }),
  LegacyNotificationsSchema,
]);
export type WebhookPayload = Static<typeof WebhookPayloadSchema>;

/** The answer: how many realms were named, and for how many a sync was queued (connected companies only). */
export const WebhookReceivedSchema = Type.Object(
  { realms: Type.Integer(), queued: Type.Integer() },
  { additionalProperties: false }
);
export type WebhookReceived = Static<typeof WebhookReceivedSchema>;
