/**
 * Public side (content API, no authentication):
 *   POST /api/gov/v1/requests                      submit an application → { trackingNo, queryCode }
 *   GET  /api/gov/v1/requests/:trackingNo?code=…   progress for the holder of the query code
 *
 * The query code is random (crypto), shown once, stored only as a salted scrypt hash
 * (`queryCodeHash`, private). An unknown tracking number and a wrong code get the same 404 after
 * the same work (a dummy hash is checked), so the answer reveals nothing; failures are counted per
 * client address and, once the allowance is used up, every query from it gets 429 with Retry-After.
 * Rate limits are token buckets in the database, shared by all nodes (./rate-limit.ts); the client
 * address is the socket peer, or behind trusted proxies the forwarded one (src/foundation/client-ip.ts).
 * 证件号码 is checked against 证件类型 and 联系电话 as a phone number (src/requests/applicant.ts).
 * Responses never contain applicant data (name, ID number, contacts, the requested content) nor
 * internal notes.
 *
 * Date of receipt (第三十一条): for an online application it is “the day both sides confirm
 * receipt”. The platform confirms automatically and at once (the applicant gets the tracking
 * number in the same response), so the receipt date is the submission day in China time (UTC+8),
 * also on a weekend or holiday — the 20 working days then count from the next working day.
 */
import crypto from 'crypto';
import { promisify } from 'util';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { CLOCK_EVENT_LABELS, sortEvents } from '../domain/request-clock';
import { TABLE3_ROW_QUALIFIED_LABELS } from '../domain/annual-report-2021';
import { todayInChina } from '../domain/dates';
import { ENUMS } from '../foundation/constants';
import { checkPhone } from '../domain/phone';
import { checkApplicantId } from './applicant';
import { getCalendar } from './calendar';
import { ORG_UID, REQUEST_UID, requestsConfig } from './config';
import { clockOf } from './events';
import { rateLimiter } from './rate-limit';
import { clientIp, rateLimitKey } from '../foundation/client-ip';
import { parseRequestInput, parseStoredEvents } from './schemas';
import { fieldError } from '../foundation/errors';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** Without 0/O, 1/I/L: easy to read out and type. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newQueryCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return out;
}

