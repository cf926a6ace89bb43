/**
 * Admin API routes of 依申请公开 (admin JWT; mounted on the admin router without prefix, so the
 * paths are exactly as below). Each declares the Content Manager permission it needs on
 * api::disclosure-request.disclosure-request (read for GET, update for the others) and the organisation
 * it touches (the request's, or the one named in the path); lists are filtered to the caller's
 * organisations in SQL. Enforced by the one policy of plugins/site-groups (authz.ts).
 * Documented in docs/requests.md.
 */
import type { Core } from '@strapi/strapi';
import { aggregateTables } from './aggregate';
import { REQUEST_UID } from './config';
import { addDispute, addEvent, deleteEvent, liveClock, timeline, updateDispute, type Actor } from './events';
import { generateLetter, listLetters, readLetter } from './letters';
import { listRequests } from './list';
import { recomputeDeadlines } from './recompute';
import { day, eventBodySchema, parseRequestInput } from './schemas';
import { z } from 'zod';
import { guard, orgScopeOf } from '../../plugins/site-groups/server/src/authz';
import { registerAppAdminRoutes } from '../../plugins/site-groups/server/src/route-table';
import { fieldError } from '../foundation/errors';
import { errors } from '@strapi/utils';
import { loadRequest } from './events';
import { canReveal, logExport, logReveal } from './personal-data/access';
import { maskRow } from './personal-data/mask';

const READ = 'plugin::content-manager.explorer.read';
const UPDATE = 'plugin::content-manager.explorer.update';

const onRequest = (permission: string) => guard({ permission, subject: REQUEST_UID, scope: { document: { uid: REQUEST_UID, idParam: 'documentId' } } });

/**
 * The shape of a request in admin responses: applicant fields masked (issue 14; unmasked only through
 * GET /disclosure-requests/:documentId/applicant?reveal=1, for holders of the reveal permission, logged).
 */
export function adminView(r: any) {
  const { queryCodeHash, id, organization, ...rest } = r ?? {};
  void queryCodeHash;
  void id;
  return { ...maskRow({ ...rest }), organization: organization ? { documentId: organization.documentId, name: organization.name } : null };
}

const APPLICANT_FIELDS = ['applicantCategory', 'applicantName', 'applicantIdType', 'applicantIdNumber', 'applicantPhone', 'applicantEmail', 'applicantAddress'] as const;
const revealQuery = z.object({ reveal: z.enum(['1', 'true', '0', 'false']).optional() }).strict();

const actorOf = (ctx: any): Actor | null => (ctx.state?.user ? { id: ctx.state.user.id, email: ctx.state.user.email, firstname: ctx.state.user.firstname, lastname: ctx.state.user.lastname } : null);
const actorLabel = (a: Actor | null) => (a ? [a.lastname, a.firstname].filter(Boolean).join('') || a.email : undefined);

const asOfSchema = z.object({ asOf: day.optional() }).strict();
const annualQuery = z.object({ includeDescendants: z.enum(['true', 'false', '1', '0']).optional() }).strict();
const recomputeBody = z.object({ scope: z.enum(['provisional', 'open']).optional() }).strict();
const letterBody = z.object({ date: day.optional(), note: z.string().max(4000).optional(), newVersion: z.boolean({ message: '“另存新版本”应为是或否' }).optional() }).strict();

