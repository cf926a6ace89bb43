/**
 * Recording events and disputes on a request, and reading its live clock. Writes go through the
 * Document Service (so the middleware recomputes the due date and the derived fields in the same
 * write), inside a transaction that locks the request row on PostgreSQL (two clerks recording at
 * once cannot lose an event).
 */
import crypto from 'crypto';
import type { Clock, Timeline } from './wire';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  computeClock,
  CLOCK_EVENT_LABELS,
  sortEvents,
  validateEventSequence,
  type ClockEventType,
} from '../domain/request-clock';
import { todayInChina } from '../domain/dates';
import { isValidDay } from '../domain/working-days';
import { isPostgres } from '../foundation/sql';
import { fieldError, validationFailure } from '../foundation/errors';
import { getCalendar } from './calendar';
import { firstSequenceProblem, outcomeFromEvents, statusFromEvents } from './derive';
import { REQUEST_UID, requestsConfig } from './config';
import {
  disputeBodySchema,
  disputePatchSchema,
  disputeProblems,
  parseRequestInput,
  parseStoredDisputes,
  parseStoredEvents,
  type Dispute,
  type StoredEvent,
} from './schemas';

export interface Actor {
  id?: number;
  email?: string;
  firstname?: string | null;
  lastname?: string | null;
}

const actorName = (u?: Actor | null): string | undefined =>
  u ? [u.lastname, u.firstname].filter(Boolean).join('') || u.email || (u.id ? `#${u.id}` : undefined) : undefined;

async function lockRow(strapi: Core.Strapi, trx: any, documentId: string): Promise<void> {
  if (isPostgres(strapi)) await trx.raw('SELECT id FROM disclosure_requests WHERE document_id = ? FOR UPDATE', [documentId]);
}

export async function loadRequest(strapi: Core.Strapi, documentId: string, populate: Record<string, unknown> = { organization: true }): Promise<any> {
  const row = await strapi.db.query(REQUEST_UID as any).findOne({ where: { documentId }, populate });
  if (!row) throw new errors.NotFoundError('依申请公开申请不存在');
  return row;
}

/** The stored events; a stored list that does not parse (written around the Document Service) is an error, never silently dropped. */
function storedEventsOf(request: any): StoredEvent[] {
  const parsed = parseStoredEvents(request.events);
  if ('errors' in parsed) throw validationFailure(parsed.errors.map((e) => ({ ...e, message: `已保存的办理记录无效，请先在内容管理中修正：${e.message}` })));
  return parsed.events;
}

function storedDisputesOf(request: any): Dispute[] {
  const parsed = parseStoredDisputes(request.disputes);
  if ('errors' in parsed) throw validationFailure(parsed.errors.map((e) => ({ ...e, message: `已保存的复议/诉讼记录无效，请先在内容管理中修正：${e.message}` })));
  return parsed.disputes;
}

const typeError = (message: string) => fieldError('type', message);

/**
 * Adds one event (body already shaped like `eventBodySchema`). Impossible sequences → 400 with the
 * reason of validateEventSequence on path ['type'].
 */
export async function addEvent(strapi: Core.Strapi, documentId: string, body: Record<string, any>, actor?: Actor | null): Promise<any> {
  const conf = requestsConfig(strapi);
  return strapi.db.transaction(async ({ trx }: any) => {
    await lockRow(strapi, trx, documentId);
    const request = await loadRequest(strapi, documentId);
    const existing = storedEventsOf(request);
    const { applicantCategory, ...rest } = body;
    const event: StoredEvent = { ...(rest as StoredEvent), type: rest.type as ClockEventType };
    // Defaults from config/requests.ts: the 补正期限 and the fee payment period.
    if (event.type === 'correctionRequested' && event.days === undefined) event.days = conf.correctionPeriodDays;
    if (event.type === 'feeNoticeSent' && event.days === undefined) event.days = conf.feePaymentDays;
    if (applicantCategory !== undefined && event.type !== 'closed') {
      throw fieldError('applicantCategory', '申请人类别只能在办结时一并登记');
    }
    for (const f of ['approvedBy', 'applicantNotified'] as const) {
      if (event[f] !== undefined && event.type !== 'extended') throw fieldError(f, `${f === 'approvedBy' ? '批准人' : '告知申请人'}只适用于“延长答复期限”事项`);
    }
    if (event.paidAt !== undefined && event.type !== 'feeNoticeSent') {
      throw fieldError('paidAt', '缴费日期只适用于“发出收费通知”事项');
    }
    if (event.resultKey !== undefined && event.type !== 'closed' && event.type !== 'replied') {
      throw fieldError('resultKey', '办理结果只能在答复或办结时登记');
    }
    const today = todayInChina();
    if (event.date > today) throw fieldError('date', `${CLOCK_EVENT_LABELS[event.type]}日期（${event.date}）晚于今天（${today}），不能登记尚未发生的事项`);
    const reason = validateEventSequence(request.receivedDate, existing, event);
    if (reason) throw typeError(reason);
    if (event.type === 'closed') {
      const category = applicantCategory ?? request.applicantCategory;
      if (!category) throw fieldError('applicantCategory', '办结须登记申请人类别（表三的列）');
    }
    const stamped: StoredEvent = { ...event, recordedAt: new Date().toISOString(), ...(actorName(actor) ? { recordedBy: actorName(actor) } : {}) };
    const data: Record<string, unknown> = { events: sortEvents([...existing, stamped]) };
    if (applicantCategory !== undefined) data.applicantCategory = applicantCategory;
    await strapi.documents(REQUEST_UID as any).update({ documentId, data: data as any });
    return loadRequest(strapi, documentId);
  });
}

