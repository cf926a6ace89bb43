import type { Core } from '@strapi/strapi';
import { recordFromContext, type SecurityEvent } from './log';
import { adminIdOfToken } from './roles';

/**
 * The security log's recording of administrative changes: ONE Koa middleware (strapi.server.use, from the
 * plugin's register) that looks at every request's method and path, lets it run, and records the change
 * when the answer is a success (2xx) — whatever code answered it (Strapi's admin, the site-groups and sync
 * plugins, the review workflow). The actor is the admin of the request (ctx.state.user).
 *
 *   /admin/users POST, /admin/users/:id PUT/DELETE, /admin/users/batch-delete   user-created / -changed / -deleted
 *   /admin/users/me PUT (one's own profile)           user-changed (detail.self)
 *                                                     (+ role-changed when the user's roles change)
 *   /admin/roles POST, /admin/roles/:id PUT/DELETE, /admin/roles/batch-delete,
 *   /admin/roles/:id/permissions PUT                  role-changed
 *   /site-groups/memberships POST, …/:documentId PUT/DELETE                      membership-changed
 *   /admin/api-tokens, /admin/transfer/tokens, /admin/admin-tokens
 *       POST (and /:id/regenerate)                    token-created
 *       PUT /:id                                      token-changed
 *       DELETE /:id                                   token-revoked
 *   /sync/targets POST, /sync/targets/:key PUT/DELETE                            sync-target-changed
 *   /review-workflow/documents/:uid/:documentId/audit GET                        personal-data-exported (kind audit-export)
 *
 * Details name the fields that changed (from → to for plain fields and role codes); never a password, a token's
 * secret or a sync target's secret or address. A hook that fails logs an error and leaves the answer alone.
 * The middleware runs before Strapi's body parser: `before` hooks see the path only, `events` the parsed body.
 */

type Before = unknown;
interface Hook {
  method: string;
  path: RegExp;
  /** state read before the change (e.g. the user as it was) */
  before?: (strapi: Core.Strapi, m: RegExpMatchArray, ctx: any) => Promise<Before>;
  events: (strapi: Core.Strapi, m: RegExpMatchArray, ctx: any, before: Before) => Promise<SecurityEvent[]>;
}

const USER_FIELDS = ['firstname', 'lastname', 'username', 'email', 'isActive', 'blocked', 'preferedLanguage'] as const;

async function loadUser(strapi: Core.Strapi, id: number) {
  return strapi.db.query('admin::user').findOne({ where: { id }, populate: { roles: { select: ['id', 'code', 'name'] } } });
}
const roleCodes = (u: any): string[] => ((u?.roles ?? []) as any[]).map((r) => r.code ?? String(r.id)).sort();
const idOf = (s: string) => Number(s);
const bodyOf = (ctx: any) => (ctx.request?.body && typeof ctx.request.body === 'object' ? ctx.request.body : {});
const responseData = (ctx: any) => (ctx.body && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body) ? ctx.body.data : undefined);

/** from → to of the plain fields and the role codes of an admin user; the password only by name. */
function userChanges(before: any, after: any, body: any) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of USER_FIELDS) {
    const a = before?.[f] ?? null;
    const b = after?.[f] ?? null;
    if (a !== b) changes[f] = { from: a, to: b };
  }
  const ra = roleCodes(before);
  const rb = roleCodes(after);
  if (ra.join() !== rb.join()) changes.roles = { from: ra, to: rb };
  const fields = Object.keys(changes);
  if (body && typeof body.password === 'string' && body.password) fields.push('password');
  return { fields, changes };
}

async function rolePermissions(strapi: Core.Strapi, roleId: number): Promise<string[]> {
  const perms: any[] = await strapi.db.query('admin::permission').findMany({ where: { role: { id: roleId } }, select: ['action', 'subject', 'conditions'] });
  return perms.map((p) => [p.action, p.subject, (Array.isArray(p.conditions) && p.conditions.length ? `[${p.conditions.join(',')}]` : '')].filter(Boolean).join(' ')).sort();
}
const diff = (a: string[], b: string[], cap = 200) => ({ added: b.filter((x) => !a.includes(x)).slice(0, cap), removed: a.filter((x) => !b.includes(x)).slice(0, cap) });

async function loadRole(strapi: Core.Strapi, id: number) {
  return strapi.db.query('admin::role').findOne({ where: { id }, select: ['id', 'name', 'code', 'description'] });
}

