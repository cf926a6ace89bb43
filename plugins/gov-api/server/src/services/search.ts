/**
 * /search: Chinese full-text search over public 政府信息 and 法规文件 (titles, 索引号, 发文字号, summaries,
 * bodies). The query is segmented like the documents (search/text.ts); every word must occur.
 * Ranking covers every match, in tiers: a 发文字号/索引号 the query names (exact, then prefix: a look-up); then
 * documents whose 发文字号 carries the 机关代字 the query is; then documents with all words in the title; then the
 * other matches — each tier newest first. On PostgreSQL each tier is read in its order from the index on
 * (kind, publish_date, document_id) or from the GIN index of its words, and a tier is read only when the ones
 * before it are used up, so a page costs about its size whatever the number of matches (a word in 600,000 of
 * 1,000,000 documents as much as a rare one). The total counts matches exactly up to search.countCap; beyond,
 * it is the cap and `meta.query.capped` is true. Each hit is joined back to the live published row through
 * the visibility predicate and the /items filters, so the index alone can never expose a document.
 */
import type { SearchHit, SearchResponse } from '../../../../../client/src/types';
import { SEARCH_FTS_TABLE as FTS, SEARCH_TABLE as S, T, type Kind } from '../constants';
import { orgRef } from '../serializers';
import { isoDate, placeholders, query, str } from '../sql';
import { highlight, identQuery, plainText, snippet, type IdentQuery } from '../search/text';
import type { Parsed } from '../validation/params';
import type { Ctx, Rendered } from './context';
import { ftsQuery, itemWhere, lawWhere, termsOf, whereSql } from './filters';
import { itemVisible, lawVisible } from '../visibility';

const ITEM_ONLY_FILTERS = ['node', 'category', 'genre', 'validity'] as const;
/** PostgreSQL: a one-word search whose estimated matches are this many times search.countCap is capped uncounted */
const COUNT_SURELY_ABOVE = 5;
/** the parameters that narrow the matches (beyond the visibility every hit passes) */
const FILTERS = [...ITEM_ONLY_FILTERS, 'org', 'year', 'from', 'to'] as const;

export class SearchService {
  constructor(private c: Ctx) {}

