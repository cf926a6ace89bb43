/**
 * Benchmark of the pre-publication check pipeline (plugins/review-workflow/server/src/checks).
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/bench-checks.js [--engine auto|modern-ahocorasick|utf16]
 *        [--complex] [--runs N]
 *
 * Builds a deterministic 5,000-word sensitive-word dictionary (the default list plus generated
 * words) and the default typo list, generates a deterministic Chinese document with ID numbers,
 * mobile and bank card numbers, dictionary hits and typos planted in it, and times `run()` on the
 * first 12.5k / 25k / 50k / 100k characters. Prints median and p95 ms per document and whether the
 * target (< 20 ms for a 50,000-character document, judged on p95) is met.
 *
 *   --engine   dictionary engine (default auto; modern-ahocorasick = the reference, slow on CJK text)
 *   --complex  put an emoji with a variation selector and a combining mark into every paragraph,
 *              which forces the exact (grapheme) engine around them
 *   --runs N   timed runs per size for 50k characters (scaled for the other sizes; default 100)
 */
import path from 'path';
import { createCheckPipeline, idCardCheckChar, loadDefaultDictionaries, type CheckDocument, type MatcherEngine } from '../plugins/review-workflow/server/src/checks';

const TARGET_MS = 20;
const SIZES = [12_500, 25_000, 50_000, 100_000];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : 'true';
}

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20240601);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const CHAR_POOL =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经' +
  '十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相' +
  '全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果' +
  '料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则' +
  '任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带' +
  '安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装';

const PHRASES = [
  '根据', '关于', '进一步', '加强', '推进', '落实', '工作', '管理', '实施', '意见', '通知', '各乡镇人民政府', '县直各单位',
  '高质量发展', '营商环境', '政务服务', '一网通办', '依法行政', '政府信息公开', '主动公开', '社会公众', '监督检查',
  '专项资金', '项目建设', '乡村振兴', '生态环境保护', '安全生产', '防汛抗旱', '民生保障', '基层治理', '数字政府',
  '责任单位', '牵头部门', '配合部门', '时间节点', '工作要求', '组织领导', '统筹协调', '宣传引导', '考核评估',
];

function sentence(): string {
  let s = '';
  const n = int(4, 9);
  for (let i = 0; i < n; i++) s += rand() < 0.7 ? pick(PHRASES) : pick(CHAR_POOL.split('')) + pick(CHAR_POOL.split(''));
  return s + pick(['，', '，', '；', '。', '。']);
}

