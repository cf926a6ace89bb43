import { createWorkingDayCalendar } from '../../src/domain/working-days';
import {
  CHANNEL_LABELS,
  RESULT_KEYS,
  computeClock,
  correctionNoticeDeadline,
  correctionNoticeWarning,
  countedDeadline,
  extension,
  feePaymentDeadline,
  mergePauses,
  outcomeFor,
  outcomeForNoCorrection,
  outcomeForUnpaidFee,
  receiptDate,
  replyArticle,
  replyDeadline,
  restartAfterCorrection,
  validateEventSequence,
  type ClockEvent,
} from '../../src/domain/request-clock';

// Every expected date was counted by hand against the chinese-days 1.5.7 data and re-checked with
// chinese-days' own isWorkday(). 2025: National Day/Mid-Autumn 10-01…10-08 off, make-up 09-28 (Sun),
// 10-11 (Sat); Spring Festival 01-28…02-04 off, make-up 01-26 (Sun), 02-08 (Sat); 清明 04-04…04-06.
// 2026: Spring Festival 02-15…02-23 off, make-up 02-14, 02-28 (Sat); Mid-Autumn 09-25…09-27,
// National Day 10-01…10-07 off, make-up 09-20 (Sun), 10-10 (Sat). 2027: unknown (Mon–Fri fallback).
const calendar = createWorkingDayCalendar();
const clock = (receivedDate: string, events: ClockEvent[], today: string, cal = calendar) =>
  computeClock({ receivedDate, events }, { calendar: cal, today });

describe('第三十一条 date of receipt', () => {
  it('picks the date that counts for each channel', () => {
    const facts = { submittedDate: '2025-09-20', signedForDate: '2025-09-22', confirmedDate: '2025-09-23', givenDate: '2025-09-24' };
    expect(receiptDate('inPerson', facts)).toBe('2025-09-20');
    expect(receiptDate('post', facts)).toBe('2025-09-22');
    expect(receiptDate('online', facts)).toBe('2025-09-23');
    expect(receiptDate('fax', facts)).toBe('2025-09-23');
    expect(receiptDate('other', facts)).toBe('2025-09-24');
  });

  it('an ordinary letter without signature counts from the day confirmed with the applicant', () => {
    expect(receiptDate('post', { confirmedDate: '2025-09-25' })).toBe('2025-09-25');
  });

  it('refuses a missing date, in Chinese', () => {
    expect(() => receiptDate('online', { submittedDate: '2025-09-20' })).toThrow(/第三十一条：网络提出的申请须登记双方确认日期/);
    expect(() => receiptDate('inPerson', {})).toThrow(/当面/);
  });

  it('labels the channels in Chinese', () => {
    expect(CHANNEL_LABELS).toEqual({ inPerson: '当面', post: '邮寄', online: '网络', fax: '传真', other: '其他' });
  });
});

describe('第三十三条 reply deadline: 20 working days', () => {
  it('across National Day 2025 with make-up days (public worked example)', () => {
    expect(replyDeadline(calendar, '2025-09-26')).toBe('2025-10-30');
    const r = clock('2025-09-26', [{ type: 'accepted', date: '2025-09-26' }], '2025-09-29');
    expect(r.dueDate).toBe('2025-10-30');
    expect(r.state).toBe('open');
    expect(r.dueDateProvisional).toBe(false);
    expect(r.daysLeft).toBe(18); // 09-28 and 09-29 used
    expect(r.warnings).toEqual([]);
    expect(r.dueDateHistory).toEqual([
      { date: '2025-09-26', dueDate: '2025-10-30', reason: expect.stringContaining('第三十三条第二款') },
    ]);
  });

  it('across Mid-Autumn and National Day 2026 with make-up days 09-20 and 10-10', () => {
    expect(replyDeadline(calendar, '2026-09-18')).toBe('2026-10-22');
  });

  it('across Spring Festival 2025 (make-up 01-26, 02-08)', () => {
    expect(clock('2025-01-20', [], '2025-01-21').dueDate).toBe('2025-02-21');
  });

  it('across Spring Festival 2026 (make-up 02-14, 02-28)', () => {
    const r = clock('2026-02-06', [], '2026-02-10');
    expect(r.dueDate).toBe('2026-03-12');
    expect(r.daysLeft).toBe(18);
  });
});

