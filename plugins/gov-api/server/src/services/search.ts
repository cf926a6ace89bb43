/**
 * /search: Chinese full-text search over public 政府信息 and 法规文件 (titles, 索引号, 发文字号, summaries,
 * bodies). The query is segmented like the documents (search/text.ts); every word must occur.
 * Candidates: the newest `search.maxCandidates` matching public documents (bounded work whatever the
 * word: a word found in most documents does not make every search rank the whole collection); among
 * them: title matches first (all words in the title), then relevance (bm25 on SQLite FTS5, ts_rank on
 * PostgreSQL), then newest. `meta.query.capped` tells that more documents matched. Each candidate is
 * joined back to the live published row through the visibility predicate and the /items filters, so
 * the index alone can never expose a document.
 */
import type { SearchHit, SearchResponse } from '../../../../../client/src/types';
import { SEARCH_FTS_TABLE as FTS, SEARCH_TABLE as S, T, type Kind } from '../constants';
import { orgRef } from '../serializers';
import { isoDate, placeholders, query, str } from '../sql';
import { highlight, plainText, snippet } from '../search/text';
import type { Parsed } from '../validation/params';
import type { Ctx, Rendered } from './context';
import { ftsQuery, itemWhere, lawWhere, termsOf, whereSql } from './filters';
import { itemVisible, lawVisible } from '../visibility';

const ITEM_ONLY_FILTERS = ['node', 'category', 'genre', 'validity'] as const;

export class SearchService {
  constructor(private c: Ctx) {}

