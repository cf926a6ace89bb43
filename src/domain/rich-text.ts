/**
 * Bodies rendered once, on the server, at write time (issue 17). Pure: no Strapi.
 *
 * Markdown (and HTML pasted into it) → HTML with markdown-it (`html: true`, so pasted tables and
 * paragraphs survive), then sanitize-html with an allow-list:
 * - tags: h1–h6, p, br, hr, blockquote, ul/ol/li, table/thead/tbody/tr/th/td (colspan/rowspan), a, img,
 *   strong/em/b/i/u/s/del/code/pre/sub/sup, span. Everything else is dropped (its text kept), and
 *   script/style/iframe/object/embed/svg/math/form/textarea/noscript/template are dropped with their content.
 * - no `style` attribute, no `id`, no event handlers (no attribute is allowed unless listed); one class,
 *   `p.first-line-indent` (首行缩进 of paragraphs imported from Word, src/word-import/docx.ts).
 * - `a href`: http, https, mailto or a relative URL (`/…`, `./…`, `#…`); absolute links get
 *   `rel="noopener noreferrer"` and `target="_blank"`. A link with any other scheme loses its href.
 * - `img src`: the Media Library (`/uploads/…`) or http(s) URLs (images the editor links from another
 *   government site); any other src (data:, javascript:, relative paths outside /uploads) drops the image.
 *
 * `toWxNodes` turns the sanitized HTML into the node array WeChat's `<rich-text nodes>` accepts, limited
 * to the tags it supports (no `a href`: rich-text cannot navigate; the link's text stays).
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
// markdown-it's own link check would leave a refused link as literal Markdown ("[x](javascript:…)"); the
// allow-list below is the one check: a refused href is removed and the link's text stays.
md.validateLink = () => true;

export const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img',
  'strong', 'em', 'b', 'i', 'u', 's', 'del', 'code', 'pre', 'sub', 'sup', 'span',
] as const;

/** The class of a paragraph with a first-line indent (Word's 首行缩进 2 字符), the only class kept. */
export const FIRST_LINE_INDENT = 'first-line-indent';

const DROP_WITH_CONTENT = ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'textarea', 'noscript', 'template', 'select', 'option', 'xmp', 'noembed', 'noframes', 'title', 'head'];

