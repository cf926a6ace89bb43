/**
 * /feeds/:nodeCode.rss|.atom|.json — RSS 2.0, Atom 1.0 and JSON Feed 1.1 of a public catalogue node (and
 * its descendants): the newest public items; /feeds/laws/all.rss|.atom|.json — the newest published laws.
 * Entries and channels link to the pages of the portal (config feeds.itemLinkTemplate, channelLinkTemplate,
 * lawLinkTemplate), the organisation is the author, dates are China time (feed-formats.ts). Deterministic
 * output (the feed's date is its newest entry's), so ETags stay stable between renders.
 */
import { T } from '../constants';
import { badRequest, notFound, type Parsed } from '../validation/params';
import { isoDate, isoTime, query } from '../sql';
import { escapeHtml } from '../../../../../src/domain/html';
import { chinaMidnight } from '../../../../../src/domain/dates';
import type { GovApiConfig } from '../config';
import { newest, type Ctx, type Rendered } from './context';
import { itemWhere, lawWhere, resolveOrgId, whereSql } from './filters';
import { ITEM_LIST_COLUMNS } from './items';
import { LAW_LIST_COLUMNS } from './laws';
import { atom1, jsonFeed11, rss2, type FeedEntry, type FeedMeta } from './feed-formats';
import type { NodeRow } from './refs';

export const FEED_FORMATS = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;

/** The one name of the laws' feed below /feeds/laws/. */
export const LAW_FEED_NAME = 'all';

/** "QS-GZDT.rss" → ["QS-GZDT", "rss"], or 400. */
export function parseFeedName(name: string): { code: string; format: FeedFormat } {
  const m = /^(.+)\.(rss|atom|json)$/.exec(name);
  if (!m || !m[1]) badRequest('feed', `订阅源地址“${name}”无效：应为 栏目代码.rss、栏目代码.atom 或 栏目代码.json`, name);
  return { code: m[1], format: m[2] as FeedFormat };
}

/** A link template with its {placeholders} replaced by URL-encoded values ({publicUrl} as is). */
export function fillLink(template: string, publicUrl: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key === 'publicUrl' ? publicUrl : key in values ? encodeURIComponent(values[key]) : m));
}

const render = (format: FeedFormat, meta: FeedMeta, entries: FeedEntry[]) =>
  format === 'rss' ? rss2(meta, entries) : format === 'atom' ? atom1(meta, entries) : jsonFeed11(meta, entries);

/** 发布日期 at midnight China time, else the publication instant. */
function publishedOf(r: Record<string, any>): Date {
  const day = isoDate(r.publish_date);
  return day ? chinaMidnight(day) : new Date(isoTime(r.published_at) ?? 0);
}

function entryOf(r: Record<string, any>, url: string, author: string | null, meta: string[]): FeedEntry {
  const metaHtml = meta.length ? `<p>${escapeHtml(meta.join('　'))}</p>` : '';
  const summaryHtml = String(r.summary_html ?? '');
  const published = publishedOf(r);
  return {
    id: url,
    url,
    title: String(r.title ?? ''),
    published,
    updated: r.published_at ? new Date(isoTime(r.published_at) ?? 0) : published,
    author,
    summaryHtml: metaHtml + summaryHtml,
    contentHtml: metaHtml + (r.body_html ? String(r.body_html) : summaryHtml),
    summaryText: r.summary ? String(r.summary) : null,
    categories: r.genre ? [String(r.genre)] : r.level ? [String(r.level)] : [],
  };
}

export class FeedsService {
  constructor(private c: Ctx) {}

  private feedUrl(settings: GovApiConfig, path: string, format: FeedFormat, org: unknown): string {
    return `${settings.feeds.publicUrl}/api/gov/v1/feeds/${path}.${format}${org ? `?org=${encodeURIComponent(String(org))}` : ''}`;
  }

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
    const rows = await query(this.c.knex(), `SELECT ${ITEM_LIST_COLUMNS}, d.body_html, d.summary_html FROM ${T.items} d WHERE ${whereSql(where)}
      ORDER BY d.publish_date DESC NULLS LAST, d.document_id DESC LIMIT ?`, [...where.bindings, settings.feeds.limit]);