  async search(p: Parsed): Promise<Rendered> {
    const refs = await this.c.refs();
    const settings = this.c.settings();
    const q = String(p.q);
    const terms = termsOf(q, settings.search.maxTerms);
    const itemOnly = ITEM_ONLY_FILTERS.some((f) => p[f] !== undefined);
    const kinds: Kind[] = p.type ? [p.type as Kind] : itemOnly ? ['item'] : ['item', 'law'];
    if (p.type === 'law' && itemOnly) kinds.length = 0; // law + an item-only filter: nothing can match

    const opts = { pg: this.c.pg, maxTerms: settings.search.maxTerms, ignoreQ: true };
    const branches: Array<{ kind: Kind; table: string; alias: string; where: string; bindings: unknown[] }> = [];
    if (kinds.includes('item')) {
      const w = itemWhere(p, refs, opts);
      branches.push({ kind: 'item', table: T.items, alias: 'd', where: whereSql(w), bindings: w.bindings });
    }
    if (kinds.includes('law')) {
      const w = lawWhere({ org: p.org, year: p.year, from: p.from, to: p.to }, refs, opts);
      branches.push({ kind: 'law', table: T.laws, alias: 'l', where: whereSql(w), bindings: w.bindings });
    }
    const limit = Number(p.limit);
    const page = typeof p.page === 'number' ? p.page : 1;
    const max = settings.search.maxCandidates;
    const offset = (page - 1) * limit;
    const empty = (): Rendered => ({
      body: { data: [], meta: { pagination: { limit, total: 0, page, pageCount: 0, nextCursor: null }, query: { q, terms, capped: false } } } satisfies SearchResponse,
      lastModified: null,
    });
    if (!branches.length) return empty();

    const knex = this.c.knex();
    let rows: Array<Record<string, any>>;
    let matched: number;
    if (this.c.pg) {
      // candidates: the newest max+1 matches per kind (the planner reads the GIN index for rare words,
      // the date-ordered index for common ones), then the newest max overall are ranked
      const tsq = terms.join(' ');
      const parts = branches.map((b) => `(SELECT s.id, s.publish_date, s.document_id FROM ${S} s JOIN ${b.table} ${b.alias} ON ${b.alias}.id = s.row_id
          WHERE s.kind = '${b.kind}' AND s.tsv @@ plainto_tsquery('simple', ?) AND ${b.where}
          ORDER BY s.publish_date DESC NULLS LAST, s.document_id DESC LIMIT ${max + 1})`);
      const bindings = branches.flatMap((b) => [tsq, ...b.bindings]);
      rows = await query(knex, `WITH cand AS MATERIALIZED (${parts.join(' UNION ALL ')}),
          top AS (SELECT id FROM cand ORDER BY publish_date DESC NULLS LAST, document_id DESC LIMIT ${max})
        SELECT s.kind, s.document_id, s.row_id, s.title, s.publish_date,
          (ts_filter(s.tsv, '{a}') @@ plainto_tsquery('simple', ?)) AS title_hit, ts_rank(s.tsv, plainto_tsquery('simple', ?)) AS score,
          (SELECT COUNT(*) FROM cand) AS matched
        FROM top JOIN ${S} s ON s.id = top.id
        ORDER BY title_hit DESC, score DESC, s.publish_date DESC NULLS LAST, s.document_id LIMIT ? OFFSET ?`, [...bindings, tsq, tsq, limit, offset]);
      matched = rows.length ? Number(rows[0].matched) : Number((await query(knex, `SELECT COUNT(*) AS n FROM (${parts.join(' UNION ALL ')}) c`, bindings))[0]?.n ?? 0);
    } else {
      const match = ftsQuery(terms);
      const parts = branches.map((b) => `SELECT s.id, s.kind, s.document_id, s.row_id, s.title, s.publish_date, bm25(${FTS}, 10.0, 5.0, 1.0) AS score
          FROM ${FTS} JOIN ${S} s ON s.id = ${FTS}.rowid JOIN ${b.table} ${b.alias} ON ${b.alias}.id = s.row_id
          WHERE ${FTS} MATCH ? AND s.kind = '${b.kind}' AND ${b.where}`);
      const bindings = branches.flatMap((b) => [match, ...b.bindings]);
      rows = await query(knex, `WITH cand AS (SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY publish_date DESC NULLS LAST, document_id DESC LIMIT ${max + 1}),
          top AS (SELECT * FROM cand ORDER BY publish_date DESC NULLS LAST, document_id DESC LIMIT ${max})
        SELECT top.*, CASE WHEN top.id IN (SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH ?) THEN 1 ELSE 0 END AS title_hit, (SELECT COUNT(*) FROM cand) AS matched
        FROM top ORDER BY title_hit DESC, score ASC, publish_date DESC NULLS LAST, document_id LIMIT ? OFFSET ?`, [...bindings, `title : (${match})`, limit, offset]);
      matched = rows.length ? Number(rows[0].matched) : Number((await query(knex, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM (${parts.join(' UNION ALL ')}) LIMIT ${max + 1})`, bindings))[0]?.n ?? 0);
    }
    const capped = matched > max;
    const total = Math.min(matched, max);

    // the page's live rows: 索引号, 发文字号, the text for snippets
    const live = new Map<string, Record<string, any>>();
    const itemIds = rows.filter((r) => r.kind === 'item').map((r) => Number(r.row_id));
    const lawIds = rows.filter((r) => r.kind === 'law').map((r) => Number(r.row_id));
    if (itemIds.length) {
      for (const r of await query(knex, `SELECT d.id, d.index_no, d.document_number, d.summary, d.body FROM ${T.items} d WHERE ${itemVisible('d').text} AND d.id IN (${placeholders(itemIds.length)})`, itemIds)) live.set(`item:${r.id}`, r);
    }
    if (lawIds.length) {
      for (const r of await query(knex, `SELECT l.id, l.document_number, l.summary, l.body FROM ${T.laws} l WHERE ${lawVisible('l').text} AND l.id IN (${placeholders(lawIds.length)})`, lawIds)) live.set(`law:${r.id}`, r);
    }

    // publishers of the hits
    const orgOf = new Map<string, number>();
    if (itemIds.length) {
      for (const r of await query(knex, `SELECT ${T.itemOrg.owner} AS row_id, ${T.itemOrg.target} AS org_id FROM ${T.itemOrg.table} WHERE ${T.itemOrg.owner} IN (${placeholders(itemIds.length)})`, itemIds)) {
        orgOf.set(`item:${r.row_id}`, Number(r.org_id));
      }
    }
    if (lawIds.length) {
      for (const r of await query(knex, `SELECT ${T.lawOrg.owner} AS row_id, ${T.lawOrg.target} AS org_id FROM ${T.lawOrg.table} WHERE ${T.lawOrg.owner} IN (${placeholders(lawIds.length)})`, lawIds)) {
        orgOf.set(`law:${r.row_id}`, Number(r.org_id));
      }
    }
    const hits: SearchHit[] = rows.map((r) => {
      const title = String(r.title ?? '');
      const org = orgOf.get(`${r.kind}:${r.row_id}`);
      const row = live.get(`${r.kind}:${r.row_id}`) ?? {};
      const text = [row.summary ?? '', plainText(row.body)].filter(Boolean).join(' ');
      return {
        type: r.kind === 'law' ? 'law' : 'item',
        id: String(r.document_id),
        title,
        highlightedTitle: highlight(title, terms),
        snippet: snippet(text, terms),
        titleMatch: r.title_hit === true || Number(r.title_hit) === 1,
        indexNo: str(row.index_no),
        documentNumber: str(row.document_number),
        publishDate: isoDate(r.publish_date),
        organization: orgRef(org !== undefined ? refs.orgs.get(org) : null),
      };
    });
    const body: SearchResponse = {
      data: hits,
      meta: { pagination: { limit, total, page, pageCount: Math.ceil(total / limit), nextCursor: null }, query: { q, terms, capped } },
    };
    return { body, lastModified: null };
  }
}
