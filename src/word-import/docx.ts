/**
 * Word (.docx) → the Markdown/HTML source of an item's body (issue 16, “Word in”). Pure: no Strapi.
 *
 * What is refused (WordRefusal, a Chinese message; the route answers 400 naming the field `file`):
 *  - anything that is not a .docx by content — a ZIP package whose [Content_Types].xml declares a
 *    WordprocessingML main document (a renamed .doc/.xlsx/.pdf, a macro-enabled .docm, a template are not);
 *  - a package that unpacks to more than UNPACKED_FACTOR × the upload limit (a ZIP bomb);
 *  - tracked changes (修订: w:ins, w:del, w:moveFrom, w:moveTo, the *PrChange elements, cell insertions…) and
 *    comments (批注: entries in word/comments.xml, comment ranges or references in the text) anywhere in the
 *    document's parts — they carry internal remarks that must not be published.
 *
 * What is kept: paragraphs, headings (Word's built-in heading styles in English and Chinese names, 标题 1 → h1…),
 * ordered and bulleted lists, tables (merged cells), bold/italic, links, images (handed to `storeImage`, the
 * body references the URL it returns) and first-line indents (首行缩进) as `<p class="first-line-indent">`,
 * the one class the body sanitizer keeps (src/domain/rich-text.ts). Mammoth reads `w:ind w:firstLine` of the
 * paragraph only; agencies' documents mostly indent with `w:firstLineChars` (“2 字符”) or through the paragraph
 * style, so both are resolved here before the conversion.
 */
import crypto from 'crypto';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { FIRST_LINE_INDENT } from '../domain/rich-text';

export class WordRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WordRefusal';
  }
}

/** A .docx unpacks to at most this many times the upload limit (text compresses ~10×; images do not). */
export const UNPACKED_FACTOR = 20;

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** Revision marks of WordprocessingML (ECMA-376 Part 1, §17.13.5): any of them is a tracked change. */
const REVISION_ELEMENTS = [
  'ins', 'del', 'moveFrom', 'moveTo', 'moveFromRangeStart', 'moveToRangeStart',
  'rPrChange', 'pPrChange', 'sectPrChange', 'tblPrChange', 'tblPrExChange', 'trPrChange', 'tcPrChange', 'tblGridChange', 'numberingChange',
  'cellIns', 'cellDel', 'cellMerge',
];
// the name must end there: <w:ins …> is a revision, <w:insideH …> (a table border) is not
const REVISION_RE = new RegExp(`<w:(${REVISION_ELEMENTS.join('|')})[\\s/>]`);
const COMMENT_MARK_RE = /<w:(commentReference|commentRangeStart|commentRangeEnd)[\s/>]/;
const COMMENT_ENTRY_RE = /<w:comment[\s>]/;

/** Parts of the package that hold document text (the main document, headers, footers, notes, comments). */
const TEXT_PART_RE = /^word\/[^/]+\.xml$/i;

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface InspectedDocx {
  zip: JSZip;
  /** Path of the main document part inside the package (word/document.xml for Word and WPS). */
  mainPath: string;
}

const NOT_DOCX = '上传的文件不是 Word 文档（.docx），请在 Word 或 WPS 中“另存为” .docx 格式后再上传';

/** Refuses what is not a clean .docx (see the module comment); returns the opened package. */
export async function inspectDocx(buffer: Buffer, maxBytes: number): Promise<InspectedDocx> {
  if (buffer.subarray(0, 8).equals(OLE_MAGIC)) {
    throw new WordRefusal('这是旧版 Word 文档（.doc），请在 Word 或 WPS 中“另存为” .docx 格式后再上传');
  }
  if (!buffer.subarray(0, 4).equals(ZIP_MAGIC)) throw new WordRefusal(NOT_DOCX);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer, { checkCRC32: true });
  } catch {
    throw new WordRefusal('Word 文档已损坏，无法读取，请重新保存后再上传');
  }
  let unpacked = 0;
  for (const f of Object.values(zip.files)) unpacked += Number((f as any)._data?.uncompressedSize ?? 0);
  if (unpacked > maxBytes * UNPACKED_FACTOR) throw new WordRefusal('Word 文档解压后内容过大，无法导入');

  const types = await zip.file('[Content_Types].xml')?.async('string');
  if (!types || !types.includes(WORD_MAIN)) {
    if (types && /macroEnabled/i.test(types)) throw new WordRefusal('不接受含宏的 Word 文档（.docm），请另存为 .docx 后再上传');
    throw new WordRefusal(NOT_DOCX);
  }
  const mainPath = mainDocumentPath(await zip.file('_rels/.rels')?.async('string'));
  if (!zip.file(mainPath)) throw new WordRefusal(NOT_DOCX);

  for (const name of Object.keys(zip.files)) {
    if (!TEXT_PART_RE.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    if (REVISION_RE.test(xml)) {
      throw new WordRefusal('Word 文档含有修订记录（修订可能包含内部意见），请在 Word/WPS 中“接受所有修订”并停止修订后再上传');
    }
    if (COMMENT_MARK_RE.test(xml) || (/^word\/comments\.xml$/i.test(name) && COMMENT_ENTRY_RE.test(xml))) {
      throw new WordRefusal('Word 文档含有批注（批注可能包含内部意见），请删除所有批注后再上传');
    }
  }
  return { zip, mainPath };
}

