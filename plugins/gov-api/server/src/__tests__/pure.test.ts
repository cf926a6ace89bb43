/**
 * Unit tests of gov-api's pure modules: segmentation and highlighting, cursors, parameter parsing,
 * the token bucket, the response cache's generation guard and encoding negotiation.
 */
import { highlight, indexTokens, plainText, queryTerms, snippet, words } from '../search/text';
import { decodeCursor, encodeCursor } from '../validation/cursor';
import { PARAMS, parseQuery } from '../validation/params';
import { TokenBucketLimiter } from '../http/rate-limit';
import { ENTRY_OVERHEAD_BYTES, ResponseCache, negotiateEncoding, type CacheEntry } from '../services/cache';
import { cacheKey } from '../http/edge';
import { changesPublicContent } from '../document-middleware';

describe('Chinese segmentation (Intl.Segmenter zh)', () => {
  it('segments words, drops punctuation, lower-cases', () => {
    expect(words('关于做好2025年政务公开工作的通知，ABC公司')).toEqual(['关于', '做好', '2025', '年', '政务', '公开', '工作', '的', '通知', 'abc', '公司']);
  });
  it('indexes bigrams of long Han words so parts of compounds are found', () => {
    const tokens = indexTokens('财政预算').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['财政预算', '财政', '预算']));
    expect(indexTokens('政务公开')).toBe('政务 公开');
  });
  it('query terms are distinct and capped', () => {
    expect(queryTerms('公开 公开 政务', 5)).toEqual(['公开', '政务']);
    expect(queryTerms('一 二 三 四 五 六', 3)).toHaveLength(3);
    expect(queryTerms('，。！', 5)).toEqual([]);
  });
  it('plain text from Markdown and HTML', () => {
    expect(plainText('# 标题\n\n**加粗** [链接](http://x) <b>粗</b> &amp; ![图](a.png)')).toBe('标题 加粗 链接 粗 &');
  });
  it('highlights (escaped, adjacent words merged) and cuts snippets around the first match', () => {
    expect(highlight('<乡村振兴>', ['乡村', '振兴'])).toBe('&lt;<mark>乡村振兴</mark>&gt;');
    const text = `${'甲'.repeat(100)}财政预算${'乙'.repeat(100)}`;
    const s = snippet(text, ['财政预算'], 40);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>财政预算</mark>');
    expect(snippet('没有命中', ['x'], 40)).toBe('没有命中');
  });
});

describe('opaque cursors', () => {
  it('round-trips and is bound to its list and order', () => {
    const c = encodeCursor({ list: 'items', dir: 'desc', date: '2025-03-01', documentId: 'abc123' });
    expect(c).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 'items', 'desc')).toEqual({ list: 'items', dir: 'desc', date: '2025-03-01', documentId: 'abc123' });
    expect(decodeCursor(c, 'laws', 'desc')).toBeNull();
    expect(decodeCursor(c, 'items', 'asc')).toBeNull();
    expect(decodeCursor(encodeCursor({ list: 'items', dir: 'asc', date: null, documentId: 'x' }), 'items', 'asc')).toMatchObject({ date: null });
  });
  it.each(['', 'c1.', 'c1.!!', 'c2.W10', `c1.${Buffer.from('[1,2,3,4]').toString('base64url')}`, `c1.${Buffer.from('["items","desc","2025-1-1","a"]').toString('base64url')}`, `c1.${Buffer.from('["items","desc",null,"a b"]').toString('base64url')}`])('refuses %p', (raw) => {
    expect(decodeCursor(raw, 'items', 'desc')).toBeNull();
  });
});

describe('parameter parsing', () => {
  it('applies defaults, types and the sparse field list', () => {
    expect(parseQuery({ year: '2025', fields: 'title,publishDate' }, PARAMS.items)).toMatchObject({ year: 2025, limit: 20, sort: 'publishDate:desc', fields: ['id', 'title', 'publishDate'] });
    expect(parseQuery({ org: '' }, PARAMS.items)).toEqual({ limit: 20, sort: 'publishDate:desc' });
  });
  it.each([
    [{ foo: '1' }, /不支持的查询参数“foo”/],
    [{ limit: '101' }, /不能大于 100/],
    [{ from: '2025-02-29' }, /有效日期/],
    [{ genre: ['通知', '公告'] }, /只能出现一次/],
    [{ page: '2', cursor: 'x' }, /不能同时使用/],
    [{ fields: 'body' }, /未知字段“body”/],
  ])('%p → ValidationError', (query, message) => {
    expect(() => parseQuery(query as any, PARAMS.items)).toThrow(message);
  });
  it('search requires q', () => {
    expect(() => parseQuery({}, PARAMS.search)).toThrow(/缺少必填参数 q/);
  });
});

