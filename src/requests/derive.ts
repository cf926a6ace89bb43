/**
 * Pure derivations of a request's stored fields from its events (no Strapi). The events are the
 * single source of truth: 办理状态, 答复日期, 办结日期 and 办理结果 follow them; the due date and its
 * history come from the legal clock (src/domain/request-clock).
 */
import { sortEvents, validateEventSequence, type ClockEvent } from '../domain/request-clock';

export type HandlingStatus = '已登记' | '办理中' | '待补正' | '暂停计时' | '已答复' | '已办结';

/** Statuses a clerk may set by hand when no event decides it. */
export const FREE_STATUSES: readonly string[] = ['已登记', '办理中'];

/** First impossible event of a list (each checked in its chronological place), or null. */
export function firstSequenceProblem(receivedDate: string, events: readonly ClockEvent[]): string | null {
  const sorted = sortEvents(events);
  for (let i = 0; i < sorted.length; i++) {
    const reason = validateEventSequence(receivedDate, sorted.slice(0, i), sorted[i]!);
    if (reason) return reason;
  }
  return null;
}

/** Number of consultations sent and not answered (answers matched in order). */
function openConsultations(events: readonly ClockEvent[]): number {
  let open = 0;
  for (const e of sortEvents(events)) {
    if (e.type === 'consultationSent') open++;
    else if (e.type === 'consultationAnswered' && open > 0) open--;
  }
  return open;
}

/**
 * 办理状态 decided by the events: null when there are none (the clerk's 已登记/办理中 stands),
 * otherwise, in this order: 已办结 > 已答复 > 待补正 (correction requested, not received) > 暂停计时
 * (a consultation awaiting its answer) > 办理中. The stored status does not depend on the day: a
 * consultation that lapsed unanswered still shows 暂停计时 until its answer is recorded (the live
 * `state` of the clock routes says `open`).
 */
export function statusFromEvents(events: readonly ClockEvent[]): HandlingStatus | null {
  if (!events.length) return null;
  if (events.some((e) => e.type === 'closed')) return '已办结';
  if (events.some((e) => e.type === 'replied')) return '已答复';
  const requested = events.some((e) => e.type === 'correctionRequested');
  const received = events.some((e) => e.type === 'correctionReceived');
  if (requested && !received) return '待补正';
  if (openConsultations(events) > 0) return '暂停计时';
  return '办理中';
}

export interface Outcome {
  repliedDate: string | null;
  closedDate: string | null;
  /** undefined: the events do not decide it (kept as entered). */
  resultKey: string | undefined;
}

/** 答复日期, 办结日期 and 办理结果 from the events. */
export function outcomeFromEvents(events: readonly ClockEvent[]): Outcome {
  const replied = events.find((e) => e.type === 'replied');
  const closed = events.find((e) => e.type === 'closed');
  return {
    repliedDate: replied?.date ?? null,
    closedDate: closed?.date ?? null,
    resultKey: closed?.resultKey ?? replied?.resultKey ?? undefined,
  };
}