const MEMBERSHIP_UID = 'plugin::site-groups.membership';
async function loadMembership(strapi: Core.Strapi, documentId: string) {
  const m: any = await strapi.db.query(MEMBERSHIP_UID as any).findOne({
    where: { documentId },
    populate: { user: { select: ['id', 'email'] }, organizations: { select: ['documentId', 'name'] } },
  });
  return m ? membershipFacts(m) : null;
}
const membershipFacts = (m: any) => ({
  user: m.user ? { id: m.user.id, email: m.user.email } : null,
  organizations: ((m.organizations ?? []) as any[]).map((o) => o.name ?? o.documentId),
  includeDescendants: !!m.includeDescendants,
  allOrganizations: !!m.allOrganizations,
});

const TOKEN_KINDS: Array<{ prefix: string; kind: string; uid: string }> = [
  { prefix: '/admin/api-tokens', kind: 'api', uid: 'admin::api-token' },
  { prefix: '/admin/transfer/tokens', kind: 'transfer', uid: 'admin::transfer-token' },
  { prefix: '/admin/admin-tokens', kind: 'admin', uid: 'admin::admin-token' },
];
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

async function loadToken(strapi: Core.Strapi, uid: string, id: number) {
  try {
    if (!strapi.getModel(uid as any)) return null;
    return await strapi.db.query(uid as any).findOne({ where: { id }, select: ['id', 'name', 'type'] });
  } catch {
    return null;
  }
}

