/**
 * The plugin's parts for one Strapi instance: settings, response cache, reference data, notifier,
 * rate limiter, search index and the query services. Created in register(), started in bootstrap(),
 * stopped in destroy(). The Strapi services of the plugin (strapi.plugin('gov-api').service(...)) are
 * views on it.
 */
import type { Core } from '@strapi/strapi';
import { defaultConfig, type GovApiConfig } from './config';
import { EVENTS, PLUGIN_ID, UID, type Kind } from './constants';
import { ResponseCache } from './services/cache';
import { Notifier } from './services/notifier';
import { RefData } from './services/refs';
import { TokenBucketLimiter } from './http/rate-limit';
import { SearchIndex } from './search/index-store';
import { ReadModel } from './read-model/store';
import { ItemsService } from './services/items';
import { LawsService } from './services/laws';
import { ReportsService } from './services/reports';
import { CatalogueService } from './services/catalogue';
import { SearchService } from './services/search';
import { FeedsService } from './services/feeds';
import type { Ctx } from './services/context';
import { isPostgres } from './sql';
import { buildOpenApiDocument } from './openapi/document';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Array<unknown> ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

export class Runtime {
  config: GovApiConfig = defaultConfig();
  readonly cache: ResponseCache;
  readonly limiter: TokenBucketLimiter;
  readonly notifier: Notifier;
  readonly index: SearchIndex;
  readonly readModel: ReadModel;
  readonly items: ItemsService;
  readonly laws: LawsService;
  readonly reports: ReportsService;
  readonly catalogue: CatalogueService;
  readonly search: SearchService;
  readonly feeds: FeedsService;
  /**
   * Per read route (http/edge.ts readRouteOf), the headers Strapi's middleware stack added to the last 200 it
   * rendered (security headers, X-Powered-By …): the read-model fast path answers misses with them.
   */
  readonly headerTemplates = new Map<string, Array<[string, string]>>();
  private refsPromise: Promise<RefData> | null = null;
  private openapi: Record<string, unknown> | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private pendingInvalidation: NodeJS.Timeout | null = null;

  constructor(readonly strapi: Core.Strapi) {
    this.cache = new ResponseCache(() => this.config.cache, (event, payload) => this.strapi.eventHub?.emit(event, payload as any));
    this.cache.onFlush(() => {
      this.refsPromise = null;
      // organisations' short names, the admin word list and 机关代字 change with the content; every
      // change that flushes (here or, through NOTIFY, on another node) may have changed the dictionary
      this.index?.invalidateDictionary();
    });
    this.limiter = new TokenBucketLimiter(() => this.config.rateLimit);
    this.notifier = new Notifier(strapi, (reason) => this.cache.flush(reason));
    this.index = new SearchIndex(strapi, () => this.config.search.dictionary, (reason) => this.invalidate(reason));
    this.readModel = new ReadModel(strapi);
    const ctx: Ctx = {
      strapi,
      get pg() {
        return isPostgres(strapi);
      },
      knex: () => strapi.db.connection,
      refs: () => this.refs(),
      settings: () => this.config,
      readModel: () => (this.config.readModel.enabled && this.readModel.ready ? this.readModel : null),
      dictionary: () => this.index.dictionary(),
    };
    this.items = new ItemsService(ctx);
    this.laws = new LawsService(ctx);
    this.reports = new ReportsService(ctx);
    this.catalogue = new CatalogueService(ctx);
    this.search = new SearchService(ctx);
    this.feeds = new FeedsService(ctx);
  }

  /** Load the plugin config (defaults ← config/plugins.ts). */
  loadConfig(): void {
    const user = (this.strapi.config.get(`plugin::${PLUGIN_ID}`) ?? {}) as DeepPartial<GovApiConfig>;
    this.configure(user);
  }

  /** Adjust settings at runtime (tests, benchmark). */
  configure(partial: DeepPartial<GovApiConfig>): GovApiConfig {
    const base = this.config as unknown as Record<string, Record<string, unknown>>;
    for (const [section, values] of Object.entries(partial ?? {})) {
      if (values && typeof values === 'object' && !Array.isArray(values) && base[section]) {
        base[section] = { ...base[section], ...(values as Record<string, unknown>) };
      }
    }
    return this.config;
  }

