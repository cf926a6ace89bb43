/**
 * The search user dictionary: agency abbreviations and terms that ICU's segmenter splits into single
 * characters (青政办 → 青|政|办, 低保 → 低|保, 一网通办 → 一|网|通|办), so that a query for one of them
 * would match any document containing the characters anywhere. Dictionary words are found first
 * (leftmost-longest, the review checks' Aho–Corasick matcher, same results as modern-ahocorasick and
 * fast on CJK), the segmenter handles the rest.
 *
 * Where the words come from (search/words-store.ts loads them): the plugin config (`search.dictionary`),
 * the admin-edited list, every organisation's short name and the 机关代字 found in 发文字号.
 */
import { WordMatcher } from '../../../../review-workflow/server/src/checks/matcher';
import { parseDocumentNumber, normaliseDocumentNumber } from '../../../../../src/domain/document-number';

/** A dictionary word: 2–20 characters, no whitespace or punctuation that the index would split on. */
export const WORD_PATTERN = /^[\p{Script=Han}\p{L}\p{N}]{2,20}$/u;
export const MAX_ADMIN_WORDS = 5000;

/** Normalised form of a word (or null when it cannot be a dictionary word). */
export function normaliseWord(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const w = raw.trim().toLowerCase();
  return WORD_PATTERN.test(w) ? w : null;
}

/**
 * The 机关代字 of a 发文字号: the part before 〔year〕 (青政办〔2025〕3号 → 青政办). Numbers that do not
 * follow GB/T 9704 (命令, free text) have none.
 */
export function agencyCodeOf(documentNumber: string | null | undefined): string | null {
  if (!documentNumber) return null;
  const parsed = parseDocumentNumber(normaliseDocumentNumber(documentNumber));
  return parsed ? normaliseWord(parsed.agencyCode) : null;
}

export class Dictionary {
  readonly words: ReadonlySet<string>;
  private readonly matcher: WordMatcher | null;
  /** A stable fingerprint of the word set (what the index was built with is compared by it). */
  readonly version: string;

  constructor(words: Iterable<string>) {
    const set = new Set<string>();
    for (const w of words) {
      const n = normaliseWord(w);
      if (n) set.add(n);
    }
    this.words = set;
    const list = [...set].sort();
    this.version = fingerprint(list);
    this.matcher = list.length ? new WordMatcher(list) : null;
  }

  static readonly EMPTY = new Dictionary([]);

  has(word: string): boolean {
    return this.words.has(word);
  }

  /**
   * Dictionary words found in a (lower-cased) text, as [start, end) UTF-16 ranges. `boundaries` are the
   * segmenter's word boundaries: a match whose two ends both fall inside segmenter words is taken for an
   * accident (发改 in 开发|改造) and dropped; one that starts or ends on a boundary is kept (社保 in 社|保卡).
   */
  find(text: string, boundaries: ReadonlySet<number>): Array<{ word: string; start: number; end: number }> {
    if (!this.matcher || !text) return [];
    const out: Array<{ word: string; start: number; end: number }> = [];
    for (const h of this.matcher.search(text)) {
      if (boundaries.has(h.start) || boundaries.has(h.end)) out.push({ word: this.matcher.patterns[h.index], start: h.start, end: h.end });
    }
    return out;
  }
}

function fingerprint(sorted: string[]): string {
  // FNV-1a over the joined list: a version tag, not a security property
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = sorted.join('\n');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${sorted.length}-${h1.toString(16)}${h2.toString(16)}`;
}

/** Defaults of `search.dictionary`: terms of government work that the segmenter splits. */
export const DEFAULT_DICTIONARY: readonly string[] = [
  // social security and assistance
  '低保', '特困', '医保', '社保', '养老保险', '医疗保险', '失业保险', '工伤保险', '生育保险', '公积金', '住房公积金', '城乡居民医保',
  '新农合', '大病保险', '临时救助', '残疾人两项补贴', '高龄津贴', '五保', '优抚', '退役军人',
  // reform and administration
  '发改', '发改委', '政务公开', '政府信息公开', '依申请公开', '主动公开', '一网通办', '一网统管', '放管服', '最多跑一次',
  '一件事一次办', '证照分离', '双随机', '一公开', '营商环境', '政务服务', '12345热线', '政务热线',
  '河长制', '林长制', '田长制', '双减', '三农', '乡村振兴', '脱贫攻坚', '防返贫', '两不愁三保障', '高标准农田',
  // finance and planning
  '三公', '预决算', '一般公共预算', '专项债', '专项债券', '财政预算', '财政决算', '规上企业', '十四五', '十五五',
  // safety, environment, health
  '安全生产', '双重预防', '消防安全', '食品安全', '环评', '环境影响评价', '排污许可', '河湖长制', '扫黑除恶', '疫情防控',
  '医共体', '家庭医生', '义务教育', '学前教育', '义教', '控辍保学', '营养改善计划',
  // housing and land
  '棚改', '棚户区改造', '老旧小区改造', '保障性住房', '公租房', '廉租房', '征地', '征收补偿', '国土空间规划', '不动产登记',
];
