/**
 * In-memory response cache (LRU by insertion order, TTL as a safety net), sized in BYTES (cache.maxBytes:
 * bodies, compressed variants made on demand, keys and a fixed per-entry overhead): a small hot layer in
 * front of the public read model, which answers the long tail. Hits and misses are counted: stats() (the
 * plugin's `cache` service) and the response header X-Gov-Cache-Ratio on every answer of the public API
 * (hit ratio since the node started). Entries are the rendered
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
  /** Bytes accounted for this entry (set by the cache). */
  bytes?: number;
}

/** Per-entry bookkeeping outside the buffers (Map slot, entry object, validators, headers), bytes. */
export const ENTRY_OVERHEAD_BYTES = 512;

export interface CacheStats {
  hits: number;
  misses: number;
  /** hits / (hits + misses), null before the first lookup */
  hitRatio: number | null;
  entries: number;
  bytes: number;
  maxBytes: number;
}

export type Encoding = 'br' | 'gzip';

export class ResponseCache {
  generation = 0;
  hits = 0;
  misses = 0;
  /** Bytes held now (sum of the entries' accounted sizes). */
  bytes = 0;
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
      this.drop(key, e);
      this.misses++;
      return undefined;
    }
    // LRU: move to the end (accounted bytes unchanged)
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e;
  }

  /** Store unless a flush happened since `generation` was read (or the entry is too large). */
  set(key: string, entry: CacheEntry, generation: number): boolean {
    const s = this.settings();
    if (!s.enabled || generation !== this.generation || entry.body.length > s.maxEntryBytes) return false;
    const bytes = ResponseCache.sizeOf(key, entry);
    if (bytes > s.maxBytes) return false;
    const prev = this.entries.get(key);
    if (prev) this.drop(key, prev);
    entry.bytes = bytes;
    this.entries.set(key, entry);
    this.bytes += bytes;
    this.evict(s.maxBytes);
    return true;
  }

  /** A compressed variant was added to an entry: account for it (and evict others if needed). */
  grew(key: string, entry: CacheEntry): void {
    if (this.entries.get(key) !== entry) return;
    const bytes = ResponseCache.sizeOf(key, entry);
    this.bytes += bytes - (entry.bytes ?? 0);
    entry.bytes = bytes;
    this.evict(this.settings().maxBytes);
  }

  stats(): CacheStats {
    const lookups = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, hitRatio: lookups ? this.hits / lookups : null, entries: this.entries.size, bytes: this.bytes, maxBytes: this.settings().maxBytes };
  }

  /** "0.937 hits=1234 misses=83" (X-Gov-Cache-Ratio); "- hits=0 misses=0" before the first lookup. */
  ratioHeader(): string {
    const lookups = this.hits + this.misses;
    return `${lookups ? (this.hits / lookups).toFixed(3) : '-'} hits=${this.hits} misses=${this.misses}`;
  }

  static sizeOf(key: string, entry: CacheEntry): number {
    return Buffer.byteLength(key) + entry.body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0) + ENTRY_OVERHEAD_BYTES;
  }

  private drop(key: string, entry: CacheEntry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes ?? 0;
  }

  private evict(maxBytes: number): void {
    while (this.bytes > maxBytes && this.entries.size) {
      const [oldest, e] = this.entries.entries().next().value as [string, CacheEntry];
      this.drop(oldest, e);
    }
  }

  flush(reason: string): void {
    this.generation++;
    this.entries.clear();
    this.bytes = 0;
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
