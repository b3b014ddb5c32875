/** The task pane's API (docs/api.md). Every route but /api/health needs a bearer session token. */
import type { FastifyInstance, FastifyRequest } from "fastify";

import type {
  Accounts,
  Balances,
  Classes,
  Customers,
  Disconnected,
  Health,
  Items,
  PostRequest,
  Postings,
  Status,
  SyncCancelled,
  SyncJob,
  SyncRequest,
  SyncResult,
  SyncStarted,
  Warning,
} from "../../api/types";
import { ApiError, invalidRequest } from "../errors";
import { balancesFor, postJournal, postingsFor } from "../posting";
import type { Runtime } from "../runtime";
import type { CompanyRecord } from "../store";
import { SyncJobs } from "../sync/jobs";
import {
  AMOUNT_SCHEMA,
  LINE_DESCRIPTION_MAX,
  MEMO_MAX,
  MONTH_SCHEMA,
  REFERENCE_MAX,
  checked,
  noteText,
  text,
} from "./textSchemas";

const REF = text(REFERENCE_MAX, 1);

const journalSchema = {
  type: "object",
  additionalProperties: false,
  required: ["period", "lines"],
  properties: {
    period: MONTH_SCHEMA,
    adjustment: { type: "integer", minimum: 0, maximum: 99 },
    txnDate: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
    memo: noteText(MEMO_MAX),
    lines: {
      type: "array",
      minItems: 1,
      maxItems: 5000,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["account", "posting", "amount"],
        properties: {
          account: REF,
          posting: { type: "string", enum: ["Debit", "Credit"] },
          amount: AMOUNT_SCHEMA,
          class: REF,
          customer: REF,
          description: text(LINE_DESCRIPTION_MAX),
        },
      },
    },
  },
} as const;

const syncSchema = {
  type: "object",
  additionalProperties: false,
  required: ["mode"],
  properties: {
    mode: { type: "string", enum: ["full", "incremental"] },
    cursor: text(2000, 1),
  },
} as const;

const listQuery = {
  type: "object",
  additionalProperties: false,
  properties: { includeInactive: { type: "string", enum: ["true", "false"] } },
} as const;

/** POST /api/disconnect takes no values: `{}`, or no body at all. */
const emptyBody = { type: "object", additionalProperties: false, properties: {} } as const;

const jobParams = {
  type: "object",
  required: ["jobId"],
  properties: { jobId: { type: "string", pattern: "^sj_[A-Za-z0-9_-]{16}$" } },
} as const;