/** Upper case, spaces and dashes removed (codes may be typed in groups). */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export async function hashQueryCode(code: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(normaliseCode(code), salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

const DUMMY_HASH = `scrypt$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

export async function verifyQueryCode(code: string, stored: string | null | undefined): Promise<boolean> {
  const [scheme, saltB64, keyB64] = String(stored || DUMMY_HASH).split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = await scrypt(normaliseCode(code), Buffer.from(saltB64, 'base64'), expected.length || 32);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual) && Boolean(stored);
}

// ---------------------------------------------------------------------------------------------

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const submitSchema = z
  .object({
    organization: z.string().trim().min(1).max(64),
    applicantCategory: z.enum(ENUMS.applicantCategory as unknown as [string, ...string[]]).default('自然人'),
    applicantName: z.string().trim().min(1).max(120),
    applicantIdType: z.enum(ENUMS.applicantIdType as unknown as [string, ...string[]]).optional(),
    applicantIdNumber: optionalText(40),
    applicantPhone: optionalText(40),
    applicantEmail: optionalText(120).refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: '电子邮箱格式不正确' }),
    applicantAddress: optionalText(200),
    requestedContent: z.string().trim().min(5).max(5000),
    purpose: optionalText(2000),
    deliveryMethod: z.enum(ENUMS.deliveryMethod as unknown as [string, ...string[]]).default('电子邮件'),
  })
  .strict()
  .superRefine((d, ctx) => {
    // 证件号码 against 证件类型 (organisations may give a 统一社会信用代码), 联系电话 (src/requests/applicant.ts)
    if (d.applicantIdNumber) {
      const verdict = checkApplicantId(d.applicantCategory, d.applicantIdType, d.applicantIdNumber);
      if (verdict.message) ctx.addIssue({ code: 'custom', path: ['applicantIdNumber'], message: verdict.message, params: { standalone: true } });
      else {
        d.applicantIdNumber = verdict.number;
        if (verdict.type !== (d.applicantIdType ?? '居民身份证')) d.applicantIdType = verdict.type;
      }
    }
    if (d.applicantPhone) {
      const message = checkPhone(d.applicantPhone);
      if (message) ctx.addIssue({ code: 'custom', path: ['applicantPhone'], message, params: { standalone: true } });
    }
  })
  .refine((d) => Boolean(d.applicantPhone || d.applicantEmail || d.applicantAddress), {
    message: '请至少填写一种联系方式（联系电话、电子邮箱或通讯地址）',
    path: ['applicantPhone'],
  });

/** Forget all rate-limit state (tests, or an operator after a false alarm): deletes the rows. */
export async function resetRateLimits(strapi: Core.Strapi): Promise<void> {
  await rateLimiter(strapi).reset();
}

function tooMany(ctx: any, retryAfter: number): never {
  ctx.set('Retry-After', String(retryAfter));
  throw new errors.RateLimitError(`请求过于频繁，请${retryAfter}秒后再试`, { retryAfter });
}

/** The rate-limit key of the client (behind trusted proxies: the forwarded address; IPv6 per /64). */
const clientOf = (strapi: Core.Strapi, ctx: any): string => rateLimitKey(clientIp(strapi, ctx));

export async function submitApplication(strapi: Core.Strapi, ctx: any): Promise<{ trackingNo: string; queryCode: string }> {
  const conf = requestsConfig(strapi);
  const verdict = await rateLimiter(strapi).take('submit', clientOf(strapi, ctx), conf.rateLimit.submit);
  if (!verdict.allowed) tooMany(ctx, verdict.retryAfter);
  const input = parseRequestInput(submitSchema, ctx.request.body);
  const org = await strapi.db.query(ORG_UID as any).findOne({
    where: { $or: [{ documentId: input.organization }, { code: input.organization.toUpperCase() }] },
    select: ['id', 'documentId'],
  });
  if (!org) {
    throw fieldError('organization', '受理机关不存在');
  }
  const queryCode = newQueryCode(conf.queryCodeLength);
  const today = todayInChina();
  const created: any = await strapi.documents(REQUEST_UID as any).create({
    data: {
      ...input,
      organization: org.documentId,
      channel: '网络',
      submittedDate: today,
      receivedDate: today,
      handlingStatus: '已登记',
      queryCodeHash: await hashQueryCode(queryCode),
    } as any,
  });
  return { trackingNo: created.trackingNo, queryCode };
}

export async function queryApplication(strapi: Core.Strapi, ctx: any): Promise<Record<string, unknown>> {
  const conf = requestsConfig(strapi);
  const limiter = rateLimiter(strapi);
  const client = clientOf(strapi, ctx);
  const verdict = await limiter.take('query', client, conf.rateLimit.query);
  if (!verdict.allowed) tooMany(ctx, verdict.retryAfter);
  // Every query reserves one failure from the wrong-code allowance, given back when the code is
  // right: concurrent guesses can never exceed the allowance.
  const reserved = await limiter.take('wrongCode', client, conf.rateLimit.wrongCode);
  if (!reserved.allowed) tooMany(ctx, reserved.retryAfter);

  const trackingNo = String(ctx.params.trackingNo ?? '').trim().toUpperCase().slice(0, 40);
  const code = typeof ctx.query.code === 'string' ? ctx.query.code.slice(0, 64) : '';
  const row: any = /^[A-Z0-9-]{1,40}$/.test(trackingNo) ? await strapi.db.query(REQUEST_UID as any).findOne({ where: { trackingNo }, populate: { organization: { select: ['name'] } } }) : null;
  const ok = await verifyQueryCode(code, row?.queryCodeHash);
  if (!row || !code || !ok) throw new errors.NotFoundError('受理编号或查询码不正确');
  await limiter.giveBack('wrongCode', client, conf.rateLimit.wrongCode);
  const clock = clockOf(row, await getCalendar(strapi));
  const parsed = parseStoredEvents(row.events);
  const events = 'events' in parsed ? sortEvents(parsed.events) : [];
  return {
    trackingNo: row.trackingNo,
    organization: row.organization?.name ?? null,
    channel: row.channel,
    submittedDate: row.submittedDate ?? null,
    receivedDate: row.receivedDate,
    handlingStatus: row.handlingStatus,
    dueDate: clock.dueDate,
    dueDateProvisional: clock.dueDateProvisional,
    daysLeft: clock.daysLeft,
    overdue: clock.overdue,
    state: clock.state,
    repliedDate: row.repliedDate ?? null,
    closedDate: row.closedDate ?? null,
    result: row.closedDate && row.resultKey ? { key: row.resultKey, label: (TABLE3_ROW_QUALIFIED_LABELS as Record<string, string>)[row.resultKey] ?? row.resultKey } : null,
    timeline: events.map((e) => ({ type: e.type, label: CLOCK_EVENT_LABELS[e.type], date: e.date })),
  };
}