describe('第三十条 补正 (correction)', () => {
  it('the notice is due within 7 working days of receipt', () => {
    expect(correctionNoticeDeadline(calendar, '2025-03-03')).toBe('2025-03-12');
    // over National Day: 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13
    expect(correctionNoticeDeadline(calendar, '2025-09-26')).toBe('2025-10-13');
    expect(correctionNoticeWarning(calendar, '2025-03-03', '2025-03-12')).toBeNull();
    expect(correctionNoticeWarning(calendar, '2025-03-03', '2025-03-13')).toBe(
      '第三十条：补正通知应自收到申请之日起7个工作日内（2025-03-12前）一次性发出，实际于2025-03-13发出，逾期1个工作日',
    );
  });

  it('while awaiting the correction there is no due date', () => {
    const r = clock('2025-03-03', [{ type: 'correctionRequested', date: '2025-03-05', days: 10 }], '2025-03-10');
    expect(r.state).toBe('awaitingCorrection');
    expect(r.dueDate).toBeNull();
    expect(r.daysLeft).toBeNull();
    expect(r.overdue).toBe(false);
    expect(r.clockStart).toBeNull();
    expect(r.suggestedOutcome).toBeNull();
  });

  it('the period restarts from the correction’s receipt (crossing 清明 2025)', () => {
    expect(restartAfterCorrection(calendar, '2025-03-20')).toBe('2025-04-18');
    const r = clock(
      '2025-03-03',
      [
        { type: 'correctionRequested', date: '2025-03-05', days: 10 },
        { type: 'correctionReceived', date: '2025-03-20' },
      ],
      '2025-03-24',
    );
    expect(r.state).toBe('open');
    expect(r.clockStart).toBe('2025-03-20');
    expect(r.dueDate).toBe('2025-04-18');
    expect(r.warnings).toEqual([]);
    expect(r.dueDateHistory.map(({ date, dueDate }) => ({ date, dueDate }))).toEqual([
      { date: '2025-03-03', dueDate: '2025-03-31' },
      { date: '2025-03-05', dueDate: null },
      { date: '2025-03-20', dueDate: '2025-04-18' },
    ]);
    expect(r.dueDateHistory[1]!.reason).toContain('第三十条');
  });

  it('a late correction notice gives a warning', () => {
    const r = clock(
      '2025-03-03',
      [
        { type: 'correctionRequested', date: '2025-03-13', days: 10 },
        { type: 'correctionReceived', date: '2025-03-20' },
      ],
      '2025-03-21',
    );
    expect(r.dueDate).toBe('2025-04-18');
    expect(r.warnings).toEqual([expect.stringContaining('（2025-03-12前）')]);
  });

  it('a notice without a correction period gives a warning', () => {
    const r = clock('2025-03-03', [{ type: 'correctionRequested', date: '2025-03-05' }], '2025-03-06');
    expect(r.warnings).toEqual([expect.stringContaining('合理的补正期限')]);
  });

  it('no correction within the period → other.noCorrection', () => {
    // 10 working days after 03-05 → 03-19
    const events: ClockEvent[] = [{ type: 'correctionRequested', date: '2025-03-05', days: 10 }];
    expect(clock('2025-03-03', events, '2025-03-19').suggestedOutcome).toBeNull();
    const r = clock('2025-03-03', events, '2025-03-20');
    expect(r.suggestedOutcome).toBe('other.noCorrection');
    expect(r.warnings).toEqual([expect.stringContaining('补正期限已于2025-03-19届满')]);
    expect(outcomeFor({ receivedDate: '2025-03-03', events }, { calendar, today: '2025-03-20' })).toBe('other.noCorrection');
    expect(outcomeForNoCorrection(calendar, { noticeDate: '2025-03-05', days: 10, today: '2025-03-20' })).toBe('other.noCorrection');
    expect(
      outcomeForNoCorrection(calendar, { noticeDate: '2025-03-05', days: 10, correctionReceivedDate: '2025-03-19', today: '2025-03-20' }),
    ).toBeNull();
  });
});

