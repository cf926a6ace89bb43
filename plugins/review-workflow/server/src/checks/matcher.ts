/**
 * Multi-pattern matcher used by the dictionary checks: leftmost-longest, non-overlapping
 * Aho–Corasick matches with UTF-16 offsets.
 *
 * Reference semantics are those of `modern-ahocorasick` (matches consist of whole grapheme
 * clusters). That library walks the text with `Intl.Segmenter`, which on Node 20 costs 1–3 µs per
 * non-ASCII character and grows super-linearly with the input (≈140 ms for 50,000 Chinese
 * characters, several seconds for 100,000), whatever the dictionary. So the default `'auto'` engine
 * runs a code-unit Aho–Corasick automaton (`Utf16Automaton`, below) wherever the text consists of
 * characters that always form a grapheme cluster of their own (CJK, ASCII, Latin, Greek/Cyrillic
 * letters, common punctuation and symbols — `SIMPLE_CHARS`); there grapheme and code-point
 * boundaries coincide and both engines find the same matches. Around every other character
 * (combining marks, ZWJ, variation selectors, emoji modifiers, regional indicators, Hangul jamo, …)
 * a small window is handed to `modern-ahocorasick`, so its grapheme semantics are kept exactly.
 * `tests/unit/review-checks.test.ts` checks the character class against the runtime segmenter and
 * the equivalence of the engines.
 */
import AhoCorasick from 'modern-ahocorasick';
import type { MatcherEngine } from './types';

export interface WordHit {
  /** Index into the pattern list given to the constructor. */
  index: number;
  start: number;
  end: number;
}

/**
 * Characters that always form a grapheme cluster on their own, i.e. are neither Extend,
 * SpacingMark, ZWJ, Prepend, Regional_Indicator nor conjoining Hangul jamo (UAX #29).
 * CR is included: CR LF is one cluster, but no pattern may start or end inside it.
 */
const SIMPLE_CHARS =
  '\\u0000-\\u02FF\\u0370-\\u0482\\u048A-\\u04FF\\u2000-\\u200B\\u200E-\\u20CF\\u2100-\\u2BFF\\u2E80-\\u2FFF' +
  '\\u3000-\\u3029\\u3030-\\u3098\\u309B-\\u9FFF\\uAC00-\\uD7A3\\uF900-\\uFAFF\\uFE10-\\uFE19\\uFE30-\\uFE6F' +
  '\\uFEFF\\uFF01-\\uFF9D\\uFFA0-\\uFFEE\\u{20000}-\\u{3FFFF}';

/** Matches one character outside `SIMPLE_CHARS` (including a lone surrogate). */
export const COMPLEX_CHAR = new RegExp(`[^${SIMPLE_CHARS}]`, 'u');
const COMPLEX_CHAR_G = new RegExp(`[^${SIMPLE_CHARS}]`, 'gu');

const INVALID_PATTERN = /[\r\n]|[\uD800-\uDFFF]/u;

/** Throws unless every pattern is non-empty, has no CR/LF and no lone surrogate. */
function validatePatterns(patterns: readonly string[]): void {
  patterns.forEach((p, i) => {
    if (typeof p !== 'string' || p.length === 0) throw new RangeError(`词条 #${i} 为空`);
    if (INVALID_PATTERN.test(p)) throw new RangeError(`词条 #${i}（${JSON.stringify(p)}）含换行符或不完整的 UTF-16 代理项`);
  });
}

/**
 * Code-unit Aho–Corasick automaton. Transitions from the root are a dense 64 Ki table; the others
 * are stored per state as a sorted slice of (code unit, target) pairs (CSR layout).
 */
export class Utf16Automaton {
  private readonly rootNext = new Int32Array(0x10000);
  private readonly edgeOffset: Int32Array;
  private readonly edgeUnit: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Pattern index ending exactly at this state, or -1. */
  private readonly output: Int32Array;
  /** Nearest proper suffix state with an output (0 = none). */
  private readonly outputLink: Int32Array;
  private readonly depth: Int32Array;

