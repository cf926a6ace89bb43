/** 政府信息: the filtered list (#/items?…) and the item page (#/item/<documentId or 索引号>). */
import { GovApiError } from '../vendor/gov-client/index.js';
import { alertBox, bodyHtml, codeText, formValues, h, href, itemHref, markdown, metaList, notice, pageOf, pager, statusBadge, title } from '../dom.js';
import { ANNUAL_REPORT_KIND, CATEGORIES, GENRES } from '../vocab.js';

const FILTERS = ['org', 'node', 'year', 'category', 'genre', 'from', 'to', 'q'];

/** Depth-first [node, depth] pairs of a catalogue. */
export function flatten(nodes, depth = 0, out = []) {
  for (const node of nodes) {
    out.push([node, depth]);
    flatten(node.children, depth + 1, out);
  }
  return out;
}

/** The 体裁分类 <select> (value = the API's genre). */
export const genreSelect = (id, selected) =>
  h('select', { id, name: 'genre' }, h('option', { value: '' }, '全部体裁'), GENRES.map((g) => h('option', { value: g, selected: g === selected }, g)));

const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);

function filterForm(filters, nodes) {
  return h(
    'form',
    {
      class: 'filters',
      'aria-label': '筛选条件',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = href('items', formValues(event.currentTarget));
      },
    },
    h('input', { type: 'hidden', name: 'org', value: filters.org }),
    nodes.length
      ? field(
          'f-node',
          '栏目',
          h(
            'select',
            { id: 'f-node', name: 'node' },
            h('option', { value: '' }, '全部栏目'),
            nodes.map(([node, depth]) => h('option', { value: node.code, selected: node.code === filters.node }, `${'　'.repeat(depth)}${node.name}`)),
          ),
        )
      : h('input', { type: 'hidden', name: 'node', value: filters.node }),
    field('f-year', '年份', h('input', { id: 'f-year', name: 'year', type: 'number', inputmode: 'numeric', min: 1949, max: 2100, value: filters.year })),
    field('f-category', '主题分类', h('input', { id: 'f-category', name: 'category', list: 'f-categories', value: filters.category })),
    h('datalist', { id: 'f-categories' }, CATEGORIES.map((c) => h('option', { value: c }))),
    field('f-genre', '体裁分类', genreSelect('f-genre', filters.genre)),
    field('f-from', '发布日期起', h('input', { id: 'f-from', name: 'from', type: 'date', value: filters.from })),
    field('f-to', '发布日期止', h('input', { id: 'f-to', name: 'to', type: 'date', value: filters.to })),
    field('f-q', '关键词', h('input', { id: 'f-q', name: 'q', type: 'search', value: filters.q })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '筛选'), h('a', { href: href('items', { org: filters.org }) }, '清除条件')),
  );
}

function entry(item) {
  return h(
    'li',
    { class: 'result' },
    h('h2', { class: 'result__title' }, h('a', { href: itemHref(item.id) }, item.title)),
    h(
      'p',
      { class: 'result__meta' },
      item.publishDate,
      item.indexNo ? [' · 索引号 ', codeText(item.indexNo)] : '',
      item.documentNumber ? [' · ', codeText(item.documentNumber)] : '',
      item.validity && item.validity !== '有效' ? [' ', statusBadge(item.validity)] : null,
    ),
    item.summary ? h('p', { class: 'result__summary' }, item.summary) : null,
  );
}

export async function itemList({ api, query }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query.get(k)?.trim() ?? '']));
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const page = pageOf(query);
  const [trees, list] = await Promise.all([
    filters.org ? api.catalogue({ org: filters.org }).then((r) => r.data) : [],
    // A rejected filter (400, e.g. 至 before 起) is shown above the form; other errors fail the page.
    api.items({ ...active, year: active.year ? Number(active.year) : undefined, page, limit: 20 }).catch((err) => {
      if (err instanceof GovApiError && err.status === 400) return err;
      throw err;
    }),
  ]);
  const nodes = trees.flatMap((t) => flatten(t.nodes));
  const node = nodes.find(([n]) => n.code === filters.node)?.[0];
  const org = trees[0]?.organization;
  const heading = node?.name ?? '信息列表';

  const results =
    list instanceof GovApiError
      ? [alertBox(list.message)]
      : [
          h('p', { class: 'result-count', role: 'status' }, `共 ${list.meta.pagination.total} 条`),
          list.data.length ? h('ol', { class: 'results' }, list.data.map(entry)) : notice('没有符合条件的信息。'),
          pager(list.meta.pagination, (p) => href('items', { ...active, page: p })),
        ];

  return {
    title: org ? `${heading} - ${org.name}` : heading,
    content: [
      org ? h('p', { class: 'eyebrow' }, h('a', { href: `#/org/${encodeURIComponent(org.code)}` }, org.name)) : null,
      title(heading),
      node?.description ? h('p', {}, node.description) : null,
      // the 年度报告 node: the reports are their own content type, not items of the node
      node?.kind === ANNUAL_REPORT_KIND && org
        ? h('p', { class: 'notice' }, h('a', { href: href('annual-reports', { org: org.code }) }, `查看${org.name}政府信息公开工作年度报告`))
        : null,
      // Collapsed on arrival from the catalogue, so the list is on the first screen of a phone.
      h('details', { class: 'filter-box', open: Object.keys(active).some((k) => k !== 'org' && k !== 'node') }, h('summary', {}, '筛选条件'), filterForm(filters, nodes)),
      results,
    ],
  };
}