describe('第三十三条第二款 extension', () => {
  it('once, ≤ 20 working days, added to the deadline as it stands', () => {
    const r = clock(
      '2025-09-26',
      [{ type: 'extended', date: '2025-10-20', days: 20, approvedBy: '公开办主任 张某', applicantNotified: '2025-10-21' }],
      '2025-10-31',
    );
    expect(r.dueDate).toBe('2025-11-27');
    expect(r.allowedWorkingDays).toBe(40);
    expect(r.overdue).toBe(false);
    expect(r.extension).toEqual({
      days: 20,
      approvedBy: '公开办主任 张某',
      approvedAt: '2025-10-20',
      applicantNotifiedAt: '2025-10-21',
      applicantNotified: true,
    });
    expect(r.warnings).toEqual([]);
    expect(r.dueDateHistory[1]).toEqual({
      date: '2025-10-20',
      dueDate: '2025-11-27',
      reason: '经批准延长答复期限20个工作日（第三十三条第二款）',
    });
  });

  it('a shorter extension; days absent means 20', () => {
    expect(
      clock('2025-09-26', [{ type: 'extended', date: '2025-10-20', days: 10, approvedBy: '张某', applicantNotified: true }], '2025-10-20').dueDate,
    ).toBe('2025-11-13');
    expect(clock('2025-09-26', [{ type: 'extended', date: '2025-10-20', approvedBy: '张某', applicantNotified: true }], '2025-10-20').dueDate).toBe(
      '2025-11-27',
    );
  });

  it('warns when approver or applicant notice is missing, or the decision came after the deadline', () => {
    const r = clock('2025-09-26', [{ type: 'extended', date: '2025-10-31', days: 5 }], '2025-10-31');
    expect(r.dueDate).toBe('2025-11-06'); // 10-31, 11-03, 11-04, 11-05, 11-06
    expect(r.extension).toMatchObject({ approvedBy: null, applicantNotifiedAt: null, applicantNotified: false });
    expect(r.warnings).toEqual([
      expect.stringContaining('未登记审批人'),
      expect.stringContaining('未登记告知情况'),
      '第三十三条第二款：延期决定（2025-10-31）晚于原答复期限（2025-10-30）',
    ]);
  });

  it('the rule function refuses more than 20 days', () => {
    expect(() => extension(calendar, '2025-10-30', { days: 21, approvedAt: '2025-10-20' })).toThrow(/最长不得超过20个工作日/);
    expect(extension(calendar, '2025-10-30', { days: 20, approvedBy: '张某', approvedAt: '2025-10-20', applicantNotified: true }).dueDate).toBe(
      '2025-11-27',
    );
  });

  it('a second extension is refused and ignored by the clock', () => {
    const first: ClockEvent = { type: 'extended', date: '2025-10-20', days: 10, approvedBy: '张某', applicantNotified: true };
    const second: ClockEvent = { type: 'extended', date: '2025-11-10', days: 10, approvedBy: '张某', applicantNotified: true };
    expect(validateEventSequence('2025-09-26', [first], second)).toBe('第三十三条第二款：答复期限只能延长一次，已于2025-10-20延长');
    const r = clock('2025-09-26', [first, second], '2025-11-10');
    expect(r.dueDate).toBe('2025-11-13');
    expect(r.warnings).toEqual([expect.stringMatching(/^已忽略一条事项记录：第三十三条第二款：答复期限只能延长一次/)]);
  });
});

