/**
 * The legal clock of one 依申请公开 case: from the date of receipt and the recorded events, the
 * reply deadline, how much time is left, the state, the history of the deadline and warnings.
 *
 * Model (条例 第三十、三十二、三十三条):
 * - the clock starts on the date of receipt (第三十一条) — or, once a correction was requested, on
 *   the day the correction is received (第三十条); while the correction is awaited there is no due
 *   date (dueDate null);
 * - it allows 20 working days (第三十三条第二款), plus one extension of ≤ 20 (same paragraph);
 * - working days during consultations (第三十二条) are not counted (第三十三条第三款): each
 *   consultation excludes the working days after the day it was sent up to and including the day
 *   its answer arrived (or it lapsed, when the event gave a period in `days`); overlapping
 *   consultations are merged as a union — a day is excluded once however many consultations are
 *   pending; separate consultations add up (see `mergePauses`). An answer closes the oldest
 *   consultation not yet lapsed (FIFO); without lapses the union does not depend on the matching;
 * - the due date is the N-th counted working day after the start (N = 20 + extension), so an
 *   extension adds to the deadline as it stands, pauses included;
 * - a fee notice pauses nothing (第四十二条); an unpaid fee or a missed correction period only
 *   suggests the outcome `other.unpaidFee` / `other.noCorrection`.
 * Invalid events (see validateEventSequence) are ignored, with a warning.
 */
import { assertDay } from '../working-days/dates';
import type { WorkingDayCalendar } from '../working-days/calendar';
import {
  MAX_EXTENSION_DAYS,
  REPLY_PERIOD_DAYS,
  consultationLapseDate,
  correctionNoticeWarning,
  correctionPeriodEnd,
  countedDeadline,
  extension,
  feePaymentDeadline,
  mergePauses,
  outcomeForNoCorrection,
  outcomeForUnpaidFee,
  replyDeadline,
} from './rules';
import { sortEvents, validateEventSequence } from './validate';
import type {
  ClockEvent,
  ClockResult,
  ClockState,
  ComputeClockOptions,
  DueDateChange,
  ExtensionRecord,
  PauseInterval,
  RequestClockInput,
} from './types';
import { CLOCK_EVENT_LABELS } from './types';

interface Consultation {
  sent: string;
  lapse: string | null;
  answered: string | null;
}

interface Derived {
  start: string | null;
  allowed: number;
  consultations: Consultation[];
  pauses: PauseInterval[];
  dueDate: string | null;
  pausedWorkingDays: number;
  remaining: number;
}

/** The consultations of a (valid, sorted) event list, answers matched FIFO. */
function consultationsOf(calendar: WorkingDayCalendar, events: readonly ClockEvent[]): Consultation[] {
  const list: Consultation[] = [];
  for (const e of events) {
    if (e.type === 'consultationSent') {
      list.push({ sent: e.date, lapse: e.days ? consultationLapseDate(calendar, e.date, e.days) : null, answered: null });
    } else if (e.type === 'consultationAnswered') {
      const open = list.filter((c) => c.answered === null);
      const target = open.find((c) => c.lapse === null || c.lapse >= e.date) ?? open[0];
      if (target) target.answered = e.date;
    }
  }
  return list;
}

function pauseOf(c: Consultation): PauseInterval {
  if (c.answered !== null) return { from: c.sent, to: c.lapse !== null && c.lapse < c.answered ? c.lapse : c.answered };
  return { from: c.sent, to: c.lapse };
}

/** Due date from a (valid, sorted) event list. */
function derive(calendar: WorkingDayCalendar, receivedDate: string, events: readonly ClockEvent[]): Derived {
  const correctionRequested = events.find((e) => e.type === 'correctionRequested');
  const correctionReceived = events.find((e) => e.type === 'correctionReceived');
  const start = correctionRequested ? (correctionReceived?.date ?? null) : receivedDate;
  const ext = events.find((e) => e.type === 'extended');
  const allowed = REPLY_PERIOD_DAYS + (ext ? Math.min(ext.days ?? MAX_EXTENSION_DAYS, MAX_EXTENSION_DAYS) : 0);
  const consultations = consultationsOf(calendar, events);
  const pauses = mergePauses(consultations.map(pauseOf));
  if (start === null) return { start, allowed, consultations, pauses, dueDate: null, pausedWorkingDays: 0, remaining: allowed };
  const r = countedDeadline(calendar, start, allowed, pauses);
  return { start, allowed, consultations, pauses, ...r };
}

