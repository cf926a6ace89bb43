/**
 * Typed plugin configuration with defaults, in one place. Override in config/plugins.ts
 * (`'gov-api': { config: { ... } }`) or with the environment variables named below.
 * Read at bootstrap into the `settings` service; tests and the benchmark may adjust it at runtime
 * with `strapi.plugin('gov-api').service('settings').configure({...})`.
 */
import { DEFAULT_DICTIONARY, normaliseWord } from './search/dictionary';

export interface GovApiConfig {
  cors: {
    /** Allowed origins: exact origins ("https://www.example.gov.cn") or "*". Env GOV_API_CORS_ORIGINS (comma-separated). */
    origins: string[];
    /** Access-Control-Max-Age of preflight answers, seconds. */
    maxAge: number;
  };
  rateLimit: {
    /** Env GOV_API_RATE_LIMIT_ENABLED. */
    enabled: boolean;
    /** Sustained requests per second per client IP (token refill rate). Env GOV_API_RATE_LIMIT. */
    ratePerSecond: number;
    /** Bucket size (burst). Env GOV_API_RATE_BURST. */
    burst: number;
    /** Most client IPs tracked at once (oldest dropped beyond). */
    maxClients: number;
  };
  cache: {
    /** In-memory response cache. Env GOV_API_CACHE_ENABLED. */
    enabled: boolean;
    /** Safety-net lifetime of an entry, seconds (changes invalidate at once). Env GOV_API_CACHE_TTL. */
    ttlSeconds: number;
    /**
     * Size of the cache in bytes: bodies, their compressed variants and keys (least recently used dropped
     * beyond). A small hot layer in front of the read model. Env GOV_API_CACHE_MAX_BYTES (default 32 MiB).
     */
    maxBytes: number;
    /** Larger responses are not cached, bytes. */
    maxEntryBytes: number;
  };
  readModel: {
    /** Answer the list/detail queries it can serve from the public read model. Env GOV_API_READ_MODEL_ENABLED. */
    enabled: boolean;
  };
  http: {
    /** Cache-Control max-age sent to clients and proxies, seconds. Env GOV_API_MAX_AGE. */
    maxAge: number;
    /** Cache-Control stale-while-revalidate, seconds. */
    staleWhileRevalidate: number;
    /** Responses below this size are not compressed, bytes. */
    compressThreshold: number;
  };
  feeds: {
    /** Items per feed. */
    limit: number;
    /** Public base URL of this server, used for feed links. Env GOV_API_PUBLIC_URL (default: server.url or http://localhost:1337). */
    publicUrl: string;
    /**
     * Page links in feeds (the reference portal's hash routes by default, public/portal/README.md); {publicUrl}
     * is replaced as is, the other placeholders URL-encoded.
     * Item page: {id} (documentId). Env GOV_API_ITEM_LINK.
     */
    itemLinkTemplate: string;
    /** A catalogue node's page (the feed's channel link): {org} (organisation code), {node} (documentId), {code} (node code). Env GOV_API_CHANNEL_LINK. */
    channelLinkTemplate: string;
    /** A law's page: {id} (documentId). Env GOV_API_LAW_LINK. */
    lawLinkTemplate: string;
    /** The laws list page (the laws feed's channel link): {org} (organisation code, empty without org=). Env GOV_API_LAWS_LINK. */
    lawsLinkTemplate: string;
  };
  search: {
    /** At most this many words of q are used. */
    maxTerms: number;
    /**
     * Words indexed and searched whole (agency abbreviations and terms the segmenter splits: 低保, 青政办 …);
     * the admin list (检索词典), organisations' short names and the 机关代字 of 发文字号 are added to them.
     * Changing them re-segments the documents that contain new words in the background.
     */
    dictionary: string[];
    /** On boot, an empty index is rebuilt in-process when there are at most this many public documents (else: npm run reindex). Env GOV_API_REINDEX_ON_BOOT_MAX (0: never). */
    reindexOnBootMax: number;
    /**
     * Matches are counted exactly up to this many; beyond, `total` is this figure and `meta.query.capped` is true
     * (counting 600,000 matches of a common word in 1,000,000 documents costs more than ranking them). Env
     * GOV_API_SEARCH_COUNT_CAP.
     */
    countCap: number;
    /** PostgreSQL: how many of the newest index entries a tier of /search is first looked for in, before its GIN index is read (tuning). Env GOV_API_SEARCH_WALK. */
    walk: number;
  };
  notify: {
    /** PostgreSQL only: LISTEN/NOTIFY for cross-node cache invalidation. Env GOV_API_NOTIFY_ENABLED. */
    enabled: boolean;
  };
}

