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

/** Index tokens of a text: its words, plus the bigrams of long Han words. */
export function indexTokens(text: string | null | undefined): string {
  const out: string[] = [];
  for (const w of words(text)) {
    out.push(w);
    if (w.length >= 3 && HAN.test(w)) {
      const chars = Array.from(w);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    }
  }
  return out.join(' ');
}

/** The distinct words of a query (at most maxTerms), all of which a match must contain. */
export function queryTerms(q: string, maxTerms: number): string[] {
  const seen = new Set<string>();
  for (const w of words(q, 1000)) {
    if (seen.size >= maxTerms) break;
    seen.add(w);
  }
  return [...seen];
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