function attachmentList(attachments, base) {
  return h(
    'ul',
    { class: 'attachments' },
    attachments.map((a) =>
      h('li', {}, h('a', { href: new URL(a.url, base).href }, a.name), a.ext || a.size ? ` （${[a.ext?.replace(/^\./, '').toUpperCase(), a.size ? `${Math.round(a.size)} KB` : ''].filter(Boolean).join('，')}）` : ''),
    ),
  );
}

/** 有效性 other than 有效, as the page states it (《政府网站发展指引》: mark the original page). */
const NOT_IN_FORCE = { 失效: '已失效', 废止: '已废止', 已修改: '已被修改' };

const linkList = (links) => h('ul', {}, links.map((l) => h('li', {}, h('a', { href: itemHref(l.id) }, l.title), l.publishDate ? ` （${l.publishDate}）` : '')));

/**
 * 首页 › 机构 › the item's catalogue path (its first one, when it sits in several nodes); the page itself is
 * the last entry, marked aria-current.
 */
function breadcrumb(item, path) {
  const org = item.organization;
  const crumbs = [
    h('li', {}, h('a', { href: '#/' }, '首页')),
    org ? h('li', {}, h('a', { href: `#/org/${encodeURIComponent(org.code)}` }, org.name)) : null,
    (path ?? []).map((n) => h('li', {}, h('a', { href: href('items', { org: org?.code, node: n.code }) }, n.name))),
    h('li', {}, h('span', { 'aria-current': 'page' }, '正文')),
  ];
  return h('nav', { class: 'breadcrumb', 'aria-label': '当前位置', 'data-testid': 'breadcrumb' }, h('ol', {}, crumbs));
}

export async function itemPage({ api, apiBase, params }) {
  const { data: item } = await api.item(params[0]);
  const path = item.cataloguePaths[0];
  return {
    title: item.title,
    content: [
      breadcrumb(item, path),
      title(item.title, { 'data-testid': 'item-title' }),
      h(
        'section',
        { class: 'meta-block', 'aria-labelledby': 'meta-heading' },
        h('h2', { id: 'meta-heading', class: 'visually-hidden' }, '信息属性'),
        metaList(
          [
            ['索引号', codeText(item.indexNo)],
            ['主题分类', item.subjectCategory?.path],
            ['体裁分类', item.genre],
            ['发布机构', item.organization?.name],
            ['发文机关', item.issuingAuthority],
            ['成文日期', item.writtenDate],
            ['发文字号', codeText(item.documentNumber)],
            ['发布日期', item.publishDate],
            ['公开方式', item.disclosureMode],
            ['有效性', statusBadge(item.validity)],
            ['主题词', item.keywords.join('；')],
          ],
          { 'data-testid': 'item-meta' },
        ),
      ),
      NOT_IN_FORCE[item.validity] ? notice(`本文件${NOT_IN_FORCE[item.validity]}${item.expiryDate ? `（失效日期 ${item.expiryDate}）` : ''}，仅供查阅。`) : null,
      // the server's rendered, sanitized body (issue 17); the Markdown source only from an older server
      h('div', { class: 'body', 'data-testid': 'item-body' }, typeof item.bodyHtml === 'string' ? bodyHtml(item.bodyHtml) : markdown(item.body)),
      item.attachments.length ? [h('h2', {}, '附件'), attachmentList(item.attachments, apiBase)] : null,
      item.interprets ? h('section', { class: 'related' }, h('h2', {}, '本解读对应的政策文件'), linkList([item.interprets])) : null,
      item.interpretations.length ? h('section', { class: 'related' }, h('h2', {}, '政策解读'), linkList(item.interpretations)) : null,
    ],
  };
}