const tokenHooks: Hook[] = TOKEN_KINDS.flatMap(({ prefix, kind, uid }) => [
  {
    method: 'POST',
    path: new RegExp(`^${esc(prefix)}/?$`),
    events: async (_s, _m, ctx) => {
      const d = responseData(ctx) ?? {};
      return [{ action: 'token-created', target: `${kind}-token:${d.id ?? '?'}`, detail: { kind, name: d.name ?? bodyOf(ctx).name ?? null, type: d.type ?? bodyOf(ctx).type ?? null } }];
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^${esc(prefix)}/(\\d+)/regenerate$`),
    before: (strapi, m) => loadToken(strapi, uid, idOf(m[1])),
    events: async (_s, m, _ctx, before: any) => [{ action: 'token-created', target: `${kind}-token:${m[1]}`, detail: { kind, name: before?.name ?? null, regenerated: true } }],
  },
  {
    method: 'PUT',
    path: new RegExp(`^${esc(prefix)}/(\\d+)$`),
    before: (strapi, m) => loadToken(strapi, uid, idOf(m[1])),
    events: async (_s, m, ctx, before: any) => [
      { action: 'token-changed', target: `${kind}-token:${m[1]}`, detail: { kind, name: before?.name ?? null, fields: Object.keys(bodyOf(ctx)).filter((k) => k !== 'accessKey').sort() } },
    ],
  },
  {
    method: 'DELETE',
    path: new RegExp(`^${esc(prefix)}/(\\d+)$`),
    before: (strapi, m) => loadToken(strapi, uid, idOf(m[1])),
    events: async (_s, m, _ctx, before: any) => [{ action: 'token-revoked', target: `${kind}-token:${m[1]}`, detail: { kind, name: before?.name ?? null, type: before?.type ?? null } }],
  },
]);

export const HOOKS: Hook[] = [
  // admin users
  {
    method: 'POST',
    path: /^\/admin\/users\/?$/,
    events: async (strapi, _m, ctx) => {
      const id = responseData(ctx)?.id;
      const user = typeof id === 'number' ? await loadUser(strapi, id) : null;
      const roles = roleCodes(user);
      const target = `admin::user:${id ?? '?'}`;
      return [
        { action: 'user-created', target, detail: { email: user?.email ?? bodyOf(ctx).email ?? null, roles, fields: Object.keys(bodyOf(ctx)).filter((k) => k !== 'password').sort() } },
        { action: 'role-changed', target, detail: { roles: { from: [], to: roles } } },
      ];
    },
  },
  {
    // one's own profile (e-mail, name; the password by name only; server/src/auth records password-changed itself)
    method: 'PUT',
    path: /^\/admin\/users\/me$/,
    before: async (strapi, _m, ctx) => {
      const id = adminIdOfToken(strapi, ctx);
      return id === null ? null : loadUser(strapi, id);
    },
    events: async (strapi, _m, ctx, before: any) => {
      const id = ctx.state.user.id;
      const after = await loadUser(strapi, id);
      const { fields, changes } = userChanges(before, after, bodyOf(ctx));
      if (!fields.length) return [];
      return [{ action: 'user-changed', target: `admin::user:${id}`, detail: { email: (after as any)?.email ?? null, self: true, fields, changes } }];
    },
  },
  {
    method: 'PUT',
    path: /^\/admin\/users\/(\d+)$/,
    before: (strapi, m) => loadUser(strapi, idOf(m[1])),
    events: async (strapi, m, ctx, before) => {
      const after = await loadUser(strapi, idOf(m[1]));
      const { fields, changes } = userChanges(before, after, bodyOf(ctx));
      const target = `admin::user:${m[1]}`;
      const out: SecurityEvent[] = [{ action: 'user-changed', target, detail: { email: (after as any)?.email ?? null, fields, changes } }];
      if (changes.roles) out.push({ action: 'role-changed', target, detail: { roles: changes.roles } });
      return out;
    },
  },
  {
    method: 'DELETE',
    path: /^\/admin\/users\/(\d+)$/,
    before: (strapi, m) => loadUser(strapi, idOf(m[1])),
    events: async (_s, m, _ctx, before: any) => [{ action: 'user-deleted', target: `admin::user:${m[1]}`, detail: { email: before?.email ?? null, roles: roleCodes(before) } }],
  },
  {
    // the body is not parsed yet before the change: the deleted users are read from the answer
    method: 'POST',
    path: /^\/admin\/users\/batch-delete$/,
    events: async (_s, _m, ctx) =>
      (Array.isArray(responseData(ctx)) ? responseData(ctx) : []).map((u: any) => ({ action: 'user-deleted' as const, target: `admin::user:${u.id}`, detail: { email: u.email ?? null, roles: roleCodes(u), batch: true } })),
  },
  // roles and their permissions
  {
    method: 'POST',
    path: /^\/admin\/roles\/?$/,
    events: async (_s, _m, ctx) => {
      const d = responseData(ctx) ?? {};
      return [{ action: 'role-changed', target: `admin::role:${d.id ?? '?'}`, detail: { op: 'created', name: d.name ?? null, code: d.code ?? null } }];
    },
  },
  {
    method: 'PUT',
    path: /^\/admin\/roles\/(\d+)$/,
    before: (strapi, m) => loadRole(strapi, idOf(m[1])),
    events: async (strapi, m, _ctx, before: any) => {
      const after: any = await loadRole(strapi, idOf(m[1]));
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const f of ['name', 'description']) if ((before?.[f] ?? null) !== (after?.[f] ?? null)) changes[f] = { from: before?.[f] ?? null, to: after?.[f] ?? null };
      return [{ action: 'role-changed', target: `admin::role:${m[1]}`, detail: { op: 'updated', name: after?.name ?? null, code: after?.code ?? null, changes } }];
    },
  },
  {
    method: 'PUT',
    path: /^\/admin\/roles\/(\d+)\/permissions$/,
    before: async (strapi, m) => ({ role: await loadRole(strapi, idOf(m[1])), perms: await rolePermissions(strapi, idOf(m[1])) }),
    events: async (strapi, m, _ctx, before: any) => {
      const after = await rolePermissions(strapi, idOf(m[1]));
      return [{ action: 'role-changed', target: `admin::role:${m[1]}`, detail: { op: 'permissions', name: before.role?.name ?? null, code: before.role?.code ?? null, ...diff(before.perms, after) } }];
    },
  },
  {
    method: 'DELETE',
    path: /^\/admin\/roles\/(\d+)$/,
    before: (strapi, m) => loadRole(strapi, idOf(m[1])),
    events: async (_s, m, _ctx, before: any) => [{ action: 'role-changed', target: `admin::role:${m[1]}`, detail: { op: 'deleted', name: before?.name ?? null, code: before?.code ?? null } }],
  },
  {
    method: 'POST',
    path: /^\/admin\/roles\/batch-delete$/,
    events: async (_s, _m, ctx) =>
      (Array.isArray(responseData(ctx)) ? responseData(ctx) : []).map((r: any) => ({ action: 'role-changed' as const, target: `admin::role:${r.id}`, detail: { op: 'deleted', name: r.name ?? null, code: r.code ?? null, batch: true } })),
  },
  // memberships (plugins/site-groups)
  {
    method: 'POST',
    path: /^\/site-groups\/memberships\/?$/,
    events: async (strapi, _m, ctx) => {
      const documentId = responseData(ctx)?.documentId;
      return [{ action: 'membership-changed', target: `membership:${documentId ?? '?'}`, detail: { op: 'created', after: documentId ? await loadMembership(strapi, documentId) : null } }];
    },
  },
  {
    method: 'PUT',
    path: /^\/site-groups\/memberships\/([^/]+)$/,
    before: (strapi, m) => loadMembership(strapi, decodeURIComponent(m[1])),
    events: async (strapi, m, _ctx, before) => [
      { action: 'membership-changed', target: `membership:${decodeURIComponent(m[1])}`, detail: { op: 'updated', before, after: await loadMembership(strapi, decodeURIComponent(m[1])) } },
    ],
  },
  {
    method: 'DELETE',
    path: /^\/site-groups\/memberships\/([^/]+)$/,
    before: (strapi, m) => loadMembership(strapi, decodeURIComponent(m[1])),
    events: async (_s, m, _ctx, before) => [{ action: 'membership-changed', target: `membership:${decodeURIComponent(m[1])}`, detail: { op: 'deleted', before } }],
  },
  // API, transfer and admin tokens
  ...tokenHooks,
  // sync targets (plugins/sync): field names only, never the secret or the address
  {
    method: 'POST',
    path: /^\/sync\/targets\/?$/,
    events: async (_s, _m, ctx) => {
      const d = responseData(ctx) ?? {};
      return [{ action: 'sync-target-changed', target: `sync-target:${d.key ?? bodyOf(ctx).key ?? '?'}`, detail: { op: 'created', name: d.name ?? null, fields: Object.keys(bodyOf(ctx)).sort() } }];
    },
  },
  {
    method: 'PUT',
    path: /^\/sync\/targets\/([^/]+)$/,
    events: async (_s, m, ctx) => [{ action: 'sync-target-changed', target: `sync-target:${decodeURIComponent(m[1])}`, detail: { op: 'updated', fields: Object.keys(bodyOf(ctx)).sort() } }],
  },
  {
    method: 'DELETE',
    path: /^\/sync\/targets\/([^/]+)$/,
    events: async (_s, m) => [{ action: 'sync-target-changed', target: `sync-target:${decodeURIComponent(m[1])}`, detail: { op: 'deleted' } }],
  },
  // review audit exports hold editors' names
  {
    method: 'GET',
    path: /^\/review-workflow\/documents\/([^/]+)\/([^/]+)\/audit$/,
    events: async (_s, m, ctx) => {
      const uid = decodeURIComponent(m[1]);
      const documentId = decodeURIComponent(m[2]);
      return [{ action: 'personal-data-exported', target: `${uid}:${documentId}`, detail: { kind: 'audit-export', uid, documentId, format: String(ctx.query?.format ?? 'csv') } }];
    },
  },
];

export function matchHook(method: string, path: string): { hook: Hook; match: RegExpMatchArray } | null {
  for (const hook of HOOKS) {
    if (hook.method !== method) continue;
    const match = path.match(hook.path);
    if (match) return { hook, match };
  }
  return null;
}

/** The middleware. Requests that match no hook pass through untouched. */
export function securityLogHooks(strapi: Core.Strapi) {
  return async (ctx: any, next: () => Promise<unknown>) => {
    const found = matchHook(ctx.method, ctx.path);
    if (!found) return next();
    let before: Before = null;
    if (found.hook.before) {
      try {
        before = await found.hook.before(strapi, found.match, ctx);
      } catch (err: any) {
        strapi.log.error(`[安全审计] 读取变更前状态失败（${ctx.method} ${ctx.path}）：${err?.message ?? err}`);
      }
    }
    await next();
    if (ctx.status < 200 || ctx.status >= 300 || !ctx.state?.user) return;
    try {
      for (const event of await found.hook.events(strapi, found.match, ctx, before)) await recordFromContext(strapi, ctx, event);
    } catch (err: any) {
      strapi.log.error(`[安全审计] 记录安全日志失败（${ctx.method} ${ctx.path}）：${err?.message ?? err}`);
    }
  };
}