describe('第三十二条 / 第三十三条第三款 consultation pauses', () => {
  it('a single consultation: 10-14…10-17 (4 working days) not counted', () => {
    const r = clock(
      '2025-09-26',
      [
        { type: 'consultationSent', date: '2025-10-13' },
        { type: 'consultationAnswered', date: '2025-10-17' },
      ],
      '2025-10-20',
    );
    expect(r.dueDate).toBe('2025-11-05');
    expect(r.pausedWorkingDays).toBe(4);
    expect(r.pauses).toEqual([{ from: '2025-10-13', to: '2025-10-17' }]);
    expect(r.state).toBe('open');
    expect(r.dueDateHistory.map((h) => h.dueDate)).toEqual(['2025-10-30', null, '2025-11-05']);
  });

  it('overlapping consultations are merged (union), not added', () => {
    // A: (10-13, 10-17], B: (10-15, 10-22] → union (10-13, 10-22] = 7 working days (a sum would be 4 + 5 = 9 → 11-12)
    const r = clock(
      '2025-09-26',
      [
        { type: 'consultationSent', date: '2025-10-13' },
        { type: 'consultationSent', date: '2025-10-15' },
        { type: 'consultationAnswered', date: '2025-10-17' },
        { type: 'consultationAnswered', date: '2025-10-22' },
      ],
      '2025-10-23',
    );
    expect(r.pauses).toEqual([{ from: '2025-10-13', to: '2025-10-22' }]);
    expect(r.pausedWorkingDays).toBe(7);
    expect(r.dueDate).toBe('2025-11-10');
  });

  it('separate consultations stack', () => {
    // (10-13, 10-14] = 1 day, (10-20, 10-22] = 2 days → 10-30 + 3 = 11-04
    const r = clock(
      '2025-09-26',
      [
        { type: 'consultationSent', date: '2025-10-13' },
        { type: 'consultationAnswered', date: '2025-10-14' },
        { type: 'consultationSent', date: '2025-10-20' },
        { type: 'consultationAnswered', date: '2025-10-22' },
      ],
      '2025-10-23',
    );
    expect(r.pausedWorkingDays).toBe(3);
    expect(r.dueDate).toBe('2025-11-04');
  });

  it('while an open-ended consultation is pending the clock is frozen (no due date)', () => {
    const r = clock('2025-09-26', [{ type: 'consultationSent', date: '2025-10-13' }], '2025-10-20');
    expect(r.state).toBe('paused');
    expect(r.dueDate).toBeNull();
    expect(r.daysLeft).toBe(13); // 7 of 20 used: 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13
    expect(r.overdue).toBe(false);
    expect(r.pauses).toEqual([{ from: '2025-10-13', to: null }]);
  });

  it('a third-party consultation lapses after 15 working days (第三十二条)', () => {
    const events: ClockEvent[] = [{ type: 'consultationSent', date: '2025-10-13', days: 15 }];
    const r = clock('2025-09-26', events, '2025-10-20');
    expect(r.state).toBe('paused');
    expect(r.pauses).toEqual([{ from: '2025-10-13', to: '2025-11-03' }]);
    expect(r.dueDate).toBe('2025-11-20');
    expect(r.dueDateHistory[1]!.reason).toContain('至迟2025-11-03期满');
    expect(clock('2025-09-26', events, '2025-11-04').state).toBe('open');
  });

  it('a consultation sent after the deadline does not revive it', () => {
    const r = clock(
      '2025-09-26',
      [
        { type: 'consultationSent', date: '2025-10-31' },
        { type: 'consultationAnswered', date: '2025-11-05' },
      ],
      '2025-11-06',
    );
    expect(r.dueDate).toBe('2025-10-30');
    expect(r.overdue).toBe(true);
  });

  it('pauses combine with an extension', () => {
    // 4 paused days + 10 extension days: 10-30 + 14 working days
    const r = clock(
      '2025-09-26',
      [
        { type: 'consultationSent', date: '2025-10-13' },
        { type: 'consultationAnswered', date: '2025-10-17' },
        { type: 'extended', date: '2025-10-27', days: 10, approvedBy: '张某', applicantNotified: true },
      ],
      '2025-10-27',
    );
    expect(r.dueDate).toBe('2025-11-19');
  });

  it('mergePauses / countedDeadline', () => {
    expect(
      mergePauses([
        { from: '2025-10-20', to: '2025-10-22' },
        { from: '2025-10-13', to: '2025-10-14' },
        { from: '2025-10-14', to: '2025-10-16' }, // touches the previous one
        { from: '2025-10-21', to: '2025-10-21' }, // empty
      ]),
    ).toEqual([
      { from: '2025-10-13', to: '2025-10-16' },
      { from: '2025-10-20', to: '2025-10-22' },
    ]);
    expect(mergePauses([{ from: '2025-10-13', to: null }, { from: '2025-10-15', to: '2025-10-20' }])).toEqual([{ from: '2025-10-13', to: null }]);
    expect(countedDeadline(calendar, '2025-09-26', 20, [])).toEqual({ dueDate: '2025-10-30', pausedWorkingDays: 0, remaining: 0 });
  });
});

