import path from 'path';
import { performance } from 'perf_hooks';
import {
  COMPLEX_CHAR,
  SensitiveWordMatcher,
  TypoMatcher,
  WordMatcher,
  createCheckPipeline,
  findPii,
  idCardCheckChar,
  isValidIdCardNumber,
  loadDefaultDictionaries,
  luhnValid,
  makeSnippet,
  maskNumber,
  maskSpans,
  parsePairList,
  parseWordList,
  type CheckConfig,
  type CheckDocument,
  type Finding,
} from '../../plugins/review-workflow/server/src/checks';

const ROOT = path.resolve(__dirname, '..', '..');
const TODAY = new Date(2025, 5, 1);

// Valid 居民身份证号码 (checksums computed independently of the code under test).
const ID_A = '320102199003071239';
const ID_B = '420106198511204530';
const ID_X = '11010519491231002X'; // GB 11643 example, check character X
const ID_LUHN = '310104198805201118'; // valid ID that also passes Luhn
const CARD = '6222020200001234562'; // 19 digits, Luhn-valid
const CARD16 = '6228480012345671'; // 16 digits, Luhn-valid

const only = (findings: Finding[], check: string) => findings.filter((f) => f.check === check);
const pipeline = (config: CheckConfig = {}) => createCheckPipeline({ sensitiveWords: ['内部资料', '机密★', '绝密'], typos: [{ wrong: '按装', right: '安装' }], ...config });
const runBody = (body: string, config?: CheckConfig) => pipeline(config).run({ fields: { body } }).findings;

describe('pii: 身份证号', () => {
  test('checksum, date and province validation', () => {
    expect(isValidIdCardNumber(ID_A, TODAY)).toBe(true);
    expect(isValidIdCardNumber(ID_B, TODAY)).toBe(true);
    expect(isValidIdCardNumber(ID_X, TODAY)).toBe(true);
    expect(isValidIdCardNumber(ID_X.toLowerCase(), TODAY)).toBe(true);
    expect(isValidIdCardNumber('320102199003071238', TODAY)).toBe(false); // wrong check digit
    expect(isValidIdCardNumber('110101199013321232', TODAY)).toBe(false); // checksum ok, month 13
    expect(isValidIdCardNumber('990101199003071237', TODAY)).toBe(false); // checksum ok, no province 99
    expect(isValidIdCardNumber('110101202602301234', TODAY)).toBe(false); // 30 February
    expect(isValidIdCardNumber('440524188001010014', TODAY)).toBe(false); // checksum ok, born 1880
  });

  test('valid numbers are flagged with offsets', () => {
    const text = `申请人张某，身份证号${ID_A}，联系人身份证${ID_B}。`;
    const ids = findPii(text, { today: TODAY }).filter((m) => m.kind === 'idCard');
    expect(ids.map((m) => text.slice(m.start, m.end))).toEqual([ID_A, ID_B]);
    expect(ids[0].start).toBe(text.indexOf(ID_A));
    expect(ids.every((m) => !m.checkDigitMismatch)).toBe(true);
  });

  test('a wrong check digit with a real region and birth date is still flagged, as a near miss', () => {
    // 320102199003071238: the valid number ends in 9 (ID_A); one mistyped digit must not let it through
    expect(findPii('身份证号320102199003071238。', { today: TODAY })).toEqual([{ kind: 'idCard', start: 4, end: 22, text: '320102199003071238', checkDigitMismatch: true }]);
    // the example: 110101199003074515 (check character should be 4)
    expect(idCardCheckChar('11010119900307451')).not.toBe('5');
    expect(findPii('110101199003074515', { today: TODAY })).toEqual([{ kind: 'idCard', start: 0, end: 18, text: '110101199003074515', checkDigitMismatch: true }]);
    // without a real region code or birth date it is not an ID number
    expect(findPii('990101199003074515', { today: TODAY }).filter((m) => m.kind === 'idCard')).toEqual([]);
    expect(findPii('110101199013074515', { today: TODAY }).filter((m) => m.kind === 'idCard')).toEqual([]);
  });

  test('X check character, upper and lower case, and full-width digits', () => {
    for (const id of [ID_X, ID_X.toLowerCase()]) {
      const m = findPii(`号码：${id}`, { today: TODAY });
      expect(m).toEqual([{ kind: 'idCard', start: 3, end: 21, text: id }]);
    }
    const fullWidth = ID_A.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(findPii(`身份证${fullWidth}`, { today: TODAY })).toEqual([{ kind: 'idCard', start: 3, end: 21, text: fullWidth }]);
  });

  test('random 18-digit numbers are not flagged as ID numbers', () => {
    for (const n of ['526018159083016613', '186091390996030824', '628194821993518190', '123456789012345678', '100000000000000000']) {
      expect(findPii(`流水号${n}。`, { today: TODAY }).filter((m) => m.kind === 'idCard')).toEqual([]);
    }
    // Deterministic pseudo-random sweep: anything flagged must really be valid.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 10);
    let flagged = 0;
    for (let i = 0; i < 2000; i++) {
      let n = '';
      for (let j = 0; j < 18; j++) n += rnd();
      const hit = findPii(n, { today: TODAY }).find((m) => m.kind === 'idCard');
      // a valid number is flagged as such; a near miss only with a real region and birth date
      if (isValidIdCardNumber(n, TODAY)) expect(hit).toEqual({ kind: 'idCard', start: 0, end: 18, text: n });
      else if (hit) expect(hit.checkDigitMismatch).toBe(true);
      if (hit) flagged++;
    }
    expect(flagged).toBeLessThan(20); // province + birth date: well under 1 % of random 18-digit runs
  });

  test('an ID inside a longer digit run is not flagged', () => {
    expect(findPii(`1${ID_A}`, { today: TODAY }).filter((m) => m.kind === 'idCard')).toEqual([]);
    expect(findPii(`${ID_A}0`, { today: TODAY }).filter((m) => m.kind === 'idCard')).toEqual([]);
  });
});

