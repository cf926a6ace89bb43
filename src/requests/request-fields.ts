/**
 * Called by the Document Service middleware (prepareRequest, src/requests/prepare.ts) on every
 * create/update of a 依申请公开 request, whatever the path (Content Manager, REST, routes, code):
 *
 * - `events` and `disputes` are validated (shape and legal sequence) — 400 with the Chinese reason;
 * - 答复期限 (dueDate), 期限为暂定 (dueDateProvisional) and 期限变更记录 (dueDateHistory) are
 *   recomputed from the date of receipt and the events with the current working-day calendar;
 * - 办理状态, 答复日期, 办结日期 and 办理结果 follow the events. A clerk who closes a request by
 *   setting 办理状态 = 已办结 + 办理结果 + 办结日期 (or sets an 答复日期) records the matching `closed`
 *   (`replied`) event that way; changing a derived value afterwards is refused (400) instead of
 *   silently bypassing the clock.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { computeClock, isResultKey, sortEvents, CLOCK_EVENT_LABELS, type ClockEvent } from '../domain/request-clock';
import { isValidDay } from '../domain/working-days';
import { todayInChina } from '../domain/dates';
import type { FieldErrors } from '../foundation/errors';
import { getCalendar } from './calendar';
import { REQUEST_UID } from './config';
import { FREE_STATUSES, firstSequenceProblem, outcomeFromEvents, statusFromEvents } from './derive';
import { disputeProblems, parseStoredDisputes, parseStoredEvents, type StoredEvent } from './schemas';

const FIELD_LABEL: Record<string, string> = {
  handlingStatus: '办理状态',
  repliedDate: '答复日期',
  closedDate: '办结日期',
  resultKey: '办理结果',
  dueDate: '答复期限',
  dueDateProvisional: '期限为暂定',
};

const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

const BRIDGE_NOTE = '由内容管理中填写的字段登记';

export async function applyRequestClock(
  strapi: Core.Strapi,
  action: string,
  data: Record<string, any>,
  existing: Record<string, any> | null,
  errs: FieldErrors,
): Promise<void> {
  const merged: Record<string, any> = { ...(existing ?? {}), ...data };

  // 复议/诉讼 records (表四).
  if ('disputes' in data) {
    const parsed = parseStoredDisputes(data.disputes);
    if ('errors' in parsed) {
      for (const e of parsed.errors) errs.add(e.path.join('.'), e.message);
    } else {
      const problems = disputeProblems(isValidDay(merged.receivedDate) ? merged.receivedDate : null, parsed.disputes);
      for (const e of problems) errs.add(e.path.join('.'), e.message);
      data.disputes = parsed.disputes.length ? parsed.disputes : null;
    }
  }

  const receivedDate = merged.receivedDate;
  if (!isValidDay(receivedDate)) return; // reported by the date checks

  const parsed = parseStoredEvents('events' in data ? data.events : existing?.events);
  if ('errors' in parsed) {
    for (const e of parsed.errors) errs.add(e.path.join('.'), e.message);
    return;
  }
  const events: StoredEvent[] = parsed.events;

  // Fields filled in by hand (Content Manager, imports) record the matching events — when this write
  // sets them, or when the stored request never had the event (data from before the events existed).
  // A write that only removes an event (DELETE …/events/:id) does not bring it back.
  const hasType = (t: ClockEvent['type']) => events.some((e) => e.type === t);
  const stored = parseStoredEvents(existing?.events);
  const storedHad = (t: ClockEvent['type']) => 'events' in stored && stored.events.some((e) => e.type === t);
  if (!hasType('replied') && merged.repliedDate && ('repliedDate' in data || !storedHad('replied'))) {
    if (!isValidDay(merged.repliedDate)) return;
    events.push({ type: 'replied', date: merged.repliedDate, ...(isResultKey(merged.resultKey) ? { resultKey: merged.resultKey } : {}), note: BRIDGE_NOTE });
  }
  if (!hasType('closed') && merged.handlingStatus === '已办结' && ('handlingStatus' in data || 'closedDate' in data || !storedHad('closed'))) {
    if (!merged.resultKey) return; // reported by prepareRequest (办结的申请必须选择一个办理结果)
    if (!merged.closedDate) {
      errs.add('closedDate', '办结的申请必须填写办结日期');
      return;
    }
    if (!isValidDay(merged.closedDate)) return;
    events.push({ type: 'closed', date: merged.closedDate, resultKey: merged.resultKey, note: BRIDGE_NOTE });
  }
  if (!hasType('closed') && data.closedDate && merged.handlingStatus !== '已办结') {
    errs.add('closedDate', '填写办结日期的申请，办理状态应为“已办结”（并选择办理结果）');
    return;
  }

  for (const e of events) if (!e.id) e.id = crypto.randomBytes(4).toString('hex');

  const problem = firstSequenceProblem(receivedDate, events);
  if (problem) {
    errs.add('events', problem);
    return;
  }
  const sorted = sortEvents(events);

  const closed = sorted.find((e) => e.type === 'closed');
  // On create an absent category gets the schema default (自然人) after this middleware.
  const categoryDefault = action === 'create' ? (strapi.contentType(REQUEST_UID as any) as any)?.attributes?.applicantCategory?.default : undefined;
  if (closed && !(merged.applicantCategory ?? categoryDefault)) errs.add('applicantCategory', '办结的申请必须登记申请人类别（表三的列）');

  // Status: decided by the events, else a hand-set 已登记/办理中.
  let status: string | null = statusFromEvents(sorted);
  if (status === null) {
    const wanted = merged.handlingStatus ?? '已登记';
    if (FREE_STATUSES.includes(wanted)) status = wanted;
    else {
      const hint: Record<string, string> = {
        待补正: `请登记“${CLOCK_EVENT_LABELS.correctionRequested}”事项`,
        暂停计时: `请登记“${CLOCK_EVENT_LABELS.consultationSent}”事项`,
        已答复: '请填写答复日期或登记“答复”事项',
      };
      errs.add('handlingStatus', `办理状态“${wanted}”由办理记录决定：${hint[wanted] ?? '请登记相应的办理事项'}`);
      return;
    }
  }

  const calendar = await getCalendar(strapi);
  const clock = computeClock({ receivedDate, events: sorted }, { calendar, today: todayInChina() });
  const outcome = outcomeFromEvents(sorted);
  const derived: Record<string, unknown> = {
    handlingStatus: status,
    repliedDate: outcome.repliedDate,
    closedDate: outcome.closedDate,
    resultKey: outcome.resultKey !== undefined ? outcome.resultKey : (merged.resultKey ?? null),
    dueDate: clock.dueDate,
    dueDateProvisional: clock.dueDateProvisional,
  };

  // A value typed over a derived one (different from what is stored and from what the clock says) is refused.
  if (action === 'update') {
    for (const [field, value] of Object.entries(derived)) {
      if (field in data && !same(data[field], existing?.[field]) && !same(data[field], value)) {
        const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '空' : String(v));
        errs.add(
          field,
          `${FIELD_LABEL[field]}由收到申请日期和办理记录决定（应为“${shown(value)}”），不能直接改为“${shown(data[field])}”；请通过登记办理事项变更`,
          data[field],
        );
      }
    }
  }

  // History: the event-driven changes (recomputed), plus recalculations after calendar changes (kept).
  const previous: any[] = Array.isArray(existing?.dueDateHistory) ? existing!.dueDateHistory : [];
  const recalculations = previous.filter((h) => h && h.recalculated === true);
  const sameFacts =
    action === 'update' &&
    existing?.receivedDate === receivedDate &&
    'events' in stored &&
    JSON.stringify(sortEvents(stored.events)) === JSON.stringify(sorted);
  if (sameFacts && (!same(existing?.dueDate, clock.dueDate) || Boolean(existing?.dueDateProvisional) !== clock.dueDateProvisional)) {
    const old = existing?.dueDate ? `${existing.dueDate}${existing.dueDateProvisional ? '（暂定）' : ''}` : '无';
    recalculations.push({
      date: todayInChina(),
      dueDate: clock.dueDate,
      reason: `工作日日历更新后重新核算答复期限（原为${old}）${clock.dueDateProvisional ? '，仍为暂定' : ''}`,
      recalculated: true,
    });
  }
  data.events = sorted.length ? sorted : null;
  Object.assign(data, derived);
  data.dueDateHistory = [...clock.dueDateHistory, ...recalculations].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
