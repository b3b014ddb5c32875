/** The task pane's API (docs/api.md). Every route but /api/health needs a bearer session token. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";

import {
  BalancesQuerySchema,
  EmptyBodySchema,
  ListQuerySchema,
  PostingsQuerySchema,
  PostRequestSchema,
  SyncJobParamsSchema,
  SyncRequestSchema,
  type Accounts,
  type Balances,
  type Classes,
  type Customers,
  type Disconnected,
  type Health,
  type Items,
  type Postings,
  type Status,
  type SyncCancelled,
  type SyncJob,
  type SyncResult,
  type SyncStarted,
  type Warning,
} from "../../wire";
import { ApiError } from "../../wire";
import { invalidRequest } from "../errors";
import { balancesFor, postJournal, postingsFor } from "../posting";
import type { Runtime } from "../runtime";
import type { CompanyRecord } from "../store";
import { SyncJobs } from "../sync/jobs";

export function registerApiRoutes(untyped: FastifyInstance, rt: Runtime): void {
  // Requests are typed from the wire schemas that validate them: no hand-written request type, no cast.
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
  const auth = (req: FastifyRequest): Promise<CompanyRecord> =>
    rt.connections.authenticate(req.headers.authorization);

  app.get("/api/health", async (_req, reply): Promise<Health> => {
    const database = await rt.store.health();
    // Without the database there is no queue to count.
    const queue = database.ok ? await rt.syncJobs.counts() : { queued: 0, running: 0 };
    if (!database.ok) void reply.code(503);
    return { ok: database.ok, environment: rt.environment, version: "0.1.0", database, queue };
  });

  app.get("/api/status", async (req): Promise<Status> => {
    const c = await auth(req);
    // Always QuickBooks' own: the pane asks on connect and on Refresh, after the closing date may have moved. The
    // answer also renews the cache posting reads.
    const prefs = await rt.data(c).preferences(true);
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

  const activeOnly = <T extends { active: boolean }>(
    list: T[],
    q: { includeInactive?: "true" | "false" }
  ): T[] => (q.includeInactive === "true" ? list : list.filter((x) => x.active));

  app.get(
    "/api/accounts",
    { schema: { querystring: ListQuerySchema } },
    async (req): Promise<Accounts> => {
      const c = await auth(req);
      return { accounts: activeOnly(await rt.data(c).accounts(true), req.query) };
    }
  );
  app.get(
    "/api/items",
    { schema: { querystring: ListQuerySchema } },
    async (req): Promise<Items> => {
      const c = await auth(req);
      return { items: activeOnly(await rt.data(c).items(true), req.query) };
    }
  );
  app.get(
    "/api/customers",
    { schema: { querystring: ListQuerySchema } },
    async (req): Promise<Customers> => {
      const c = await auth(req);
      return { customers: activeOnly(await rt.data(c).customers(true), req.query) };
    }
  );
  app.get(
    "/api/classes",
    { schema: { querystring: ListQuerySchema } },
    async (req): Promise<Classes> => {
      const c = await auth(req);
      return { classes: activeOnly(await rt.data(c).classes(true), req.query) };
    }
  );

  app.post("/api/sync", { schema: { body: SyncRequestSchema } }, async (req, reply) => {
    const c = await auth(req);
    const body = req.body;
    if (body.mode === "incremental" && body.cursor === undefined) {
      throw invalidRequest([
        {
          path: "cursor",
          message: "is required for an incremental sync (use the cursor of the last sync result)",
        },
      ]);
    }
    const job = await rt.syncJobs.start(c, body.mode, body.cursor);
    const started: SyncStarted = { jobId: job.id, mode: job.mode };
    return reply.code(202).send(started);
  });

  app.get(
    "/api/sync/:jobId",
    { schema: { params: SyncJobParamsSchema } },
    async (req): Promise<SyncJob> => {
      const c = await auth(req);
      return SyncJobs.view(await rt.syncJobs.get(req.params.jobId, c.key));
    }
  );

  app.delete(
    "/api/sync/:jobId",
    { schema: { params: SyncJobParamsSchema } },
    async (req): Promise<SyncCancelled> => {
      const c = await auth(req);
      const j = SyncJobs.view(await rt.syncJobs.cancel(req.params.jobId, c.key));
      return { jobId: j.jobId, state: j.state };
    }
  );

  app.get(
    "/api/sync/:jobId/result",
    { schema: { params: SyncJobParamsSchema } },
    async (req): Promise<SyncResult> => {
      const c = await auth(req);
      const j = await rt.syncJobs.get(req.params.jobId, c.key);
      if (j.state === "running" || j.state === "queued") {
        throw new ApiError(409, {
          code: "sync_in_progress",
          message: "The sync is still running.",
          action: "Wait until its state is done.",
          jobId: j.id,
        });
      }
      if (j.state !== "done" || j.result === null) {
        throw new ApiError(404, {
          code: "not_found",
          message: `The sync ${j.state === "cancelled" ? "was cancelled" : "failed"}, so it has no result.`,
          action: "Start a new sync.",
        });
      }
      return j.result;
    }
  );

  app.post("/api/journal", { schema: { body: PostRequestSchema } }, async (req, reply) => {
    const c = await auth(req);
    const out = await postJournal(rt.posting(c), req.body);
    return reply.code(out.httpStatus).send(out.body);
  });

  app.get(
    "/api/postings",
    { schema: { querystring: PostingsQuerySchema } },
    async (req): Promise<Postings> => {
      const c = await auth(req);
      return postingsFor(rt.posting(c), req.query.period);
    }
  );

  app.get(
    "/api/balances",
    { schema: { querystring: BalancesQuerySchema } },
    async (req): Promise<Balances> => {
      const c = await auth(req);
      const q = req.query;
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
      schema: { body: EmptyBodySchema },
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
