/**
 * POST /webhooks/qbo: Intuit's change notifications. The `intuit-signature` header must be base64(HMAC-SHA256(verifier
 * token, raw body)); it is checked on the raw bytes before anything is parsed, so a badly signed request queues
 * nothing. The answer comes at once: each connected realm named gets an incremental sync queued, never run inline.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";

import {
  ApiError,
  WebhookPayloadSchema,
  type WebhookPayload,
  type WebhookReceived,
} from "../../wire";
import type { Runtime } from "../runtime";

const BODY_LIMIT = 1024 * 1024;

function badSignature(message: string): ApiError {
  return new ApiError(401, {
    code: "bad_signature",
    message,
    action:
      "Send Intuit's webhook with its intuit-signature header, made with this app's verifier token.",
  });
}

export function signatureMatches(raw: Buffer, header: string, verifier: string): boolean {
  const expected = createHmac("sha256", verifier).update(raw).digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function realmsOf(p: WebhookPayload): string[] {
  const ids = Array.isArray(p)
    ? p.map((e) => e.intuitaccountid)
    : p.eventNotifications.map((n) => n.realmId);
  return [...new Set(ids)];
}

export async function registerWebhookRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  await app.register(async (scope) => {
    // Only here: the body is checked against its signature as bytes, then parsed.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ["application/json", "application/cloudevents-batch+json"],
      { parseAs: "buffer", bodyLimit: BODY_LIMIT },
      (req, body, done) => {
        const verifier = rt.config.webhookVerifier;
        if (verifier === undefined) {
          done(
            new ApiError(404, {
              code: "not_found",
              message: "Webhooks are not enabled on this server.",
              action: "Set QBO_WEBHOOK_VERIFIER to the app's verifier token and restart.",
            })
          );
          return;
        }
        const header = req.headers["intuit-signature"];
        if (typeof header !== "string" || header === "") {
          done(badSignature("The request has no intuit-signature header."));
          return;
        }
        const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
        if (!signatureMatches(raw, header, verifier)) {
          done(badSignature("The intuit-signature does not match the body."));
          return;
        }
        try {
          done(null, JSON.parse(raw.toString("utf8")));
        } catch {
          done(
            new ApiError(400, {
              code: "invalid_json",
              message: "The body is not valid JSON.",
              action: "Send Intuit's webhook payload as it is.",
            })
          );
        }
      }
    );
    scope
      .withTypeProvider<TypeBoxTypeProvider>()
      .post(
        "/webhooks/qbo",
        { schema: { body: WebhookPayloadSchema } },
        async (req): Promise<WebhookReceived> => {
          const realms = realmsOf(req.body);
          let queued = 0;
          for (const realmId of realms) {
            const key = rt.connections.companyKey(realmId);
            if ((await rt.connections.company(key)) === undefined) continue;
            await rt.syncJobs.background(key, "webhook");
            queued++;
          }
          req.log.info({ realms: realms.length, queued }, "webhook received");
          return { realms: realms.length, queued };
        }
      );
  });
}