/** Content-Disposition with the Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function adminRoutes(strapi: Core.Strapi) {
  return [
    {
      method: 'GET',
      path: '/disclosure-requests',
      handler: async (ctx: any) => {
        ctx.body = await listRequests(strapi, ctx.query, orgScopeOf(ctx));
      },
      config: guard({ permission: READ, subject: REQUEST_UID, scope: { organization: { query: 'org' } } }),
    },
    {
      method: 'GET',
      path: '/disclosure-requests/annual-tables/:orgDocumentId/:year',
      handler: async (ctx: any) => {
        const query = parseRequestInput(annualQuery, ctx.query);
        const year = Number(ctx.params.year);
        if (!/^\d{4}$/.test(String(ctx.params.year))) {
          throw fieldError('year', '年度应为四位数字');
        }
        const includeDescendants = query.includeDescendants === 'true' || query.includeDescendants === '1';
        ctx.body = { data: await aggregateTables(strapi, ctx.params.orgDocumentId, year, { includeDescendants }) };
      },
      config: guard({ permission: READ, subject: REQUEST_UID, scope: { organization: { param: 'orgDocumentId' } } }),
    },
    {
      method: 'POST',
      path: '/disclosure-requests/recompute-deadlines',
      handler: async (ctx: any) => {
        const body = parseRequestInput(recomputeBody, ctx.request.body);
        ctx.body = { data: await recomputeDeadlines(strapi, { scope: body.scope ?? 'open', organizations: orgScopeOf(ctx) }) };
      },
      config: guard({ permission: UPDATE, subject: REQUEST_UID, scope: { list: '只重新核算调用者机构的申请' } }),
    },
    {
      // 申请人信息: masked for every reader of the request; ?reveal=1 unmasked for holders of
      // plugin::security.personal-data.reveal (403 otherwise: PolicyError keeps the Chinese message), each reveal in the security log.
      method: 'GET',
      path: '/disclosure-requests/:documentId/applicant',
      handler: async (ctx: any) => {
        const { reveal } = parseRequestInput(revealQuery, ctx.query);
        const wanted = reveal === '1' || reveal === 'true';
        const request = await loadRequest(strapi, ctx.params.documentId, {});
        const data: Record<string, unknown> = Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, request[f] ?? null]));
        if (wanted) {
          if (!(await canReveal(strapi, ctx))) throw new errors.PolicyError('无权查看未脱敏的申请人个人信息：需要“查看未脱敏的申请人个人信息”权限');
          await logReveal(strapi, ctx, request.trackingNo ?? request.documentId, { fields: APPLICANT_FIELDS.filter((f) => f !== 'applicantCategory' && f !== 'applicantIdType' && data[f]) });
          ctx.set('Cache-Control', 'no-store');
          ctx.body = { data: { trackingNo: request.trackingNo, ...data }, meta: { masked: false } };
          return;
        }
        ctx.body = { data: { trackingNo: request.trackingNo, ...maskRow(data) }, meta: { masked: true, canReveal: await canReveal(strapi, ctx) } };
      },
      config: onRequest(READ),
    },
    {
      method: 'GET',
      path: '/disclosure-requests/:documentId/clock',
      handler: async (ctx: any) => {
        const { asOf } = parseRequestInput(asOfSchema, ctx.query);
        ctx.body = { data: await liveClock(strapi, ctx.params.documentId, asOf) };
      },
      config: onRequest(READ),
    },
    {
      method: 'GET',
      path: '/disclosure-requests/:documentId/timeline',
      handler: async (ctx: any) => {
        ctx.body = { data: await timeline(strapi, ctx.params.documentId) };
      },
      config: onRequest(READ),
    },
    {
      method: 'POST',
      path: '/disclosure-requests/:documentId/events',
      handler: async (ctx: any) => {
        const body = parseRequestInput(eventBodySchema, ctx.request.body);
        const updated = await addEvent(strapi, ctx.params.documentId, body, actorOf(ctx));
        ctx.status = 201;
        ctx.body = { data: adminView(updated), meta: { clock: await liveClock(strapi, ctx.params.documentId) } };
      },
      config: onRequest(UPDATE),
    },
    {
      method: 'DELETE',
      path: '/disclosure-requests/:documentId/events/:eventId',
      handler: async (ctx: any) => {
        const updated = await deleteEvent(strapi, ctx.params.documentId, ctx.params.eventId);
        ctx.body = { data: adminView(updated), meta: { clock: await liveClock(strapi, ctx.params.documentId) } };
      },
      config: onRequest(UPDATE),
    },
    {
      method: 'POST',
      path: '/disclosure-requests/:documentId/disputes',
      handler: async (ctx: any) => {
        const { request, dispute } = await addDispute(strapi, ctx.params.documentId, ctx.request.body);
        ctx.status = 201;
        ctx.body = { data: dispute, meta: { disputes: request.disputes ?? [] } };
      },
      config: onRequest(UPDATE),
    },
    {
      method: 'PUT',
      path: '/disclosure-requests/:documentId/disputes/:disputeId',
      handler: async (ctx: any) => {
        const { request, dispute } = await updateDispute(strapi, ctx.params.documentId, ctx.params.disputeId, ctx.request.body);
        ctx.body = { data: dispute, meta: { disputes: request.disputes ?? [] } };
      },
      config: onRequest(UPDATE),
    },
    {
      method: 'GET',
      path: '/disclosure-requests/:documentId/letters',
      handler: async (ctx: any) => {
        ctx.body = { data: await listLetters(strapi, ctx.params.documentId) };
      },
      config: onRequest(READ),
    },
    {
      method: 'POST',
      path: '/disclosure-requests/:documentId/letters/:kind',
      handler: async (ctx: any) => {
        const body = parseRequestInput(letterBody, ctx.request.body);
        const meta = await generateLetter(strapi, ctx.params.documentId, ctx.params.kind, body, actorLabel(actorOf(ctx)));
        // the letter carries the applicant's name: its generation is an export of personal data
        await logExport(strapi, ctx, `request:${(await loadRequest(strapi, ctx.params.documentId, {})).trackingNo}`, { kind: 'letter-generated', count: 1, letterKind: ctx.params.kind });
        ctx.status = 201;
        ctx.body = { data: meta };
      },
      config: onRequest(UPDATE),
    },
    {
      method: 'GET',
      path: '/disclosure-requests/:documentId/letters/:ref',
      handler: async (ctx: any) => {
        const { meta, buffer } = await readLetter(strapi, ctx.params.documentId, ctx.params.ref);
        await logExport(strapi, ctx, `request:${(await loadRequest(strapi, ctx.params.documentId, {})).trackingNo}`, { kind: 'letter-download', count: 1, fileName: meta.fileName });
        ctx.set('Content-Type', meta.mime || 'application/octet-stream');
        ctx.set('Content-Disposition', disposition(meta.fileName));
        ctx.set('Cache-Control', 'no-store');
        ctx.body = buffer;
      },
      config: onRequest(READ),
    },
  ];
}

/** Mounts the admin routes (call from register()). */
export function registerRequestAdminRoutes(strapi: Core.Strapi): void {
  registerAppAdminRoutes(strapi, 'requests', adminRoutes(strapi));
}
