/** What the routes share: configuration in effect, the store (in the database), connections, QBO clients and caches. */
import type { QboEnvironment, ServerConfig } from "./config";
import { ApiError } from "../wire";
import type { Connections } from "./connections";
import { reconnectRequired } from "./errors";
import { QboClient, type CallStats } from "./qbo/client";
import { CompanyData } from "./qbo/company";
import { RealmLimiter } from "./qbo/limits";
import type { OAuthSettings } from "./qbo/oauth";
import { SignInTickets } from "./signInTickets";
import type { PostingContext } from "./posting";
import type { CompanyRecord, Store } from "./store";
import { SyncJobs } from "./sync/jobs";
import { JobQueue } from "./sync/queue";
import { CdcSweep, type SweepTimer } from "./sync/sweep";

export interface RuntimeParts {
  connections: Connections;
  oauth: OAuthSettings;
  apiBase: string;
  sandboxUrl: string | undefined;
}

export class Runtime {
  readonly limiters = new Map<string, RealmLimiter>();
  readonly companyData = new Map<string, CompanyData>();
  readonly syncJobs: SyncJobs;
  readonly sweep: CdcSweep;
  readonly signInTickets: SignInTickets;
  /** Every QBO API call made by this server (the benchmark reads it). */
  readonly stats: CallStats = { calls: 0, byKind: {} };

  private ready: RuntimeParts | undefined;

  /** Routes are registered before the server listens; the parts that depend on the port arrive in `init`. */
  constructor(
    public config: ServerConfig,
    readonly store: Store,
    ticketKey: Buffer,
    log: { warn(obj: object, msg?: string): void },
    sweepTimer?: SweepTimer
  ) {
    this.signInTickets = new SignInTickets(ticketKey);
    this.syncJobs = new SyncJobs(
      new JobQueue(store.db),
      (key) => this.syncTarget(key),
      config.jobs,
      log
    );
    this.sweep = new CdcSweep(
      store.db,
      () => store.companies.keys(),
      this.syncJobs,
      config.jobs.sweepMs,
      () => this.config.now().getTime(),
      log,
      sweepTimer
    );
  }

  /** A queued sync's company: its client and home currency, or 401 when it is no longer connected. */
  private async syncTarget(key: string): Promise<{ client: QboClient; homeCurrency: string }> {
    const c = await this.connections.company(key);
    if (c === undefined) throw reconnectRequired();
    const prefs = await this.data(c).preferences();
    return { client: this.client(c), homeCurrency: prefs.homeCurrency };
  }

  init(config: ServerConfig, parts: RuntimeParts): void {
    this.config = config;
    this.ready = parts;
  }

  private get parts(): RuntimeParts {
    if (this.ready === undefined) {
      throw new ApiError(503, {
        code: "starting",
        message: "The server is still starting.",
        action: "Try again in a moment.",
      });
    }
    return this.ready;
  }

  get initialized(): boolean {
    return this.ready !== undefined;
  }

  get connections(): Connections {
    return this.parts.connections;
  }

  get oauth(): OAuthSettings {
    return this.parts.oauth;
  }

  get apiBase(): string {
    return this.parts.apiBase;
  }

  get sandboxUrl(): string | undefined {
    return this.parts.sandboxUrl;
  }

  get allowedOrigins(): readonly string[] {
    return this.config.addinOrigins;
  }

  get environment(): QboEnvironment {
    return this.config.environment;
  }

  client(c: CompanyRecord): QboClient {
    let limiter = this.limiters.get(c.realmId);
    if (limiter === undefined) {
      const q = this.config.qbo;
      limiter = new RealmLimiter(
        this.store.db,
        c.realmId,
        { perSecond: q.perSecond, perMinute: q.perMinute, concurrent: q.concurrent, marginMs: 250 },
        q.timeoutMs + 1000
      );
      this.limiters.set(c.realmId, limiter);
    }
    return new QboClient({
      apiBase: this.apiBase,
      realmId: c.realmId,
      tokens: this.connections.tokens(c.key),
      tuning: this.config.qbo,
      limiter,
      stats: this.stats,
    });
  }

  data(c: CompanyRecord): CompanyData {
    let d = this.companyData.get(c.key);
    if (d === undefined) {
      d = new CompanyData(() => this.client(c));
      this.companyData.set(c.key, d);
    }
    return d;
  }

  posting(c: CompanyRecord): PostingContext {
    return {
      client: this.client(c),
      data: this.data(c),
      ledger: this.store.ledger,
      companyKey: c.key,
      environment: this.environment,
      sandboxUrl: this.sandboxUrl,
      tuning: this.config.qbo,
      now: this.config.now,
    };
  }
}
