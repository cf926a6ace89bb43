/** Home (#/ and #/org/<code>): organisation picker and the organisation's 公开目录 tree. */
import { h, href, notice, title } from '../dom.js';
import { ANNUAL_REPORT_KIND } from '../vocab.js';

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

/**
 * Where a node leads and what it counts. The 年度报告 node holds no items: the reports are their own content
 * type (GET /annual-reports), so it leads to the organisation's reports and counts them (`reports`: their
 * number, looked up once per page by catalogueContext()).
 */
export function nodeTarget(org, node, reports) {
  if (node.kind === ANNUAL_REPORT_KIND && reports !== undefined) {
    return { href: href('annual-reports', { org: org.code }), count: reports + node.totalItemCount };
  }
  return { href: href('items', { org: org.code, node: node.code }), count: node.totalItemCount };
}

/** The number of published annual reports of `org`, when its catalogue has a 年度报告 node (else undefined). */
export async function annualReportCount(api, org, nodes) {
  const has = (list) => list.some((n) => n.kind === ANNUAL_REPORT_KIND || has(n.children));
  if (!has(nodes)) return undefined;
  const { meta } = await api.annualReports({ org: org.code, limit: 1 });
  return meta.pagination.total;
}

function nodeLink(org, node, reports) {
  const target = nodeTarget(org, node, reports);
  return h('a', { href: target.href }, node.name, h('span', { class: 'count' }, `（${target.count}）`));
}

export function subtree(org, nodes, reports, attrs = {}) {
  return h(
    'ul',
    attrs,
    nodes.map((node) => h('li', {}, nodeLink(org, node, reports), node.children.length ? subtree(org, node.children, reports) : null)),
  );
}

/** First level: an expandable section per node with children (native <details>: keyboard and screen-reader ready). */
function catalogueTree(org, nodes, reports) {
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
              subtree(org, node.children, reports),
            )
          : nodeLink(org, node, reports),
      ),
    ),
  );
}

export async function home({ api, params }) {
  const { data: trees } = await api.catalogue();
  if (!trees.length) return { title: '公开目录', content: [title('政府信息公开目录'), notice('暂无公开目录。')] };
  const tree = trees.find((t) => t.organization.code === params[0] || t.organization.id === params[0]) ?? trees[0];
  const org = tree.organization;
  const reports = await annualReportCount(api, org, tree.nodes);

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
      tree.nodes.length ? catalogueTree(org, tree.nodes, reports) : notice('该机构暂无公开目录。'),
    ],
  };
}

function submitSearch(event) {
  event.preventDefault();
  const q = event.currentTarget.elements.q.value.trim();
  if (q) location.hash = href('search', { q });
}