function mainDocumentPath(rels: string | undefined): string {
  for (const m of (rels ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const type = /\bType="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (target && /\/officeDocument$/.test(type)) return target.replace(/^\//, '');
  }
  return 'word/document.xml';
}

// ---------------------------------------------------------------------------------------------
// first-line indents

const attrsOf = (tag: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/w:([A-Za-z]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
};
const positive = (v: string | undefined) => v !== undefined && Number(v) > 0;

/**
 * The first-line indent a `<w:ind>` sets: true, false (it sets none, or a hanging indent), or undefined when it
 * says nothing about the first line (the style's applies). Word gives *Chars precedence over the twips value.
 */
export function firstLineOf(indTag: string): boolean | undefined {
  const a = attrsOf(indTag);
  if (positive(a.hangingChars) || (!('hangingChars' in a) && positive(a.hanging))) return false;
  if ('firstLineChars' in a) return positive(a.firstLineChars);
  if ('firstLine' in a) return positive(a.firstLine);
  return undefined;
}

/** styleId → the style's first-line indent, following w:basedOn (paragraph styles of styles.xml). */
export function styleIndents(stylesXml: string | undefined): Map<string, boolean> {
  const own = new Map<string, { basedOn?: string; indent?: boolean }>();
  for (const m of (stylesXml ?? '').matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = /w:styleId="([^"]*)"/.exec(m[1])?.[1];
    if (!id) continue;
    const basedOn = /<w:basedOn\b[^>]*w:val="([^"]*)"/.exec(m[2])?.[1];
    const pPr = /<w:pPr\b[^>]*>([\s\S]*?)<\/w:pPr>/.exec(m[2])?.[1] ?? '';
    const ind = /<w:ind\b[^>]*>/.exec(pPr)?.[0];
    own.set(id, { basedOn, indent: ind ? firstLineOf(ind) : undefined });
  }
  const resolved = new Map<string, boolean>();
  for (const id of own.keys()) {
    const seen = new Set<string>();
    let cur: string | undefined = id;
    while (cur && own.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      const s: { basedOn?: string; indent?: boolean } = own.get(cur)!;
      if (s.indent !== undefined) {
        resolved.set(id, s.indent);
        break;
      }
      cur = s.basedOn;
    }
  }
  return resolved;
}

/**
 * Rewrites each `<w:ind>` of the main document so that mammoth's `indent.firstLine` says what Word shows:
 * "1" for a first-line indent, "0" for none (chars, twips and hanging indents resolved by firstLineOf).
 */
export function normaliseIndents(documentXml: string): string {
  return documentXml.replace(/<w:ind\b[^>]*?\/?>/g, (tag) => {
    const first = firstLineOf(tag);
    if (first === undefined) return tag;
    const closing = tag.endsWith('/>') ? '/>' : '>';
    const body = tag.slice(0, tag.length - closing.length).replace(/\s+w:firstLine="[^"]*"/g, '');
    return `${body} w:firstLine="${first ? 1 : 0}"${closing}`;
  });
}

// ---------------------------------------------------------------------------------------------
// conversion

