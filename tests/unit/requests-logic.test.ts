/**
 * Pure parts of the 依申请公开 feature (src/requests): status derivation, event/dispute schemas,
 * letter text and query-code hashing (the rate limiter: requests-rate-limit.test.ts).
 */
import { firstSequenceProblem, outcomeFromEvents, statusFromEvents } from '../../src/requests/derive';
import { disputeProblems, issuesToErrors, parseStoredDisputes, parseStoredEvents, eventBodySchema, type Dispute } from '../../src/requests/schemas';
import { chineseDate, composeLetter, LetterNotApplicable, type LetterInput } from '../../src/requests/letter-text';
import { hashQueryCode, newQueryCode, normaliseCode, verifyQueryCode } from '../../src/requests/public';
import type { ClockEvent } from '../../src/domain/request-clock';

describe('statusFromEvents / outcomeFromEvents', () => {
  const e = (type: ClockEvent['type'], date: string, extra: Partial<ClockEvent> = {}): ClockEvent => ({ type, date, ...extra });

  it.each<[string, ClockEvent[], string | null]>([
    ['no events', [], null],
    ['accepted', [e('accepted', '2025-09-26')], '办理中'],
    ['awaiting correction', [e('correctionRequested', '2025-09-29', { days: 10 })], '待补正'],
    ['correction received', [e('correctionRequested', '2025-09-29'), e('correctionReceived', '2025-10-09')], '办理中'],
    ['consultation pending', [e('consultationSent', '2025-10-09')], '暂停计时'],
    ['two sent, one answered', [e('consultationSent', '2025-10-09'), e('consultationSent', '2025-10-10'), e('consultationAnswered', '2025-10-13')], '暂停计时'],
    ['consultations answered', [e('consultationSent', '2025-10-09'), e('consultationAnswered', '2025-10-13')], '办理中'],
    ['replied', [e('replied', '2025-10-20', { resultKey: 'disclosed' })], '已答复'],
    ['closed wins', [e('consultationSent', '2025-10-09'), e('replied', '2025-10-20'), e('closed', '2025-10-21', { resultKey: 'partial' })], '已办结'],
  ])('%s', (_name, events, status) => {
    expect(statusFromEvents(events)).toBe(status);
  });

  it('takes the dates and the result key from the reply and the closing', () => {
    expect(outcomeFromEvents([e('replied', '2025-10-20', { resultKey: 'disclosed' })])).toEqual({ repliedDate: '2025-10-20', closedDate: null, resultKey: 'disclosed' });
    expect(outcomeFromEvents([e('replied', '2025-10-20', { resultKey: 'disclosed' }), e('closed', '2025-10-21', { resultKey: 'partial' })])).toEqual({
      repliedDate: '2025-10-20',
      closedDate: '2025-10-21',
      resultKey: 'partial',
    });
    expect(outcomeFromEvents([e('accepted', '2025-09-26')])).toEqual({ repliedDate: null, closedDate: null, resultKey: undefined });
  });

  it('firstSequenceProblem replays the whole list in chronological order', () => {
    expect(firstSequenceProblem('2025-09-26', [e('correctionReceived', '2025-10-09'), e('correctionRequested', '2025-09-29')])).toBeNull();
    expect(firstSequenceProblem('2025-09-26', [e('extended', '2025-10-09'), e('extended', '2025-10-20')])).toBe('第三十三条第二款：答复期限只能延长一次，已于2025-10-09延长');
    expect(firstSequenceProblem('2025-09-26', [e('closed', '2025-10-09', { resultKey: 'disclosed' }), e('replied', '2025-10-20')])).toBe(
      '申请已于2025-10-09办结，不能再登记答复',
    );
  });
});

describe('schemas', () => {
  it('stored events: shape checked, nulls dropped, Chinese errors with the index', () => {
    expect(parseStoredEvents(null)).toEqual({ events: [] });
    expect(parseStoredEvents('[{"type":"accepted","date":"2025-09-26","note":null}]')).toEqual({ events: [{ type: 'accepted', date: '2025-09-26' }] });
    const bad = parseStoredEvents([{ type: 'accepted', date: '2025-09-26' }, { type: 'approve', date: '2025-09-31' }]);
    expect('errors' in bad && bad.errors.map((x) => x.path.join('.'))).toEqual(['events.1.type', 'events.1.date']);
    expect(parseStoredEvents('{oops')).toEqual({ errors: [{ path: ['events'], message: '办理记录应为 JSON 数组', name: 'ValidationError' }] });
  });

  it('event body: strict, Chinese messages', () => {
    const r = eventBodySchema.safeParse({ type: 'extended', date: '2025-10-20', days: 0, extra: true });
    expect(r.success).toBe(false);
    const errs = issuesToErrors(r.success ? [] : r.error.issues);
    expect(errs).toEqual([
      { path: ['days'], message: '工作日数不能小于1', name: 'ValidationError' },
      { path: [], message: '不支持的字段：extra', name: 'ValidationError' },
    ]);
  });

  it('disputes: dates in order, decided ⇔ dated, suit after review needs a review', () => {
    const d = (x: Partial<Dispute>): Dispute => ({ id: Math.random().toString(36).slice(2), kind: 'review', filedDate: '2025-07-01', result: 'pending', ...x });
    expect(disputeProblems('2025-05-06', [d({}), d({ kind: 'suitAfterReview', filedDate: '2025-08-01' })])).toEqual([]);
    expect(disputeProblems('2025-05-06', [d({ kind: 'suitAfterReview' })]).map((p) => p.path.join('.'))).toEqual(['disputes.0.kind']);
    expect(disputeProblems('2025-05-06', [d({ result: 'upheld' })])[0]!.message).toBe('行政复议结果为“维持”，须填写审结日期');
    expect(disputeProblems('2025-05-06', [d({ decidedDate: '2025-08-01' })])[0]!.message).toBe('结果为“尚未审结”的行政复议不能有审结日期');
    expect(disputeProblems('2025-05-06', [d({ filedDate: '2025-05-01' })])[0]!.message).toContain('早于收到申请日期');
    expect(disputeProblems(null, [d({ id: 'a' }), d({ id: 'a' })]).map((p) => p.message)).toEqual(['复议/诉讼记录编号重复：a']);
    const parsed = parseStoredDisputes([{ id: 'x', kind: 'suitDirect', filedDate: '2025-07-01', result: 'corrected', decidedDate: '2025-09-01', note: null }]);
    expect(parsed).toEqual({ disputes: [{ id: 'x', kind: 'suitDirect', filedDate: '2025-07-01', result: 'corrected', decidedDate: '2025-09-01' }] });
  });
});