  refs(): Promise<RefData> {
    if (!this.refsPromise) {
      const p = RefData.load(this.strapi);
      this.refsPromise = p;
      p.catch(() => {
        if (this.refsPromise === p) this.refsPromise = null;
      });
    }
    return this.refsPromise;
  }

  openApiDocument(): Record<string, unknown> {
    this.openapi ??= buildOpenApiDocument();
    return this.openapi;
  }

  async start(): Promise<void> {
    await this.index.ensureSchema();
    await this.readModel.ensureSchema();
    // filled at the end of the app's bootstrap (fillReadModelOnBoot), after the rows it serializes are complete
    this.readModel.ready = await this.readModel.isFilled();
    await this.index.prepareDictionary();
    await this.notifier.start(this.config.notify.enabled);
    this.sweepTimer = setInterval(() => this.limiter.sweep(), 60_000);
    this.sweepTimer.unref?.();
    // first deployment on an existing database: build the index when it is small enough
    if ((await this.index.count()) === 0) {
      const n = await this.index.publicCount();
      if (n > 0 && n <= this.config.search.reindexOnBootMax) await this.reindexAll();
      else if (n > 0 && this.config.search.reindexOnBootMax > 0) this.strapi.log.warn(`[gov-api] 检索索引为空而已有 ${n} 条公开内容：请运行 npm run reindex 建立索引`);
    }
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.pendingInvalidation) clearTimeout(this.pendingInvalidation);
    await this.index.close();
    await this.notifier.stop();
  }

  /**
   * After a write that changes public content committed: flush here and tell the other nodes.
   * (The Document Service middleware notifies inside the write's transaction instead.)
   */
  async invalidate(reason: string): Promise<void> {
    this.cache.flush(reason);
    try {
      await this.notifier.notify(reason);
    } catch (err: any) {
      this.strapi.log.warn(`[gov-api] 通知其他节点失败：${err?.message ?? err}`);
    }
  }

  /** Coalesce bursts of invalidations (e.g. the daily law-status job updating many rows). */
  invalidateSoon(reason: string): void {
    if (this.pendingInvalidation) return;
    this.pendingInvalidation = setTimeout(() => {
      this.pendingInvalidation = null;
      void this.invalidate(reason);
    }, 50);
    this.pendingInvalidation.unref?.();
  }

  /**
   * Rebuild the search index and the public read model from the published rows (both are derived from them:
   * after writes made behind the platform's back, both are stale), then invalidate every node's cache.
   */
  async reindexAll(log?: (msg: string) => void): Promise<{ items: number; laws: number }> {
    const counts = await this.index.reindexAll(log);
    await this.readModel.rebuild(log ? (m) => log(`公开读模型：${m}`) : undefined);
    await this.invalidate('reindex');
    this.strapi.eventHub?.emit(EVENTS.reindexed, counts);
    return counts;
  }

  /** Rebuild the public read model only (npm run rebuild-read-model), then invalidate every node's cache. */
  async rebuildReadModel(log?: (msg: string) => void): Promise<{ items: number; laws: number }> {
    const counts = await this.readModel.rebuild(log);
    await this.invalidate('read-model');
    return counts;
  }

  /** Re-sync one document's index entry (outside the Document Service, e.g. after a raw fix). */
  async reindexDocument(kind: Kind, documentId: string): Promise<'indexed' | 'removed'> {
    const res = await this.strapi.db.connection.transaction(async (trx: any) => {
      const r = await this.index.syncDocument(trx, kind, documentId);
      await this.readModel.syncDocuments(trx, kind, [documentId, ...(await this.readModel.dependents(trx, kind, documentId))]);
      return r;
    });
    await this.invalidate(`reindex:${kind}`);
    return res;
  }
}

const runtimes = new WeakMap<Core.Strapi, Runtime>();

export function runtime(strapi: Core.Strapi): Runtime {
  let rt = runtimes.get(strapi);
  if (!rt) {
    rt = new Runtime(strapi);
    runtimes.set(strapi, rt);
  }
  return rt;
}

export const KIND_OF_UID: Record<string, Kind | undefined> = { [UID.item]: 'item', [UID.law]: 'law' };
