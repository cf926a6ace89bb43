/**
 * Chinese text for the search index: word segmentation with Intl.Segmenter('zh', { granularity: 'word' })
 * (ICU's dictionary-based segmenter, built into Node 20 with full ICU), plain text from the rich-text
 * bodies, highlighting and snippets.
 *
 * Both databases index the same pre-segmented token strings (words separated by spaces): SQLite FTS5
 * with the unicode61 tokenizer and PostgreSQL to_tsvector('simple', …) split them on the spaces again,
 * so the database never has to know Chinese. Words of three or more Han characters are also indexed by
 * their bigrams, so "财政" finds "财政预算" (ICU keeps dictionary compounds whole).
 */

import { escapeHtml } from '../../../../../src/domain/html';
import { normaliseDocumentNumber } from '../../../../../src/domain/document-number';
import { Dictionary } from './dictionary';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /^\p{Script=Han}+$/u;

/** Longest text segmented per field (the rest of a very long body is not indexed). */
export const MAX_INDEXED_CHARS = 200_000;

/** The words of a text, lower-cased, in order (punctuation and spaces dropped). */
export function words(text: string | null | undefined, max = MAX_INDEXED_CHARS): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const s of segmenter.segment(text.length > max ? text.slice(0, max) : text)) {
    if (s.isWordLike) out.push(s.segment.toLowerCase());
  }
  return out;
}

/**
 * The dictionary every segmentation uses unless told otherwise: set by the plugin's runtime when it loads
 * the words (config, admin list, organisations' short names, 机关代字), empty in pure use.
 */
let active: Dictionary = Dictionary.EMPTY;
export function setActiveDictionary(dict: Dictionary): void {
  active = dict;
}
export function activeDictionary(): Dictionary {
  return active;
}

interface Segmented {
  /** segmenter words: [word, start, end] */
  words: Array<[string, number, number]>;
  /** dictionary words found, whole */
  dict: Array<{ word: string; start: number; end: number }>;
}

function segment(text: string, dict: Dictionary, max: number): Segmented {
  const t = (text.length > max ? text.slice(0, max) : text).toLowerCase();
  const out: Array<[string, number, number]> = [];
  const boundaries = new Set<number>([0, t.length]);
  for (const s of segmenter.segment(t)) {
    boundaries.add(s.index);
    if (s.isWordLike) out.push([s.segment, s.index, s.index + s.segment.length]);
  }
  return { words: out, dict: dict.find(t, boundaries) };
}