/** http(s) absolute, protocol-relative is refused (scheme is implied and not checked). */
const ABSOLUTE_HTTP = /^https?:\/\/[^\s/]/i;
const MAILTO = /^mailto:[^\s]+$/i;
/** Relative: starts with /, ./, ../, #, ? or a path segment without a colon before the first / ? #. */
function isRelative(url: string): boolean {
  if (/^[\\/][\\/]/.test(url) || url.startsWith('\\')) return false; // protocol-relative, also as "/\\host" or "\\host"
  if (/^[/#?]/.test(url) || url.startsWith('./') || url.startsWith('../')) return true;
  const head = url.split(/[/?#]/, 1)[0];
  return !head.includes(':');
}

/** Control characters and whitespace a browser ignores inside a scheme ("jav\tascript:"). */
const cleanUrl = (u: string) => u.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '');

export function safeHref(raw: string | undefined): string | null {
  if (raw == null) return null;
  const url = cleanUrl(raw);
  if (!url) return null;
  if (ABSOLUTE_HTTP.test(url) || MAILTO.test(url) || isRelative(url)) return url;
  return null;
}

export function safeImgSrc(raw: string | undefined): string | null {
  if (raw == null) return null;
  const url = cleanUrl(raw);
  if (/^\/uploads\/[^\s]+$/.test(url) || ABSOLUTE_HTTP.test(url)) return url;
  return null;
}

const intAttr = (v: string | undefined, max: number): string | undefined => {
  if (v == null || !/^\d{1,5}$/.test(v.trim())) return undefined;
  const n = Number(v.trim());
  return n >= 1 && n <= max ? String(n) : undefined;
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedClasses: { p: [FIRST_LINE_INDENT] },
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  // Schemes are checked by the transforms below; sanitize-html's own check is a second line.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedStyles: {},
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  transformTags: {
    a: (tagName, attribs) => {
      const href = safeHref(attribs.href);
      const out: Record<string, string> = {};
      if (href) {
        out.href = href;
        if (/^https?:/i.test(href)) {
          out.rel = 'noopener noreferrer';
          out.target = '_blank';
        }
      }
      if (attribs.title) out.title = attribs.title;
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const src = safeImgSrc(attribs.src);
      if (!src) return { tagName, attribs: {} }; // a refused image disappears (exclusiveFilter)
      const out: Record<string, string> = { src, alt: attribs.alt ?? '' };
      if (attribs.title) out.title = attribs.title;
      const w = intAttr(attribs.width, 10000);
      const h = intAttr(attribs.height, 10000);
      if (w) out.width = w;
      if (h) out.height = h;
      return { tagName, attribs: out };
    },
    th: (tagName, attribs) => cellAttrs(tagName, attribs),
    td: (tagName, attribs) => cellAttrs(tagName, attribs),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

function cellAttrs(tagName: string, attribs: Record<string, string>) {
  const out: Record<string, string> = {};
  const c = intAttr(attribs.colspan, 1000);
  const r = intAttr(attribs.rowspan, 1000);
  if (c) out.colspan = c;
  if (r) out.rowspan = r;
  return { tagName, attribs: out };
}

/** Sanitizes HTML with the allow-list above. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim();
}

/** Markdown (with pasted HTML) → sanitized HTML. null/empty → null (nothing to render). */
export function renderRichText(source: string | null | undefined): string | null {
  if (source == null) return null;
  const text = String(source);
  if (!text.trim()) return null;
  return sanitizeBodyHtml(md.render(text));
}

// ---------------------------------------------------------------------------------------------
// WeChat mini-program rich-text nodes

export type WxNode =
  | { name: string; attrs?: Record<string, string>; children?: WxNode[] }
  | { type: 'text'; text: string };

/** Tags <rich-text> accepts (developers.weixin.qq.com/miniprogram/dev/component/rich-text.html). */
export const WX_TAGS = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite',
  'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'fieldset', 'font', 'footer', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'label', 'legend', 'li', 'mark', 'nav', 'ol', 'p', 'pre', 'q', 'rt',
  'ruby', 's', 'section', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'tt', 'u', 'ul',
]);

const WX_ATTRS: Record<string, string[]> = {
  p: ['class'], // only FIRST_LINE_INDENT survives sanitizing; the mini-program's stylesheet indents it
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};

const VOID = new Set(['br', 'hr', 'img']);

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'nbsp') return '\u00a0';
    const cp = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/**
 * Sanitized HTML (the output of renderRichText, well-formed by construction: every tag sanitize-html
 * emits is closed or void, attributes double-quoted, text escaped) → WeChat rich-text nodes.
 * Tags outside WX_TAGS are unwrapped (children kept); `a` keeps no attributes.
 */
export function toWxNodes(html: string | null | undefined): WxNode[] {
  const root: { children: WxNode[] } = { children: [] };
  if (!html) return root.children;
  const stack: Array<{ name: string; node: { children: WxNode[] } }> = [{ name: '#root', node: root }];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*"[^"]*")?)*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  const top = () => stack[stack.length - 1].node;
  const pushText = (t: string) => {
    if (!t) return;
    const kids = top().children;
    const last = kids[kids.length - 1];
    if (last && 'type' in last) last.text += t;
    else kids.push({ type: 'text', text: t });
  };
  while ((m = re.exec(html))) {
    const [, closing, rawName, rawAttrs, selfClose, text, lone] = m;
    if (text !== undefined) { pushText(decodeEntities(text)); continue; }
    if (lone !== undefined) { pushText('<'); continue; }
    const name = rawName.toLowerCase();
    if (closing) {
      const idx = stack.map((s) => s.name).lastIndexOf(name);
      if (idx > 0) stack.length = idx;
      continue;
    }
    const attrs: Record<string, string> = {};
    const attrRe = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g;
    let a: RegExpExecArray | null;
    while ((a = attrRe.exec(rawAttrs))) {
      const key = a[1].toLowerCase();
      if ((WX_ATTRS[name] ?? []).includes(key)) attrs[key] = decodeEntities(a[2] ?? '');
    }
    if (name === 'img') {
      const src = safeImgSrc(attrs.src);
      if (!src) continue;
      attrs.src = src;
    }
    const isVoid = VOID.has(name) || !!selfClose;
    if (!WX_TAGS.has(name)) {
      // unwrap: its children go to the parent; a frame keeps the stack balanced
      if (!isVoid) stack.push({ name, node: top() });
      continue;
    }
    const node: { name: string; attrs?: Record<string, string>; children: WxNode[] } = { name, children: [] };
    if (Object.keys(attrs).length) node.attrs = attrs;
    top().children.push(node as WxNode);
    if (!isVoid) stack.push({ name, node });
  }
  return prune(root.children);
}

function prune(nodes: WxNode[]): WxNode[] {
  for (const n of nodes) {
    if ('name' in n) {
      if (n.children && n.children.length) n.children = prune(n.children);
      else delete n.children;
    }
  }
  return nodes;
}
