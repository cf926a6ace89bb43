/**
 * 信息检索 (#/search?q=&type=&org=&year=&from=&to=&category=&genre=&page=): full-text search over items and
 * laws, matches highlighted, with the filters GET /search takes (机构, 年份, 发布日期, 主题分类, 体裁).
 */
import { GovApiError } from '../vendor/gov-client/index.js';
import { alertBox, codeText, formValues, h, highlighted, href, itemHref, lawHref, notice, pageOf, pager, title } from '../dom.js';
import { CATEGORIES } from '../vocab.js';
import { orgSelect, organisations } from './home.js';
import { genreSelect } from './items.js';

const TYPES = [
  ['', '全部'],
  ['item', '政府信息'],
  ['law', '法规文件'],
];

const FILTERS = ['org', 'year', 'from', 'to', 'category', 'genre'];

const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);

function searchForm(q, type, filters, orgs) {
  const refined = FILTERS.some((k) => filters[k]);
  return h(
    'form',
    {
      class: 'search-form',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = href('search', formValues(event.currentTarget));
      },
    },
    field('s-q', '关键词', h('input', { id: 's-q', name: 'q', type: 'search', value: q, required: true })),
    field('s-type', '范围', h('select', { id: 's-type', name: 'type' }, TYPES.map(([value, label]) => h('option', { value, selected: value === type }, label)))),
    // open when a filter is in use, so what narrows the results stays in sight
    h(
      'details',
      { class: 'filter-box', open: refined },
      h('summary', {}, '高级筛选'),
      h(
        'div',
        { class: 'filters', 'data-testid': 'search-filters' },
        field('s-org', '机构', orgSelect(orgs, { id: 's-org', name: 'org', selected: filters.org, all: true })),
        field('s-year', '年份', h('input', { id: 's-year', name: 'year', type: 'number', inputmode: 'numeric', min: 1949, max: 2100, value: filters.year })),
        field('s-from', '发布日期起', h('input', { id: 's-from', name: 'from', type: 'date', value: filters.from })),
        field('s-to', '发布日期止', h('input', { id: 's-to', name: 'to', type: 'date', value: filters.to })),
        field('s-category', '主题分类', h('input', { id: 's-category', name: 'category', list: 's-categories', value: filters.category })),
        h('datalist', { id: 's-categories' }, CATEGORIES.map((c) => h('option', { value: c }))),
        field('s-genre', '体裁分类', genreSelect('s-genre', filters.genre)),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '搜索'), refined ? h('a', { href: href('search', { q, type }) }, '清除筛选') : null),
  );
}

function hit(entry) {
  return h(
    'li',
    { class: 'result', 'data-testid': 'search-hit' },
    h(
      'h2',
      { class: 'result__title' },
      h('span', { class: 'tag' }, entry.type === 'law' ? '法规文件' : '政府信息'),
      ' ',
      h('a', { href: entry.type === 'law' ? lawHref(entry.id) : itemHref(entry.id) }, highlighted(entry.highlightedTitle)),
    ),
    entry.snippet ? h('p', { class: 'result__summary' }, highlighted(entry.snippet)) : null,
    h(
      'p',
      { class: 'result__meta' },
      [entry.publishDate, entry.organization?.name, entry.indexNo && ['索引号 ', codeText(entry.indexNo)], entry.documentNumber && codeText(entry.documentNumber)]
        .filter(Boolean)
        .flatMap((part, i) => (i ? [' · ', part] : [part])),
    ),
  );
}

export async function search({ api, query }) {
  const q = query.get('q')?.trim() ?? '';
  const type = query.get('type') === 'item' || query.get('type') === 'law' ? query.get('type') : '';
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query.get(k)?.trim() ?? '']));
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const orgs = await organisations(api);
  const form = searchForm(q, type, filters, orgs);
  if (!q) return { title: '信息检索', content: [title('信息检索'), form] };

  const page = pageOf(query);
  // a rejected filter (400, e.g. 止 before 起, a year out of range) is shown above the results, in the API's words
  const result = await api.search({ q, type: type || undefined, ...active, year: active.year ? Number(active.year) : undefined, page, limit: 20 }).catch((err) => {
    if (err instanceof GovApiError && err.status === 400) return err;
    throw err;
  });
  if (result instanceof GovApiError) return { title: '信息检索', content: [title('信息检索'), form, alertBox(result.message)] };
  const { data, meta } = result;
  return {
    title: `“${q}”的检索结果`,
    content: [
      title('信息检索'),
      form,
      h('p', { class: 'result-count', role: 'status' }, meta.query?.capped ? `“${q}”找到 ${meta.pagination.total} 条以上结果` : `“${q}”共找到 ${meta.pagination.total} 条结果`),
      meta.query?.capped ? notice(`匹配的信息超过 ${meta.pagination.total} 条，结果按“标题命中在前、发布日期从新到旧”排列。可增加关键词或按机构、年份、日期缩小范围。`) : null,
      data.length ? h('ol', { class: 'results' }, data.map(hit)) : notice('没有找到相关信息，请换一个关键词或减少筛选条件试试。'),
      pager(meta.pagination, (p) => href('search', { q, type, ...active, page: p })),
    ],
  };
}
