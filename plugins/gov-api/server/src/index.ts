/**
 * gov-api — the public, read-only JSON API under /api/gov/v1 (README.md in the plugin folder).
 *
 * register():  the HTTP edge middleware (CORS, rate limit, response cache, compression). Its Document
 *              Service stage (search index, caches) is exported and registered by src/document-pipeline.ts.
 * bootstrap(): settings, schema objects (search index, keyset indexes), LISTEN on PostgreSQL, the laws
 *              status-job subscriber, first index build on small existing databases.
 * destroy():   closes the listening connection.
 */
import type { Core } from '@strapi/strapi';
import { validateConfig } from './config';
import { LINKS, PLUGIN_ID } from './constants';
import controllers from './controllers';
import dictionary, { DICTIONARY_ACTION } from './admin/dictionary';
import routes from './routes';
import { runtime } from './runtime';
import { createEdgeMiddleware, installFastPath } from './http/edge';
import { subscribeLawStatusWrites } from './document-middleware';
import { prepareText, type PreparedText } from './search/index-store';

/** The link tables the raw SQL uses must be the ones Strapi created (fail loudly at boot if not). */
function checkSchemaNames(strapi: Core.Strapi) {
  const problems: string[] = [];
  for (const { uid, attribute, link } of LINKS) {
    const attr: any = (strapi.db.metadata.get(uid as any) as any)?.attributes?.[attribute];
    const jt = attr?.joinTable;
    if (!jt) {
      problems.push(`${uid}.${attribute}: 无关联表`);
      continue;
    }
    if (jt.name !== link.table || jt.joinColumn?.name !== link.owner || jt.inverseJoinColumn?.name !== link.target) {
      problems.push(`${uid}.${attribute}: 期望 ${link.table}(${link.owner}, ${link.target})，实际 ${jt.name}(${jt.joinColumn?.name}, ${jt.inverseJoinColumn?.name})`);
    }
  }
  if (problems.length) throw new Error(`[gov-api] 数据库关联表与插件不一致：\n${problems.join('\n')}`);
}

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('admin::permission') as any).actionProvider.registerMany([
      { section: 'plugins', displayName: '管理检索词典（机关简称、缩略语）', uid: DICTIONARY_ACTION.split('.').slice(1).join('.'), pluginName: 'gov-api' },
    ]);
    const rt = runtime(strapi);
    rt.loadConfig();
    strapi.server.use(createEdgeMiddleware(strapi, rt));
    installFastPath(strapi, rt);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const rt = runtime(strapi);
    rt.loadConfig();
    checkSchemaNames(strapi);
    subscribeLawStatusWrites(strapi, rt);
    await rt.start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await runtime(strapi).stop();
  },

  config: { default: {}, validator: validateConfig },
  contentTypes: {},
  routes,
  controllers: { ...controllers, dictionary },
  services: {
    /** settings: current config; configure(partial) adjusts it at runtime */
    settings: ({ strapi }: { strapi: Core.Strapi }) => ({
      get: () => runtime(strapi).config,
      configure: (partial: Record<string, unknown>) => runtime(strapi).configure(partial as any),
    }),
    /** the response cache (flush, size, generation, hits/misses) */
    cache: ({ strapi }: { strapi: Core.Strapi }) => runtime(strapi).cache,
    /** search index: reindexAll(log?), reindexDocument(kind, documentId), count(), syncDocuments(trx, kind, ids), invalidate(reason) */
    search: ({ strapi }: { strapi: Core.Strapi }) => ({
      reindexAll: (log?: (msg: string) => void) => runtime(strapi).reindexAll(log),
      reindexDocument: (kind: 'item' | 'law', documentId: string) => runtime(strapi).reindexDocument(kind, documentId),
      count: () => runtime(strapi).index.count(),
      /** tables and indexes (every boot; on PostgreSQL DDL only when it changed) */
      ensureSchema: () => runtime(strapi).index.ensureSchema(),
      /** bulk paths: bring the entries of many documents in line, in the caller's transaction (then invalidate after commit) */
      syncDocuments: (trx: any, kind: 'item' | 'law', documentIds: string[]) => runtime(strapi).index.syncDocuments(trx, kind, documentIds),
      /** bulk paths: index the published item rows (with their ids) of documents created in the caller's transaction (texts: prepareText results by documentId) */
      indexNewItemRows: (trx: any, rows: Array<Record<string, any>>, texts?: Map<string, PreparedText>) => runtime(strapi).index.indexNewItemRows(trx, rows, texts),
      /** bulk paths: segment an item's title, summary and body ahead of writing it (pure, no database) */
      prepareText: (title: string, summary?: string | null, body?: string | null) => prepareText(title, summary, body),
      /** resolves when this node has finished re-segmenting documents after a dictionary change (tests, scripts) */
      settled: () => runtime(strapi).index.settled(),
      /** bring the index in line with the dictionary now (null: another node has the run) */
      applyDictionary: () => runtime(strapi).index.applyDictionary(),
      /** flush the response caches of every node (after a bulk write committed) */
      invalidate: (reason: string) => runtime(strapi).invalidate(reason),
    }),
    /**
     * the public read model: rebuild(log?) (npm run rebuild-read-model), fillOnBoot(log, force) (app bootstrap),
     * syncDocuments(trx, kind, ids) for bulk paths (in the caller's transaction), count(), ready
     */
    readModel: ({ strapi }: { strapi: Core.Strapi }) => ({
      rebuild: (log?: (msg: string) => void) => runtime(strapi).rebuildReadModel(log),
      // GOV_API_READ_MODEL_BOOT_FILL=false: the caller rebuilds it itself (npm run rebuild-read-model)
      fillOnBoot: async (force = false) => {
        if (process.env.GOV_API_READ_MODEL_BOOT_FILL === 'false') return false;
        return runtime(strapi).readModel.fillOnBoot((m) => strapi.log.info(`[gov-api] ${m}`), force);
      },
      syncDocuments: (trx: any, kind: 'item' | 'law', documentIds: string[]) => runtime(strapi).readModel.syncDocuments(trx, kind, documentIds),
      /** documents whose JSON shows any of these (政策解读 / 废止·修改 links) */
      dependentsOf: async (trx: any, kind: 'item' | 'law', documentIds: string[]) => {
        const out = new Set<string>();
        for (const d of documentIds) for (const x of await runtime(strapi).readModel.dependents(trx, kind, d)) out.add(x);
        return [...out];
      },
      count: () => runtime(strapi).readModel.count(),
      /** tables and guard triggers (every boot; on PostgreSQL DDL only when it changed) */
      ensureSchema: () => runtime(strapi).readModel.ensureSchema(),
      /** answers read from the model on this node: { lists, details } */
      served: () => ({ ...runtime(strapi).readModel.served }),
      get ready() {
        return runtime(strapi).readModel.ready;
      },
    }),
    /** cross-node notifier (mode: 'postgres' | 'in-process', nodeId, received) */
    notifier: ({ strapi }: { strapi: Core.Strapi }) => runtime(strapi).notifier,
    /** per-IP rate limiter (reset()) */
    rateLimit: ({ strapi }: { strapi: Core.Strapi }) => runtime(strapi).limiter,
    /** the OpenAPI document */
    openapi: ({ strapi }: { strapi: Core.Strapi }) => ({ document: () => runtime(strapi).openApiDocument() }),
    /** the headers the read-model fast path answers misses with (http/edge.ts); clear() sends the next miss of each route through Koa */
    headerTemplates: ({ strapi }: { strapi: Core.Strapi }) => runtime(strapi).headerTemplates,
  },
};

export { PLUGIN_ID };
