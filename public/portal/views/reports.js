/** 政府信息公开工作年度报告: list (#/annual-reports?org=) and report (#/annual-report/<documentId>). */
import { h, href, markdown, metaList, notice, pageOf, pager, scrollBox, title } from '../dom.js';
import { ANNUAL_REPORT_KIND } from '../vocab.js';
import { orgSelect, organisations } from './home.js';
import { flatten } from './items.js';

const reportTitle = (r) => r.title ?? `${r.organization?.name ?? ''}${r.year}年政府信息公开工作年度报告`;

export async function reportList({ api, query }) {
  const org = query.get('org') ?? '';
  const [orgs, { data, meta }, trees] = await Promise.all([
    organisations(api),
    api.annualReports({ org: org || undefined, page: pageOf(query), limit: 20 }),
    org ? api.catalogue({ org }).then((r) => r.data) : [],
  ]);
  // items an agency filed under its 年度报告 node (older reports as documents, say) stay reachable from here
  const nodeItems = trees.flatMap((t) => flatten(t.nodes).map(([n]) => n)).filter((n) => n.kind === ANNUAL_REPORT_KIND && n.totalItemCount > 0);
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = href('annual-reports', { org: event.currentTarget.elements.org.value });
      },
    },
    h('label', { for: 'r-org' }, '机构'),
    orgSelect(orgs, { id: 'r-org', name: 'org', selected: org, all: true }),
    h('button', { type: 'submit' }, '查看'),
  );
  return {
    title: '年度报告',
    content: [
      title('政府信息公开工作年度报告'),
      form,
      nodeItems.map((n) => h('p', {}, h('a', { href: href('items', { org, node: n.code }) }, `栏目“${n.name}”中的其他信息（${n.totalItemCount}）`))),
      data.length
        ? h(
            'ol',
            { class: 'results' },
            data.map((r) =>
              h(
                'li',
                { class: 'result' },
                h('h2', { class: 'result__title' }, h('a', { href: `#/annual-report/${encodeURIComponent(r.id)}` }, reportTitle(r))),
                h('p', { class: 'result__meta' }, [r.organization?.name, `${r.year} 年度`, r.publishedAt?.slice(0, 10) && `发布于 ${r.publishedAt.slice(0, 10)}`].filter(Boolean).join(' · ')),
              ),
            ),
          )
        : notice('暂无年度报告。'),
      pager(meta.pagination, (p) => href('annual-reports', { org, page: p })),
    ],
  };
}

/**
 * The official tables (二、三、四, HTML from the API in the national merged-cell layout, text escaped
 * by the server), each wrapped in a keyboard-scrollable region for narrow screens.
 */
function officialTables(html) {
  const box = h('div', { class: 'report-tables', 'data-testid': 'annual-report-tables' });
  box.innerHTML = html;
  for (const table of box.querySelectorAll('table')) {
    const heading = table.previousElementSibling?.matches('h2') ? table.previousElementSibling.textContent : '表格';
    const placeholder = document.createComment('table');
    table.replaceWith(placeholder);
    placeholder.replaceWith(scrollBox(table, heading));
  }
  return box;
}

function prose(section) {
  return [h('h2', {}, section.heading), section.text ? markdown(section.text, 3) : notice('（无）')];
}

export async function reportPage({ api, params }) {
  const { data: report } = await api.annualReport(params[0]);
  const s = report.sections;
  return {
    title: reportTitle(report),
    content: [
      h('p', { class: 'eyebrow' }, h('a', { href: href('annual-reports', { org: report.organization?.code }) }, '年度报告')),
      title(reportTitle(report)),
      metaList([
        ['发布机构', report.organization?.name],
        ['报告年度', String(report.year)],
        ['报告格式', report.formatSource ?? (report.formatVersion === 2019 ? '2019 年试行格式' : `${report.formatVersion} 年格式`)],
      ]),
      prose(s.overview),
      report.tablesHtml
        ? officialTables(report.tablesHtml)
        : [s.proactiveDisclosure, s.requests, s.reviewAndLitigation].map(prose),
      prose(s.problems),
      prose(s.otherMatters),
    ],
  };
}
