import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Target } from '../config';
import { fieldError } from '../../../../../src/foundation/errors';

const STATUSES = ['pending', 'in_flight', 'delivered', 'dead', 'skipped'];

/**
 * Admin routes under /sync (admin JWT). Reading needs plugin::sync.read; creating, editing and deleting
 * targets, replaying and skipping dead letters need plugin::sync.manage with the scope of all organisations
 * (targets carry secrets and decide where public data is sent) — declared on the routes, enforced by the
 * one policy of plugins/site-groups.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const targets = () => strapi.plugin('sync').service('targets');
  const delivery = () => strapi.plugin('sync').service('delivery');

  /** what the admin page may offer the caller (the manage routes' own conditions) */
  const meta = (ctx: any) => ({ canManage: !!ctx.state?.userAbility?.can?.('plugin::sync.manage') && ctx.state?.orgScope?.all === true });
  const load = async (key: string): Promise<Target> => {
    const t = await targets().get(key);
    if (!t) throw new errors.NotFoundError(`推送目标“${key}”不存在`);
    return t;
  };
  const withStats = async (t: Target) => ({ ...targets().view(t), stats: await delivery().stats(t) });
  const ids = (body: any, required: boolean): number[] | undefined => {
    const raw = body?.ids;
    if (raw === undefined || raw === null) {
      if (required) throw fieldError('ids', '请提供 ids（投递编号数组）');
      return undefined;
    }
    if (!Array.isArray(raw) || !raw.length || raw.some((v) => !Number.isInteger(v) || v < 1)) throw fieldError('ids', 'ids 必须是正整数数组', raw);
    return raw;
  };
  const paging = (q: any) => {
    const page = q.page === undefined ? 1 : Number(q.page);
    const pageSize = q.pageSize === undefined ? 50 : Number(q.pageSize);
    if (!Number.isInteger(page) || page < 1) throw fieldError('page', 'page 必须是正整数', q.page);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) throw fieldError('pageSize', 'pageSize 必须是 1 到 500 之间的整数', q.pageSize);
    return { page, pageSize };
  };

  const order = (q: any): 'asc' | 'desc' => {
    if (q.order === undefined) return 'asc';
    if (q.order !== 'asc' && q.order !== 'desc') throw fieldError('order', 'order 只能是 asc 或 desc', q.order);
    return q.order;
  };

  return {
    async find(ctx: any) {
      const list: Target[] = await targets().list();
      ctx.body = { data: await Promise.all(list.map(withStats)), meta: meta(ctx) };
    },
    async findOne(ctx: any) {
      ctx.body = { data: await withStats(await load(ctx.params.key)), meta: meta(ctx) };
    },
    async create(ctx: any) {
      const t = await targets().create(ctx.request.body, ctx.state.user);
      ctx.status = 201;
      ctx.body = { data: await withStats(t) };
    },
    async update(ctx: any) {
      ctx.body = { data: await withStats(await targets().update(ctx.params.key, ctx.request.body)) };
    },
    async delete(ctx: any) {
      await targets().remove(ctx.params.key);
      ctx.body = { data: { key: ctx.params.key, deleted: true } };
    },
    async deliveries(ctx: any) {
      const t = await load(ctx.params.key);
      const status = ctx.query.status;
      if (status !== undefined && !STATUSES.includes(status)) throw fieldError('status', `status 只能是 ${STATUSES.join('、')}`, status);
      ctx.body = await delivery().list(t.key, { status, order: order(ctx.query), ...paging(ctx.query) });
    },
    async deadLetters(ctx: any) {
      const t = await load(ctx.params.key);
      ctx.body = await delivery().list(t.key, { status: 'dead', order: order(ctx.query), ...paging(ctx.query) });
    },
    async replay(ctx: any) {
      const t = await load(ctx.params.key);
      ctx.body = { data: { replayed: await delivery().replay(t.key, ids(ctx.request.body, false)) } };
    },
    async skip(ctx: any) {
      const t = await load(ctx.params.key);
      ctx.body = { data: { skipped: await delivery().skip(t.key, ids(ctx.request.body, true)!) } };
    },
  };
};
