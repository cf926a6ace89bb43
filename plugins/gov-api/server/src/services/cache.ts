/**
 * In-memory response cache (LRU by insertion order, TTL as a safety net). Entries are the rendered
 * bytes of successful GET responses, keyed by path + canonical query string, with their validators
 * (ETag, Last-Modified) and compressed variants computed on first demand.
 *
 * Invalidation: flush() drops everything and bumps `generation`. A request records the generation when
 * it starts and its response is stored only if no flush happened meanwhile — so a response rendered
 * from data read just before a publish committed is never cached after the flush that publish caused.
 * Flushes come from the Document Service middleware (after commit), from PostgreSQL NOTIFY sent by
 * other nodes, and from reindexing.
 */
import zlib from 'zlib';
import { EVENTS } from '../constants';
import type { GovApiConfig } from '../config';

export interface CacheEntry {
  body: Buffer;
  etag: string;
  lastModified: string | null;
  contentType: string;
  cacheControl: string;
  /** Headers the inner Strapi stack set on the first (uncached) response, replayed on hits. */
  headers: Array<[string, string]>;
  createdAt: number;
  gzip?: Buffer;
  br?: Buffer;
}

export type Encoding = 'br' | 'gzip';

export class ResponseCache {
  generation = 0;
  hits = 0;
  misses = 0;
  private entries = new Map<string, CacheEntry>();
  private listeners: Array<(reason: string) => void> = [];

  constructor(private settings: () => GovApiConfig['cache'], private emit: (event: string, payload: unknown) => void = () => undefined) {}

  get size() {
    return this.entries.size;
  }

  get(key: string): CacheEntry | undefined {
    const s = this.settings();
    if (!s.enabled) return undefined;
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    if (Date.now() - e.createdAt > s.ttlSeconds * 1000) {
      this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    // LRU: move to the end
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e;
  }

  /** Store unless a flush happened since `generation` was read (or the entry is too large). */
  set(key: string, entry: CacheEntry, generation: number): boolean {
    const s = this.settings();
    if (!s.enabled || generation !== this.generation || entry.body.length > s.maxEntryBytes || s.maxEntries <= 0) return false;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > s.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return true;
  }

  flush(reason: string): void {
    this.generation++;
    this.entries.clear();
    for (const l of this.listeners) l(reason);
    this.emit(EVENTS.cacheFlushed, { reason, generation: this.generation });
  }

  onFlush(listener: (reason: string) => void): void {
    this.listeners.push(listener);
  }

  /** The entry's body in an encoding, compressed once and kept. */
  static variant(entry: CacheEntry, encoding: Encoding): Buffer {
    if (encoding === 'br') {
      entry.br ??= zlib.brotliCompressSync(entry.body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length },
      });
      return entry.br;
    }
    entry.gzip ??= zlib.gzipSync(entry.body, { level: 6 });
    return entry.gzip;
  }
}

/** Preferred encoding accepted by the client (br over gzip), honouring q=0. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    let q = 1;
    for (const prm of params) {
      const m = /^\s*q=([0-9.]+)\s*$/.exec(prm);
      if (m) q = Number(m[1]);
    }
    const enc: Encoding | null = name === 'br' ? 'br' : name === 'gzip' || name === 'x-gzip' ? 'gzip' : name === '*' ? 'br' : null;
    if (!enc || !(q > 0)) continue;
    if (q > bestQ || (q === bestQ && enc === 'br')) {
      best = enc;
      bestQ = q;
    }
  }
  return best;
}
