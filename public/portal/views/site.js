/**
 * The site frame's pages: 联系我们 (#/contact) and 网站地图 (#/sitemap: every section and every
 * organisation's 公开目录). The frame itself (name, 主办单位, 网站标识码, 备案号) comes from ./site.json
 * (config/portal.ts on the server) and is drawn by app.js.
 */
import { h, href, metaList, notice, title } from '../dom.js';
import { annualReportCount, subtree } from './home.js';

/** The site frame (GET ./site.json), fetched once; null when the portal is hosted without one. */
let framePromise;
export function loadFrame() {
  framePromise ??= fetch(new URL('./site.json', document.baseURI))
    .then((res) => (res.ok ? res.json() : null))
    .then((body) => body?.data ?? null)
    .catch(() => null);
  return framePromise;
}

export async function contact() {
  const frame = await loadFrame();
  const c = frame?.contact ?? {};
  const pairs = [
    ['主办单位', frame?.sponsor],
    frame?.organizer ? ['承办单位', frame.organizer] : null,
    ['通讯地址', c.address],
    ['邮政编码', c.postcode],
    ['联系电话', c.phone ? h('a', { href: `tel:${c.phone.replace(/[^\d+]/g, '')}` }, c.phone) : null],
    ['电子邮箱', c.email ? h('a', { href: `mailto:${c.email}` }, c.email) : null],
    ['办公时间', c.hours],
  ];
  const any = Object.values(c).some(Boolean) || frame?.sponsor;
  return {
    title: '联系我们',
    content: [
      title('联系我们'),
      any ? metaList(pairs, { 'data-testid': 'contact' }) : notice('本网站尚未设置联系方式。'),
      h('p', {}, '申请获取政府信息，请使用', h('a', { href: href('request') }, '依申请公开'), '。'),
    ],
  };
}

const SECTIONS = [
  ['#/', '公开目录'],
  ['#/search', '信息检索'],
  ['#/laws', '法规文件'],
  ['#/annual-reports', '年度报告'],
  ['#/request', '依申请公开'],
  ['#/request/status', '查询办理进度'],
  ['#/contact', '联系我们'],
];

export async function sitemap({ api }) {
  const { data: trees } = await api.catalogue();
  const counts = await Promise.all(trees.map((t) => annualReportCount(api, t.organization, t.nodes)));
  return {
    title: '网站地图',
    content: [
      title('网站地图'),
      h('section', { 'aria-labelledby': 'map-sections' }, h('h2', { id: 'map-sections' }, '栏目'), h('ul', { class: 'sitemap-sections' }, SECTIONS.map(([link, label]) => h('li', {}, h('a', { href: link }, label))))),
      h(
        'section',
        { 'aria-labelledby': 'map-catalogue', 'data-testid': 'sitemap-catalogue' },
        h('h2', { id: 'map-catalogue' }, '政府信息公开目录'),
        trees.length
          ? trees.map((tree, i) => {
              const org = tree.organization;
              const id = `map-org-${i}`;
              return h(
                'section',
                { class: 'sitemap-org', 'aria-labelledby': id },
                h('h3', { id }, h('a', { href: `#/org/${encodeURIComponent(org.code)}` }, org.name)),
                tree.nodes.length ? subtree(org, tree.nodes, counts[i], { class: 'sitemap-tree' }) : notice('该机构暂无公开目录。'),
              );
            })
          : notice('暂无公开目录。'),
      ),
    ],
  };
}