function idNumber(): string {
  const first17 = `${pick(['110101', '320102', '420106', '510104', '440305'])}${int(1950, 2005)}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}${String(int(0, 999)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

function luhnComplete(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = prefix + d;
    let sum = 0;
    for (let i = s.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
      let v = s.charCodeAt(i) - 48;
      if (dbl) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

/** 5,000 distinct words: the default list plus generated 3–6 character words. */
function buildDictionary(base: readonly string[]): string[] {
  const words = new Set(base);
  const pool = CHAR_POOL.split('');
  while (words.size < 5000) {
    let w = '';
    const len = int(3, 6);
    for (let i = 0; i < len; i++) w += pick(pool);
    words.add(w);
  }
  return [...words];
}

interface Corpus {
  text: string;
  planted: { pii: number; sensitive: number; typos: number };
}

/** Paragraphs of ~300–600 characters with PII, sensitive words and typos planted. */
function buildDocument(length: number, dictionary: readonly string[], typos: readonly string[], complex: boolean): Corpus {
  const planted = { pii: 0, sensitive: 0, typos: 0 };
  const paragraphs: string[] = [];
  let size = 0;
  while (size < length) {
    let p = '';
    const target = int(300, 600);
    while (p.length < target) {
      const r = rand();
      if (r < 0.01) {
        p += `联系人身份证号${idNumber()}，`;
        planted.pii++;
      } else if (r < 0.02) {
        p += `联系电话：1${pick(['38', '39', '58', '86', '99'])}${String(int(0, 99999999)).padStart(8, '0')}。`;
        planted.pii++;
      } else if (r < 0.025) {
        p += `收款账号${luhnComplete('62220' + String(int(0, 999999999999)).padStart(13, '0'))}，`;
        planted.pii++;
      } else if (r < 0.04) {
        p += pick(dictionary);
        planted.sensitive++;
      } else if (r < 0.05) {
        p += pick(typos);
        planted.typos++;
      } else {
        p += sentence();
      }
    }
    if (complex) p = p.slice(0, 50) + '★\uFE0F重点事项' + p.slice(50) + 'e\u0301';
    paragraphs.push(p);
    size += p.length + 1;
  }
  return { text: paragraphs.join('\n').slice(0, length), planted };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function main(): void {
  const engine = (arg('engine') ?? 'auto') as MatcherEngine;
  if (!['auto', 'modern-ahocorasick', 'utf16'].includes(engine)) throw new Error(`unknown engine ${engine}`);
  const complex = arg('complex') === 'true';
  const runs50k = Number(arg('runs') ?? 100);

  const root = path.resolve(__dirname, '..', '..');
  const defaults = loadDefaultDictionaries(root);
  const sensitiveWords = buildDictionary(defaults.sensitiveWords);

  const t0 = process.hrtime.bigint();
  const pipeline = createCheckPipeline({ sensitiveWords, typos: defaults.typos, engine, maxFindingsPerCheck: 10_000 });
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const corpus = buildDocument(Math.max(...SIZES), sensitiveWords, defaults.typos.map((p) => p.wrong), complex);
  console.log(`Node ${process.version}; engine=${engine}${complex ? '; text with complex characters (--complex)' : ''}`);
  console.log(
    `dictionary: ${pipeline.dictionarySize.sensitiveWords} sensitive words, ${pipeline.dictionarySize.typos} typo pairs; ` +
      `pipeline built once in ${buildMs.toFixed(1)} ms`,
  );
  console.log(`document: ${corpus.text.length} chars, planted ${corpus.planted.pii} PII, ${corpus.planted.sensitive} sensitive words, ${corpus.planted.typos} typos`);
  console.log('');
  console.log('   chars  runs  median ms     p95 ms  ms/10k chars  findings');

  let p95At50k = Number.NaN;
  let medianAt50k = Number.NaN;
  for (const size of SIZES) {
    const doc: CheckDocument = {
      fields: { title: '关于进一步加强政务公开工作的通知', summary: '为进一步做好政府信息公开工作，现将有关事项通知如下。', body: corpus.text.slice(0, size) },
      attachments: [
        { name: '附件1.pdf', mime: 'application/pdf', ext: '.pdf' },
        { name: '附件2.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: '.xlsx' },
      ],
      meta: { secrecyLevel: '非密', scope: '面向社会', disclosureMode: '主动公开', documentNumber: '青政办发〔2024〕12号' },
      requiredFields: ['documentNumber', 'title'],
    };
    const runs = Math.max(3, Math.round((runs50k * 50_000) / size));
    for (let i = 0; i < Math.min(20, runs); i++) pipeline.run(doc); // warm-up
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      const result = pipeline.run(doc);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      findings = result.findings.length;
    }
    times.sort((a, b) => a - b);
    const median = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);
    if (size === 50_000) {
      p95At50k = p95;
      medianAt50k = median;
    }
    console.log(
      `${String(size).padStart(8)}  ${String(runs).padStart(4)}  ${median.toFixed(2).padStart(9)}  ${p95.toFixed(2).padStart(9)}  ` +
        `${((median * 10_000) / size).toFixed(2).padStart(12)}  ${String(findings).padStart(8)}`,
    );
  }
  console.log('');
  const met = p95At50k < TARGET_MS;
  console.log(
    `target < ${TARGET_MS} ms per 50,000-character document: ${met ? 'MET' : 'NOT MET'} ` +
      `(median ${medianAt50k.toFixed(2)} ms, p95 ${p95At50k.toFixed(2)} ms)`,
  );
  if (!met) process.exitCode = 1;
}

main();