const fromEnv = (name: string): string | undefined => {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
};
const envInt = (name: string, def: number) => {
  const v = fromEnv(name);
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : def;
};
const envBool = (name: string, def: boolean) => {
  const v = fromEnv(name);
  return v === undefined ? def : /^(1|true|yes|on)$/i.test(v);
};

export function defaultConfig(): GovApiConfig {
  const publicUrl = (fromEnv('GOV_API_PUBLIC_URL') ?? fromEnv('PUBLIC_URL') ?? `http://localhost:${fromEnv('PORT') ?? '1337'}`).replace(/\/+$/, '');
  return {
    cors: { origins: (fromEnv('GOV_API_CORS_ORIGINS') ?? '*').split(',').map((s) => s.trim()).filter(Boolean), maxAge: 600 },
    rateLimit: {
      enabled: envBool('GOV_API_RATE_LIMIT_ENABLED', true),
      ratePerSecond: envInt('GOV_API_RATE_LIMIT', 20),
      burst: envInt('GOV_API_RATE_BURST', 100),
      maxClients: 100_000,
    },
    cache: {
      enabled: envBool('GOV_API_CACHE_ENABLED', true),
      ttlSeconds: envInt('GOV_API_CACHE_TTL', 60),
      maxBytes: envInt('GOV_API_CACHE_MAX_BYTES', 32 * 1024 * 1024),
      maxEntryBytes: 2 * 1024 * 1024,
    },
    readModel: { enabled: envBool('GOV_API_READ_MODEL_ENABLED', true) },
    http: { maxAge: envInt('GOV_API_MAX_AGE', 10), staleWhileRevalidate: 30, compressThreshold: 1024 },
    feeds: {
      limit: 50,
      publicUrl,
      itemLinkTemplate: fromEnv('GOV_API_ITEM_LINK') ?? '{publicUrl}/portal/#/item/{id}',
      channelLinkTemplate: fromEnv('GOV_API_CHANNEL_LINK') ?? '{publicUrl}/portal/#/items?org={org}&node={node}',
      lawLinkTemplate: fromEnv('GOV_API_LAW_LINK') ?? '{publicUrl}/portal/#/law/{id}',
      lawsLinkTemplate: fromEnv('GOV_API_LAWS_LINK') ?? '{publicUrl}/portal/#/laws',
    },
    search: { maxTerms: 12, dictionary: [...DEFAULT_DICTIONARY], reindexOnBootMax: envInt('GOV_API_REINDEX_ON_BOOT_MAX', 20_000), countCap: envInt('GOV_API_SEARCH_COUNT_CAP', 1_000), walk: envInt('GOV_API_SEARCH_WALK', 2_000) },
    notify: { enabled: envBool('GOV_API_NOTIFY_ENABLED', true) },
  };
}

/** Strapi's plugin config validator: throws on an invalid value (boot fails with the message). */
export function validateConfig(config: unknown): void {
  const c = config as Partial<GovApiConfig>;
  const num = (v: unknown, name: string, min: number) => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < min)) throw new Error(`gov-api 配置 ${name} 必须是不小于 ${min} 的数字`);
  };
  if (c.cors?.origins !== undefined && (!Array.isArray(c.cors.origins) || c.cors.origins.some((o) => typeof o !== 'string'))) {
    throw new Error('gov-api 配置 cors.origins 必须是字符串数组');
  }
  num(c.rateLimit?.ratePerSecond, 'rateLimit.ratePerSecond', 0.001);
  num(c.rateLimit?.burst, 'rateLimit.burst', 1);
  num(c.cache?.ttlSeconds, 'cache.ttlSeconds', 0);
  num(c.cache?.maxBytes, 'cache.maxBytes', 0);
  num(c.http?.maxAge, 'http.maxAge', 0);
  num(c.feeds?.limit, 'feeds.limit', 1);
  num(c.search?.countCap, 'search.countCap', 1);
  num(c.search?.walk, 'search.walk', 1);
  for (const key of ['itemLinkTemplate', 'channelLinkTemplate', 'lawLinkTemplate', 'lawsLinkTemplate'] as const) {
    const v = c.feeds?.[key];
    if (v !== undefined && (typeof v !== 'string' || !v.trim())) throw new Error(`gov-api 配置 feeds.${key} 必须是非空字符串`);
  }
  const dict = c.search?.dictionary;
  if (dict !== undefined && (!Array.isArray(dict) || dict.some((w) => normaliseWord(w) === null))) {
    throw new Error('gov-api 配置 search.dictionary 必须是词语数组（每个词 2–20 个汉字、字母或数字）');
  }
}
