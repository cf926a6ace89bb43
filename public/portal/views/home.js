/** Home (#/ and #/org/<code>): organisation picker and the organisation's 公开目录 tree. */
import { h, href, notice, title } from '../dom.js';

/** The organisations that have a public catalogue, in the API's order (the county government first). */
export async function organisations(api) {
  const { data } = await api.catalogue();
  return data.map((tree) => tree.organization);
}

/** An organisation <select> (value = organisation code); `all` adds a "全部机构" option. */
export function orgSelect(orgs, { id, name, selected, all = false }) {
  return h(
    'select',
    { id, name },
    all ? h('option', { value: '' }, '全部机构') : null,
    orgs.map((o) => h('option', { value: o.code, selected: o.code === selected || o.id === selected }, o.name)),
  );
}

function nodeLink(org, node) {
  return h(
    'a',
    { href: href('items', { org: org.code, node: node.code }) },
    node.name,
    h('span', { class: 'count' }, `（${node.totalItemCount}）`),
  );
}

function subtree(org, nodes) {
  return h(
    'ul',
    {},
    nodes.map((node) => h('li', {}, nodeLink(org, node), node.children.length ? subtree(org, node.children) : null)),
  );
}

/** First level: an expandable section per node with children (native <details>: keyboard and screen-reader ready). */
function catalogueTree(org, nodes) {
  return h(
    'ul',
    { class: 'tree', 'data-testid': 'catalogue-tree' },
    nodes.map((node) =>
      h(
        'li',
        {},
        node.children.length
          ? h(
              'details',
              {},
              h('summary', {}, node.name, h('span', { class: 'count' }, `（${node.totalItemCount}）`)),
              h('p', { class: 'tree__all' }, h('a', { href: href('items', { org: org.code, node: node.code }) }, `本栏目全部信息（${node.totalItemCount}）`)),
              subtree(org, node.children),
            )
          : nodeLink(org, node),
      ),
    ),
  );
}

export async function home({ api, params }) {
  const { data: trees } = await api.catalogue();
  if (!trees.length) return { title: '公开目录', content: [title('政府信息公开目录'), notice('暂无公开目录。')] };
  const tree = trees.find((t) => t.organization.code === params[0] || t.organization.id === params[0]) ?? trees[0];
  const org = tree.organization;

  const picker = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = `#/org/${encodeURIComponent(event.currentTarget.elements.org.value)}`;
      },
    },
    h('label', { for: 'org' }, '选择机构'),
    orgSelect(trees.map((t) => t.organization), { id: 'org', name: 'org', selected: org.code }),
    h('button', { type: 'submit' }, '查看'),
  );

  const searchForm = h(
    'form',
    { class: 'inline-form', role: 'search', onsubmit: submitSearch },
    h('label', { for: 'home-q' }, '搜索政府信息'),
    h('input', { id: 'home-q', name: 'q', type: 'search', required: true }),
    h('button', { type: 'submit' }, '搜索'),
  );

  return {
    title: `${org.name}政府信息公开目录`,
    content: [
      title('政府信息公开目录'),
      searchForm,
      picker,
      h('h2', {}, org.name),
      h(
        'ul',
        { class: 'shortcuts' },
        h('li', {}, h('a', { href: href('items', { org: org.code }) }, '全部信息')),
        h('li', {}, h('a', { href: href('annual-reports', { org: org.code }) }, '年度报告')),
        h('li', {}, h('a', { href: href('request', { org: org.code }) }, '申请公开')),
      ),
      tree.nodes.length ? catalogueTree(org, tree.nodes) : notice('该机构暂无公开目录。'),
    ],
  };
}

function submitSearch(event) {
  event.preventDefault();
  const q = event.currentTarget.elements.q.value.trim();
  if (q) location.hash = href('search', { q });
}
