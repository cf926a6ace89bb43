/**
 * Runs the judged query set (judged-queries.ts) against a Strapi whose database holds the seeded demo: every
 * query through the /search service exactly as the route runs it (parameters parsed by the route's specs),
 * all pages, then scored. Used by tests/integration/search-judged.test.ts and `npm run bench:search`.
 */
import type { Core } from '@strapi/strapi';
import { runtime } from '../../plugins/gov-api/server/src/runtime';
import { PARAMS, parseQuery } from '../../plugins/gov-api/server/src/validation/params';
import { itemVisible } from '../../plugins/gov-api/server/src/visibility';
import { JUDGED_QUERIES, relevantIds, score, unmatchedKeys, type QueryScore, type SeededItem } from './judged-queries';

export interface JudgedRun {
  scores: QueryScore[];
  /** keys of the set that name no seeded document */
  unmatched: Array<{ q: string; keys: string[] }>;
  /** median and slowest search time, ms (first page) */
  timing: { medianMs: number; maxMs: number };
}

export async function runJudged(strapi: Core.Strapi): Promise<JudgedRun> {
  const rt = runtime(strapi);
  const vis = itemVisible('d');
  const rows = (await strapi.db.connection.raw(`SELECT d.document_id, d.title, d.document_number, d.index_no FROM disclosure_items d WHERE ${vis.text}`, vis.bindings as any)) as any;
  const items: SeededItem[] = (Array.isArray(rows) ? rows : rows.rows).map((r: any) => ({ id: String(r.document_id), title: String(r.title), documentNumber: r.document_number ?? null, indexNo: r.index_no ?? null }));
  const titleOf = (id: string) => items.find((i) => i.id === id)?.title ?? id;
  const scores: QueryScore[] = [];
  const unmatched: JudgedRun['unmatched'] = [];
  const times: number[] = [];
  for (const jq of JUDGED_QUERIES) {
    const missing = unmatchedKeys(jq.relevant, items);
    if (missing.length) unmatched.push({ q: jq.q, keys: missing });
    const hits: Array<{ id: string; title: string }> = [];
    for (let page = 1; page <= 20; page++) {
      const started = process.hrtime.bigint();
      const res: any = (await rt.search.search(parseQuery({ q: jq.q, type: 'item', limit: '100', page: String(page) }, PARAMS.search))).body;
      if (page === 1) times.push(Number(process.hrtime.bigint() - started) / 1e6);
      hits.push(...res.data.map((h: any) => ({ id: h.id, title: h.title })));
      if (page >= res.meta.pagination.pageCount) break;
    }
    scores.push(score(jq.q, hits, relevantIds(jq.relevant, items), titleOf));
  }
  times.sort((a, b) => a - b);
  return { scores, unmatched, timing: { medianMs: times[Math.floor(times.length / 2)] ?? 0, maxMs: times[times.length - 1] ?? 0 } };
}
