/**
 * Server-rendered bodies (issue 17, src/domain/rich-text.ts): hostile Markdown/HTML never yields
 * executable markup in the served HTML nor in the WeChat rich-text nodes; ordinary Markdown survives.
 */
import fc from 'fast-check';
import { renderRichText, toWxNodes, WX_TAGS, type WxNode } from '../../src/domain/rich-text';

/** OWASP XSS filter evasion cheat sheet vectors (and friends), as an editor might paste them. */
const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<script/XSS src="https://xss.example/xss.js"></script>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=JaVaScRiPt:alert(\'XSS\')>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  '<IMG SRC="jav\tascript:alert(\'XSS\');">',
  '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
  '<IMG SRC="jav&#x0A;ascript:alert(\'XSS\');">',
  '<IMG SRC=" &#14;  javascript:alert(\'XSS\');">',
  '<svg onload=alert(1)>',
  '<svg/onload=alert(1)><circle r=1 /></svg>',
  '<BODY ONLOAD=alert(\'XSS\')>',
  '<BODY BACKGROUND="javascript:alert(\'XSS\')">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="javascript&#58;alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](vbscript:msgbox)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>',
  '<object data="javascript:alert(1)"></object>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH">',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<DIV STYLE="background-image: url(&#1;javascript:alert(\'XSS\'))">',
  '<span style="width: expression(alert(\'XSS\'));">x</span>',
  '<STYLE>li {list-style-image: url("javascript:alert(\'XSS\')");}</STYLE><UL><LI>XSS</br>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<TABLE BACKGROUND="javascript:alert(\'XSS\')"><TD BACKGROUND="javascript:alert(\'XSS\')" onclick=alert(1)>',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  '<BASE HREF="javascript:alert(\'XSS\');//">',
  '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)">',
  '<p onclick="alert(1)" class=x id=y>p</p>',
  '<a href="https://gov.cn" onmouseover="alert(1)">ok</a>',
  '<!--<script>alert(1)</script>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<xmp><script>alert(1)</script></xmp>',
];

const MARKDOWN_BITS = [
  '# 标题', '## 二、工作目标', '- 列表项', '1. 第一条', '> 引用', '**加粗**', '*强调*', '`代码`', '```\ncode\n```',
  '| 项目 | 数量 |\n|---|---|\n| 申请 | 3 |', '[链接](https://www.gov.cn/)', '[相对](/items/abc)', '![图](/uploads/a.png)',
  '[邮件](mailto:gk@example.gov.cn)', '---', '\n\n', '<', '>', '"', "'", '&', '=', 'onerror=', 'javascript:', 'style=', '\t', ' ',
  '<a href="', '<img src=', '">', '</a>', '<div>', '</div>', '<table><tr><td colspan=2>', '&#106;', '&#x3A;', '<p>',
];