describe('letter text', () => {
  const input = (over: Partial<LetterInput> = {}): LetterInput => ({
    agency: { name: '青山县财政局', contactPhone: '0571-1', contactAddress: '人民路1号' },
    trackingNo: 'YSQ2025000007',
    applicantName: '赵六',
    channel: '网络',
    receivedDate: '2025-09-26',
    requestedContent: '部门决算',
    dueDate: '2025-10-30',
    events: [],
    letterDate: '2025-09-26',
    ...over,
  });

  it('chineseDate', () => {
    expect(chineseDate('2025-10-03')).toBe('2025年10月3日');
  });

  it('receipt: receipt date, due date, articles, contact', () => {
    const l = composeLetter('receipt', input());
    expect(l.title).toBe('政府信息公开申请登记回执');
    expect(l.paragraphs[0]).toBe('你以网络方式提出的政府信息公开申请，本机关已于2025年9月26日收到（《中华人民共和国政府信息公开条例》第三十一条），受理编号为YSQ2025000007。申请公开的内容：“部门决算”。');
    expect(l.paragraphs[1]).toContain('即2025年10月30日前');
    expect(l.contact).toBe('地址：人民路1号　联系电话：0571-1');
    expect(composeLetter('receipt', input({ dueDate: null })).paragraphs[1]).toContain('需要补正的，自收到补正的申请之日起计算');
  });

  it('correction / extension need their event; reply needs a result and cites replyArticle', () => {
    expect(() => composeLetter('correction', input())).toThrow(LetterNotApplicable);
    expect(() => composeLetter('extension', input())).toThrow('尚未登记“延长答复期限”事项');
    expect(() => composeLetter('reply', input())).toThrow('尚未登记办理结果');
    const c = composeLetter('correction', input({ events: [{ type: 'correctionRequested', date: '2025-09-29', days: 15, note: '文件名称' }] }));
    expect(c.paragraphs.join('')).toContain('请你对以下内容作出补正：文件名称。请于收到本告知书之日起15个工作日内');
    const x = composeLetter('extension', input({ dueDate: '2025-11-27', events: [{ type: 'extended', date: '2025-10-20', approvedBy: '张某' }] }));
    expect(x.paragraphs[1]).toBe('根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人（张某）同意，答复期限延长20个工作日，延长后的答复期限为2025年11月27日。');
    const r = composeLetter('reply', input({ resultKey: 'refused.thirdParty', note: '涉及个人隐私。' }));
    expect(r.legalBasis).toBe('《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十五条');
    expect(r.paragraphs).toEqual([
      expect.stringContaining('收悉，申请公开“部门决算”'),
      '经审查，你申请公开的信息属于不予公开的范围，本机关决定不予公开，理由如下。',
      '涉及个人隐私。',
      expect.stringContaining('依据：《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十五条：'),
      expect.stringContaining('60日内依法申请行政复议'),
    ]);
    // an organisation is addressed as 你单位; the 复议机关 and the court are named when configured
    const org = composeLetter('reply', input({ resultKey: 'disclosed', applicantCategory: '科研机构', agency: { name: '青山县财政局', reviewAuthority: '青山县人民政府', litigationCourt: '青山县人民法院' } }));
    expect(org.paragraphs[1]).toBe('你单位申请公开的政府信息，本机关予以公开，现随本答复书提供（或告知获取该政府信息的方式、途径和时间）。');
    expect(org.paragraphs[org.paragraphs.length - 1]).toBe('你单位如对本答复不服，可以自收到本答复之日起60日内向青山县人民政府申请行政复议，或者自收到本答复之日起6个月内向青山县人民法院提起行政诉讼。');
  });
});

describe('query codes', () => {
  it('random, readable, hashed with a salt, verified in constant time, normalised', async () => {
    const code = newQueryCode(10);
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(new Set(Array.from({ length: 50 }, () => newQueryCode(10))).size).toBe(50);
    const h1 = await hashQueryCode(code);
    const h2 = await hashQueryCode(code);
    expect(h1).not.toBe(h2); // salted
    expect(h1).not.toContain(code);
    expect(await verifyQueryCode(code, h1)).toBe(true);
    expect(await verifyQueryCode(`${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`, h2)).toBe(true);
    expect(await verifyQueryCode('WRONGCODE2', h1)).toBe(false);
    expect(await verifyQueryCode(code, null)).toBe(false);
    expect(await verifyQueryCode(code, 'garbage')).toBe(false);
    expect(normaliseCode(' ab-cd ')).toBe('ABCD');
  });
});