describe('pii: 手机号', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['138-0013-8000', '138-0013-8000'],
    ['138 0013 8000', '138 0013 8000'],
    ['+8613800138000', '13800138000'],
    ['0086 199 1234 5678', '199 1234 5678'],
  ])('flags %s', (number, matched) => {
    const text = `联系电话：${number}（工作日）`;
    const m = findPii(text).filter((x) => x.kind === 'mobile');
    expect(m).toHaveLength(1);
    expect(text.slice(m[0].start, m[0].end)).toBe(matched);
  });

  test.each(['2013800138000', '138001380001', '1380013800', '12800138000', '138-0013 8000', '0571-8813800138000'])('does not flag %s', (number) => {
    expect(findPii(`编号${number}号`).filter((x) => x.kind === 'mobile')).toEqual([]);
  });
});

describe('pii: 银行卡号', () => {
  test('Luhn-valid card numbers are flagged, Luhn-invalid are not', () => {
    expect(luhnValid(CARD)).toBe(true);
    expect(luhnValid('6222020200001234563')).toBe(false);
    expect(findPii(`收款账号${CARD}。`)).toEqual([{ kind: 'bankCard', start: 4, end: 23, text: CARD }]);
    expect(findPii(`卡号${CARD16}`).map((m) => m.kind)).toEqual(['bankCard']);
    expect(findPii('收款账号6222020200001234563。')).toEqual([]);
    expect(findPii('卡号 6222 0202 0000 1234 562 已冻结').map((m) => [m.kind, m.text])).toEqual([['bankCard', '6222 0202 0000 1234 562']]);
  });

  test('not part of a longer run, and never reported for a valid ID number', () => {
    expect(findPii(`9${CARD}`)).toEqual([]);
    expect(luhnValid(ID_LUHN)).toBe(true);
    expect(findPii(`身份证${ID_LUHN}`, { today: TODAY }).map((m) => m.kind)).toEqual(['idCard']);
  });
});