/** Heading styles by name (mammoth matches names case-insensitively): Word's English names and their Chinese ones (Word, WPS). */
const HEADING_STYLE_NAMES: Array<[string, number]> = [
  ['Title', 1], ['标题', 1],
  ...[1, 2, 3, 4, 5, 6].flatMap((n): Array<[string, number]> => [
    [`heading ${n}`, n], [`标题 ${n}`, n], [`标题${n}`, n],
  ]),
];
const INDENT_STYLE = 'gov-first-line-indent';

const STYLE_MAP = [
  ...HEADING_STYLE_NAMES.map(([name, n]) => `p[style-name='${name}'] => h${n}:fresh`),
  `p[style-name='${INDENT_STYLE}'] => p.${FIRST_LINE_INDENT}:fresh`,
];
const HEADING_NAMES = new Set(HEADING_STYLE_NAMES.map(([name]) => name.toUpperCase()));
const isHeading = (styleName: string | null | undefined, styleId: string | null | undefined) =>
  (!!styleName && HEADING_NAMES.has(styleName.toUpperCase())) || (!!styleId && /^Heading[1-6]$|^Title$/i.test(styleId));

export interface WordImage {
  contentType: string;
  buffer: Buffer;
  sha256: string;
  altText?: string;
}

/** Image types a browser shows; Word's EMF/WMF and the rest are left out of the body (with a warning). */
export const IMAGE_TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** The bytes must be what the type says (the type comes from the package, not from the picture). */
const IMAGE_MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

export interface ConvertedDocx {
  /** Markdown source of the body: the converted HTML, one block per line (markdown-it keeps it as HTML). */
  body: string;
  /** Distinct images in order of first appearance; the body refers to image i as imagePlaceholder(i). */
  images: WordImage[];
  warnings: string[];
}

export const imagePlaceholder = (i: number) => `word-image:${i}`;

function markIndents(element: any, styles: Map<string, boolean>): void {
  if (element?.type === 'paragraph' && !element.numbering && !isHeading(element.styleName, element.styleId)) {
    const direct = element.indent?.firstLine;
    const indented = direct !== null && direct !== undefined ? Number(direct) > 0 : !!(element.styleId && styles.get(element.styleId));
    if (indented) {
      element.styleId = INDENT_STYLE;
      element.styleName = INDENT_STYLE;
    }
  }
  for (const child of element?.children ?? []) markIndents(child, styles);
}

/** Converts an inspected .docx (inspectDocx first: this function refuses nothing). */
export async function convertDocx({ zip, mainPath }: InspectedDocx): Promise<ConvertedDocx> {
  const styles = styleIndents(await zip.file('word/styles.xml')?.async('string'));
  zip.file(mainPath, normaliseIndents(await zip.file(mainPath)!.async('string')));
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });

  const images: WordImage[] = [];
  const bySha = new Map<string, number>();
  const warnings: string[] = [];
  let skipped = 0;
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: STYLE_MAP,
      ignoreEmptyParagraphs: true,
      transformDocument: (doc: any) => {
        markIndents(doc, styles);
        return doc;
      },
      convertImage: mammoth.images.imgElement(async (image: any) => {
        const contentType = String(image.contentType ?? '').toLowerCase();
        if (!IMAGE_TYPES[contentType]) {
          skipped++;
          return { src: '' };
        }
        const data: Buffer = await image.readAsBuffer();
        if (!IMAGE_MAGIC[contentType](data)) {
          skipped++;
          return { src: '' };
        }
        const sha256 = crypto.createHash('sha256').update(data).digest('hex');
        let index = bySha.get(sha256);
        if (index === undefined) {
          index = images.length;
          bySha.set(sha256, index);
          images.push({ contentType, buffer: data, sha256, altText: image.altText || undefined });
        }
        return { src: imagePlaceholder(index) };
      }),
    } as any,
  );
  if (skipped) warnings.push(`${skipped} 张图片的格式（如 EMF/WMF）无法在网页中显示或图片已损坏，已略过，请另存为 PNG/JPG 后插入`);
  const html = result.value
    .replace(/<img [^>]*src=""[^>]*\/?>/g, '')
    // one block per line for the Markdown editor; no blank line, so markdown-it keeps the whole body as HTML
    .replace(/(<\/(?:p|h[1-6]|table|ul|ol|tr|li)>)(?=<(?:p|h[1-6]|table|ul|ol|tr|li)[\s>])/g, '$1\n');
  return { body: html, images, warnings };
}
