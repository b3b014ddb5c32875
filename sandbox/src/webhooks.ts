/**
 * Signed webhooks (reference §2.7): the entity changes of each API request are POSTed to a target URL after the
 * request is answered, signed with `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)). Intuit's
 * sandbox sends in near real time, so there is no batching window: changes made while a delivery is in flight go out
 * together in the next one. Off until a target is set.
 */
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";

import type { EntityName } from "./company";
import { pacificIso } from "./time";

export type ChangeOperation = "Create" | "Update" | "Delete" | "Void";

export interface EntityChange {
  realmId: string;
  entity: EntityName;
  id: string;
  operation: ChangeOperation;
  at: number;
}

/**
 * The entities whose changes are sent (the reference lists Invoice, CreditMemo and JournalEntry). A new transaction
 * entity the webhooks should report is added here.
 */
export const WEBHOOK_ENTITIES: ReadonlySet<EntityName> = new Set<EntityName>([
  "Invoice",
  "CreditMemo",
  "JournalEntry",
]);

export interface WebhookTarget {
  url: string;
  verifierToken: string;
  /** CloudEvents (the payload Intuit moved to in 2026) or the legacy eventNotifications */
  format: "cloudevents" | "legacy";
  /** PEM of the CA that signed an https target's certificate, when it is not a public one */
  ca?: string;
}

export interface Delivery {
  /** the target's HTTP status, or undefined when it could not be reached */
  status: number | undefined;
  body: string;
  changes: number;
  error?: string;
}

const PAST_TENSE: Record<ChangeOperation, string> = {
  Create: "created",
  Update: "updated",
  Delete: "deleted",
  Void: "voided",
};

export function webhookBody(changes: EntityChange[], format: WebhookTarget["format"]): string {
  if (format === "cloudevents") {
    return JSON.stringify(
      changes.map((c) => ({
        specversion: "1.0",
        id: randomUUID(),
        source: "intuit.sandbox",
        type: `qbo.${c.entity.toLowerCase()}.${PAST_TENSE[c.operation]}.v1`,
        datacontenttype: "application/json",
        time: new Date(c.at).toISOString(),
        intuitentityid: c.id,
        intuitaccountid: c.realmId,
        data: {},
      }))
    );
  }
  // One notification element per realm.
  const byRealm = new Map<string, EntityChange[]>();
  for (const c of changes) byRealm.set(c.realmId, [...(byRealm.get(c.realmId) ?? []), c]);
  return JSON.stringify({
    eventNotifications: [...byRealm].map(([realmId, list]) => ({
      realmId,
      dataChangeEvent: {
        entities: list.map((c) => ({
          name: c.entity,
          id: c.id,
          operation: c.operation,
          lastUpdated: pacificIso(c.at),
        })),
      },
    })),
  });
}

export function sign(body: string, verifierToken: string): string {
  return createHmac("sha256", verifierToken).update(body).digest("base64");
}

function post(target: WebhookTarget, body: string): Promise<Delivery> {
  const u = new URL(target.url);
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "intuit-signature": sign(body, target.verifierToken),
  };
  return new Promise((resolve) => {
    const done = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          body: Buffer.concat(chunks).toString("utf8"),
          changes: 0,
        })
      );
    };
    const options = { method: "POST", headers, timeout: 10_000 };
    const req =
      u.protocol === "https:"
        ? https.request(u, target.ca === undefined ? options : { ...options, ca: target.ca }, done)
        : http.request(u, options, done);
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", (e) => resolve({ status: undefined, body: "", changes: 0, error: e.message }));
    req.end(body);
  });
}

export class Webhooks {
  private target: WebhookTarget | undefined;
  private pending: EntityChange[] = [];
  private flushing: Promise<void> | undefined;
  private readonly waiting = new Set<(d: Delivery) => void>();
  readonly log: Delivery[] = [];

  constructor(target?: WebhookTarget) {
    this.target = target;
  }

  configure(target: WebhookTarget | undefined): void {
    this.target = target;
  }

  get configured(): WebhookTarget | undefined {
    return this.target;
  }

  /** Queue changes; they are sent after the current request has been answered. */
  changed(changes: EntityChange[]): void {
    const sent = changes.filter((c) => WEBHOOK_ENTITIES.has(c.entity));
    if (this.target === undefined || sent.length === 0) return;
    this.pending.push(...sent);
    if (this.flushing === undefined) {
      this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        this.flush()
      );
    }
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0 && this.target !== undefined) {
      const batch = this.pending;
      this.pending = [];
      const target = this.target;
      const d = await post(target, webhookBody(batch, target.format));
      d.changes = batch.length;
      this.log.push(d);
      if (this.log.length > 100) this.log.shift();
      for (const w of this.waiting) w(d);
    }
    this.pending = [];
    this.flushing = undefined;
  }

  /** The next delivery (for tests: an event, not a wait). */
  next(): Promise<Delivery> {
    return new Promise((resolve) => {
      const w = (d: Delivery): void => {
        this.waiting.delete(w);
        resolve(d);
      };
      this.waiting.add(w);
    });
  }

  /** Resolves once nothing is queued or in flight. */
  async idle(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
  }
}