    const base = settings.feeds.publicUrl;
    const updatedIso = newest(rows.map((r) => isoTime(r.published_at)));
    const title = `${org?.name ?? ''}${org ? ' - ' : ''}${node.name}`;
    const self = this.feedUrl(settings, encodeURIComponent(code), format, p.org);
    const meta: FeedMeta = {
      title,
      description: `${title}：主动公开的政府信息`,
      homePageUrl: fillLink(settings.feeds.channelLinkTemplate, base, { org: org?.code ?? '', node: node.documentId, code: node.code }),
      feedUrl: self,
      id: this.feedUrl(settings, encodeURIComponent(code), 'atom', p.org),
      updated: updatedIso ? new Date(updatedIso) : new Date(0),
      author: org?.name ?? title,
      language: 'zh-CN',
      generator: 'gov-disclosure gov-api',
    };
    const entries = rows.map((r) => {
      const itemOrg = r.org_id != null ? refs.orgs.get(Number(r.org_id)) : undefined;
      const url = fillLink(settings.feeds.itemLinkTemplate, base, { id: String(r.document_id) });
      return entryOf(r, url, itemOrg?.name ?? null, [r.index_no ? `索引号：${r.index_no}` : '', r.document_number ? `发文字号：${r.document_number}` : ''].filter(Boolean));
    });
    return { body: render(format, meta, entries), contentType: FEED_FORMATS[format], lastModified: updatedIso };
  }

  /** The newest published laws (of one organisation with org=). */
  async lawFeed(name: string, p: Parsed): Promise<Rendered> {
    const { code, format } = parseFeedName(name);
    if (code !== LAW_FEED_NAME) notFound(`未找到法规文件订阅源“${code}”：应为 ${LAW_FEED_NAME}.rss、${LAW_FEED_NAME}.atom 或 ${LAW_FEED_NAME}.json`);
    const refs = await this.c.refs();
    const orgId = resolveOrgId(refs, p.org as string | undefined);
    const org = orgId !== undefined ? refs.orgs.get(orgId) : undefined;
    const settings = this.c.settings();
    const where = lawWhere({ org: p.org }, refs, { pg: this.c.pg, maxTerms: settings.search.maxTerms });
    const rows = await query(this.c.knex(), `SELECT ${LAW_LIST_COLUMNS}, l.body_html, l.summary_html FROM ${T.laws} l WHERE ${whereSql(where)}
      ORDER BY l.publish_date DESC NULLS LAST, l.document_id DESC LIMIT ?`, [...where.bindings, settings.feeds.limit]);
    const base = settings.feeds.publicUrl;
    const updatedIso = newest(rows.map((r) => isoTime(r.published_at)));
    const title = `${org ? `${org.name} - ` : ''}法律法规与规范性文件`;
    const meta: FeedMeta = {
      title,
      description: `${title}：已发布的法规文件及其效力状态`,
      homePageUrl: fillLink(settings.feeds.lawsLinkTemplate, base, { org: org?.code ?? '' }),
      feedUrl: this.feedUrl(settings, `laws/${code}`, format, p.org),
      id: this.feedUrl(settings, `laws/${code}`, 'atom', p.org),
      updated: updatedIso ? new Date(updatedIso) : new Date(0),
      author: org?.name ?? '政府信息公开平台',
      language: 'zh-CN',
      generator: 'gov-disclosure gov-api',
    };
    const entries = rows.map((r) => {
      const lawOrg = r.org_id != null ? refs.orgs.get(Number(r.org_id)) : undefined;
      const url = fillLink(settings.feeds.lawLinkTemplate, base, { id: String(r.document_id) });
      return entryOf(r, url, lawOrg?.name ?? null, [r.document_number ? `发文字号：${r.document_number}` : '', r.law_status ? `效力状态：${r.law_status}` : ''].filter(Boolean));
    });
    return { body: render(format, meta, entries), contentType: FEED_FORMATS[format], lastModified: updatedIso };
  }
}