describe('snippet masking', () => {
  test('maskNumber keeps the first 3 and last 4 digits and the separators', () => {
    expect(maskNumber(ID_A)).toBe('320***********1239');
    expect(maskNumber(ID_X)).toBe('110***********002X');
    expect(maskNumber('13800138000')).toBe('138****8000');
    expect(maskNumber('138-0013-8000')).toBe('138-****-8000');
    expect(maskNumber(CARD)).toBe('622************4562');
  });

  test('PII findings carry a masked snippet, message and suggestion', () => {
    const body = `经查，申请人王某（公民身份号码${ID_A}）于2024年提出申请。`;
    const [f] = runBody(body);
    expect(f).toMatchObject({ check: 'pii.idCard', severity: 'blocking', field: 'body', start: body.indexOf(ID_A), end: body.indexOf(ID_A) + 18 });
    expect(f.snippet).toBe(`经查，申请人王某（公民身份号码320***********1239）于2024年提出申请。`);
    expect(f.snippet).not.toContain(ID_A);
    expect(f.message).toContain('320***********1239');
    expect(f.message).not.toContain(ID_A);
    expect(f.suggestion).toBe('320***********1239');
  });

  test('±20 characters of context; other checks’ snippets mask nearby numbers too', () => {
    const body = `${'前'.repeat(30)}内部资料 电话13800138000${'后'.repeat(30)}`;
    const findings = runBody(body);
    const sensitive = only(findings, 'dictionary.sensitive')[0];
    expect(sensitive.snippet).toBe(`${'前'.repeat(20)}内部资料 电话138****8000${'后'.repeat(6)}`);
    const mobile = only(findings, 'pii.mobile')[0];
    expect(mobile.snippet).toBe(`${'前'.repeat(13)}内部资料 电话138****8000${'后'.repeat(20)}`);
    expect(mobile.snippet.length).toBe(20 + 11 + 20);
  });

  test('a near-miss ID number is a blocking finding (疑似身份证号（校验位不符）), so 送审 is refused', () => {
    const [f] = runBody('申请人身份证号110101199003074515，请核实。');
    expect(f).toMatchObject({ check: 'pii.idCard', severity: 'blocking', suggestion: '110***********4515' });
    expect(f.message).toBe('正文含有疑似身份证号（校验位不符）（110***********4515），可能是输错一位的身份证号码，公开前应删除或作去标识化处理');
    expect(f.snippet).toBe('申请人身份证号110***********4515，请核实。');
  });

  test('snippets mask every digit run of ID, mobile or card shape next to a finding, valid or not', () => {
    // an invalid 18-digit run (no real region), an 11-digit run starting with 1 that is no mobile (12…), a 16-digit run failing Luhn
    const body = '电话13800138000，证件990101199003074515，另号12345678901，卡6222020200001234，完';
    const mobile = only(runBody(body), 'pii.mobile')[0];
    expect(mobile.snippet).toBe('电话138****8000，证件990***********4515，另号123****8901，卡6222020200001234，完'.slice(0, mobile.snippet.length));
    expect(mobile.snippet).not.toMatch(/\d{8}/);
    expect(makeSnippet('a 990101199003074515 b', 0, 1, 30, maskSpans('a 990101199003074515 b', []))).toBe('a 990***********4515 b');
    expect(makeSnippet('卡 6222020200001234 号', 0, 1, 30, maskSpans('卡 6222020200001234 号', []))).toBe('卡 622*********1234 号');
    expect(makeSnippet('号 138-1234-5678 止', 0, 1, 30, maskSpans('号 138-1234-5678 止', []))).toBe('号 138-****-5678 止');
    // short numbers (dates, amounts, document numbers) are left alone
    expect(maskSpans('2024年第12号文，金额1234567元', [])).toEqual([]);
  });

  test('makeSnippet does not split surrogate pairs and flattens line breaks', () => {
    expect(makeSnippet('𠮷ab\ncd', 3, 4, 2)).toBe('𠮷ab c');
    expect(makeSnippet('ab𠮷c', 0, 1, 2)).toBe('ab𠮷');
  });
});