function pushWithBigrams(out: string[], w: string): void {
  out.push(w);
  if (w.length >= 3 && HAN.test(w)) {
    const chars = Array.from(w);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
}

/**
 * Index tokens of a text, in text order: its segmenter words, plus the bigrams of long Han words, plus every
 * dictionary word found in it, whole. The segmenter's pieces of a dictionary word stay indexed too, so 政务 still finds
 * 政务公开; only the query side treats a dictionary word as one term (queryTerms).
 */
export function indexTokens(text: string | null | undefined, dict: Dictionary = active): string {
  if (!text) return '';
  const seg = segment(text, dict, MAX_INDEXED_CHARS);
  // in text order (a dictionary word after the segmenter's word starting where it starts): positions stay
  // meaningful, and the tokens of a text are the tokens of its paragraphs joined (the bulk path relies on it)
  const out: Array<[number, number, string]> = [];
  for (const [w, start] of seg.words) {
    const pieces: string[] = [];
    pushWithBigrams(pieces, w);
    for (const piece of pieces) out.push([start, out.length, piece]);
  }
  for (const d of seg.dict) out.push([d.start, out.length, d.word]);
  out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return out.map((t) => t[2]).join(' ');
}

/**
 * The distinct terms of a query (at most maxTerms), all of which a match must contain: dictionary words
 * whole (青政办, 低保), then the segmenter's words not inside one of them, in the order of the query.
 */
export function queryTerms(q: string, maxTerms: number, dict: Dictionary = active): string[] {
  const seg = segment(q, dict, 1000);
  const pieces: Array<[string, number]> = seg.dict.map((d) => [d.word, d.start]);
  for (const [w, start, end] of seg.words) {
    if (!seg.dict.some((d) => d.start <= start && end <= d.end)) pieces.push([w, start]);
  }
  pieces.sort((a, b) => a[1] - b[1]);
  const seen = new Set<string>();
  for (const [w] of pieces) {
    if (seen.size >= maxTerms) break;
    seen.add(w);
  }
  return [...seen];
}

/** A query that is a 发文字号 or 索引号, or the beginning of one. */
export interface IdentQuery {
  field: 'doc_no' | 'index_no';
  /** as stored: 发文字号 normalised (〔〕, half-width digits), 索引号 upper-cased */
  value: string;
  /** true: the query names documents (look them up); false: a bare 机关代字, whose documents rank first among the text matches */
  lookup: boolean;
}

const DOC_NO_PREFIX = /^[\p{Script=Han}A-Za-z0-9]{1,20}〔(?:\d{0,4}(?:〕(?:\d{1,5}号?)?)?)?$/u;
const ORDER_NO_PREFIX = /^[\p{Script=Han}]{1,20}令第\d{0,5}号?$/u;
const INDEX_NO_PREFIX = /^[0-9A-Z][0-9A-Z/\-.]{3,}$/;

/** How a query is matched against 发文字号 and 索引号 (null: it looks like neither). `codes`: known 机关代字. */
export function identQuery(q: string, codes: ReadonlySet<string>): IdentQuery | null {
  const n = normaliseDocumentNumber(q);
  if (DOC_NO_PREFIX.test(n) || ORDER_NO_PREFIX.test(n)) return { field: 'doc_no', value: n, lookup: true };
  const upper = n.toUpperCase();
  // an 索引号 begins with the organisation's code: digits (and capitals), a '/' or '-' before the year
  if (INDEX_NO_PREFIX.test(upper) && /\d/.test(upper) && (/[/-]/.test(upper) || upper.length >= 6)) return { field: 'index_no', value: upper, lookup: true };
  if (codes.has(n.toLowerCase())) return { field: 'doc_no', value: `${n}〔`, lookup: false };
  return null;
}

/** Rich text (Markdown or HTML) to plain text, for snippets and the index. */
export function plainText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]{1,3}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}


const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function termsRegExp(terms: string[]): RegExp | null {
  const list = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  return list.length ? new RegExp(list.map(escapeRegExp).join('|'), 'giu') : null;
}

/** HTML-escaped text with every occurrence of a term wrapped in <mark>…</mark> (adjacent ones merged). */
export function highlight(text: string, terms: string[]): string {
  const re = termsRegExp(terms);
  if (!re || !text) return escapeHtml(text ?? '');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    out += escapeHtml(text.slice(last, at)) + '<mark>' + escapeHtml(m[0]) + '</mark>';
    last = at + m[0].length;
  }
  // adjacent words of one phrase form one highlight: 乡村 + 振兴 → <mark>乡村振兴</mark>
  return (out + escapeHtml(text.slice(last))).replace(/<\/mark><mark>/g, '');
}

/** A highlighted excerpt of about `length` characters around the first match (or the start). */
export function snippet(text: string, terms: string[], length = 120): string {
  if (!text) return '';
  const chars = Array.from(text);
  const re = termsRegExp(terms);
  let start = 0;
  if (re) {
    const m = re.exec(text);
    if (m) {
      const firstChar = Array.from(text.slice(0, m.index)).length;
      start = Math.max(0, firstChar - Math.floor(length / 4));
    }
  }
  const end = Math.min(chars.length, start + length);
  const piece = chars.slice(start, end).join('');
  return (start > 0 ? '…' : '') + highlight(piece, terms) + (end < chars.length ? '…' : '');
}
