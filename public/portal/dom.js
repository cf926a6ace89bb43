/**
 * DOM helpers shared by the views. Text always goes in as text nodes; the only HTML taken from the
 * API is the search highlighting (kept to <mark>, see highlighted()) and the annual-report tables.
 */

/** h('a', { href, class }, ...children): an element; on* attributes become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) el.append(child);
  }
  return el;
}

/** A hash route: href('items', { org: 'x', page: 2 }) → "#/items?org=x&page=2" (empty values left out). */
export function href(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${path}${s ? `?${s}` : ''}`;
}

/**
 * 索引号 and 发文字号 as one unbreakable run: a break inside "000014349/2025-00001" or "青政办〔2025〕12号"
 * (which 大字版 made likely) yields two fragments that no longer read as a number. Titles still wrap.
 */
export const codeText = (text) => (text ? h('span', { class: 'nowrap' }, text) : text);

export const itemHref = (id) => `#/item/${encodeURIComponent(id)}`;
export const lawHref = (id) => `#/law/${encodeURIComponent(id)}`;

/** The non-empty fields of a submitted form, as an object. */
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) out[k] = v.trim();
  return out;
}

/** Page heading; the router moves focus to it after each navigation. */
export const title = (text, attrs = {}) => h('h1', { tabindex: '-1', ...attrs }, text);

/**
 * The API's highlighted text (HTML-escaped, matches in <mark>) as nodes. Parsed inertly in a
 * <template>; anything but text and <mark> is reduced to its text, so a server bug cannot inject markup.
 */
export function highlighted(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  return [...t.content.childNodes].map((n) => (n.nodeName === 'MARK' ? h('mark', {}, n.textContent) : document.createTextNode(n.textContent ?? '')));
}

/** A description list of [label, value] pairs; empty values show as "—". */
export function metaList(pairs, attrs = {}) {
  return h(
    'dl',
    { class: 'meta', ...attrs },
    pairs.filter((pair) => pair).map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value))),
  );
}

const STATUS_CLASS = { 有效: 'valid', 尚未生效: 'pending', 失效: 'expired', 废止: 'repealed', 已修改: 'amended' };

/** 有效性 / 效力状态 as a coloured badge (the word itself carries the meaning; colour only repeats it). */
export function statusBadge(status) {
  return status ? h('span', { class: `badge badge--${STATUS_CLASS[status] ?? 'other'}` }, status) : null;
}

/** 上一页 / 下一页 links for page-mode lists; hrefFor(page) builds a link. */
export function pager(pagination, hrefFor) {
  const page = pagination.page ?? 1;
  const count = pagination.pageCount;
  if (count <= 1) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': '分页' },
    page > 1 ? h('a', { href: hrefFor(page - 1), rel: 'prev' }, '上一页') : h('span', { class: 'pager__off' }, '上一页'),
    h('span', { 'aria-current': 'page' }, `第 ${page} / ${count} 页`),
    page < count ? h('a', { href: hrefFor(page + 1), rel: 'next' }, '下一页') : h('span', { class: 'pager__off' }, '下一页'),
  );
}

/** A positive page number from the query string (1 when absent or malformed). */
export function pageOf(query) {
  const n = Number(query.get('page'));
  return Number.isInteger(n) && n > 1 ? n : 1;
}

const ORDERED = /^\s*\d+(?:\.\s+|、\s*)/;

/**
 * Minimal, safe Markdown for bodies and report prose: blank-line paragraphs, "#" headings (shifted
 * below the page's h1/h2), "-"/"*" and "1. "/"1、" lists. Inline markup stays as typed.
 */
export function markdown(text, headingBase = 2) {
  const blocks = String(text ?? '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const out = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim());
    if (!lines.length) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]);
    if (heading && lines.length === 1) {
      out.push(h(`h${Math.min(6, headingBase + heading[1].length)}`, {}, heading[2]));
    } else if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      out.push(h('ul', {}, lines.map((l) => h('li', {}, l.replace(/^\s*[-*]\s+/, '')))));
    } else if (lines.every((l) => ORDERED.test(l))) {
      out.push(h('ol', {}, lines.map((l) => h('li', {}, l.replace(ORDERED, '')))));
    } else {
      out.push(h('p', {}, lines.join('\n')));
    }
  }
  return out;
}