/** Working days from `from` to `due`; after the due date at least −1 (so that < 0 ⇔ late). */
function signedDaysLeft(calendar: WorkingDayCalendar, from: string, due: string): number {
  if (from <= due) return calendar.workingDaysBetween(from, due);
  return -Math.max(1, calendar.workingDaysBetween(due, from));
}

function historyReason(e: ClockEvent, dueDate: string | null, calendar: WorkingDayCalendar): string {
  switch (e.type) {
    case 'correctionRequested':
      return '告知补正（第三十条）：答复期限自收到补正之日起计算，补正前暂无答复期限';
    case 'correctionReceived':
      return '收到补正（第三十条）：自次日起重新计算20个工作日（第三十三条第二款）';
    case 'extended':
      return `经批准延长答复期限${Math.min(e.days ?? MAX_EXTENSION_DAYS, MAX_EXTENSION_DAYS)}个工作日（第三十三条第二款）`;
    case 'consultationSent':
      if (e.days) {
        return `征求意见（第三十二条），至迟${consultationLapseDate(calendar, e.date, e.days)}期满，期间不计入答复期限（第三十三条第三款）`;
      }
      return dueDate === null
        ? '征求意见（第三十二条）：所需时间不计入答复期限（第三十三条第三款），收到意见后重新确定期限'
        : '征求意见（第三十二条），所需时间不计入答复期限（第三十三条第三款）';
    case 'consultationAnswered':
      return '收到意见：征求意见所需时间不计入答复期限（第三十三条第三款）';
    default:
      return CLOCK_EVENT_LABELS[e.type];
  }
}

