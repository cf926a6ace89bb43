/** 法律法规与规范性文件: list with 效力状态 badges (#/laws?…) and the document page (#/law/<documentId>). */
import { bodyHtml, codeText, formValues, h, href, lawHref, markdown, metaList, notice, pageOf, pager, statusBadge, title } from '../dom.js';

const STATUSES = ['有效', '尚未生效', '已修改', '失效', '废止'];
const LEVELS = ['法律', '行政法规', '地方性法规', '部门规章', '地方政府规章', '行政规范性文件', '其他'];

function select(id, name, label, options, selected) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, h('option', { value: '' }, '全部'), options.map((o) => h('option', { value: o, selected: o === selected }, o))),
  );
}

function filterForm(filters) {
  return h(
    'form',
    {
      class: 'filters',
      'aria-label': '筛选条件',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = href('laws', formValues(event.currentTarget));
      },
    },
    select('l-status', 'status', '效力状态', STATUSES, filters.status),
    select('l-level', 'level', '效力级别', LEVELS, filters.level),
    h('div', { class: 'field' }, h('label', { for: 'l-q' }, '关键词'), h('input', { id: 'l-q', name: 'q', type: 'search', value: filters.q })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '筛选'), h('a', { href: href('laws') }, '清除条件')),
  );
}

function entry(law) {
  return h(
    'li',
    { class: 'result' },
    h('h2', { class: 'result__title' }, statusBadge(law.status), ' ', h('a', { href: lawHref(law.id) }, law.title)),
    h(
      'p',
      { class: 'result__meta' },
      [law.level, codeText(law.documentNumber), law.effectiveDate && `${law.effectiveDate} 施行`].filter(Boolean).flatMap((part, i) => (i ? [' · ', part] : [part])),
    ),
  );
}

export async function lawList({ api, query }) {
  const filters = { status: query.get('status') ?? '', level: query.get('level') ?? '', q: query.get('q')?.trim() ?? '' };
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const { data, meta } = await api.laws({ ...active, page: pageOf(query), limit: 20 });
  return {
    title: '法规文件',
    content: [
      title('法律法规与规范性文件'),
      filterForm(filters),
      h('p', { class: 'result-count', role: 'status' }, `共 ${meta.pagination.total} 件`),
      data.length ? h('ol', { class: 'results' }, data.map(entry)) : notice('没有符合条件的文件。'),
      pager(meta.pagination, (p) => href('laws', { ...active, page: p })),
    ],
  };
}

const lawLink = (link) => h('a', { href: lawHref(link.id) }, link.title, link.documentNumber ? ['（', codeText(link.documentNumber), '）'] : '');

/** The banner a document no longer (or not yet) in force carries, with the document that changed it. */
function statusNotice(law) {
  if (law.status === '废止') return notice(['本文件已废止', law.repealedDate ? `（${law.repealedDate}）` : '', law.repealedBy ? ['，废止文件：', lawLink(law.repealedBy)] : '', '。']);
  if (law.status === '已修改') return notice(['本文件已被修改', law.amendedBy ? ['，修改文件：', lawLink(law.amendedBy)] : '', '。']);
  if (law.status === '失效') return notice(`本文件已失效${law.expiryDate ? `（${law.expiryDate}）` : ''}。`);
  if (law.status === '尚未生效') return notice(`本文件尚未生效${law.effectiveDate ? `，自 ${law.effectiveDate} 起施行` : ''}。`);
  return null;
}

export async function lawPage({ api, params }) {
  const { data: law } = await api.law(params[0]);
  const related = [
    ['本文件废止的文件', law.repeals],
    ['本文件修改的文件', law.amends],
  ].filter(([, links]) => links.length);
  return {
    title: law.title,
    content: [
      h('p', { class: 'eyebrow' }, h('a', { href: href('laws') }, '法规文件')),
      title(law.title),
      statusNotice(law),
      metaList([
        ['效力状态', statusBadge(law.status)],
        ['效力级别', law.level],
        ['发文机关', law.issuingAuthority],
        ['发文字号', codeText(law.documentNumber)],
        ['成文日期', law.writtenDate],
        ['发布日期', law.publishDate],
        ['施行日期', law.effectiveDate],
        ['失效日期', law.expiryDate],
        ['废止日期', law.repealedDate],
        ['发布机构', law.organization?.name],
      ]),
      // the server's rendered, sanitized HTML (bodyHtml / summaryHtml, issue 17) when it sends it; else the source
      typeof law.summaryHtml === 'string' && law.summaryHtml
        ? h('section', { class: 'summary', 'aria-labelledby': 'law-summary' }, h('h2', { id: 'law-summary' }, '内容摘要'), h('div', { class: 'body' }, bodyHtml(law.summaryHtml, 2)))
        : null,
      h('div', { class: 'body', 'data-testid': 'law-body' }, typeof law.bodyHtml === 'string' ? bodyHtml(law.bodyHtml) : markdown(law.body)),
      related.map(([heading, links]) => h('section', { class: 'related' }, h('h2', {}, heading), h('ul', {}, links.map((l) => h('li', {}, statusBadge(l.status), ' ', lawLink(l)))))),
    ],
  };
}