function checkHtml(html: string) {
  const lower = html.toLowerCase();
  expect(lower).not.toMatch(/<script/);
  expect(lower).not.toMatch(/<(iframe|object|embed|svg|math|form|style|input|meta|link|base|body|video|source|details|textarea|template|noscript|xmp)\b/);
  // attributes: parse every tag's attributes
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    const attrs = [...tag.matchAll(/\s([^\s=>/"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)];
    for (const [, name, rawValue] of attrs) {
      const n = name.toLowerCase();
      expect(n).not.toMatch(/^on/);
      expect(n).not.toBe('style');
      if ((n === 'href' || n === 'src') && rawValue) {
        const v = decode(rawValue.replace(/^["']|["']$/g, '')).replace(/[\u0000-\u0020]/g, '').toLowerCase();
        expect(v).not.toMatch(/^(javascript|vbscript|data):/);
        expect(v).toMatch(/^(https?:\/\/|mailto:|\/|#|\?|\.|[^:/?#]*($|[/?#]))/);
      }
    }
  }
}

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|colon|tab|newline);?/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', colon: ':', tab: '\t', newline: '\n' };
    if (named[k]) return named[k];
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });

const BAD_WX = new Set(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'style']);
function checkNodes(nodes: WxNode[]) {
  for (const n of nodes) {
    if ('type' in n) {
      expect(n.type).toBe('text');
      expect(typeof n.text).toBe('string');
      continue;
    }
    expect(WX_TAGS.has(n.name)).toBe(true);
    expect(BAD_WX.has(n.name)).toBe(false);
    for (const [k, v] of Object.entries(n.attrs ?? {})) {
      expect(k.toLowerCase()).not.toMatch(/^on|^style$|^href$/);
      if (k === 'src') expect(v).toMatch(/^(\/uploads\/|https?:\/\/)/);
    }
    checkNodes(n.children ?? []);
  }
}

describe('renderRichText: hostile input', () => {
  it.each(VECTORS)('%s', (v) => {
    const html = renderRichText(`正文\n\n${v}\n\n结尾`) ?? '';
    checkHtml(html);
    checkNodes(toWxNodes(html));
  });

  it('≥ 1,000 generated mixtures of Markdown, HTML fragments and the cheat-sheet vectors', () => {
    const piece = fc.oneof(
      fc.constantFrom(...VECTORS),
      fc.constantFrom(...MARKDOWN_BITS),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...VECTORS).map((v) => v.toUpperCase()),
      fc.constantFrom(...VECTORS).map((v) => `[链接](${v})`),
      fc.constantFrom(...VECTORS).map((v) => `<a href="${v.replace(/"/g, '&quot;')}">x</a>`),
    );
    let runs = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.constantFrom('', ' ', '\n', '\n\n'), (parts, sep) => {
        runs++;
        const html = renderRichText(parts.join(sep)) ?? '';
        checkHtml(html);
        checkNodes(toWxNodes(html));
      }),
      { numRuns: 1500 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
  });
});

describe('renderRichText: ordinary Markdown survives', () => {
  const src = [
    '# 关于印发工作方案的通知',
    '',
    '## 一、总体要求',
    '',
    '各区人民政府，市政府各部门：**现将**《方案》印发给你们，请*认真*贯彻执行。',
    '',
    '- 第一项',
    '- 第二项',
    '',
    '1. 甲',
    '2. 乙',
    '',
    '| 项目 | 数量 |',
    '|---|---|',
    '| 申请 | 3 |',
    '',
    '详见[中国政府网](https://www.gov.cn/)、[本站](/items/abc)与[邮箱](mailto:gk@example.gov.cn)。',
    '',
    '![示意图](/uploads/plan_1a2b.png "方案")',
    '',
    '> 引用的文件',
    '',
    '<table><tr><td colspan="2" rowspan="3" style="color:red">合并</td></tr></table>',
  ].join('\n');
  const html = renderRichText(src)!;

  it('keeps headings, emphasis, lists, tables, links, images and quotes', () => {
    expect(html).toContain('<h1>关于印发工作方案的通知</h1>');
    expect(html).toContain('<h2>一、总体要求</h2>');
    expect(html).toContain('<strong>现将</strong>');
    expect(html).toContain('<em>认真</em>');
    expect(html).toMatch(/<ul>\s*<li>第一项<\/li>/);
    expect(html).toMatch(/<ol>\s*<li>甲<\/li>/);
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th>项目<\/th>/);
    expect(html).toContain('<td>申请</td>');
    expect(html).toContain('<a href="https://www.gov.cn/" rel="noopener noreferrer" target="_blank">中国政府网</a>');
    expect(html).toContain('<a href="/items/abc">本站</a>');
    expect(html).toContain('<a href="mailto:gk@example.gov.cn">邮箱</a>');
    expect(html).toContain('<img src="/uploads/plan_1a2b.png" alt="示意图" title="方案" />');
    expect(html).toMatch(/<blockquote>\s*<p>引用的文件<\/p>/);
    expect(html).toContain('<td colspan="2" rowspan="3">合并</td>');
  });

  it('drops hostile links but keeps their text; drops images outside the Media Library and http(s)', () => {
    expect(renderRichText('[点这里](javascript:alert(1))')).toBe('<p><a>点这里</a></p>');
    expect(renderRichText('[点这里](vbscript:msgbox)')).toBe('<p><a>点这里</a></p>');
    expect(renderRichText('<a href="javascript:alert(1)">点这里</a>')).toBe('<p><a>点这里</a></p>');
    expect(renderRichText('![x](data:image/png;base64,AAAA)后')).toBe('<p>后</p>');
    expect(renderRichText('<img src="../etc/passwd">后')).toBe('<p>后</p>');
    expect(renderRichText('<script>alert(1)</script>正文')).toBe('正文'); // an HTML block: no paragraph around it
    // protocol-relative links (also spelled with backslashes, which browsers read as slashes) are not relative
    for (const other of ['//evil.example/x', '/\\evil.example/x', '\\\\evil.example/x']) expect(renderRichText(`<a href="${other}">站外</a>`)).toBe('<p><a>站外</a></p>');
    expect(renderRichText('[站外](//evil.example/x)')).toBe('<p><a>站外</a></p>');
    expect(renderRichText('')).toBeNull();
    expect(renderRichText(null)).toBeNull();
  });

  it('bodyNodes for WeChat rich-text: supported tags, img src, table spans, text decoded, links without href', () => {
    const nodes = toWxNodes(renderRichText('## 标题\n\n甲 & 乙 <b>粗</b> [站](https://www.gov.cn/)\n\n![图](/uploads/a.png)\n\n<table><tr><td colspan="2">c</td></tr></table>'));
    expect(nodes).toEqual([
      { name: 'h2', children: [{ type: 'text', text: '标题' }] },
      { type: 'text', text: '\n' },
      {
        name: 'p',
        children: [
          { type: 'text', text: '甲 & 乙 ' },
          { name: 'b', children: [{ type: 'text', text: '粗' }] },
          { type: 'text', text: ' ' },
          { name: 'a', children: [{ type: 'text', text: '站' }] },
        ],
      },
      { type: 'text', text: '\n' },
      { name: 'p', children: [{ name: 'img', attrs: { src: '/uploads/a.png', alt: '图' } }] },
      { type: 'text', text: '\n' },
      { name: 'table', children: [{ name: 'tr', children: [{ name: 'td', attrs: { colspan: '2' }, children: [{ type: 'text', text: 'c' }] }] }] },
    ]);
  });
});
