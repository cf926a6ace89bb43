/**
 * /feeds/:nodeCode.rss|.atom|.json — RSS 2.0, Atom 1.0 and JSON Feed of a public catalogue node (and
 * its descendants): the newest public items, built with the `feed` package. Deterministic output
 * (the feed's date is its newest entry's), so ETags stay stable between renders.
 */
import nodeModule from 'module';
import type { Feed as FeedClass } from 'feed';
import { T } from '../constants';
import { badRequest, notFound, type Parsed } from '../validation/params';
import { isoDate, isoTime, query } from '../sql';
import { escapeHtml } from '../../../../../src/domain/html';
import { newest, type Ctx, type Rendered } from './context';
import { itemWhere, resolveOrgId, whereSql } from './filters';
import { ITEM_LIST_COLUMNS } from './items';
import type { NodeRow } from './refs';

export const FEED_FORMATS = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;

/** "QS-GZDT.rss" → ["QS-GZDT", "rss"], or 400. */
export function parseFeedName(name: string): { code: string; format: FeedFormat } {
  const m = /^(.+)\.(rss|atom|json)$/.exec(name);
  if (!m || !m[1]) badRequest('feed', `订阅源地址“${name}”无效：应为 栏目代码.rss、栏目代码.atom 或 栏目代码.json`, name);
  return { code: m[1], format: m[2] as FeedFormat };
}

/**
 * `feed` 5 is an ES module, which Node ≥ 20.19 require()s natively. It is loaded with Node's own
 * loader (process.getBuiltinModule('module').createRequire) so that this also works when the
 * compiled app runs inside Jest's module registry (the integration tests), which cannot require ES
 * modules and patches createRequire.
 */
let FeedCtor: typeof FeedClass | null = null;
function feedClass(): typeof FeedClass {
  const mod: typeof nodeModule = (process as any).getBuiltinModule?.('module') ?? nodeModule;
  FeedCtor ??= (mod.createRequire(__filename)('feed') as { Feed: typeof FeedClass }).Feed;
  return FeedCtor;
}

/** Midnight China time of a YYYY-MM-DD date. */
const chinaDate = (d: string) => new Date(`${d}T00:00:00+08:00`);

export class FeedsService {
  constructor(private c: Ctx) {}

  async feed(name: string, p: Parsed): Promise<Rendered> {
    const { code, format } = parseFeedName(name);
    const refs = await this.c.refs();
    const orgId = resolveOrgId(refs, p.org as string | undefined);
    const nodes: NodeRow[] = refs.nodesFor(code, orgId);
    if (!nodes.length) notFound(`未找到公开目录栏目“${code}”`);
    if (nodes.length > 1) {
      const orgs = nodes.map((n) => refs.orgs.get(n.orgId ?? -1)?.code ?? '?').join('、');
      badRequest('org', `栏目代码“${code}”属于多个机构（${orgs}），请用 org 参数指定机构`, code);
    }
    const node = nodes[0];
    const org = node.orgId !== null ? refs.orgs.get(node.orgId) : undefined;
    const settings = this.c.settings();
    const where = itemWhere({ node: node.documentId }, refs, { pg: this.c.pg, maxTerms: settings.search.maxTerms });
    const rows = await query(this.c.knex(), `SELECT ${ITEM_LIST_COLUMNS} FROM ${T.items} d WHERE ${whereSql(where)}
      ORDER BY d.publish_date DESC NULLS LAST, d.document_id DESC LIMIT ?`, [...where.bindings, settings.feeds.limit]);

    const base = settings.feeds.publicUrl;
    const feedUrl = (f: FeedFormat) => `${base}/api/gov/v1/feeds/${encodeURIComponent(code)}.${f}${p.org ? `?org=${encodeURIComponent(String(p.org))}` : ''}`;
    const link = (id: string) => settings.feeds.itemLinkTemplate.replace('{publicUrl}', base).replace('{id}', encodeURIComponent(id));
    const updatedIso = newest(rows.map((r) => isoTime(r.published_at)));
    const title = `${org?.name ?? ''}${org ? ' - ' : ''}${node.name}`;
    const Feed = feedClass();
    const feed = new Feed({
      title,
      id: feedUrl(format),
      link: `${base}/api/gov/v1/items?node=${encodeURIComponent(node.documentId)}`,
      description: `${title}：主动公开的政府信息`,
      language: 'zh-CN',
      copyright: org?.name ?? title,
      updated: updatedIso ? new Date(updatedIso) : new Date(0),
      generator: 'gov-disclosure gov-api',
      feedLinks: { rss: feedUrl('rss'), atom: feedUrl('atom'), json: feedUrl('json') },
    });
    for (const r of rows) {
      const date = isoDate(r.publish_date);
      const when = date ? chinaDate(date) : new Date(isoTime(r.published_at) ?? 0);
      const itemOrg = r.org_id != null ? refs.orgs.get(Number(r.org_id)) : undefined;
      feed.addItem({
        title: String(r.title ?? ''),
        id: link(String(r.document_id)),
        link: link(String(r.document_id)),
        date: when,
        published: when,
        description: escapeHtml([r.index_no ? `索引号：${r.index_no}` : '', r.document_number ? `发文字号：${r.document_number}` : '', r.summary ?? ''].filter(Boolean).join('　')),
        author: itemOrg ? [{ name: itemOrg.name }] : undefined,
        category: r.genre ? [{ name: String(r.genre) }] : undefined,
      });
    }
    const body = format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
    return { body, contentType: FEED_FORMATS[format], lastModified: updatedIso };
  }
}
