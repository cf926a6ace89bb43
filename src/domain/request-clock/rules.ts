/**
 * The 依申请公开 time limits of 《中华人民共和国政府信息公开条例》(2019, 国务院令第711号), one function
 * per rule. All periods are working days (see ../working-days); the day of the triggering event is
 * not counted.
 */
import type { WorkingDayCalendar } from '../working-days/calendar';
import { assertDay, isValidDay } from '../working-days/dates';
import type { Channel, ExtensionRecord, PauseInterval, ReceiptFacts } from './types';
import { CHANNEL_LABELS } from './types';

/** 第三十三条第二款: reply within 20 working days of receipt. */
export const REPLY_PERIOD_DAYS = 20;
/** 第三十条: tell the applicant what to correct within 7 working days of receipt. */
export const CORRECTION_NOTICE_DAYS = 7;
/** 第三十三条第二款: one extension of at most 20 working days. */
export const MAX_EXTENSION_DAYS = 20;
/** 第三十二条: a consulted third party answers within 15 working days. */
export const THIRD_PARTY_OPINION_DAYS = 15;
/** 国办函〔2020〕109号《政府信息公开信息处理费管理办法》: payment period after the fee notice. */
export const FEE_PAYMENT_DAYS = 20;

// 第三十一条: 当面 → day submitted; 邮寄 → day signed for (平信: day confirmed with the applicant); 网络/传真 → day both sides confirm; 其他 → the given date.
export function receiptDate(channel: Channel, facts: ReceiptFacts): string {
  const pick: Record<Channel, [string | undefined, string]> = {
    inPerson: [facts.submittedDate, '提交日期'],
    post: [facts.signedForDate ?? facts.confirmedDate, '签收日期（平信为与申请人确认之日）'],
    online: [facts.confirmedDate, '双方确认日期'],
    fax: [facts.confirmedDate, '双方确认日期'],
    other: [facts.givenDate, '收到日期'],
  };
  const entry = pick[channel];
  if (!entry) throw new RangeError(`未知的申请渠道：${String(channel)}`);
  const [date, what] = entry;
  if (!isValidDay(date)) {
    throw new RangeError(`第三十一条：${CHANNEL_LABELS[channel]}提出的申请须登记${what}（YYYY-MM-DD）`);
  }
  return date;
}

// 第三十三条第二款: the reply is due on the 20th working day after receipt.
export function replyDeadline(calendar: WorkingDayCalendar, receivedDate: string, days: number = REPLY_PERIOD_DAYS): string {
  return calendar.addWorkingDays(receivedDate, days);
}

// 第三十条: the (single) correction notice is due within 7 working days of receipt.
export function correctionNoticeDeadline(calendar: WorkingDayCalendar, receivedDate: string): string {
  return calendar.addWorkingDays(receivedDate, CORRECTION_NOTICE_DAYS);
}

// 第三十条: a correction notice sent after the 7th working day is late → warning (null when on time).
export function correctionNoticeWarning(calendar: WorkingDayCalendar, receivedDate: string, noticeDate: string): string | null {
  const deadline = correctionNoticeDeadline(calendar, receivedDate);
  if (noticeDate <= deadline) return null;
  const late = calendar.workingDaysBetween(deadline, noticeDate);
  return `第三十条：补正通知应自收到申请之日起7个工作日内（${deadline}前）一次性发出，实际于${noticeDate}发出，逾期${late}个工作日`;
}

// 第三十条: after a correction the reply period counts afresh from the day the correction is received.
export function restartAfterCorrection(calendar: WorkingDayCalendar, correctionReceivedDate: string): string {
  return replyDeadline(calendar, correctionReceivedDate);
}

// 第三十条: the last day of the 补正期限 the notice gave the applicant (working days after the notice).
export function correctionPeriodEnd(calendar: WorkingDayCalendar, noticeDate: string, days: number): string {
  return calendar.addWorkingDays(noticeDate, days);
}

// 第三十三条第二款: one extension of ≤ 20 working days, approved by the head of the disclosure office, applicant told; it adds to the deadline as it stands.
export function extension(
  calendar: WorkingDayCalendar,
  currentDueDate: string,
  input: { days?: number; approvedBy?: string | null; approvedAt: string; applicantNotified?: boolean | string | null },
): { dueDate: string; record: ExtensionRecord; warnings: string[] } {
  const days = input.days ?? MAX_EXTENSION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
    throw new RangeError(`第三十三条第二款：延长期限最长不得超过${MAX_EXTENSION_DAYS}个工作日（登记为${days}）`);
  }
  assertDay(input.approvedAt, '延期审批日期');
  const notifiedAt = typeof input.applicantNotified === 'string' && isValidDay(input.applicantNotified) ? input.applicantNotified : null;
  const record: ExtensionRecord = {
    days,
    approvedBy: input.approvedBy?.trim() || null,
    approvedAt: input.approvedAt,
    applicantNotifiedAt: notifiedAt,
    applicantNotified: notifiedAt !== null || input.applicantNotified === true,
  };
  const warnings: string[] = [];
  if (!record.approvedBy) warnings.push('第三十三条第二款：延长答复期限须经政府信息公开工作机构负责人同意，未登记审批人');
  if (!record.applicantNotified) warnings.push('第三十三条第二款：延长答复期限应告知申请人，未登记告知情况');
  if (input.approvedAt > currentDueDate) {
    warnings.push(`第三十三条第二款：延期决定（${input.approvedAt}）晚于原答复期限（${currentDueDate}）`);
  }
  return { dueDate: calendar.addWorkingDays(currentDueDate, days), record, warnings };
}

