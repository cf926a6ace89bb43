/** The feed writers (plugins/gov-api/server/src/services/feed-formats.ts) on their own: well-formed, China time, no forbidden characters. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { atom1, jsonFeed11, rss2, type FeedEntry, type FeedMeta } from '../../plugins/gov-api/server/src/services/feed-formats';

const meta: FeedMeta = {
  title: '青山县人民政府 - 通知公告 <&>', description: '说明', homePageUrl: 'http://x/portal/#/items?org=1&node=2', feedUrl: 'http://x/api/gov/v1/feeds/TZ.rss',
  id: 'http://x/api/gov/v1/feeds/TZ.atom', updated: new Date('2025-03-01T02:00:00Z'), author: '青山县人民政府', language: 'zh-CN', generator: 'test',
};
const entry: FeedEntry = {
  id: 'http://x/portal/#/item/abc', url: 'http://x/portal/#/item/abc', title: '标题\u0007含控制字符 & 符号', published: new Date('2025-02-28T16:00:00Z'),
  updated: new Date('2025-03-01T01:02:03Z'), author: '青山县人民政府', summaryHtml: '<p>摘要</p>', contentHtml: '<h2>正文</h2>', summaryText: '摘要', categories: ['通知'],
};

it('RSS and Atom are well-formed XML with the text escaped and control characters removed', () => {
  for (const xml of [rss2(meta, [entry]), atom1(meta, [entry])]) {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('\u0007');
    expect(xml).toContain('标题含控制字符 &amp; 符号');
    expect(xml).toContain('&lt;p&gt;摘要&lt;/p&gt;');
  }
  const rss = new XMLParser({ ignoreAttributes: false }).parse(rss2(meta, [entry])).rss.channel;
  expect(rss.item.pubDate).toBe('Sat, 01 Mar 2025 00:00:00 +0800');
  expect(rss.lastBuildDate).toBe('Sat, 01 Mar 2025 10:00:00 +0800');
  expect(rss.link).toBe('http://x/portal/#/items?org=1&node=2');
});

it('JSON Feed 1.1 dates are China time', () => {
  const feed = JSON.parse(jsonFeed11(meta, [entry]));
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(feed.items[0]).toMatchObject({ date_published: '2025-03-01T00:00:00+08:00', date_modified: '2025-03-01T09:02:03+08:00', content_html: '<h2>正文</h2>', summary: '摘要', tags: ['通知'] });
});