describe('dictionary', () => {
  test('sensitive words: offsets, field, leftmost-longest', () => {
    const doc: CheckDocument = { fields: { title: '关于印发内部资料的通知', body: '𠮷本件为机密★1年，绝密。' } };
    const findings = only(pipeline().run(doc).findings, 'dictionary.sensitive');
    expect(findings.map((f) => [f.field, f.start, f.end, doc.fields[f.field].slice(f.start, f.end)])).toEqual([
      ['title', 4, 8, '内部资料'],
      ['body', 5, 8, '机密★'], // 𠮷 is two UTF-16 code units
      ['body', 11, 13, '绝密'],
    ]);
    expect(findings[0].message).toContain('“内部资料”');
    expect(findings[0].snippet).toBe('关于印发内部资料的通知');
  });

  test('longest match wins at the same start', () => {
    const m = new SensitiveWordMatcher(['机密', '机密★', '★']);
    expect(m.find('标注机密★的文件')).toEqual([{ word: '机密★', start: 2, end: 5 }]);
  });

  test('typos: suggestion and banned expressions', () => {
    const typos = new TypoMatcher([{ wrong: '按装', right: '安装' }, { wrong: '截止到', right: '截至' }, { wrong: '【待补充】' }]);
    expect(typos.find('截止到年底完成按装【待补充】')).toEqual([
      { word: '截止到', right: '截至', start: 0, end: 3 },
      { word: '按装', right: '安装', start: 7, end: 9 },
      { word: '【待补充】', start: 9, end: 14 },
    ]);
    const [f] = pipeline().run({ fields: { summary: '完成设备按装' } }).findings;
    expect(f).toMatchObject({ check: 'dictionary.typo', severity: 'warning', field: 'summary', start: 4, end: 6, suggestion: '安装' });
    expect(f.message).toBe('内容概述中“按装”为错别字或不规范表述，建议改为“安装”');
  });

  test('loaders: comments, blanks, BOM, duplicates, errors', () => {
    expect(parseWordList('\uFEFF# 注释\n内部资料\r\n\n  绝密  \n内部资料\n')).toEqual(['内部资料', '绝密']);
    expect(parsePairList('# c\n按装=>安装\n 既使 => 即使 \nXX年=>\n')).toEqual([
      { wrong: '按装', right: '安装' },
      { wrong: '既使', right: '即使' },
      { wrong: 'XX年' },
    ]);
    expect(() => parsePairList('按装=>安装\n既使', 'typos.txt')).toThrow('typos.txt 第 2 行');
    expect(() => parsePairList('=>安装')).toThrow(SyntaxError);
    expect(() => new WordMatcher(['a\nb'])).toThrow(RangeError);
  });

  test('default dictionary files load and work', () => {
    const dict = loadDefaultDictionaries(ROOT);
    expect(dict.sensitiveWords).toEqual(expect.arrayContaining(['内部资料', '绝密', '机密★', '秘密★', '仅供内部', '不宜公开', '征求意见稿（内部）']));
    expect(dict.typos).toEqual(expect.arrayContaining([{ wrong: '按装', right: '安装' }, { wrong: '既使', right: '即使' }, { wrong: '截止到', right: '截至' }]));
    expect(dict.typos.some((p) => p.wrong === '其它')).toBe(false);
    const p = createCheckPipeline(dict);
    const res = p.run({ fields: { body: '本文件为征求意见稿（内部），既使如此，截止到目前其它事项已按装完毕。' } });
    expect(res.findings.map((f) => [f.check, f.suggestion ?? ''])).toEqual([
      ['dictionary.sensitive', ''],
      ['dictionary.typo', '即使'],
      ['dictionary.typo', '截至'],
      ['dictionary.typo', '安装'],
    ]);
    expect(res.blocking).toBe(true);
  });
});

