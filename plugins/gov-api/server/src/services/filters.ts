/**
 * Parsed, validated filters → SQL predicates on the published rows (alias d = disclosure_items,
 * l = laws). Unknown organisations, catalogue nodes and subject categories are a 400 (a typo should
 * not look like "no results"). The public visibility predicate is always the first condition.
 */
import { SEARCH_FTS_TABLE as FTS, SEARCH_TABLE as S, T, type Kind } from '../constants';
import { badRequest, type Parsed } from '../validation/params';
import { lawVisible, itemVisible } from '../visibility';
import { placeholders, type Sql } from '../sql';
import type { RefData } from './refs';
import { queryTerms } from '../search/text';

export interface Where {
  parts: string[];
  bindings: unknown[];
}

const add = (w: Where, sql: Sql | string, ...bindings: unknown[]) => {
  if (typeof sql === 'string') {
    w.parts.push(sql);
    w.bindings.push(...bindings);
  } else {
    w.parts.push(sql.text);
    w.bindings.push(...sql.bindings);
  }
};

export const whereSql = (w: Where) => (w.parts.length ? w.parts.map((p) => `(${p})`).join(' AND ') : '1=1');

export function resolveOrgId(refs: RefData, key: string | undefined): number | undefined {
  if (key === undefined) return undefined;
  const org = refs.org(key);
  if (!org) badRequest('org', `参数 org（发布机构）指定的机构“${key}”不存在`, key);
  return org.id;
}

/** Node ids (the node and its public descendants) for a node code/documentId. */
export function resolveNodeIds(refs: RefData, key: string, orgId: number | undefined): number[] {
  let nodes = refs.nodesFor(key, orgId);
  if (!nodes.length && orgId !== undefined) nodes = refs.nodesFor(key); // delegated nodes of another organisation
  if (!nodes.length) badRequest('node', `参数 node（目录栏目）指定的栏目“${key}”不存在或未公开`, key);
  const ids = new Set<number>();
  for (const n of nodes) for (const id of refs.subtreeIds(n.id)) ids.add(id);
  return [...ids];
}

/** Words of q, or 400 when it has none. */
export function termsOf(q: string, maxTerms: number): string[] {
  const terms = queryTerms(q, maxTerms);
  if (!terms.length) badRequest('q', `参数 q（关键词）“${q}”中没有可检索的词语`, q);
  return terms;
}

/** FTS5 query: every term, quoted (AND). */
export const ftsQuery = (terms: string[]) => terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');

/** rows of `alias` whose search-index entry matches all terms. */
export function textMatch(pg: boolean, kind: Kind, alias: string, terms: string[]): Sql {
  if (pg) {
    return { text: `${alias}.id IN (SELECT s.row_id FROM ${S} s WHERE s.kind = ? AND s.tsv @@ plainto_tsquery('simple', ?))`, bindings: [kind, terms.join(' ')] };
  }
  return { text: `${alias}.id IN (SELECT s.row_id FROM ${FTS} f JOIN ${S} s ON s.id = f.rowid WHERE ${FTS} MATCH ? AND s.kind = ?)`, bindings: [ftsQuery(terms), kind] };
}

export interface ItemFilterOptions {
  pg: boolean;
  maxTerms: number;
  /** Skip q (the search route matches through the index itself). */
  ignoreQ?: boolean;
}

/** WHERE for 政府信息 (alias d): visibility + node, org, year, category, genre, from, to, validity, q. */
export function itemWhere(p: Parsed, refs: RefData, opts: ItemFilterOptions): Where {
  const w: Where = { parts: [], bindings: [] };
  add(w, itemVisible('d'));
  const orgId = resolveOrgId(refs, p.org as string | undefined);
  if (p.node !== undefined) {
    const ids = resolveNodeIds(refs, p.node as string, orgId);
    add(w, `EXISTS (SELECT 1 FROM ${T.itemNodes.table} ln WHERE ln.${T.itemNodes.owner} = d.id AND ln.${T.itemNodes.target} IN (${placeholders(ids.length)}))`, ...ids);
  }
  if (orgId !== undefined) {
    add(w, `EXISTS (SELECT 1 FROM ${T.itemOrg.table} lo WHERE lo.${T.itemOrg.owner} = d.id AND lo.${T.itemOrg.target} = ?)`, orgId);
  }
  if (p.year !== undefined) add(w, 'd.publish_date >= ? AND d.publish_date <= ?', `${p.year}-01-01`, `${p.year}-12-31`);
  if (p.category !== undefined) {
    const cats = refs.categoriesFor(p.category as string);
    if (!cats.length) badRequest('category', `参数 category（主题分类）指定的分类“${p.category}”不存在`, p.category);
    const ids = refs.categoryTreeIds(cats);
    add(w, `EXISTS (SELECT 1 FROM ${T.itemCategory.table} lc WHERE lc.${T.itemCategory.owner} = d.id AND lc.${T.itemCategory.target} IN (${placeholders(ids.length)}))`, ...ids);
  }
  if (p.genre !== undefined) add(w, 'd.genre = ?', p.genre);
  if (p.validity !== undefined) add(w, 'd.validity = ?', p.validity);
  if (p.from !== undefined) add(w, 'd.publish_date >= ?', p.from);
  if (p.to !== undefined) add(w, 'd.publish_date <= ?', p.to);
  if (p.q !== undefined && !opts.ignoreQ) add(w, textMatch(opts.pg, 'item', 'd', termsOf(p.q as string, opts.maxTerms)));
  return w;
}

/** WHERE for 法规文件 (alias l): visibility + level, status, effectiveOn, org, year, from, to, q. */
export function lawWhere(p: Parsed, refs: RefData, opts: ItemFilterOptions): Where {
  const w: Where = { parts: [], bindings: [] };
  add(w, lawVisible('l'));
  if (p.level !== undefined) add(w, 'l.level = ?', p.level);
  if (p.status !== undefined) add(w, 'l.law_status = ?', p.status);
  if (p.effectiveOn !== undefined) {
    // in force on the day (src/domain/law-status.ts inForceOn): 施行 ≤ day < 失效/废止
    const d = p.effectiveOn;
    add(w, '(l.effective_date IS NULL OR l.effective_date <= ?) AND (l.repealed_date IS NULL OR l.repealed_date > ?) AND (l.expiry_date IS NULL OR l.expiry_date > ?)', d, d, d);
  }
  const orgId = resolveOrgId(refs, p.org as string | undefined);
  if (orgId !== undefined) {
    add(w, `EXISTS (SELECT 1 FROM ${T.lawOrg.table} lo WHERE lo.${T.lawOrg.owner} = l.id AND lo.${T.lawOrg.target} = ?)`, orgId);
  }
  if (p.year !== undefined) add(w, 'l.publish_date >= ? AND l.publish_date <= ?', `${p.year}-01-01`, `${p.year}-12-31`);
  if (p.from !== undefined) add(w, 'l.publish_date >= ?', p.from);
  if (p.to !== undefined) add(w, 'l.publish_date <= ?', p.to);
  if (p.q !== undefined && !opts.ignoreQ) add(w, textMatch(opts.pg, 'law', 'l', termsOf(p.q as string, opts.maxTerms)));
  return w;
}
