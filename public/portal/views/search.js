/** 信息检索 (#/search?q=&type=&page=): full-text search over items and laws, matches highlighted. */
import { formValues, h, highlighted, href, itemHref, lawHref, notice, pageOf, pager, title } from '../dom.js';

const TYPES = [
  ['', '全部'],
  ['item', '政府信息'],
  ['law', '法规文件'],
];

function searchForm(q, type) {
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
    h('div', { class: 'field' }, h('label', { for: 's-q' }, '关键词'), h('input', { id: 's-q', name: 'q', type: 'search', value: q, required: true })),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 's-type' }, '范围'),
      h('select', { id: 's-type', name: 'type' }, TYPES.map(([value, label]) => h('option', { value, selected: value === type }, label))),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '搜索')),
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
      [entry.publishDate, entry.organization?.name, entry.indexNo && `索引号 ${entry.indexNo}`, entry.documentNumber].filter(Boolean).join(' · '),
    ),
  );
}

export async function search({ api, query }) {
  const q = query.get('q')?.trim() ?? '';
  const type = query.get('type') === 'item' || query.get('type') === 'law' ? query.get('type') : '';
  const form = searchForm(q, type);
  if (!q) return { title: '信息检索', content: [title('信息检索'), form] };

  const page = pageOf(query);
  const { data, meta } = await api.search({ q, type: type || undefined, page, limit: 20 });
  return {
    title: `“${q}”的检索结果`,
    content: [
      title('信息检索'),
      form,
      h('p', { class: 'result-count', role: 'status' }, `“${q}”共找到 ${meta.pagination.total} 条结果`),
      meta.query.capped ? notice(`匹配的信息较多，以下只在最新的 ${meta.pagination.total} 条中排序。请增加关键词或缩小范围以查找更早的信息。`) : null,
      data.length ? h('ol', { class: 'results' }, data.map(hit)) : notice('没有找到相关信息，请换一个关键词试试。'),
      pager(meta.pagination, (p) => href('search', { q, type, page: p })),
    ],
  };
}