describe('matcher engines', () => {
  test('the simple-character class agrees with the runtime grapheme segmenter', () => {
    const simple: string[] = [];
    for (let cp = 0; cp <= 0x3ffff; cp += cp < 0x10000 ? 1 : 37) {
      const c = String.fromCodePoint(cp);
      if (!COMPLEX_CHAR.test(c)) simple.push(c);
    }
    expect(simple.length).toBeGreaterThan(40000);
    // Segment in chunks: Intl.Segmenter is super-linear on long inputs.
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const clusters = (s: string) => Array.from(seg.segment(s), (x) => x.segment);
    const sandwichOffenders: string[] = [];
    const neighbourOffenders: string[] = [];
    for (let i = 0; i < simple.length; i += 1000) {
      // Each simple character is a cluster of its own next to a letter...
      const chunk = simple.slice(i, i + 1000);
      sandwichOffenders.push(...clusters(chunk.map((c) => `a${c}`).join('') + 'a').filter((s) => s !== 'a' && [...s].length !== 1));
      // ...and next to its neighbours (chunks overlap by one character).
      neighbourOffenders.push(...clusters(simple.slice(i, i + 1001).join('')).filter((s) => [...s].length !== 1));
    }
    expect(sandwichOffenders).toEqual([]);
    expect(neighbourOffenders).toEqual([]);
  });

  test('grapheme semantics are kept next to complex characters', () => {
    for (const engine of ['auto', 'modern-ahocorasick'] as const) {
      const m = new WordMatcher(['机密★', '内部'], engine);
      expect(m.search('机密★\uFE0F 内部')).toEqual([{ index: 1, start: 5, end: 7 }]); // ★️ is one cluster
      expect(m.search('内部\u0301资料，机密★')).toEqual([{ index: 0, start: 6, end: 9 }]); // 部́ is one cluster
    }
    expect(new WordMatcher(['机密★'], 'utf16').search('机密★\uFE0F')).toEqual([{ index: 0, start: 0, end: 3 }]);
  });

  test('auto and utf16 engines give the same results as modern-ahocorasick', () => {
    const alphabet = ['机', '密', '★', '内', '部', 'a', 'b', '\u0301', '\uFE0F', '𠮷', '😀', '\u200D', '가', '\u1161', '。', ' '];
    const simpleAlphabet = ['机', '密', '★', '内', '部', 'a', 'b', '𠮷', '가', '。', ' ', '\r'];
    let seed = 7;
    const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % xs.length];
    const word = (xs: string[], max: number) => Array.from({ length: 1 + (seed % max) }, () => pick(xs)).join('');
    for (let round = 0; round < 150; round++) {
      const patterns = [...new Set(Array.from({ length: 12 }, () => word(alphabet, 1 + (round % 5))))];
      const lib = new WordMatcher(patterns, 'modern-ahocorasick');
      const auto = new WordMatcher(patterns, 'auto');
      const fast = new WordMatcher(patterns, 'utf16');
      for (let t = 0; t < 10; t++) {
        const lines = Array.from({ length: 4 }, () => Array.from({ length: 10 + (seed % 60) }, () => pick(t % 2 ? alphabet : simpleAlphabet)).join(''));
        const text = lines.join('\n');
        const expected = lib.search(text);
        expect(auto.search(text)).toEqual(expected);
        if (!COMPLEX_CHAR.test(text)) expect(fast.search(text)).toEqual(expected);
      }
    }
  });
});

