/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of a list of entries, written by hand rather than with the `feed`
 * package because three things the validators and readers care about need control over the markup:
 * - the organisation is the entry's author, and RSS's <author> must be an e-mail address, so RSS carries
 *   it as <dc:creator> (Dublin Core namespace), Atom as <author><name>, JSON Feed 1.1 as authors[].name;
 * - every date is in China time (+08:00 / +0800), never UTC 'Z' or GMT: an entry published on 3 月 1 日
 *   must not read as 2 月 28 日 16:00 in a reader that shows the raw date;
 * - links go to the pages of the portal (config feeds.*LinkTemplate), and the feed links to itself
 *   (atom:link rel="self", which the W3C validator recommends for RSS too).
 * Pure: no Strapi. The HTML given is the sanitized HTML stored at write time (src/domain/rich-text.ts).
 */
import { escapeHtml } from '../../../../../src/domain/html';
import { chinaIsoTime, chinaRfc822Time } from '../../../../../src/domain/dates';

export interface FeedEntry {
  /** stable, unique: the entry's page URL */
  id: string;
  url: string;
  title: string;
  /** 发布日期 (or publication) */
  published: Date;
  /** last publication of this version */
  updated: Date;
  /** the organisation */
  author: string | null;
  /** sanitized HTML: the summary (RSS description, Atom summary) */
  summaryHtml: string;
  /** sanitized HTML: the body, else the summary (Atom content, JSON Feed content_html) */
  contentHtml: string;
  /** plain-text summary (JSON Feed summary) */
  summaryText: string | null;
  categories: string[];
}

export interface FeedMeta {
  title: string;
  description: string;
  /** the page of this channel in the portal */
  homePageUrl: string;
  /** this feed, in the format being written */
  feedUrl: string;
  /** the feed's id (Atom): stable across formats */
  id: string;
  updated: Date;
  /** the publisher: channel-level author and copyright */
  author: string;
  language: string;
  generator: string;
}

/** Escaped for XML, without the characters XML 1.0 forbids (a stray control character would make the feed unreadable). */
const x = (s: string) => escapeHtml(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
const iso = (d: Date) => chinaIsoTime(d) as string;
const rfc822 = (d: Date) => chinaRfc822Time(d) as string;

export function rss2(meta: FeedMeta, entries: FeedEntry[]): string {
  const items = entries.map((e) => [
    '    <item>',
    `      <title>${x(e.title)}</title>`,
    `      <link>${x(e.url)}</link>`,
    `      <guid isPermaLink="true">${x(e.url)}</guid>`,
    `      <pubDate>${rfc822(e.published)}</pubDate>`,
    e.author ? `      <dc:creator>${x(e.author)}</dc:creator>` : '',
    ...e.categories.map((c) => `      <category>${x(c)}</category>`),
    `      <description>${x(e.summaryHtml)}</description>`,
    '    </item>',
  ].filter(Boolean).join('\n'));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${x(meta.title)}</title>`,
    `    <link>${x(meta.homePageUrl)}</link>`,
    `    <description>${x(meta.description)}</description>`,
    `    <atom:link href="${x(meta.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    `    <language>${x(meta.language)}</language>`,
    `    <copyright>${x(meta.author)}</copyright>`,
    `    <dc:creator>${x(meta.author)}</dc:creator>`,
    `    <lastBuildDate>${rfc822(meta.updated)}</lastBuildDate>`,
    `    <generator>${x(meta.generator)}</generator>`,
    `    <docs>https://www.rssboard.org/rss-specification</docs>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atom1(meta: FeedMeta, entries: FeedEntry[]): string {
  const items = entries.map((e) => [
    '  <entry>',
    `    <title type="text">${x(e.title)}</title>`,
    `    <id>${x(e.id)}</id>`,
    `    <link rel="alternate" type="text/html" href="${x(e.url)}"/>`,
    `    <published>${iso(e.published)}</published>`,
    `    <updated>${iso(e.updated)}</updated>`,
    e.author ? `    <author><name>${x(e.author)}</name></author>` : '',
    ...e.categories.map((c) => `    <category term="${x(c)}"/>`),
    `    <summary type="html">${x(e.summaryHtml)}</summary>`,
    `    <content type="html">${x(e.contentHtml)}</content>`,
    '  </entry>',
  ].filter(Boolean).join('\n'));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(meta.language)}">`,
    `  <id>${x(meta.id)}</id>`,
    `  <title type="text">${x(meta.title)}</title>`,
    `  <subtitle type="text">${x(meta.description)}</subtitle>`,
    `  <updated>${iso(meta.updated)}</updated>`,
    // the feed-level author covers entries without one (RFC 4287 §4.1.1)
    `  <author><name>${x(meta.author)}</name></author>`,
    `  <link rel="alternate" type="text/html" href="${x(meta.homePageUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${x(meta.feedUrl)}"/>`,
    `  <rights>${x(meta.author)}</rights>`,
    `  <generator>${x(meta.generator)}</generator>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
}

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export function jsonFeed11(meta: FeedMeta, entries: FeedEntry[]): string {
  return JSON.stringify({
    version: JSON_FEED_VERSION,
    title: meta.title,
    home_page_url: meta.homePageUrl,
    feed_url: meta.feedUrl,
    description: meta.description,
    language: meta.language,
    authors: [{ name: meta.author }],
    items: entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      ...(e.summaryText ? { summary: e.summaryText } : {}),
      date_published: iso(e.published),
      date_modified: iso(e.updated),
      ...(e.author ? { authors: [{ name: e.author }] } : {}),
      ...(e.categories.length ? { tags: e.categories } : {}),
    })),
  });
}
