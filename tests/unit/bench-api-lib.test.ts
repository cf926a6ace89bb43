/**
 * The library code of `npm run bench:api` (issue 18): the long-tail URL mix and the round-robin proxy
 * that puts two Strapi nodes behind one address.
 */
import http from 'http';
import { longTailMix, randomPicker, sample, searchQueries } from '../../scripts/lib/url-mix';
import { startRoundRobinProxy } from '../../scripts/lib/round-robin-proxy';

describe('long-tail URL mix', () => {
  const itemIds = Array.from({ length: 5000 }, (_, i) => `doc${i}`);
  const nodeCodes = Array.from({ length: 144 }, (_, i) => `BA${Math.floor(i / 12)}-${i % 12}`);
  const words = ['政务公开', '安全生产', '防汛', '营商环境', '乡村振兴', '食品安全', '数字政府', '森林防火', '人大代表', '标准化', '民生实事', '开放日'];

  it('has 3,000 item pages, 5 list pages of each node and 60 searches, all distinct', () => {
    const mix = longTailMix({ itemIds, nodeCodes, words });
    expect(mix.items).toHaveLength(3000);
    expect(mix.lists).toHaveLength(144 * 5);
    expect(mix.searches).toHaveLength(60);
    expect(mix.all).toHaveLength(3780);
    expect(new Set(mix.all).size).toBe(3780);
    expect(mix.lists).toContain('/api/gov/v1/items?node=BA3-7&page=5&limit=20');
    expect(mix.lists.filter((p) => p.includes('node=BA0-0&'))).toEqual([1, 2, 3, 4, 5].map((p) => `/api/gov/v1/items?node=BA0-0&page=${p}&limit=20`));
    for (const p of mix.items) expect(itemIds).toContain(decodeURIComponent(p.slice('/api/gov/v1/items/'.length)));
  });

  it('encodes 索引号 and Chinese queries for the URL', () => {
    const mix = longTailMix({ itemIds: ['000088000/2025-00001'], nodeCodes: ['A'], words: ['防汛'], items: 1, pagesPerNode: 1, searches: 1 });
    expect(mix.items).toEqual(['/api/gov/v1/items/000088000%2F2025-00001']);
    expect(mix.searches).toEqual([`/api/gov/v1/search?q=${encodeURIComponent('防汛')}`]);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(longTailMix({ itemIds, nodeCodes, words, seed: 7 }).items).toEqual(longTailMix({ itemIds, nodeCodes, words, seed: 7 }).items);
    expect(longTailMix({ itemIds, nodeCodes, words, seed: 7 }).items).not.toEqual(longTailMix({ itemIds, nodeCodes, words, seed: 8 }).items);
  });

  it('searches: single words first, then pairs; refuses when the words cannot make enough', () => {
    expect(searchQueries(['甲', '乙', '丙', '甲'], 6)).toEqual(['甲', '乙', '丙', '甲 乙', '甲 丙', '乙 丙']);
    expect(() => searchQueries(['甲', '乙'], 4)).toThrow(/少于所需 4 个/);
  });

  it('sample draws without replacement and caps at the population', () => {
    const s = sample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10, 1);
    expect([...s].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sample([1, 2, 3], 99, 1)).toHaveLength(3);
  });

  it('random picks cover the mix roughly uniformly (independent picks, not a cycle)', () => {
    const paths = ['a', 'b', 'c', 'd'];
    const pick = randomPicker(paths, 3);
    const seen: Record<string, number> = {};
    const seq: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      const p = pick();
      seen[p] = (seen[p] ?? 0) + 1;
      if (i < 16) seq.push(p);
    }
    for (const p of paths) expect(seen[p]).toBeGreaterThan(9_000);
    // a round-robin would repeat a,b,c,d; random picks repeat some neighbours
    expect(seq.join('')).not.toBe('abcdabcdabcdabcd');
    expect(seq.some((p, i) => i > 0 && p === seq[i - 1])).toBe(true);
  });
});

describe('round-robin proxy', () => {
  const servers: http.Server[] = [];
  const start = (name: string) =>
    new Promise<string>((resolve) => {
      const s = http.createServer((req, res) => {
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'Content-Type': 'application/json', 'X-Node': name });
        res.end(JSON.stringify({ node: name, url: req.url, host: req.headers.host }));
      });
      servers.push(s);
      s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as any).port}`));
    });
  const get = (url: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>((resolve, reject) => {
      http.get(url, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
      }).on('error', reject);
    });
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
  });

  it('alternates between the upstreams and passes path, status, headers and body through', async () => {
    const a = await start('A');
    const b = await start('B');
    const proxy = await startRoundRobinProxy([a, b]);
    try {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await get(`${proxy.url}/api/gov/v1/items?node=X&page=${i}`));
      expect(answers.map((r) => r.body.node)).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
      expect(answers[3].body.url).toBe('/api/gov/v1/items?node=X&page=3');
      expect(answers[1].headers['x-node']).toBe('B');
      expect(answers[0].body.host).toBe(new URL(a).host);
      expect((await get(`${proxy.url}/missing`)).status).toBe(404);
      expect(proxy.counts).toEqual([4, 3]);
      expect(proxy.failures).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('answers 502 when an upstream is down, and counts it', async () => {
    const a = await start('A');
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
    const deadUrl = `http://127.0.0.1:${(dead.address() as any).port}`;
    await new Promise((r) => dead.close(r));
    const proxy = await startRoundRobinProxy([a, deadUrl]);
    try {
      const first = await get(`${proxy.url}/x`);
      expect(first.status).toBe(200);
      const second = await new Promise<number>((resolve) => http.get(`${proxy.url}/y`, (res) => (res.resume(), resolve(res.statusCode ?? 0))));
      expect(second).toBe(502);
      expect(proxy.failures).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an empty upstream list', async () => {
    await expect(startRoundRobinProxy([])).rejects.toThrow('至少需要一个上游节点');
  });
});