export function registerApiRoutes(app: FastifyInstance, rt: Runtime): void {
  const auth = (req: FastifyRequest): Promise<CompanyRecord> =>
    rt.connections.authenticate(req.headers.authorization);

  app.get("/api/health", async (): Promise<Health> => ({
    ok: true,
    environment: rt.environment,
    version: "0.1.0",
  }));

  app.get("/api/status", async (req): Promise<Status> => {
    const c = await auth(req);
    const prefs = await rt.data(c).preferences();
    if (prefs.companyName !== "" && prefs.companyName !== c.companyName)
      await rt.connections.setCompanyName(c.key, prefs.companyName);
    const warnings: Warning[] = [];
    if (prefs.qboRevenueRecognition === true) {
      warnings.push({
        code: "qbo_revenue_recognition_on",
        message: `${prefs.offeringSku ?? "QuickBooks"}'s own revenue recognition is turned on for this company. If it also defers these invoices, revenue would be counted twice.`,
        action:
          "Turn it off in QuickBooks (Settings > Account and settings > Sales > Revenue recognition), or leave the items it manages out of RevRec.",
      });
    }
    if (prefs.multiCurrency) {
      warnings.push({
        code: "multicurrency_on",
        message: `Multicurrency is on; entries are posted in the home currency (${prefs.homeCurrency}).`,
        action: "Make sure the workbook's amounts are in the home currency.",
      });
    }
    return {
      connected: true,
      realmId: c.realmId,
      companyName: prefs.companyName || c.companyName,
      environment: rt.environment,
      homeCurrency: prefs.homeCurrency,
      preferences: {
        bookCloseDate: prefs.bookCloseDate,
        classTracking: prefs.classTracking,
        departmentTracking: prefs.departmentTracking,
        multiCurrency: prefs.multiCurrency,
        offeringSku: prefs.offeringSku,
        qboRevenueRecognition: prefs.qboRevenueRecognition,
      },
      warnings,
    };
  });

  const activeOnly = <T extends { active: boolean }>(list: T[], q: unknown): T[] =>
    (q as { includeInactive?: string }).includeInactive === "true"
      ? list
      : list.filter((x) => x.active);

  app.get(
    "/api/accounts",
    { schema: { querystring: listQuery } },
    async (req): Promise<Accounts> => {
      const c = await auth(req);
      return { accounts: activeOnly(await rt.data(c).accounts(true), req.query) };
    }
  );
  app.get("/api/items", { schema: { querystring: listQuery } }, async (req): Promise<Items> => {
    const c = await auth(req);
    return { items: activeOnly(await rt.data(c).items(true), req.query) };
  });
  app.get(
    "/api/customers",
    { schema: { querystring: listQuery } },
    async (req): Promise<Customers> => {
      const c = await auth(req);
      return { customers: activeOnly(await rt.data(c).customers(true), req.query) };
    }
  );
  app.get("/api/classes", { schema: { querystring: listQuery } }, async (req): Promise<Classes> => {
    const c = await auth(req);
    return { classes: activeOnly(await rt.data(c).classes(true), req.query) };
  });

  app.post("/api/sync", checked({ body: syncSchema }), async (req, reply) => {
    const c = await auth(req);
    const body = req.body as SyncRequest;
    if (body.mode === "incremental" && body.cursor === undefined) {
      throw invalidRequest([
        {
          path: "cursor",
          message: "is required for an incremental sync (use the cursor of the last sync result)",
        },
      ]);
    }
    const prefs = await rt.data(c).preferences();
    const job = rt.syncJobs.start(c.key, rt.client(c), prefs.homeCurrency, body.mode, body.cursor);
    const started: SyncStarted = { jobId: job.jobId, mode: job.mode };
    return reply.code(202).send(started);
  });

  app.get("/api/sync/:jobId", { schema: { params: jobParams } }, async (req): Promise<SyncJob> => {
    const c = await auth(req);
    return SyncJobs.view(rt.syncJobs.get((req.params as { jobId: string }).jobId, c.key));
  });

  app.delete(
    "/api/sync/:jobId",
    { schema: { params: jobParams } },
    async (req): Promise<SyncCancelled> => {
      const c = await auth(req);
      const j = rt.syncJobs.cancel((req.params as { jobId: string }).jobId, c.key);
      return { jobId: j.jobId, state: j.state };
    }
  );

  app.get(
    "/api/sync/:jobId/result",
    { schema: { params: jobParams } },
    async (req): Promise<SyncResult> => {
      const c = await auth(req);
      const j = rt.syncJobs.get((req.params as { jobId: string }).jobId, c.key);
      if (j.state === "running") {
        throw new ApiError(409, {
          code: "sync_in_progress",
          message: "The sync is still running.",
          action: "Wait until its state is done.",
          jobId: j.jobId,
        });
      }
      if (j.state !== "done" || j.result === undefined) {
        throw new ApiError(404, {
          code: "not_found",
          message: `The sync ${j.state === "cancelled" ? "was cancelled" : "failed"}, so it has no result.`,
          action: "Start a new sync.",
        });
      }
      return j.result;
    }
  );

  app.post("/api/journal", checked({ body: journalSchema }), async (req, reply) => {
    const c = await auth(req);
    const out = await postJournal(rt.posting(c), req.body as PostRequest);
    return reply.code(out.httpStatus).send(out.body);
  });

  app.get(
    "/api/postings",
    checked({
      querystring: {
        type: "object",
        additionalProperties: false,
        required: ["period"],
        properties: { period: MONTH_SCHEMA },
      },
    }),
    async (req): Promise<Postings> => {
      const c = await auth(req);
      return postingsFor(rt.posting(c), (req.query as { period: string }).period);
    }
  );

  app.get(
    "/api/balances",
    checked({
      querystring: {
        type: "object",
        additionalProperties: false,
        required: ["period", "accounts"],
        properties: {
          period: MONTH_SCHEMA,
          accounts: text(5000, 1),
        },
      },
    }),
    async (req): Promise<Balances> => {
      const c = await auth(req);
      const q = req.query as { period: string; accounts: string };
      const keys = q.accounts
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      return balancesFor(rt.posting(c), q.period, keys);
    }
  );

  app.post(
    "/api/disconnect",
    {
      schema: { body: emptyBody },
      // No body at all is the same as `{}`; anything else goes through the schema like every other route's body.
      preValidation: async (req) => {
        if (req.body === undefined) req.body = {};
      },
    },
    async (req): Promise<Disconnected> => {
      const c = await auth(req);
      rt.companyData.delete(c.key);
      const { revoked } = await rt.connections.disconnect(c.key);
      req.log.info({ realmId: c.realmId, revoked }, "company disconnected");
      return { disconnected: true, realmId: c.realmId, revoked };
    }
  );
}