describe('token bucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const limiter = new TokenBucketLimiter(() => ({ ratePerSecond: 2, burst: 3, maxClients: 10 }));
    const t0 = 1_000_000;
    expect([0, 1, 2].map(() => limiter.take('a', t0).allowed)).toEqual([true, true, true]);
    const refused = limiter.take('a', t0);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfter: 1 });
    expect(limiter.take('b', t0).allowed).toBe(true); // per client
    expect(limiter.take('a', t0 + 500).allowed).toBe(true); // one token after 0.5 s
    limiter.sweep(t0 + 10_000);
    expect(limiter.clients).toBe(0);
  });
});

describe('response cache', () => {
  const entry = (text: string): CacheEntry => ({ body: Buffer.from(text), etag: 'W/"x"', lastModified: null, contentType: 'application/json', cacheControl: 'public', headers: [], createdAt: Date.now() });
  // room for two one-byte entries with one-byte keys (1 + 1 + overhead each), not three
  const settings = { enabled: true, ttlSeconds: 60, maxBytes: 2 * (2 + ENTRY_OVERHEAD_BYTES) + 100, maxEntryBytes: 1000 };

  it('does not store a response rendered before a flush (the publish race)', () => {
    const cache = new ResponseCache(() => settings);
    const generation = cache.generation; // request starts, reads old data …
    cache.flush('publish'); // … a publish commits meanwhile
    expect(cache.set('/items', entry('old'), generation)).toBe(false);
    expect(cache.get('/items')).toBeUndefined();
    expect(cache.set('/items', entry('new'), cache.generation)).toBe(true);
    expect(cache.get('/items')!.body.toString()).toBe('new');
  });
  it('evicts the least recently used entry and expires after the TTL', () => {
    const cache = new ResponseCache(() => settings);
    cache.set('a', entry('a'), 0);
    cache.set('b', entry('b'), 0);
    cache.get('a');
    cache.set('c', entry('c'), 0);
    expect([cache.get('a') !== undefined, cache.get('b') !== undefined, cache.get('c') !== undefined]).toEqual([true, false, true]);
    const old = entry('old');
    old.createdAt = Date.now() - 61_000;
    cache.set('d', old, 0);
    expect(cache.get('d')).toBeUndefined();
  });
  it('is sized in bytes: bodies, compressed variants and keys count; the hit ratio is reported', () => {
    const cache = new ResponseCache(() => ({ ...settings, maxBytes: 3000 }));
    const big = entry('x'.repeat(900));
    expect(cache.set('k1', big, 0)).toBe(true);
    expect(cache.bytes).toBe(2 + 900 + ENTRY_OVERHEAD_BYTES);
    expect(cache.set('k2', entry('y'.repeat(900)), 0)).toBe(true);
    expect(cache.stats().entries).toBe(2);
    // a third entry of the same size does not fit beside them: the least recently used goes
    cache.get('k1');
    expect(cache.set('k3', entry('z'.repeat(900)), 0)).toBe(true);
    expect(cache.get('k2')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(3000);
    // a compressed variant counts too
    const before = cache.bytes;
    ResponseCache.variant(big, 'gzip');
    cache.grew('k1', big);
    expect(cache.bytes).toBe(before + big.gzip!.length);
    // an entry larger than the whole cache is not stored
    expect(cache.set('huge', entry('h'.repeat(999)), 0)).toBe(true);
    expect(new ResponseCache(() => ({ ...settings, maxBytes: 100 })).set('a', entry('a'), 0)).toBe(false);
    const s = cache.stats();
    expect(s.hits).toBe(1);
    expect(s.misses).toBe(1);
    expect(s.hitRatio).toBe(0.5);
    expect(cache.ratioHeader()).toBe('0.500 hits=1 misses=1');
    cache.flush('x');
    expect(cache.bytes).toBe(0);
  });
  it('negotiates br over gzip, honours q=0', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
  });
  it('keys queries in a canonical order', () => {
    expect(cacheKey('/api/gov/v1/items', 'limit=5&node=A')).toBe(cacheKey('/api/gov/v1/items', 'node=A&limit=5'));
    expect(cacheKey('/api/gov/v1/items', '')).toBe('/api/gov/v1/items');
  });
});

describe('which Document Service actions change public content', () => {
  it.each([
    ['api::disclosure-item.disclosure-item', 'publish', {}, true],
    ['api::disclosure-item.disclosure-item', 'unpublish', {}, true],
    ['api::disclosure-item.disclosure-item', 'delete', {}, true],
    ['api::disclosure-item.disclosure-item', 'update', {}, false],
    ['api::disclosure-item.disclosure-item', 'update', { status: 'published' }, true],
    ['api::disclosure-item.disclosure-item', 'create', {}, false],
    ['api::disclosure-item.disclosure-item', 'discardDraft', {}, false],
    ['api::law.law', 'publish', {}, true],
    ['api::annual-report.annual-report', 'unpublish', {}, true],
    ['api::organization.organization', 'update', {}, true],
    ['api::catalogue-node.catalogue-node', 'create', {}, true],
    ['api::disclosure-request.disclosure-request', 'update', {}, false],
  ])('%s %s %p → %p', (uid, action, params, expected) => {
    expect(changesPublicContent(uid, action, params)).toBe(expected);
  });
});