// 第三十条、第三十一条、第三十二条、第三十三条、第四十二条: the whole clock of one application.
export function computeClock(request: RequestClockInput, opts: ComputeClockOptions): ClockResult {
  const { calendar, today } = opts;
  const receivedDate = request.receivedDate;
  assertDay(receivedDate, '收到申请日期');
  assertDay(today, '当前日期');
  const warnings: string[] = [];

  // Keep the events that form a possible sequence; report the others.
  const events: ClockEvent[] = [];
  for (const e of sortEvents(request.events)) {
    const reason = validateEventSequence(receivedDate, events, e);
    if (reason) warnings.push(`已忽略一条事项记录：${reason}`);
    else events.push(e);
  }

  // Due-date history: recompute after each event, record the changes.
  const dueDateHistory: DueDateChange[] = [
    {
      date: receivedDate,
      dueDate: replyDeadline(calendar, receivedDate),
      reason: '收到申请（第三十一条）：自次日起计20个工作日内答复（第三十三条第二款）',
    },
  ];
  let extensionRecord: ExtensionRecord | null = null;
  let previous: string | null = dueDateHistory[0]!.dueDate;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const d = derive(calendar, receivedDate, events.slice(0, i + 1));
    if (e.type === 'extended') {
      const x = extension(calendar, previous ?? e.date, {
        days: Math.min(e.days ?? MAX_EXTENSION_DAYS, MAX_EXTENSION_DAYS),
        approvedBy: e.approvedBy,
        approvedAt: e.date,
        applicantNotified: e.applicantNotified,
      });
      extensionRecord = x.record;
      warnings.push(...x.warnings);
    }
    if (d.dueDate !== previous) dueDateHistory.push({ date: e.date, dueDate: d.dueDate, reason: historyReason(e, d.dueDate, calendar) });
    previous = d.dueDate;
  }

  const final = derive(calendar, receivedDate, events);
  const { dueDate } = final;
  const replied = events.find((e) => e.type === 'replied');
  const closed = events.find((e) => e.type === 'closed');
  const correctionRequested = events.find((e) => e.type === 'correctionRequested');
  const correctionReceived = events.find((e) => e.type === 'correctionReceived');
  const finished = Boolean(replied || closed);

  // 第三十条: correction notice within 7 working days, with a period; a missed period → other.noCorrection.
  let suggestedOutcome: ClockResult['suggestedOutcome'] = null;
  if (correctionRequested) {
    const late = correctionNoticeWarning(calendar, receivedDate, correctionRequested.date);
    if (late) warnings.push(late);
    if (!correctionRequested.days) {
      warnings.push('第三十条：补正通知应说明需要补正的事项和合理的补正期限，未登记补正期限');
    } else if (!finished) {
      const outcome = outcomeForNoCorrection(calendar, {
        noticeDate: correctionRequested.date,
        days: correctionRequested.days,
        correctionReceivedDate: correctionReceived?.date,
        today,
      });
      if (outcome) {
        suggestedOutcome = outcome;
        const end = correctionPeriodEnd(calendar, correctionRequested.date, correctionRequested.days);
        warnings.push(`第三十条：补正期限已于${end}届满，申请人未补正，无正当理由的可按“逾期不补正”（other.noCorrection）办结`);
      }
    }
  }

  // 第四十二条 / 国办函〔2020〕109号: a fee notice pauses nothing; unpaid after the period → other.unpaidFee.
  for (const fee of events.filter((e) => e.type === 'feeNoticeSent')) {
    if (finished || suggestedOutcome) break;
    const outcome = outcomeForUnpaidFee(calendar, { noticeDate: fee.date, days: fee.days, paidDate: fee.paidAt, today });
    if (outcome) {
      suggestedOutcome = outcome;
      const deadline = feePaymentDeadline(calendar, fee.date, fee.days);
      warnings.push(`第四十二条：缴费期限已于${deadline}届满，申请人未缴费，可按“逾期未缴纳费用”（other.unpaidFee）办结（国办函〔2020〕109号）`);
    }
  }
  if (closed?.resultKey === 'other.noCorrection' && !correctionRequested) {
    warnings.push('以“逾期不补正”（other.noCorrection）办结，但未登记补正通知（第三十条）');
  }
  if (closed?.resultKey === 'other.unpaidFee' && !events.some((e) => e.type === 'feeNoticeSent')) {
    warnings.push('以“逾期未缴纳费用”（other.unpaidFee）办结，但未登记收费通知（第四十二条）');
  }

  // Provisional: the span from receipt to the due date reaches a year without an official arrangement.
  const unknownYears = dueDate ? calendar.unknownYearsBetween(receivedDate, dueDate) : [];
  const dueDateProvisional = unknownYears.length > 0;
  if (dueDateProvisional) {
    warnings.push(`答复期限涉及${unknownYears.join('、')}年，系统尚无该年国务院节假日安排，暂按《全国年节及纪念日放假办法》和往年调休惯例预测的安排推算，公布后须重新核算`);
  }

  // State, as of today.
  const pausedToday = final.consultations.some((c) => {
    if (c.sent > today) return false;
    if (c.answered !== null) return today < c.answered && (c.lapse === null || today <= c.lapse);
    return c.lapse === null || today <= c.lapse;
  });
  const state: ClockState = closed
    ? 'closed'
    : replied
      ? 'replied'
      : correctionRequested && !correctionReceived
        ? 'awaitingCorrection'
        : pausedToday
          ? 'paused'
          : 'open';

  // Time left: from today, or — once the clock stopped — from the reply (else closing) day.
  const stoppedAt = replied?.date ?? closed?.date ?? null;
  const from = stoppedAt ?? today;
  const overdue = dueDate !== null && from > dueDate;
  const daysLeft =
    dueDate !== null ? signedDaysLeft(calendar, from, dueDate) : state === 'paused' ? final.remaining : null;
  if (dueDate !== null && overdue) {
    warnings.push(
      stoppedAt
        ? `${replied ? '答复' : '办结'}日期（${stoppedAt}）晚于答复期限（${dueDate}）`
        : `已超过答复期限（${dueDate}）${-(daysLeft ?? 0)}个工作日（第三十三条）`,
    );
  }

  return {
    dueDate,
    dueDateProvisional,
    daysLeft,
    overdue,
    dueDateHistory,
    warnings,
    state,
    clockStart: final.start,
    allowedWorkingDays: final.allowed,
    extension: extensionRecord,
    pauses: final.pauses,
    pausedWorkingDays: final.pausedWorkingDays,
    suggestedOutcome,
  };
}

// 第三十条 / 第四十二条: the outcome the applicant's inaction leads to, if any ('other.noCorrection' | 'other.unpaidFee').
export function outcomeFor(request: RequestClockInput, opts: ComputeClockOptions): ClockResult['suggestedOutcome'] {
  return computeClock(request, opts).suggestedOutcome;
}
