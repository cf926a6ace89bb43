/**
 * Dictionary checks: sensitive words (敏感词) and typo / banned-expression pairs (错别字、不规范表述).
 * Both are compiled once into an Aho–Corasick matcher (see `matcher.ts`) and report
 * leftmost-longest, non-overlapping matches — `机密★` wins over `机密` at the same position.
 *
 * File formats (UTF-8, BOM tolerated), one entry per line, blank lines and lines starting with `#`
 * ignored, surrounding whitespace trimmed:
 *   - word list: `内部资料`
 *   - pair list: `按装=>安装`; `wrong=>` (empty right-hand side) is a banned expression without a
 *     replacement.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { WordMatcher } from './matcher';
import type { MatcherEngine, TypoPair } from './types';

export interface DictionaryHit {
  /** The dictionary entry (sensitive word, or the wrong form of a pair). */
  word: string;
  start: number;
  end: number;
}

export interface TypoHit extends DictionaryHit {
  /** Suggested replacement; absent for a banned expression. */
  right?: string;
}

export interface MatcherOptions {
  engine?: MatcherEngine;
}

/** Sensitive-word matcher, compiled once from a word list (duplicates and blanks dropped). */
export class SensitiveWordMatcher {
  readonly words: readonly string[];
  private readonly matcher: WordMatcher;

  constructor(words: readonly string[], options: MatcherOptions = {}) {
    this.words = uniqueNonEmpty(words);
    this.matcher = new WordMatcher(this.words, options.engine);
  }

  get size(): number {
    return this.words.length;
  }

  find(text: string): DictionaryHit[] {
    return this.matcher.search(text).map((h) => ({ word: this.words[h.index], start: h.start, end: h.end }));
  }
}

/** Typo / banned-expression matcher, compiled once from "wrong → right" pairs (first pair wins). */
export class TypoMatcher {
  readonly pairs: readonly TypoPair[];
  private readonly matcher: WordMatcher;

  constructor(pairs: readonly TypoPair[], options: MatcherOptions = {}) {
    const seen = new Set<string>();
    const list: TypoPair[] = [];
    for (const p of pairs) {
      const wrong = p.wrong.trim();
      if (!wrong || seen.has(wrong)) continue;
      const right = p.right?.trim();
      if (right === wrong) throw new RangeError(`错别字词条“${wrong}”的建议写法与原词相同`);
      seen.add(wrong);
      list.push(right ? { wrong, right } : { wrong });
    }
    this.pairs = list;
    this.matcher = new WordMatcher(list.map((p) => p.wrong), options.engine);
  }

  get size(): number {
    return this.pairs.length;
  }

  find(text: string): TypoHit[] {
    return this.matcher.search(text).map((h) => {
      const pair = this.pairs[h.index];
      const hit: TypoHit = { word: pair.wrong, start: h.start, end: h.end };
      if (pair.right !== undefined) hit.right = pair.right;
      return hit;
    });
  }
}

function uniqueNonEmpty(words: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const w of words) {
    const t = w.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

function* entries(text: string): Generator<{ line: string; lineNo: number }> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line && !line.startsWith('#')) yield { line, lineNo: i + 1 };
  }
}

/** Parses a word list: one word per line, `#` comment lines, blanks ignored, duplicates dropped. */
export function parseWordList(text: string): string[] {
  return uniqueNonEmpty([...entries(text)].map((e) => e.line));
}

/**
 * Parses `wrong=>right` lines. Throws on a line without `=>` or with an empty left-hand side
 * (`source` names the file in the error message).
 */
export function parsePairList(text: string, source = '错别字词表'): TypoPair[] {
  const pairs: TypoPair[] = [];
  for (const { line, lineNo } of entries(text)) {
    const at = line.indexOf('=>');
    if (at === -1) throw new SyntaxError(`${source} 第 ${lineNo} 行缺少“=>”：${line}`);
    const wrong = line.slice(0, at).trim();
    const right = line.slice(at + 2).trim();
    if (!wrong) throw new SyntaxError(`${source} 第 ${lineNo} 行“=>”左侧为空：${line}`);
    pairs.push(right ? { wrong, right } : { wrong });
  }
  return pairs;
}

export function loadWordListFile(file: string): string[] {
  return parseWordList(readFileSync(file, 'utf8'));
}

export function loadPairListFile(file: string): TypoPair[] {
  return parsePairList(readFileSync(file, 'utf8'), path.basename(file));
}

/** Default dictionary files, relative to the project root. */
export const DEFAULT_SENSITIVE_WORDS_FILE = 'config/review/sensitive-words.txt';
export const DEFAULT_TYPOS_FILE = 'config/review/typos.txt';

/** Loads `config/review/sensitive-words.txt` and `config/review/typos.txt` under `rootDir`. */
export function loadDefaultDictionaries(rootDir: string = process.cwd()): { sensitiveWords: string[]; typos: TypoPair[] } {
  return {
    sensitiveWords: loadWordListFile(path.join(rootDir, DEFAULT_SENSITIVE_WORDS_FILE)),
    typos: loadPairListFile(path.join(rootDir, DEFAULT_TYPOS_FILE)),
  };
}