describe('metadata', () => {
  const okMeta = { secrecyLevel: '非密', scope: '面向社会', disclosureMode: '主动公开' };

  test('required 核心要素: missing or empty → finding on that field', () => {
    const res = pipeline().run({
      fields: { title: '通知', documentNumber: '  ' },
      meta: { ...okMeta, writtenDate: '2024-05-01', issuingAuthority: null, keywords: [] },
      requiredFields: ['title', 'documentNumber', 'writtenDate', 'issuingAuthority', 'keywords', 'attachments', 'title'],
    });
    const req = only(res.findings, 'metadata.required');
    expect(req.map((f) => f.field)).toEqual(['documentNumber', 'issuingAuthority', 'keywords', 'attachments']);
    expect(req[0]).toMatchObject({ severity: 'blocking', start: 0, end: 0 });
    expect(req[0].message).toContain('发文字号');
    expect(res.blocking).toBe(true);
    const withAttachment = pipeline().run({ fields: {}, attachments: [{ name: 'a.pdf', mime: 'application/pdf', ext: '.pdf' }], requiredFields: ['attachments'] });
    expect(withAttachment.findings).toEqual([]);
  });

  test('publication gate: 非密 / 面向社会 / 主动公开, always blocking', () => {
    expect(pipeline().run({ fields: { body: '正文' }, meta: okMeta })).toMatchObject({ findings: [], blocking: false });
    const res = pipeline({ severity: { 'metadata.required': 'off' } }).run({
      fields: {},
      meta: { secrecyLevel: '秘密', scope: '仅对内', disclosureMode: undefined },
    });
    expect(res.findings.map((f) => [f.check, f.field, f.severity, f.snippet])).toEqual([
      ['metadata.secrecyLevel', 'secrecyLevel', 'blocking', '秘密'],
      ['metadata.scope', 'scope', 'blocking', '仅对内'],
      ['metadata.disclosureMode', 'disclosureMode', 'blocking', ''],
    ]);
    expect(res.findings[0].message).toBe('密级为“秘密”，只有“非密”信息才能公开发布');
    expect(res.findings[2].message).toContain('未填写公开方式');
    expect(() => createCheckPipeline({ severity: { 'metadata.scope': 'warning' } as never })).toThrow('强制阻断');
  });

  test('without meta the gate is skipped', () => {
    expect(pipeline().run({ fields: { body: '正文' } }).findings).toEqual([]);
  });
});

describe('attachments', () => {
  test('one finding per disallowed attachment', () => {
    const res = pipeline().run({
      fields: {},
      attachments: [
        { name: '通知.pdf', mime: 'application/pdf', ext: '.pdf' },
        { name: '安装包.exe', mime: 'application/x-msdownload', ext: '.exe' },
        { name: '附表.XLSX', mime: 'application/octet-stream', ext: '.xlsx' },
        { name: '文件.pdf.exe', mime: '', ext: '' },
        { name: '全部材料.zip', mime: 'application/zip', ext: '.zip' },
        { name: '伪装.pdf', mime: 'application/x-msdownload', ext: '.pdf' },
        { name: '版式.ofd', mime: 'application/ofd', ext: '.ofd' },
        { name: '无扩展名', mime: 'text/plain', ext: '' },
      ],
    });
    const f = only(res.findings, 'attachments.fileType');
    expect(f.map((x) => x.field)).toEqual(['attachments[1].name', 'attachments[3].name', 'attachments[4].name', 'attachments[5].name', 'attachments[7].name']);
    expect(f[0]).toMatchObject({ severity: 'blocking', start: 0, end: 7, snippet: '安装包.exe' });
    expect(f[0].message).toContain('.exe 不在允许范围内');
    expect(f[3].message).toContain('MIME 类型 application/x-msdownload');
    expect(res.blocking).toBe(true);
  });

  test('configurable policy; attachment names are scanned and masked', () => {
    const p = pipeline({ attachments: { allowedExtensions: ['pdf', 'zip'] } });
    const res = p.run({
      fields: {},
      attachments: [
        { name: '材料.zip', mime: 'application/zip', ext: 'zip' },
        { name: '说明.docx', mime: '', ext: '.docx' },
        { name: `内部资料-${ID_A}.txt`, mime: 'text/plain', ext: '.txt' },
      ],
    });
    expect(res.findings.map((x) => [x.check, x.field])).toEqual([
      ['dictionary.sensitive', 'attachments[2].name'],
      ['pii.idCard', 'attachments[2].name'],
      ['attachments.fileType', 'attachments[1].name'],
      ['attachments.fileType', 'attachments[2].name'],
    ]);
    for (const x of res.findings) {
      expect(x.snippet).not.toContain(ID_A);
      expect(x.message).not.toContain(ID_A);
    }
  });
});