describe('第四十二条 fee notice', () => {
  it('pauses nothing; unpaid after 20 working days → other.unpaidFee', () => {
    expect(feePaymentDeadline(calendar, '2025-10-09')).toBe('2025-11-05');
    const events: ClockEvent[] = [{ type: 'feeNoticeSent', date: '2025-10-09' }];
    const before = clock('2025-09-26', events, '2025-10-20');
    expect(before.dueDate).toBe('2025-10-30');
    expect(before.dueDateHistory).toHaveLength(1);
    expect(before.suggestedOutcome).toBeNull();
    const after = clock('2025-09-26', events, '2025-11-06');
    expect(after.suggestedOutcome).toBe('other.unpaidFee');
    expect(after.warnings).toContain('第四十二条：缴费期限已于2025-11-05届满，申请人未缴费，可按“逾期未缴纳费用”（other.unpaidFee）办结（国办函〔2020〕109号）');
    const paid = clock('2025-09-26', [{ type: 'feeNoticeSent', date: '2025-10-09', paidAt: '2025-10-15' }], '2025-11-06');
    expect(paid.suggestedOutcome).toBeNull();
    expect(outcomeForUnpaidFee(calendar, { noticeDate: '2025-10-09', today: '2025-11-05' })).toBeNull();
    expect(outcomeForUnpaidFee(calendar, { noticeDate: '2025-10-09', today: '2025-11-06' })).toBe('other.unpaidFee');
  });
});

describe('provisional deadlines (year not yet in the calendar)', () => {
  it('a receipt in mid-December 2026 reaching into 2027 is provisional', () => {
    const r = clock('2026-12-15', [], '2026-12-16');
    // 12 working days in 2026, then the predicted 2027: 元旦 (Fri 01-01) to Sun 01-03 off, 01-04…01-08 (17), 01-11…01-13 (20)
    expect(r.dueDate).toBe('2027-01-13');
    expect(r.dueDateProvisional).toBe(true);
    expect(r.warnings).toEqual([expect.stringContaining('2027年')]);
  });

  it('a December receipt due within 2026 is not provisional', () => {
    const r = clock('2026-12-01', [], '2026-12-02');
    expect(r.dueDate).toBe('2026-12-29');
    expect(r.dueDateProvisional).toBe(false);
  });

  it('once 2027 is entered locally (override + extraKnownYears) it is final', () => {
    const cal2027 = createWorkingDayCalendar({ overrides: [{ date: '2027-01-01', working: false, note: '元旦' }], extraKnownYears: [2027] });
    const r = clock('2026-12-15', [], '2026-12-16', cal2027);
    expect(r.dueDate).toBe('2027-01-13');
    expect(r.dueDateProvisional).toBe(false);
    expect(r.warnings).toEqual([]);
  });
});

describe('daysLeft and overdue', () => {
  it.each([
    ['2025-10-27', 3, false],
    ['2025-10-30', 0, false],
    ['2025-10-31', -1, true],
    ['2025-11-03', -2, true],
  ])('received 2025-09-26, due 2025-10-30, today %s → %i', (today, daysLeft, overdue) => {
    const r = clock('2025-09-26', [], today);
    expect(r.daysLeft).toBe(daysLeft);
    expect(r.overdue).toBe(overdue);
    if (overdue) expect(r.warnings).toEqual([`已超过答复期限（2025-10-30）${-daysLeft}个工作日（第三十三条）`]);
  });

  it('the Saturday after a Friday deadline is already −1', () => {
    const r = clock('2025-01-20', [], '2025-02-22');
    expect(r.dueDate).toBe('2025-02-21');
    expect(r.daysLeft).toBe(-1);
    expect(r.overdue).toBe(true);
  });

  it('once replied, the reply date is compared with the due date', () => {
    const onTime = clock('2025-09-26', [{ type: 'replied', date: '2025-10-29', resultKey: 'disclosed' }], '2025-12-01');
    expect(onTime.state).toBe('replied');
    expect(onTime.overdue).toBe(false);
    expect(onTime.daysLeft).toBe(1);
    const late = clock('2025-09-26', [{ type: 'replied', date: '2025-10-31' }], '2025-12-01');
    expect(late.overdue).toBe(true);
    expect(late.daysLeft).toBe(-1);
    expect(late.warnings).toEqual(['答复日期（2025-10-31）晚于答复期限（2025-10-30）']);
  });

  it('closed after an on-time reply stays on time', () => {
    const r = clock(
      '2025-09-26',
      [
        { type: 'replied', date: '2025-10-29' },
        { type: 'closed', date: '2025-11-10', resultKey: 'disclosed' },
      ],
      '2025-12-01',
    );
    expect(r.state).toBe('closed');
    expect(r.overdue).toBe(false);
  });

  it('closed for no correction while awaiting it: no deadline, not overdue', () => {
    const r = clock(
      '2025-03-03',
      [
        { type: 'correctionRequested', date: '2025-03-05', days: 10 },
        { type: 'closed', date: '2025-03-25', resultKey: 'other.noCorrection' },
      ],
      '2025-04-30',
    );
    expect(r.state).toBe('closed');
    expect(r.dueDate).toBeNull();
    expect(r.overdue).toBe(false);
    expect(r.suggestedOutcome).toBeNull();
    expect(r.warnings).toEqual([]);
  });
});