/**
 * Removes a mistaken event (by its id). The remaining sequence must still be possible (e.g. a
 * correction notice cannot be removed while its correction is recorded) → 400 on path ['type'].
 */
export async function deleteEvent(strapi: Core.Strapi, documentId: string, eventId: string): Promise<any> {
  return strapi.db.transaction(async ({ trx }: any) => {
    await lockRow(strapi, trx, documentId);
    const request = await loadRequest(strapi, documentId);
    const existing = storedEventsOf(request);
    const target = existing.find((e) => e.id === eventId);
    if (!target) throw new errors.NotFoundError('办理记录不存在');
    const remaining = existing.filter((e) => e !== target);
    const reason = firstSequenceProblem(request.receivedDate, remaining);
    if (reason) throw typeError(`删除该${CLOCK_EVENT_LABELS[target.type]}记录后办理记录不成立：${reason}`);
    const outcome = outcomeFromEvents(remaining);
    await strapi.documents(REQUEST_UID as any).update({
      documentId,
      data: {
        events: remaining,
        handlingStatus: statusFromEvents(remaining) ?? '已登记',
        repliedDate: outcome.repliedDate,
        closedDate: outcome.closedDate,
        resultKey: outcome.resultKey ?? null,
      } as any,
    });
    return loadRequest(strapi, documentId);
  });
}

/** Adds a 行政复议 / 行政诉讼 record (表四). */
export async function addDispute(strapi: Core.Strapi, documentId: string, body: unknown): Promise<{ request: any; dispute: Dispute }> {
  const input = parseRequestInput(disputeBodySchema, body);
  return strapi.db.transaction(async ({ trx }: any) => {
    await lockRow(strapi, trx, documentId);
    const request = await loadRequest(strapi, documentId);
    const list = storedDisputesOf(request);
    const dispute = { id: crypto.randomBytes(6).toString('hex'), ...input } as Dispute;
    const next = [...list, dispute];
    const problems = disputeProblems(request.receivedDate, next).filter((p) => p.path[1] === String(next.length - 1));
    if (problems.length) throw validationFailure(problems.map((p) => ({ ...p, path: p.path.slice(2) })));
    await strapi.documents(REQUEST_UID as any).update({ documentId, data: { disputes: next } as any });
    return { request: await loadRequest(strapi, documentId), dispute };
  });
}

/** Updates a dispute (typically its result once decided). */
export async function updateDispute(strapi: Core.Strapi, documentId: string, disputeId: string, body: unknown): Promise<{ request: any; dispute: Dispute }> {
  const patch = parseRequestInput(disputePatchSchema, body);
  return strapi.db.transaction(async ({ trx }: any) => {
    await lockRow(strapi, trx, documentId);
    const request = await loadRequest(strapi, documentId);
    const list = storedDisputesOf(request);
    const index = list.findIndex((d) => d.id === disputeId);
    if (index < 0) throw new errors.NotFoundError('复议/诉讼记录不存在');
    const changed: Dispute = { ...list[index]! };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete (changed as any)[k];
      else if (v !== undefined) (changed as any)[k] = v;
    }
    const next = list.map((d, i) => (i === index ? changed : d));
    const problems = disputeProblems(request.receivedDate, next).filter((p) => p.path[1] === String(index));
    if (problems.length) throw validationFailure(problems.map((p) => ({ ...p, path: p.path.slice(2) })));
    await strapi.documents(REQUEST_UID as any).update({ documentId, data: { disputes: next } as any });
    return { request: await loadRequest(strapi, documentId), dispute: changed };
  });
}

/** The clock as GET …/clock answers it: the wire shape `Clock` (wire.ts), which the admin page reads too. */
export type LiveClock = Clock;

/** The clock of a stored request as of `asOf` (default: today in China), with the current calendar. */
export function clockOf(request: any, calendar: Awaited<ReturnType<typeof getCalendar>>, asOf?: string): LiveClock {
  const today = asOf && isValidDay(asOf) ? asOf : todayInChina();
  const parsed = parseStoredEvents(request.events);
  const events = 'events' in parsed ? parsed.events : [];
  const c = computeClock({ receivedDate: request.receivedDate, events }, { calendar, today });
  return {
    dueDate: c.dueDate,
    dueDateProvisional: c.dueDateProvisional,
    daysLeft: c.daysLeft,
    overdue: c.overdue,
    history: c.dueDateHistory,
    warnings: c.warnings,
    state: c.state,
    asOf: today,
    clockStart: c.clockStart,
    allowedWorkingDays: c.allowedWorkingDays,
    extension: c.extension,
    pauses: c.pauses,
    pausedWorkingDays: c.pausedWorkingDays,
    suggestedOutcome: c.suggestedOutcome,
  };
}

export async function liveClock(strapi: Core.Strapi, documentId: string, asOf?: string): Promise<LiveClock> {
  const request = await loadRequest(strapi, documentId, {});
  return clockOf(request, await getCalendar(strapi), asOf);
}

/** The event timeline (chronological, labelled) with the due-date history: the wire shape `Timeline` (wire.ts). */
export async function timeline(strapi: Core.Strapi, documentId: string): Promise<Timeline> {
  const request = await loadRequest(strapi, documentId, {});
  const parsed = parseStoredEvents(request.events);
  const events = 'events' in parsed ? sortEvents(parsed.events) : [];
  return {
    documentId,
    trackingNo: request.trackingNo,
    receivedDate: request.receivedDate,
    events: events.map((e) => ({ ...e, label: CLOCK_EVENT_LABELS[e.type] })),
    dueDateHistory: request.dueDateHistory ?? [],
  };
}