  async search(p: Parsed): Promise<Rendered> {
    const refs = await this.c.refs();
    const dict = await this.c.dictionary();
    const settings = this.c.settings();
    const q = String(p.q);
    const terms = termsOf(q, settings.search.maxTerms);
    const itemOnly = ITEM_ONLY_FILTERS.some((f) => p[f] !== undefined);
    const kinds: Kind[] = p.type ? [p.type as Kind] : itemOnly ? ['item'] : ['item', 'law'];
    if (p.type === 'law' && itemOnly) kinds.length = 0; // law + an item-only filter: nothing can match

    const opts = { pg: this.c.pg, maxTerms: settings.search.maxTerms, ignoreQ: true };
    const branches: Branch[] = [];
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
    const offset = (page - 1) * limit;
    const empty = (): Rendered => ({
      body: { data: [], meta: { pagination: { limit, total: 0, page, pageCount: 0, nextCursor: null }, query: { q, terms, capped: false } } } satisfies SearchResponse,
      lastModified: null,
    });
    if (!branches.length) return empty();

    const knex = this.c.knex();
    const ident = identQuery(q, dict.codes);
    const countOf = async (sql: string, bindings: unknown[]) =>
      Number((await query(knex, `SELECT COUNT(*) AS n FROM (${sql.replace(/ORDER BY[\s\S]*$/, '')}) x`, bindings))[0]?.n ?? 0);
    let rows: Array<Record<string, any>> = [];
    let total = 0;
    let capped = false;
    // a 发文字号 or 索引号 (or the beginning of one) is a look-up: the documents it names, when there are
    if (ident?.lookup) {
      const sql = this.lookupSql(branches, ident);
      const bindings = this.lookupBindings(branches, ident);
      rows = await query(knex, sql, [...bindings, limit, offset]);
      total = rows.length ? Number(rows[0].matched) : offset > 0 ? await countOf(sql, bindings) : 0;
    }
    if (!total && this.c.pg) {
      const filtered = FILTERS.some((f) => p[f] !== undefined);
      ({ rows, total, capped } = await this.pgTiers(branches, terms, ident, limit, offset, filtered));
    } else if (!total) {
      const { sql, bindings } = this.sqliteSql(branches, terms, ident);
      rows = await query(knex, sql, [...bindings, limit, offset]);
      // past the last page the total still answers
      total = rows.length ? Number(rows[0].matched) : offset > 0 ? await countOf(sql, bindings) : 0;
      const cap = settings.search.countCap;
      if (total > cap) [total, capped] = [cap, true];
    }


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

  /**
   * PostgreSQL: the page from the tiers (see the header): each tier asked for offset + limit − rows already found,
   * per branch (items, laws; branchRows) and merged in order, the next tier only when this one ran out; then the
   * capped count, unless the tiers ran out (then what was found is every match). Without filters the count reads
   * the index alone (it holds exactly the public documents; the page's rows are still joined to the live rows).
   */
  private async pgTiers(branches: Branch[], terms: string[], ident: IdentQuery | null, limit: number, offset: number, filtered: boolean) {
    const knex = this.c.knex();
    const cap = this.c.settings().search.countCap;
    const tsq = terms.join(' ');
    const q = `plainto_tsquery('simple', ?)`;
    const title = `ts_filter(s.tsv, '{a}') @@ ${q}`;
    // the 机关代字 the query is: documents whose 发文字号 carries it come first (their own tier)
    const code = ident && !ident.lookup ? { sql: `s.doc_no LIKE ?`, bindings: [likePrefix(ident.value)] } : null;
    const notCode = code ? { sql: ` AND (s.doc_no IS NULL OR NOT (s.doc_no LIKE ?))`, bindings: code.bindings } : { sql: '', bindings: [] };
    const tiers = [
      ...(code ? [{ sql: `s.tsv @@ ${q} AND ${code.sql}`, bindings: [tsq, ...code.bindings], identHit: 1 }] : []),
      { sql: `${title}${notCode.sql}`, bindings: [tsq, ...notCode.bindings], identHit: 0 },
      { sql: `s.tsv @@ ${q} AND NOT (${title})${notCode.sql}`, bindings: [tsq, tsq, ...notCode.bindings], identHit: 0 },
    ];
    const order = (alias: string) => `${alias}.publish_date DESC NULLS LAST, ${alias}.document_id DESC`;
    const dateKey = (r: Record<string, any>) => `${isoDate(r.publish_date) ?? ''}\u0000${r.document_id}`;
    /**
     * A branch's first n rows of a tier, exactly. First the newest search.walk entries of the branch in list order, tested
     * one by one (an index walk that stops early: a word in many documents is found among the newest); when fewer
     * than n pass, the tier's matches from the GIN index, materialized (so the planner cannot choose a walk on a
     * guess: the words of a pair are counted as independent, and a pair never in one title walked the whole index),
     * then sorted. Either is the branch's true first n: entries outside the walk are older than every one in it.
     */
    const branchRows = async (b: Branch, tier: (typeof tiers)[number], n: number) => {
      const select = `SELECT s.id, s.kind, s.document_id, s.row_id, s.title, s.publish_date, ${tier.identHit} AS ident_hit, (${title}) AS title_hit`;
      const tail = `ORDER BY ${order('s')} LIMIT ?`;
      const walked = await query(knex, `${select}
        FROM (SELECT * FROM ${S} w WHERE w.kind = '${b.kind}' ORDER BY ${order('w')} LIMIT ${Math.floor(this.c.settings().search.walk)}) s
        JOIN ${b.table} ${b.alias} ON ${b.alias}.id = s.row_id
        WHERE ${tier.sql} AND ${b.where} ${tail}`, [tsq, ...tier.bindings, ...b.bindings, n]);
      if (walked.length >= n) return walked;
      return query(knex, `WITH m AS MATERIALIZED (SELECT s.id FROM ${S} s WHERE s.kind = '${b.kind}' AND ${tier.sql})
        ${select} FROM m JOIN ${S} s ON s.id = m.id JOIN ${b.table} ${b.alias} ON ${b.alias}.id = s.row_id
        WHERE ${b.where} ${tail}`, [...tier.bindings, tsq, ...b.bindings, n]);
    };
    const tierRows = async (tier: (typeof tiers)[number], n: number) => {
      const rows = (await Promise.all(branches.map((b) => branchRows(b, tier, n)))).flat();
      return rows.sort((x, y) => (dateKey(x) < dateKey(y) ? 1 : dateKey(x) > dateKey(y) ? -1 : 0)).slice(0, n);
    };
    const count = async (): Promise<number> => {
      const parts: string[] = [];
      const bindings: unknown[] = [];
      // items and laws, no filter: every entry counts, and without a column to test the count needs no row of the
      // table (a bitmap of the GIN index over all-visible pages)
      if (!filtered && branches.length === 2) {
        parts.push(`SELECT 1 FROM ${S} s WHERE s.tsv @@ ${q}`);
        bindings.push(tsq);
      } else for (const b of branches) {
        parts.push(filtered
          ? `SELECT 1 FROM ${S} s JOIN ${b.table} ${b.alias} ON ${b.alias}.id = s.row_id WHERE s.kind = '${b.kind}' AND s.tsv @@ ${q} AND ${b.where}`
          : `SELECT 1 FROM ${S} s WHERE s.kind = '${b.kind}' AND s.tsv @@ ${q}`);
        bindings.push(tsq, ...(filtered ? b.bindings : []));
      }
      const sql = `SELECT COUNT(*) AS n FROM (${parts.join(' UNION ALL ')} LIMIT ?) x`;
      if (terms.length === 1 && !filtered) {
        // one word, no filter: the planner knows its frequency (ANALYZE's statistics of the index's words); far above
        // the cap, counting to the cap would only confirm it — reading a thousand scattered rows of a large index
        const [plan] = await query(knex, `EXPLAIN (FORMAT JSON) ${parts.join(' UNION ALL ')}`, bindings);
        const estimate = Number((plan?.['QUERY PLAN'] as any)?.[0]?.Plan?.['Plan Rows'] ?? 0);
        if (estimate >= COUNT_SURELY_ABOVE * cap) return cap + 1;
      }
      if (terms.length === 1 || filtered) return Number((await query(knex, sql, [...bindings, cap + 1]))[0]?.n ?? 0);
      // several words: the planner guesses their co-occurrence (as independent) and, expecting to reach the cap soon,
      // would scan until it does — all 1,000,000 entries for two words that never meet. The GIN index is exact.
      return knex.transaction(async (trx: any) => {
        await trx.raw('SET LOCAL enable_seqscan = off');
        await trx.raw('SET LOCAL enable_indexscan = off');
        return Number((await query(trx, sql, [...bindings, cap + 1]))[0]?.n ?? 0);
      });
    };
    const need = offset + limit;
    const found: Array<Record<string, any>> = [];
    let exhausted = true;
    for (const tier of tiers) {
      const rows = await tierRows(tier, need - found.length);
      found.push(...rows);
      if (found.length >= need) {
        exhausted = false;
        break;
      }
    }
    // every tier ran out before the page was full: what was found is every match
    const n = exhausted ? found.length : await count();
    return { rows: found.slice(offset, need), total: Math.min(n, cap), capped: n > cap };
  }

  /** SQLite: the same tiers in one statement (FTS5 finds the matches; a database of this size sorts them all). */
  private sqliteSql(branches: Branch[], terms: string[], ident: IdentQuery | null): { sql: string; bindings: unknown[] } {
    const match = ftsQuery(terms);
    const parts: string[] = [];
    const bindings: unknown[] = [];
    for (const b of branches) {
      const rank = identRank(ident, b.kind, false);
      parts.push(`SELECT s.id, s.kind, s.document_id, s.row_id, s.title, s.publish_date, ${rank.sql} AS ident_hit
        FROM ${FTS} JOIN ${S} s ON s.id = ${FTS}.rowid JOIN ${b.table} ${b.alias} ON ${b.alias}.id = s.row_id
        WHERE ${FTS} MATCH ? AND s.kind = '${b.kind}' AND ${b.where}`);
      bindings.push(...rank.bindings, match, ...b.bindings);
    }
    return {
      sql: `SELECT m.*, CASE WHEN m.id IN (SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH ?) THEN 1 ELSE 0 END AS title_hit, COUNT(*) OVER () AS matched
        FROM (${parts.join(' UNION ALL ')}) m
        ORDER BY ident_hit DESC, title_hit DESC, publish_date DESC NULLS LAST, document_id DESC LIMIT ? OFFSET ?`,
      bindings: [`title : (${match})`, ...bindings],
    };
  }

  /** The documents whose 发文字号 or 索引号 is, or begins with, the query (btree range on the entry's columns). */
  private lookupSql(branches: Branch[], ident: IdentQuery): string {
    const parts = branches
      .filter((b) => ident.field === 'doc_no' || b.kind === 'item')
      .map((b) => `SELECT s.id, s.kind, s.document_id, s.row_id, s.title, s.publish_date, ${identRank(ident, b.kind, this.c.pg).sql} AS ident_hit, 0 AS title_hit, 0 AS score
        FROM ${S} s JOIN ${b.table} ${b.alias} ON ${b.alias}.id = s.row_id
        WHERE s.kind = '${b.kind}' AND ${prefixSql(ident, this.c.pg)} AND ${b.where}`);
    if (!parts.length) return `SELECT 1 AS matched WHERE 1 = 0 LIMIT ? OFFSET ?`;
    return `SELECT m.*, COUNT(*) OVER () AS matched FROM (${parts.join(' UNION ALL ')}) m
      ORDER BY ident_hit DESC, publish_date DESC, document_id LIMIT ? OFFSET ?`;
  }

  private lookupBindings(branches: Branch[], ident: IdentQuery): unknown[] {
    return branches
      .filter((b) => ident.field === 'doc_no' || b.kind === 'item')
      .flatMap((b) => [...identRank(ident, b.kind, this.c.pg).bindings, ...prefixBindings(ident, this.c.pg), ...b.bindings]);
  }
}

interface Branch { kind: Kind; table: string; alias: string; where: string; bindings: unknown[] }

const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

/** `s.<field>` begins with the value: LIKE on PostgreSQL (text_pattern_ops index), a byte range on SQLite. */
function prefixSql(ident: IdentQuery, pg: boolean): string {
  return pg ? `s.${ident.field} LIKE ?` : `(s.${ident.field} >= ? AND s.${ident.field} < ?)`;
}
function prefixBindings(ident: IdentQuery, pg: boolean): unknown[] {
  return pg ? [likePrefix(ident.value)] : [ident.value, `${ident.value}\u{10FFFF}`];
}

/** 2: the 发文字号/索引号 is the query, 1: begins with it, 0: neither (or no such query). */
function identRank(ident: IdentQuery | null, kind: Kind, pg: boolean): { sql: string; bindings: unknown[] } {
  if (!ident || (ident.field === 'index_no' && kind !== 'item')) return { sql: '0', bindings: [] };
  return { sql: `CASE WHEN s.${ident.field} = ? THEN 2 WHEN ${prefixSql(ident, pg)} THEN 1 ELSE 0 END`, bindings: [ident.value, ...prefixBindings(ident, pg)] };
}
