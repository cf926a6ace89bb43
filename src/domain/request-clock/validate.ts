/**
 * Impossible or unlawful event sequences of a 依申请公开 case. `validateEventSequence` answers null
 * (fine) or the reason in Chinese; the clerk's form shows it and refuses to save.
 */
import { isValidDay } from '../working-days/dates';
import { MAX_EXTENSION_DAYS } from './rules';
import { isResultKey } from './result-keys';
import type { ClockEvent, ClockEventType } from './types';
import { CLOCK_EVENT_LABELS, CLOCK_EVENT_TYPES } from './types';

/** Order of events recorded on the same day (a request precedes its answer; closing comes last). */
const SAME_DAY_RANK: Readonly<Record<ClockEventType, number>> = {
  accepted: 0,
  correctionRequested: 1,
  correctionReceived: 2,
  consultationSent: 3,
  consultationAnswered: 4,
  extended: 5,
  feeNoticeSent: 6,
  replied: 7,
  closed: 8,
};

/** Chronological order; same-day events by SAME_DAY_RANK, then by the order given (stable). */
export function sortEvents<T extends ClockEvent>(events: readonly T[]): T[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      if (a.e.date !== b.e.date) return a.e.date < b.e.date ? -1 : 1;
      const r = (SAME_DAY_RANK[a.e.type] ?? 99) - (SAME_DAY_RANK[b.e.type] ?? 99);
      return r !== 0 ? r : a.i - b.i;
    })
    .map(({ e }) => e);
}

const label = (e: ClockEvent): string => CLOCK_EVENT_LABELS[e.type] ?? e.type;

const isPositiveInt = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** Checks of one event on its own (format, fields). */
function checkEventShape(e: ClockEvent): string | null {
  if (!CLOCK_EVENT_TYPES.includes(e.type)) return `未知的事项类型：${String(e.type)}`;
  if (!isValidDay(e.date)) return `${label(e)}日期格式应为 YYYY-MM-DD：${String(e.date)}`;
  switch (e.type) {
    case 'extended':
      if (e.days !== undefined && (!Number.isInteger(e.days) || e.days < 1 || e.days > MAX_EXTENSION_DAYS)) {
        return `第三十三条第二款：延长答复期限最长不得超过${MAX_EXTENSION_DAYS}个工作日（登记为${e.days}）`;
      }
      if (typeof e.applicantNotified === 'string' && !isValidDay(e.applicantNotified)) {
        return `告知申请人延期的日期格式应为 YYYY-MM-DD：${e.applicantNotified}`;
      }
      if (typeof e.applicantNotified === 'string' && e.applicantNotified < e.date) {
        return `告知申请人延期的日期（${e.applicantNotified}）早于延期审批日期（${e.date}）`;
      }
      return null;
    case 'correctionRequested':
    case 'consultationSent':
    case 'feeNoticeSent':
      if (e.days !== undefined && !isPositiveInt(e.days)) return `${label(e)}的期限应为正整数个工作日（登记为${e.days}）`;
      if (e.type === 'feeNoticeSent' && e.paidAt !== undefined) {
        if (!isValidDay(e.paidAt)) return `缴费日期格式应为 YYYY-MM-DD：${String(e.paidAt)}`;
        if (e.paidAt < e.date) return `缴费日期（${e.paidAt}）早于收费通知日期（${e.date}）`;
      }
      return null;
    case 'closed':
      if (!e.resultKey) return '办结须登记办理结果（表三“本年度办理结果”之一）';
      if (!isResultKey(e.resultKey)) return `无效的办理结果：${e.resultKey}`;
      return null;
    case 'replied':
      if (e.resultKey !== undefined && !isResultKey(e.resultKey)) return `无效的办理结果：${e.resultKey}`;
      return null;
    default:
      return null;
  }
}

/**
 * null when `newEvent` may be added to a case received on `receivedDate` that already has
 * `existingEvents`; otherwise the reason (Chinese). Events may be entered late (back-dated): the
 * new event is checked in its chronological place. Rules: nothing before receipt (第三十一条); one
 * correction notice (第三十条, “一次性告知”) and a correction only after it; one extension of at most
 * 20 working days (第三十三条第二款); an opinion only for a pending consultation (第三十二条); closing
 * needs a 表三 result key and nothing can follow it.
 */
export function validateEventSequence(receivedDate: string, existingEvents: readonly ClockEvent[], newEvent: ClockEvent): string | null {
  if (!isValidDay(receivedDate)) return `收到申请日期格式应为 YYYY-MM-DD：${String(receivedDate)}`;
  const shape = checkEventShape(newEvent);
  if (shape) return shape;

  if (newEvent.date < receivedDate) {
    return newEvent.type === 'replied'
      ? `答复日期（${newEvent.date}）早于收到申请日期（${receivedDate}）`
      : `${label(newEvent)}日期（${newEvent.date}）早于收到申请日期（${receivedDate}，第三十一条）`;
  }
  const closed = existingEvents.find((e) => e.type === 'closed');
  if (closed) return `申请已于${closed.date}办结，不能再登记${label(newEvent)}`;

  // Replay the whole sequence with the new event in its place.
  const all = sortEvents([...existingEvents, newEvent]);
  let correctionRequested: ClockEvent | null = null;
  let correctionReceived: ClockEvent | null = null;
  let extended: ClockEvent | null = null;
  let openConsultations = 0;
  let closedAt: ClockEvent | null = null;
  for (const e of all) {
    if (closedAt) return `申请已于${closedAt.date}办结，其后不能再有${label(e)}（${e.date}）`;
    switch (e.type) {
      case 'correctionRequested':
        if (correctionRequested) return `第三十条：补正应一次性告知，已于${correctionRequested.date}告知补正，不能再次要求补正`;
        correctionRequested = e;
        break;
      case 'correctionReceived':
        if (correctionReceived) return `补正材料已于${correctionReceived.date}收到，没有待补正的通知`;
        if (!correctionRequested) {
          const later = all.find((x) => x.type === 'correctionRequested');
          return later
            ? `收到补正日期（${e.date}）早于补正通知日期（${later.date}）`
            : '尚未告知补正（第三十条），不能登记收到补正';
        }
        correctionReceived = e;
        break;
      case 'extended':
        if (extended) return `第三十三条第二款：答复期限只能延长一次，已于${extended.date}延长`;
        extended = e;
        break;
      case 'consultationSent':
        openConsultations++;
        break;
      case 'consultationAnswered':
        if (openConsultations <= 0) return `${e.date}没有待回复的征求意见（第三十二条），不能登记收到意见`;
        openConsultations--;
        break;
      case 'closed':
        closedAt = e;
        break;
      default:
        break;
    }
  }
  return null;
}