describe('validateEventSequence: impossible sequences', () => {
  const R = '2025-09-26';

  it('accepts a normal sequence', () => {
    const events: ClockEvent[] = [
      { type: 'accepted', date: '2025-09-26' },
      { type: 'correctionRequested', date: '2025-09-29', days: 10 },
      { type: 'correctionReceived', date: '2025-10-09' },
      { type: 'consultationSent', date: '2025-10-10', days: 15 },
      { type: 'consultationAnswered', date: '2025-10-20' },
      { type: 'extended', date: '2025-10-21', days: 20, approvedBy: '张某', applicantNotified: true },
      { type: 'replied', date: '2025-11-20', resultKey: 'partial' },
    ];
    for (let i = 0; i < events.length; i++) expect(validateEventSequence(R, events.slice(0, i), events[i]!)).toBeNull();
    expect(validateEventSequence(R, events, { type: 'closed', date: '2025-11-20', resultKey: 'partial' })).toBeNull();
  });

  it('same-day consultation and answer in either order', () => {
    expect(validateEventSequence(R, [{ type: 'consultationAnswered', date: '2025-10-10' }], { type: 'consultationSent', date: '2025-10-10' })).toBeNull();
  });

  it('any event before receipt', () => {
    expect(validateEventSequence(R, [], { type: 'accepted', date: '2025-09-25' })).toBe('登记受理日期（2025-09-25）早于收到申请日期（2025-09-26，第三十一条）');
  });

  it('a reply before receipt', () => {
    expect(validateEventSequence(R, [], { type: 'replied', date: '2025-09-20' })).toBe('答复日期（2025-09-20）早于收到申请日期（2025-09-26）');
  });

  it('a second extension', () => {
    expect(validateEventSequence(R, [{ type: 'extended', date: '2025-10-20', days: 5 }], { type: 'extended', date: '2025-10-28', days: 5 })).toMatch(
      /只能延长一次/,
    );
  });

  it('an extension longer than 20 working days', () => {
    expect(validateEventSequence(R, [], { type: 'extended', date: '2025-10-20', days: 21 })).toBe(
      '第三十三条第二款：延长答复期限最长不得超过20个工作日（登记为21）',
    );
    expect(validateEventSequence(R, [], { type: 'extended', date: '2025-10-20', days: 0 })).toMatch(/最长不得超过20个工作日/);
  });

  it('a second correction request (第三十条: once)', () => {
    expect(
      validateEventSequence(R, [{ type: 'correctionRequested', date: '2025-09-29' }], { type: 'correctionRequested', date: '2025-10-09' }),
    ).toBe('第三十条：补正应一次性告知，已于2025-09-29告知补正，不能再次要求补正');
  });

  it('a correction received before it was requested', () => {
    expect(
      validateEventSequence(R, [{ type: 'correctionRequested', date: '2025-10-10' }], { type: 'correctionReceived', date: '2025-10-09' }),
    ).toBe('收到补正日期（2025-10-09）早于补正通知日期（2025-10-10）');
    expect(validateEventSequence(R, [], { type: 'correctionReceived', date: '2025-10-09' })).toBe('尚未告知补正（第三十条），不能登记收到补正');
    expect(
      validateEventSequence(
        R,
        [
          { type: 'correctionRequested', date: '2025-09-29' },
          { type: 'correctionReceived', date: '2025-10-09' },
        ],
        { type: 'correctionReceived', date: '2025-10-10' },
      ),
    ).toBe('补正材料已于2025-10-09收到，没有待补正的通知');
  });

  it('an answer without an open consultation', () => {
    expect(validateEventSequence(R, [], { type: 'consultationAnswered', date: '2025-10-10' })).toBe(
      '2025-10-10没有待回复的征求意见（第三十二条），不能登记收到意见',
    );
    const sentAndAnswered: ClockEvent[] = [
      { type: 'consultationSent', date: '2025-10-09' },
      { type: 'consultationAnswered', date: '2025-10-13' },
    ];
    expect(validateEventSequence(R, sentAndAnswered, { type: 'consultationAnswered', date: '2025-10-14' })).toMatch(/没有待回复的征求意见/);
    expect(validateEventSequence(R, [{ type: 'consultationSent', date: '2025-10-15' }], { type: 'consultationAnswered', date: '2025-10-14' })).toMatch(
      /没有待回复的征求意见/,
    );
  });

  it('events after closing', () => {
    const closed: ClockEvent = { type: 'closed', date: '2025-10-20', resultKey: 'disclosed' };
    expect(validateEventSequence(R, [closed], { type: 'replied', date: '2025-10-21' })).toBe('申请已于2025-10-20办结，不能再登记答复');
    expect(validateEventSequence(R, [{ type: 'replied', date: '2025-10-22' }], closed)).toBe('申请已于2025-10-20办结，其后不能再有答复（2025-10-22）');
  });

  it('closing without (or with an unknown) result key', () => {
    expect(validateEventSequence(R, [], { type: 'closed', date: '2025-10-20' })).toBe('办结须登记办理结果（表三“本年度办理结果”之一）');
    expect(validateEventSequence(R, [], { type: 'closed', date: '2025-10-20', resultKey: 'refused.secret' })).toBe('无效的办理结果：refused.secret');
    expect(validateEventSequence(R, [], { type: 'closed', date: '2025-10-20', resultKey: 'refused.stateSecret' })).toBeNull();
  });

  it('malformed dates', () => {
    expect(validateEventSequence(R, [], { type: 'replied', date: '2025-10-32' })).toBe('答复日期格式应为 YYYY-MM-DD：2025-10-32');
  });

  it('computeClock ignores impossible events with a warning', () => {
    const r = clock('2025-09-26', [{ type: 'consultationAnswered', date: '2025-10-10' }], '2025-10-10');
    expect(r.dueDate).toBe('2025-10-30');
    expect(r.warnings).toEqual(['已忽略一条事项记录：2025-10-10没有待回复的征求意见（第三十二条），不能登记收到意见']);
  });
});