  constructor(patterns: readonly string[]) {
    // 1. Trie, with per-state children kept as maps while building.
    const children: Map<number, number>[] = [new Map()];
    const output: number[] = [-1];
    const depth: number[] = [0];
    patterns.forEach((pattern, index) => {
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const unit = pattern.charCodeAt(i);
        let next = children[state].get(unit);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          output.push(-1);
          depth.push(depth[state] + 1);
          children[state].set(unit, next);
        }
        state = next;
      }
      if (output[state] === -1) output[state] = index; // first of duplicate patterns wins
    });
    const n = children.length;

    // 2. CSR transition layout.
    this.edgeOffset = new Int32Array(n + 1);
    let edges = 0;
    for (let s = 0; s < n; s++) {
      this.edgeOffset[s] = edges;
      if (s !== 0) edges += children[s].size;
    }
    this.edgeOffset[n] = edges;
    this.edgeUnit = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    for (let s = 1; s < n; s++) {
      const sorted = [...children[s]].sort((a, b) => a[0] - b[0]);
      let at = this.edgeOffset[s];
      for (const [unit, target] of sorted) {
        this.edgeUnit[at] = unit;
        this.edgeTarget[at++] = target;
      }
    }
    for (const [unit, target] of children[0]) this.rootNext[unit] = target;

    // 3. Failure and output links (BFS).
    this.fail = new Int32Array(n);
    this.outputLink = new Int32Array(n);
    this.output = Int32Array.from(output);
    this.depth = Int32Array.from(depth);
    const queue: number[] = [];
    for (const child of children[0].values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      for (const [unit, child] of children[s]) {
        let f = this.fail[s];
        let target = this.step(f, unit);
        while (target === -1) {
          f = this.fail[f];
          target = this.step(f, unit);
        }
        this.fail[child] = target;
        this.outputLink[child] = this.output[target] !== -1 ? target : this.outputLink[target];
        queue.push(child);
      }
    }
  }

  /** Transition from `state` on `unit`; -1 when there is none (the root never fails: 0). */
  private step(state: number, unit: number): number {
    if (state === 0) return this.rootNext[unit];
    let lo = this.edgeOffset[state];
    let hi = this.edgeOffset[state + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const u = this.edgeUnit[mid];
      if (u === unit) return this.edgeTarget[mid];
      if (u < unit) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Every occurrence (overlaps included), in order of end offset. */
  searchAll(text: string, from = 0, to = text.length): WordHit[] {
    const hits: WordHit[] = [];
    const { fail, output, outputLink, depth } = this;
    let state = 0;
    for (let i = from; i < to; i++) {
      const unit = text.charCodeAt(i);
      let next = this.step(state, unit);
      while (next === -1) {
        state = fail[state];
        next = this.step(state, unit);
      }
      state = next;
      let o = output[state] !== -1 ? state : outputLink[state];
      while (o !== 0) {
        hits.push({ index: output[o], start: i + 1 - depth[o], end: i + 1 });
        o = outputLink[o];
      }
    }
    return hits;
  }

  /** Leftmost-longest, non-overlapping matches, in order of start offset. */
  search(text: string): WordHit[] {
    return selectLeftmostLongest(this.searchAll(text));
  }
}

/** Greedy leftmost-longest selection (earliest start, then longest, then lowest index). */
export function selectLeftmostLongest(hits: WordHit[]): WordHit[] {
  if (hits.length < 2) return hits;
  hits.sort((a, b) => a.start - b.start || b.end - a.end || a.index - b.index);
  const selected: WordHit[] = [];
  let cursor = 0;
  for (const hit of hits) {
    if (hit.start < cursor) continue;
    selected.push(hit);
    cursor = hit.end;
  }
  return selected;
}

/** Start of the code point that ends at `i` (exclusive), i.e. one code point back. */
function prevCodePoint(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
}

/** End of the code point starting at `i`. */
function nextCodePoint(text: string, i: number): number {
  if (i >= text.length) return text.length;
  return isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves a window edge outwards until it is not inside a surrogate pair or a CR LF pair. */
function snapStart(text: string, p: number): number {
  while (p > 0 && ((isLowSurrogate(text.charCodeAt(p)) && isHighSurrogate(text.charCodeAt(p - 1))) || (text[p] === '\n' && text[p - 1] === '\r'))) p--;
  return p;
}
function snapEnd(text: string, p: number): number {
  while (p < text.length && ((isLowSurrogate(text.charCodeAt(p)) && isHighSurrogate(text.charCodeAt(p - 1))) || (text[p] === '\n' && text[p - 1] === '\r'))) p++;
  return p;
}

interface ExactWindow {
  /** Hull of the complex clusters: exact-engine matches are kept iff they intersect it. */
  coreStart: number;
  coreEnd: number;
  /** Slice given to modern-ahocorasick: the hull plus `maxLength` units each side. */
  start: number;
  end: number;
}

/**
 * Windows around the complex characters of `text`. A cluster that contains a complex character
 * consists of complex characters plus at most one simple neighbour on each side (a base
 * character, or the character following a Prepend), so each core is a run of complex characters
 * widened by one code point. Window edges lie between two simple characters (not CR LF, not a
 * surrogate pair), which is always a grapheme boundary, so the slice segments like the full text.
 */
function exactWindows(text: string, maxLength: number): ExactWindow[] {
  const windows: ExactWindow[] = [];
  const margin = maxLength + 2;
  COMPLEX_CHAR_G.lastIndex = 0;
  for (let m = COMPLEX_CHAR_G.exec(text); m; m = COMPLEX_CHAR_G.exec(text)) {
    const coreStart = prevCodePoint(text, m.index);
    const coreEnd = nextCodePoint(text, m.index + m[0].length);
    const last = windows[windows.length - 1];
    if (last && coreStart - margin <= last.coreEnd + margin) {
      last.coreEnd = Math.max(last.coreEnd, coreEnd);
    } else {
      windows.push({ coreStart, coreEnd, start: 0, end: 0 });
    }
  }
  for (const w of windows) {
    w.start = snapStart(text, Math.max(0, w.coreStart - maxLength));
    w.end = snapEnd(text, Math.min(text.length, w.coreEnd + maxLength));
  }
  return windows;
}

/** Leftmost-longest dictionary matcher over a fixed pattern list (compiled once). */
export class WordMatcher {
  readonly patterns: readonly string[];
  readonly engine: MatcherEngine;
  private readonly fast?: Utf16Automaton;
  private readonly exact?: AhoCorasick;
  /** Longest pattern, in UTF-16 code units (= longest possible match). */
  private readonly maxLength: number;

  constructor(patterns: readonly string[], engine: MatcherEngine = 'auto') {
    validatePatterns(patterns);
    this.patterns = [...patterns];
    this.engine = engine;
    this.maxLength = this.patterns.reduce((max, p) => Math.max(max, p.length), 0);
    if (engine !== 'modern-ahocorasick') this.fast = new Utf16Automaton(this.patterns);
    if (engine !== 'utf16') this.exact = new AhoCorasick(this.patterns);
  }

  /** Leftmost-longest, non-overlapping matches sorted by start. */
  search(text: string): WordHit[] {
    if (this.patterns.length === 0 || text.length === 0) return [];
    if (!this.exact) return this.fast!.search(text);
    if (!this.fast) return this.searchExact(text, 0, text.length, 'leftmost-longest');
    if (!COMPLEX_CHAR.test(text)) return this.fast.search(text);

    // Every occurrence from both engines (the automaton outside the complex cores, the exact
    // engine for anything touching them), then one global leftmost-longest selection.
    const windows = exactWindows(text, this.maxLength);
    const coveredBefore = new Int32Array(text.length + 1); // # of core code units before i
    for (const w of windows) for (let i = w.coreStart; i < w.coreEnd; i++) coveredBefore[i + 1] = 1;
    for (let i = 1; i <= text.length; i++) coveredBefore[i] += coveredBefore[i - 1];
    const hits = this.fast.searchAll(text).filter((h) => coveredBefore[h.end] === coveredBefore[h.start]);
    for (const w of windows) {
      for (const h of this.searchExact(text, w.start, w.end, 'all')) if (h.start < w.coreEnd && h.end > w.coreStart) hits.push(h);
    }
    return selectLeftmostLongest(hits);
  }

  private searchExact(text: string, from: number, to: number, strategy: 'all' | 'leftmost-longest'): WordHit[] {
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    return this.exact!.search(slice, { strategy }).map((m) => ({ index: m.patternIndex, start: m.start + from, end: m.end + from }));
  }
}
