import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { guard } from './authz';
import { MANAGE_ACTION, MEMBERSHIP_UID, ORG_UID, scopeOfUser } from './scope';
import type { Membership } from './wire';
import { fieldError, parseOrThrow } from '../../../../src/foundation/errors';

/**
 * Admin routes under /site-groups (admin JWT). Memberships are kept out of the Content Manager: they are
 * edited here, by super admins and holders of plugin::site-groups.manage, never by the member (the Document
 * Service middleware enforces the same for every other path).
 */
const MANAGE = { permission: MANAGE_ACTION, scope: { all: '机构成员关系决定所有机构的访问范围' } } as const;

export const routes = [
  { method: 'GET', path: '/me', handler: 'memberships.me', config: guard({ permission: null, scope: { none: '只返回调用者本人的机构范围' } }) },
  { method: 'GET', path: '/memberships', handler: 'memberships.find', config: guard(MANAGE) },
  { method: 'POST', path: '/memberships', handler: 'memberships.create', config: guard(MANAGE) },
  { method: 'PUT', path: '/memberships/:documentId', handler: 'memberships.update', config: guard(MANAGE) },
  { method: 'DELETE', path: '/memberships/:documentId', handler: 'memberships.delete', config: guard(MANAGE) },
  { method: 'GET', path: '/users', handler: 'memberships.users', config: guard(MANAGE) },
];

const fields = {
  user: z.number({ message: '请选择管理后台用户（用户编号）' }).int().positive(),
  organizations: z.array(z.string().min(1).max(64)).max(200),
  includeDescendants: z.boolean(),
  allOrganizations: z.boolean(),
  note: z.string().max(200, '备注不超过200字'),
};
const createBody = z
  .object({ ...fields, organizations: fields.organizations.default([]), includeDescendants: fields.includeDescendants.default(true), allOrganizations: fields.allOrganizations.default(false), note: fields.note.optional() })
  .strict();
const updateBody = z.object(fields).partial().strict();

/** Request bodies: the schema's own messages, unknown keys “未知字段：…” (src/foundation/errors.ts). */
const parse = <T extends z.ZodType>(schema: T, input: unknown): z.infer<T> => parseOrThrow(schema, input, { unknownKeys: '未知字段' });

const view = (m: any): Membership => ({
  documentId: m.documentId,
  user: m.user ? { id: m.user.id, email: m.user.email, name: [m.user.lastname, m.user.firstname].filter(Boolean).join('') || m.user.email } : null,
  organizations: (m.organizations ?? []).map((o: any) => ({ documentId: o.documentId, name: o.name })),
  includeDescendants: !!m.includeDescendants,
  allOrganizations: !!m.allOrganizations,
  note: m.note ?? null,
});

const POPULATE = { user: { select: ['id', 'email', 'firstname', 'lastname'] }, organizations: { select: ['documentId', 'name'] } };

export const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const docs = () => strapi.documents(MEMBERSHIP_UID as any) as any;
  const orgsExist = async (ids: string[]) => {
    if (!ids.length) return;
    const found: any[] = await strapi.db.query(ORG_UID as any).findMany({ where: { documentId: { $in: ids } }, select: ['documentId'] });
    const missing = ids.filter((id) => !found.some((f) => f.documentId === id));
    if (missing.length) throw fieldError('organizations', `机构不存在：${missing.join('、')}`);
  };
  const load = async (documentId: string) => {
    const m = await strapi.db.query(MEMBERSHIP_UID as any).findOne({ where: { documentId }, populate: POPULATE });
    if (!m) throw new errors.NotFoundError('机构成员记录不存在');
    return m;
  };
  return {
    async me(ctx: any) {
      const scope = await scopeOfUser(strapi, ctx.state.user);
      const organizations: any[] = scope.all
        ? []
        : await strapi.db.query(ORG_UID as any).findMany({ where: { id: { $in: scope.ids.length ? scope.ids : [-1] } }, select: ['documentId', 'name', 'code'], orderBy: [{ id: 'asc' }] });
      ctx.body = { data: { all: scope.all, organizations: organizations.map((o) => ({ documentId: o.documentId, name: o.name, code: o.code })) } };
    },
    async find(ctx: any) {
      const rows: any[] = await strapi.db.query(MEMBERSHIP_UID as any).findMany({ populate: POPULATE, orderBy: [{ id: 'asc' }] });
      ctx.body = { data: rows.map(view) };
    },
    async create(ctx: any) {
      const input = parse(createBody, ctx.request.body);
      await orgsExist(input.organizations);
      const created = await docs().create({ data: { ...input, organizations: input.organizations } });
      ctx.status = 201;
      ctx.body = { data: view(await load(created.documentId)) };
    },
    async update(ctx: any) {
      await load(ctx.params.documentId);
      const input = parse(updateBody, ctx.request.body);
      if (input.organizations) await orgsExist(input.organizations);
      await docs().update({ documentId: ctx.params.documentId, data: input });
      ctx.body = { data: view(await load(ctx.params.documentId)) };
    },
    async delete(ctx: any) {
      await load(ctx.params.documentId);
      await docs().delete({ documentId: ctx.params.documentId });
      ctx.body = { data: { documentId: ctx.params.documentId, deleted: true } };
    },
    async users(ctx: any) {
      const rows: any[] = await strapi.db.query('admin::user').findMany({ select: ['id', 'email', 'firstname', 'lastname', 'isActive'], populate: { roles: { select: ['name', 'code'] } }, orderBy: [{ id: 'asc' }] });
      ctx.body = { data: rows.map((u) => ({ id: u.id, email: u.email, name: [u.lastname, u.firstname].filter(Boolean).join('') || u.email, isActive: !!u.isActive, roles: (u.roles ?? []).map((r: any) => r.name) })) };
    },
  };
};