describe('replyArticle', () => {
  it.each([
    ['disclosed', '第三十六条第（二）项'],
    ['partial', '第三十七条'],
    ['refused.stateSecret', '第三十六条第（三）项、第十四条'],
    ['refused.thirdParty', '第三十六条第（三）项、第十五条'],
    ['refused.processInfo', '第三十六条第（三）项、第十六条第二款'],
    ['refused.queryMatter', '第三十六条第（七）项'],
    ['unable.notHeld', '第三十六条第（四）项'],
    ['unable.needsCreation', '第三十八条'],
    ['notProcessed.petition', '第三十九条第一款'],
    ['notProcessed.publication', '第三十九条第二款'],
    ['notProcessed.duplicate', '第三十六条第（六）项'],
    ['notProcessed.excessive', '第三十五条'],
    ['other.noCorrection', '第三十条'],
    ['other.unpaidFee', '第四十二条'],
  ])('%s → %s', (key, article) => {
    expect(replyArticle(key).article).toBe(article);
  });

  it('gives the variants of 第三十六条 where one result covers two answers', () => {
    expect(replyArticle('disclosed').alternatives?.[0]?.article).toBe('第三十六条第（一）项');
    expect(replyArticle('unable.notHeld').alternatives?.[0]?.article).toBe('第三十六条第（五）项');
  });

  it('covers every 表三 result key and refuses unknown ones', () => {
    for (const key of RESULT_KEYS) expect(replyArticle(key).text.length).toBeGreaterThan(5);
    expect(() => replyArticle('refused.secret')).toThrow('无效的办理结果：refused.secret');
  });
});