/** What the portal takes from the server's rendered bodies (bodyHtml): the server's allow-list, checked again. */
const BODY_TAGS = new Set(['P', 'BR', 'HR', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'A', 'IMG',
  'STRONG', 'EM', 'B', 'I', 'U', 'S', 'DEL', 'CODE', 'PRE', 'SUB', 'SUP', 'SPAN']);
const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?![\/\\])|#|\?|\.\.?\/)/i;
const SAFE_SRC = /^(https?:\/\/|\/uploads\/)/i;

function bodyNode(n, headingBase) {
  if (n.nodeType === Node.TEXT_NODE) return document.createTextNode(n.textContent ?? '');
  if (n.nodeType !== Node.ELEMENT_NODE) return null;
  const kids = () => [...n.childNodes].map((c) => bodyNode(c, headingBase));
  const heading = /^H([1-6])$/.exec(n.nodeName);
  if (heading) return h(`h${Math.min(6, headingBase + Number(heading[1]))}`, {}, kids());
  if (!BODY_TAGS.has(n.nodeName)) return kids();
  const tag = n.nodeName.toLowerCase();
  const attr = (name) => n.getAttribute(name) ?? undefined;
  if (tag === 'img') {
    const src = attr('src');
    return src && SAFE_SRC.test(src) ? h('img', { src, alt: attr('alt') ?? '', title: attr('title'), width: attr('width'), height: attr('height') }) : null;
  }
  if (tag === 'a') {
    const link = attr('href');
    const ok = link && SAFE_HREF.test(link);
    const external = ok && /^https?:/i.test(link);
    return h('a', { href: ok ? link : undefined, rel: external ? 'noopener noreferrer' : undefined, target: external ? '_blank' : undefined }, kids());
  }
  if (tag === 'td' || tag === 'th') return h(tag, { colspan: attr('colspan'), rowspan: attr('rowspan') }, kids());
  return h(tag, {}, kids());
}

/**
 * The server's rendered body (bodyHtml: Markdown rendered and sanitized at write time) as nodes. Parsed
 * inertly in a <template> and rebuilt from the same allow-list, so a server bug still cannot inject markup;
 * headings are shifted below the page's h1/h2 like markdown() does. Wide tables scroll in their own box.
 */
export function bodyHtml(html, headingBase = 2) {
  const t = document.createElement('template');
  t.innerHTML = String(html ?? '');
  return [...t.content.childNodes].map((c) => {
    const node = bodyNode(c, headingBase);
    return node instanceof Element && node.tagName === 'TABLE' ? scrollBox(node, '表格') : node;
  });
}

let scrollBoxes = 0;

/**
 * A wide table in a keyboard-scrollable region named `label`, with a visible hint that shows (styles.css,
 * .table-scroll--overflow) only while the table is wider than the screen: on a phone a cut-off table
 * otherwise looks complete. markOverflow() sets the class after each render and on resize.
 */
export function scrollBox(table, label) {
  const hintId = `scroll-hint-${++scrollBoxes}`;
  return h(
    'div',
    { class: 'table-scroll-wrap' },
    h('p', { class: 'table-scroll__hint', id: hintId }, '表格较宽，请左右滑动查看'),
    h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': label, 'aria-describedby': hintId }, table),
  );
}

/** Marks the scroll boxes under `root` whose table does not fit (their hint becomes visible). */
export function markOverflow(root = document) {
  for (const box of root.querySelectorAll('.table-scroll')) {
    box.parentElement?.classList.toggle('table-scroll--overflow', box.scrollWidth > box.clientWidth + 1);
  }
}

/** A message box; role="alert" for errors so screen readers announce them. */
export const alertBox = (text) => h('p', { class: 'alert', role: 'alert' }, text);
export const notice = (text) => h('p', { class: 'notice' }, text);