describe('severity config and pipeline', () => {
  const body = `张三，身份证${ID_A}，手机13800138000，卡号${CARD}，内部资料，按装。`;

  test('defaults', () => {
    const res = pipeline().run({ fields: { body } });
    expect(res.findings.map((f) => [f.check, f.severity])).toEqual([
      ['pii.idCard', 'blocking'],
      ['pii.mobile', 'warning'],
      ['pii.bankCard', 'blocking'],
      ['dictionary.sensitive', 'blocking'],
      ['dictionary.typo', 'warning'],
    ]);
    expect(res.blocking).toBe(true);
  });

  test('durationMs is the run\'s own time (perf_hooks clock at start and end)', () => {
    const now = jest.spyOn(performance, 'now').mockReturnValueOnce(1000).mockReturnValueOnce(1012.5);
    try {
      expect(pipeline().run({ fields: { body } }).durationMs).toBe(12.5);
      expect(now).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });

  test('off / warning / blocking', () => {
    const res = pipeline({
      severity: { 'pii.idCard': 'off', 'pii.bankCard': 'warning', 'pii.mobile': 'blocking', 'dictionary.sensitive': 'off', 'dictionary.typo': 'off' },
    }).run({ fields: { body } });
    expect(res.findings.map((f) => [f.check, f.severity])).toEqual([
      ['pii.mobile', 'blocking'],
      ['pii.bankCard', 'warning'],
    ]);
    // With ID checks off, other snippets still never show the ID number.
    for (const f of res.findings) expect(f.snippet).not.toContain(ID_A);
    const warningsOnly = pipeline({ severity: { 'pii.idCard': 'warning', 'pii.bankCard': 'warning', 'dictionary.sensitive': 'warning' } }).run({ fields: { body } });
    expect(warningsOnly.findings).toHaveLength(5);
    expect(warningsOnly.blocking).toBe(false);
  });

  test('invalid configuration is rejected', () => {
    expect(() => createCheckPipeline({ severity: { 'pii.nope': 'off' } as never })).toThrow('未知的检查项');
    expect(() => createCheckPipeline({ severity: { 'pii.mobile': 'fatal' } as never })).toThrow('级别无效');
  });

  test('findings per check are capped', () => {
    const p = pipeline({ maxFindingsPerCheck: 3 });
    const res = p.run({ fields: { body: '内部资料'.repeat(10) } });
    expect(res.findings).toHaveLength(3);
    expect(res.truncated).toEqual({ 'dictionary.sensitive': 7 });
  });

  test('one pipeline serves many runs with the dictionaries compiled once', () => {
    const p = pipeline();
    expect(p.dictionarySize).toEqual({ sensitiveWords: 3, typos: 1 });
    expect(p.severity['metadata.secrecyLevel']).toBe('blocking');
    const a = p.run({ fields: { body: '内部资料' } });
    const b = p.run({ fields: { body: '内部资料' } });
    expect(b.findings).toEqual(a.findings);
  });
});

describe('metadata.catalogue: 主动公开 needs a 所属目录', () => {
  const META = { secrecyLevel: '非密', scope: '面向社会', disclosureMode: '主动公开' };
  test('blocking by default for a 主动公开 item without catalogue nodes; nothing with one, for other modes, or for other types', () => {
    const p = createCheckPipeline();
    expect(p.run({ fields: {}, meta: META, catalogueNodes: 0 }).findings.map((f) => [f.check, f.field, f.severity])).toEqual([['metadata.catalogue', 'catalogueNodes', 'blocking']]);
    expect(p.run({ fields: {}, meta: META, catalogueNodes: 2 }).findings).toEqual([]);
    expect(p.run({ fields: {}, meta: { ...META, disclosureMode: '依申请公开' }, catalogueNodes: 0 }).findings.map((f) => f.check)).toEqual(['metadata.disclosureMode']);
    expect(p.run({ fields: {}, catalogueNodes: undefined }).findings).toEqual([]);
  });
  test('configurable', () => {
    expect(createCheckPipeline({ severity: { 'metadata.catalogue': 'warning' } }).run({ fields: {}, meta: META, catalogueNodes: 0 }).findings[0].severity).toBe('warning');
    expect(createCheckPipeline({ severity: { 'metadata.catalogue': 'off' } }).run({ fields: {}, meta: META, catalogueNodes: 0 }).findings).toEqual([]);
  });
});