// 第三十二条: an unanswered consultation lapses after its period (15 working days for a third party); the pause ends that day.
export function consultationLapseDate(calendar: WorkingDayCalendar, sentDate: string, days: number = THIRD_PARTY_OPINION_DAYS): string {
  return calendar.addWorkingDays(sentDate, days);
}

/**
 * 第三十三条第三款: time spent consulting is not counted — merge the consultation intervals.
 *
 * Each consultation excludes the working days after the day it was sent up to and including the
 * day the answer arrived (or it lapsed): the interval (from, to]. Several consultations are merged
 * as a *union*: a day on which two consultations are pending is excluded once, not twice;
 * consultations that do not overlap each add their own days (pauses stack). Intervals that touch
 * ((a, b] and (b, c]) become one. `to === null` (still open) absorbs everything after it.
 * Because the result is "days on which at least one consultation was pending", it does not depend
 * on which answer is matched with which consultation.
 */
export function mergePauses(intervals: readonly PauseInterval[]): PauseInterval[] {
  const sorted = intervals
    .filter((p) => p.to === null || p.to > p.from)
    .map((p) => ({ ...p }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: PauseInterval[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && (last.to === null || p.from <= last.to)) {
      if (last.to !== null) last.to = p.to === null ? null : p.to > last.to ? p.to : last.to;
    } else {
      out.push(p);
    }
  }
  return out;
}

/**
 * 第三十三条第二、三款: the `allowed`-th counted working day after `start`, where working days inside
 * a (merged) pause are not counted. `dueDate` is null if the count runs into an open pause
 * (`remaining` working days were left when it began).
 */
export function countedDeadline(
  calendar: WorkingDayCalendar,
  start: string,
  allowed: number,
  pauses: readonly PauseInterval[],
): { dueDate: string | null; pausedWorkingDays: number; remaining: number } {
  const merged = mergePauses(pauses);
  let remaining = allowed;
  let pausedWorkingDays = 0;
  let cursor = start; // last day accounted for
  for (const p of merged) {
    if (remaining <= 0) break;
    const to = p.to;
    if (to !== null && to <= cursor) continue;
    // count working days in (cursor, p.from]
    if (p.from > cursor) {
      const available = calendar.workingDaysBetween(cursor, p.from);
      if (available >= remaining) return { dueDate: calendar.addWorkingDays(cursor, remaining), pausedWorkingDays, remaining: 0 };
      remaining -= available;
      cursor = p.from;
    }
    if (to === null) return { dueDate: null, pausedWorkingDays, remaining };
    pausedWorkingDays += calendar.workingDaysBetween(cursor, to);
    cursor = to;
  }
  return { dueDate: remaining > 0 ? calendar.addWorkingDays(cursor, remaining) : cursor, pausedWorkingDays, remaining: 0 };
}

// 第四十二条 / 国办函〔2020〕109号: the fee is due within 20 working days of the notice; the notice pauses nothing.
export function feePaymentDeadline(calendar: WorkingDayCalendar, noticeDate: string, days: number = FEE_PAYMENT_DAYS): string {
  return calendar.addWorkingDays(noticeDate, days);
}

// 第三十条: no correction within the period given → the application counts as abandoned (表三 other.noCorrection).
export function outcomeForNoCorrection(
  calendar: WorkingDayCalendar,
  facts: { noticeDate: string; days: number; correctionReceivedDate?: string | null; today: string },
): 'other.noCorrection' | null {
  if (facts.correctionReceivedDate) return null;
  return facts.today > correctionPeriodEnd(calendar, facts.noticeDate, facts.days) ? 'other.noCorrection' : null;
}

// 第四十二条 / 国办函〔2020〕109号: fee not paid within the period → no further processing (表三 other.unpaidFee).
export function outcomeForUnpaidFee(
  calendar: WorkingDayCalendar,
  facts: { noticeDate: string; days?: number; paidDate?: string | null; today: string },
): 'other.unpaidFee' | null {
  if (facts.paidDate) return null;
  return facts.today > feePaymentDeadline(calendar, facts.noticeDate, facts.days ?? FEE_PAYMENT_DAYS) ? 'other.unpaidFee' : null;
}
