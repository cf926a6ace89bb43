import fs from 'fs';
import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi, ROOT } from '../helpers/strapi';
import { adminApi, createAdminAndLogin, ensureRole, grantMembership } from '../helpers/admin';
import { defaultNodeOf, makeItem, makeOrg } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';
import { STRAPI_OWNED, adminRouteTable, mountedAdminRoutes, undeclaredRoutes } from '../../plugins/site-groups/server/src/route-table';
import { declarationOf } from '../../plugins/site-groups/server/src/authz';
import { registeredStages } from '../../src/document-pipeline';
import { maskUrl } from '../../plugins/sync/server/src/services/targets';

/**
 * Issue 11: one authorization layer. Each finding of the security review reproduced and now failing closed,
 * plus the route enumeration that keeps a new admin route from shipping without a declaration.
 */
const ITEM = 'api::disclosure-item.disclosure-item';
const REQ = 'api::disclosure-request.disclosure-request';
const CM = '/content-manager/collection-types';
const CHECKLIST = { noStateSecret: true, noCommercialSecret: true, noPersonalPrivacy: true, noOtherUnsuitable: true };

let strapi: Core.Strapi;
let A: any; let A1: any; let B: any;
let superAdmin: ReturnType<typeof adminApi>;
let superToken: string;
const users: Record<string, { api: ReturnType<typeof adminApi>; token: string; id: number; email: string; password: string }> = {};

const http = () => request(strapi.server.httpServer);
async function as(name: string, opts: Parameters<typeof createAdminAndLogin>[1]) {
  const u = await createAdminAndLogin(strapi, opts);
  users[name] = { api: adminApi(strapi, u.token), token: u.token, id: Number(u.user.id), email: u.email, password: u.password };
  return users[name];
}
const alive = async () => {
  expect(({} as any).toString).toBe(Object.prototype.toString);
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  expect((await http().get('/_health')).status).toBe(204);
};

beforeAll(async () => {
  strapi = await setupStrapi();
  const sa = await createAdminAndLogin(strapi);
  superToken = sa.token;
  superAdmin = adminApi(strapi, sa.token);
  A = await makeOrg(strapi, { name: '甲县人民政府' });
  A1 = await makeOrg(strapi, { name: '甲县发展和改革局', level: '部门', parent: A.documentId });
  B = await makeOrg(strapi, { name: '乙县人民政府' });
  await as('drafter', { roles: ['gov-drafter'], membership: { orgs: [A1.documentId] } });
  await as('reviewer', { roles: ['gov-dept-reviewer'], membership: { orgs: [A1.documentId] } });
  await as('leader', { roles: ['gov-leader'], membership: { orgs: [A1.documentId] } });
  await as('secrecy', { roles: ['gov-secrecy-reviewer'], membership: { orgs: [A1.documentId] } });
  await as('nobody', { roles: ['gov-drafter'], membership: false });
  const clerkRole = await ensureRole(strapi, 'test-clerk', [
    { action: 'plugin::content-manager.explorer.read', subject: REQ, conditions: ['plugin::site-groups.in-my-organizations'] },
    { action: 'plugin::content-manager.explorer.update', subject: REQ, conditions: ['plugin::site-groups.in-my-organizations'] },
  ]);
  await as('clerk', { roles: [clerkRole], membership: { orgs: [A1.documentId] } });
  const statsRole = await ensureRole(strapi, 'test-stats', ['plugin::statistics.read', { action: 'plugin::content-manager.explorer.read', subject: ITEM, conditions: ['plugin::site-groups.in-my-organizations'] }]);
  await as('statsReader', { roles: [statsRole], membership: { orgs: [A1.documentId] } });
  const office = await ensureRole(strapi, 'test-office', ['plugin::statistics.read', 'plugin::statistics.annual-report.write']);
  await as('office', { roles: [office], membership: { orgs: [A.documentId] } });
  await as('editor', { roles: ['strapi-editor'], membership: false });
  const manager = await ensureRole(strapi, 'test-member-manager', ['plugin::site-groups.manage']);
  await as('manager', { roles: [manager], membership: { all: true } });
});
afterAll(teardownStrapi);

describe('every admin route declares its permission and organisation scope', () => {
  it('each route mounted on the admin router is known, and every route not of Strapi itself declares both', () => {
    const mounted = mountedAdminRoutes(strapi);
    const table = adminRouteTable(strapi);
    const key = (m: string, p: string) => `${m.toUpperCase()} ${p}`;
    const known = new Set(table.map((r) => key(r.method, r.path)));
    const unknown = mounted.filter((r) => !known.has(key(r.method, r.path)));
    expect(unknown).toEqual([]);
    expect(undeclaredRoutes(strapi).map((r) => `${r.method} ${r.path} (${r.owner}): ${r.problems.join('; ')}`)).toEqual([]);
    const ours = table.filter((r) => !(STRAPI_OWNED as readonly string[]).includes(r.owner));
    // the custom admin routes of the platform, all guarded by the one policy
    for (const prefix of ['/review-workflow/', '/statistics/', '/sync/', '/site-groups/', '/disclosure-requests', '/disclosure-items/']) {
      expect(ours.some((r) => r.path.startsWith(prefix))).toBe(true);
    }
    expect(ours.length).toBeGreaterThanOrEqual(40);
    for (const r of ours) expect(declarationOf(r.config)).not.toBeNull();
  });

  it('the Document Service stages run in their one declared order, the scope first', () => {
    expect(registeredStages(strapi)).toEqual(['scope', 'review', 'gov-api', 'statistics', 'sync', 'requests', 'validation']);
  });

  it('a route registered without a declaration is caught', () => {
    (strapi.plugin('statistics') as any).routes.admin.routes.push({ method: 'GET', path: '/leak', handler: 'statistics.summary', config: { policies: ['admin::isAuthenticatedAdmin'] } });
    try {
      expect(undeclaredRoutes(strapi).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /statistics/leak']);
    } finally {
      (strapi.plugin('statistics') as any).routes.admin.routes.pop();
    }
  });
});

describe('finding 1: no request can crash the server (closed key sets, no prototype keys)', () => {
  const ATTACK = '{"adjustments":[{"table":"table2","row":"__proto__","column":"toString","value":1,"reason":"x"}]}';

  it('the annual-report adjustment of finding 1 is a 400, the process lives; a read-only reviewer and another organisation are refused', async () => {
    const res = await http().put(`/statistics/annual-report/${A1.documentId}/2025`).set('Authorization', `Bearer ${users.office.token}`).set('Content-Type', 'application/json').send(ATTACK);
    expect(res.status).toBe(400);
    await alive();
    // without the prototype key but outside the format's closed key set: 400 naming the field
    const bad = await users.office.api.put(`/statistics/annual-report/${A1.documentId}/2025`, { adjustments: [{ table: 'table2', row: 'nosuchrow', column: 'issued', value: 1, reason: 'x' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['adjustments', '0', 'row']);
    // the reviewer may not write annual reports at all; the office may not for another organisation
    expect((await http().put(`/statistics/annual-report/${B.documentId}/2025`).set('Authorization', `Bearer ${users.reviewer.token}`).set('Content-Type', 'application/json').send(ATTACK)).status).toBe(403);
    expect((await users.office.api.put(`/statistics/annual-report/${B.documentId}/2025`, { overview: '越权' })).status).toBe(403);
    const ok = await users.office.api.put(`/statistics/annual-report/${A1.documentId}/2025`, { adjustments: [{ table: 'table2', row: 'licensing', column: 'decisions', value: 3, reason: '补录' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.tables.table2.licensing.decisions).toBe(3);
    await alive();
  });

  it('__proto__, constructor and prototype keys sent to every JSON admin route and the public POST routes get 400', async () => {
    const bodies = [
      '{"__proto__":{"polluted":1}}',
      '{"data":{"constructor":{"prototype":{"polluted":1}}}}',
      '{"a":[{"prototype":{"polluted":1}}]}',
    ];
    const targets = mountedAdminRoutes(strapi).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
    targets.push({ method: 'POST', path: '/api/gov/v1/requests' }, { method: 'POST', path: '/api/auth/local' }, { method: 'POST', path: '/api/auth/forgot-password' });
    expect(targets.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const r of targets) {
      const url = r.path.replace(/:[A-Za-z]+(\([^)]*\))?\??/g, 'x');
      for (const body of bodies) {
        const res = await (http() as any)[r.method.toLowerCase()](url).set('Authorization', `Bearer ${superToken}`).set('Content-Type', 'application/json').send(body);
        if (res.status !== 400) failures.push(`${r.method} ${url}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    await alive();
  });
});

describe('finding 2: scope is the user id, not a mutable e-mail; no membership means nothing', () => {
  it('changing one\'s e-mail changes nothing; a drafter without membership sees and writes nothing', async () => {
    const mine = await makeItem(strapi, A1.documentId, { title: '甲县发改局的草稿' });
    const other = await makeItem(strapi, B.documentId, { title: '乙县的草稿' });
    const me = await users.drafter.api.put('/admin/users/me', { email: users.nobody.email.replace('@', '+x@') });
    expect(me.status).toBe(200);
    expect((await users.drafter.api.get(`${CM}/${ITEM}/${other.documentId}`)).status).toBe(403);
    expect((await users.drafter.api.put(`${CM}/${ITEM}/${other.documentId}`, { title: '篡改' })).status).toBe(403);
    expect((await users.drafter.api.get(`${CM}/${ITEM}/${mine.documentId}`)).status).toBe(200);
    const list = await users.drafter.api.get(`${CM}/${ITEM}?page=1&pageSize=100`);
    expect(list.body.results.map((d: any) => d.title)).toContain('甲县发改局的草稿');
    expect(list.body.results.map((d: any) => d.title)).not.toContain('乙县的草稿');

    const none = await users.nobody.api.get(`${CM}/${ITEM}?page=1&pageSize=100`);
    expect(none.status).toBe(200);
    expect(none.body.results).toEqual([]);
    const create = await users.nobody.api.post(`${CM}/${ITEM}`, { title: '无机构用户的稿件', organization: { connect: [{ documentId: A1.documentId }] } });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toContain('尚未分配所属机构');
    expect((await users.nobody.api.get('/site-groups/me')).body.data).toEqual({ all: false, organizations: [] });
    // Strapi's own Editor role is scoped the same way: without a membership, nothing
    const editorList = await users.editor.api.get(`${CM}/${ITEM}?page=1&pageSize=100`);
    expect(editorList.status).toBe(200);
    expect(editorList.body.results).toEqual([]);
    await strapi.documents(REQ as any).create({ data: { organization: A1.documentId, receivedDate: '2025-09-20', channel: '当面', applicantName: '王五', requestedContent: '甲县发改局2023年项目清单' } as any });
    const superList = await superAdmin.get(`${CM}/${REQ}?page=1&pageSize=100`);
    expect(superList.body.results.length).toBeGreaterThan(0);
    const editorRequests = await users.editor.api.get(`${CM}/${REQ}?page=1&pageSize=100`);
    expect(editorRequests.status).toBe(200);
    expect(editorRequests.body.results).toEqual([]);
  });
});

describe('finding 3: approved means approved bytes', () => {
  const upload = (token: string, name: string, content: string, id?: number) =>
    http().post(`/upload${id ? `?id=${id}` : ''}`).set('Authorization', `Bearer ${token}`).attach('files', Buffer.from(content), { filename: name, contentType: 'text/plain' });

  it('file bytes are hashed on upload and in the approval; replacing or deleting an approved, published attachment is refused', async () => {
    const up = await upload(users.drafter.token, 'plan.txt', '第一版附件内容');
    expect(up.status).toBe(201);
    const file = up.body[0];
    const stored: any = await strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id }, populate: { organization: true } });
    expect(stored.sha256).toBe(require('crypto').createHash('sha256').update('第一版附件内容').digest('hex'));
    expect(stored.organization.documentId).toBe(A1.documentId);

    const item = await makeItem(strapi, A1.documentId, { title: '带附件的信息', attachments: [file.id] });
    const wf = strapi.plugin('review-workflow').service('workflow');
    const before = await require('../../plugins/review-workflow/server/src/services/hash').draftSnapshot(strapi, ITEM, item.documentId);
    expect(before.attachments[0].sha256).toBe(stored.sha256);
    await publishDoc(strapi, ITEM, item.documentId);
    void wf;

    const onDisk = path.join(ROOT, 'public', stored.url);
    const bytes = fs.readFileSync(onDisk);
    // the seeded review roles cannot replace at all (no upload.assets.update)
    expect((await upload(users.leader.token, 'evil.txt', '篡改后的内容', file.id)).status).toBe(403);
    // a super admin is refused too, with the item named, and nothing changes on disk
    const replaced = await upload(superToken, 'evil.txt', '篡改后的内容', file.id);
    expect(replaced.status).toBe(400);
    expect(replaced.body.error.message).toContain('带附件的信息');
    expect(fs.readFileSync(onDisk).equals(bytes)).toBe(true);
    const del = await superAdmin.del(`/upload/files/${file.id}`);
    expect(del.status).toBe(400);
    const bulk = await superAdmin.post('/upload/actions/bulk-delete', { fileIds: [file.id], folderIds: [] });
    expect(bulk.status).toBe(400);
    expect(await strapi.db.query('plugin::upload.file').count({ where: { id: file.id } })).toBe(1);
    const rename = await http().post(`/upload?id=${file.id}`).set('Authorization', `Bearer ${superToken}`).field('fileInfo', JSON.stringify({ name: '改名.txt' }));
    expect(rename.status).toBe(400);

    // an unattached file can be replaced; its sha256 follows the new bytes
    const loose = (await upload(superToken, 'loose.txt', '旧内容')).body[0];
    const again = await upload(superToken, 'loose.txt', '新内容', loose.id);
    expect(again.status).toBe(200);
    const after: any = await strapi.db.query('plugin::upload.file').findOne({ where: { id: loose.id } });
    expect(after.sha256).toBe(require('crypto').createHash('sha256').update('新内容').digest('hex'));
  });

  it('the Media Library is scoped like the content', async () => {
    await upload(superToken, 'county-only.txt', '乙县文件');
    const mine = await upload(users.drafter.token, 'a1.txt', '甲县文件');
    expect(mine.status).toBe(201);
    const list = await users.drafter.api.get('/upload/files?page=1&pageSize=100');
    expect(list.status).toBe(200);
    const names = list.body.results.map((f: any) => f.name);
    expect(names).toContain('a1.txt');
    expect(names).not.toContain('county-only.txt');
    const foreign: any = await strapi.db.query('plugin::upload.file').findOne({ where: { name: 'county-only.txt' } });
    expect((await users.drafter.api.get(`/upload/files/${foreign.id}`)).status).toBe(403);
    // and a file of another organisation cannot be attached
    const attach = await users.drafter.api.post(`${CM}/${ITEM}`, { title: '挂别人的文件', organization: { connect: [{ documentId: A1.documentId }] }, attachments: [foreign.id] });
    expect(attach.status).toBe(403);
  });
});

describe('finding 4: 依申请公开 admin routes follow the scope', () => {
  it('a department clerk sees, reads and handles only the department\'s requests', async () => {
    const mine: any = await strapi.documents(REQ as any).create({ data: { organization: A1.documentId, receivedDate: '2025-09-26', channel: '当面', applicantName: '张三', requestedContent: '甲县发改局2024年项目清单' } as any });
    const theirs: any = await strapi.documents(REQ as any).create({ data: { organization: B.documentId, receivedDate: '2025-09-26', channel: '当面', applicantName: '李四', requestedContent: '乙县2024年部门决算' } as any });
    const list = await users.clerk.api.get('/disclosure-requests?pageSize=100');
    expect(list.status).toBe(200);
    const a1Requests = await strapi.db.query(REQ as any).count({ where: { organization: { id: A1.id } } });
    expect(list.body.data.map((r: any) => r.trackingNo)).toContain(mine.trackingNo);
    expect(list.body.data.map((r: any) => r.trackingNo)).not.toContain(theirs.trackingNo);
    expect(list.body.meta.pagination.total).toBe(a1Requests);
    expect(a1Requests).toBeLessThan(await strapi.db.query(REQ as any).count());
    expect((await users.clerk.api.get(`/disclosure-requests?org=${B.documentId}`)).status).toBe(403);
    for (const p of ['timeline', 'clock', 'letters']) {
      expect((await users.clerk.api.get(`/disclosure-requests/${theirs.documentId}/${p}`)).status).toBe(403);
      expect((await users.clerk.api.get(`/disclosure-requests/${mine.documentId}/${p}`)).status).toBe(200);
    }
    expect((await users.clerk.api.post(`/disclosure-requests/${theirs.documentId}/letters/receipt`, {})).status).toBe(403);
    expect((await users.clerk.api.post(`/disclosure-requests/${theirs.documentId}/events`, { type: 'accepted', date: '2025-09-26' })).status).toBe(403);
    expect((await users.clerk.api.get(`/disclosure-requests/annual-tables/${B.documentId}/2025`)).status).toBe(403);
    expect((await users.clerk.api.get(`/disclosure-requests/annual-tables/${A1.documentId}/2025`)).status).toBe(200);
    const recompute = await users.clerk.api.post('/disclosure-requests/recompute-deadlines', {});
    expect(recompute.status).toBe(200);
    expect(recompute.body.data.checked).toBe(a1Requests);
    // unknown request: 404, not 403
    expect((await users.clerk.api.get('/disclosure-requests/nosuchrequest/timeline')).status).toBe(404);
    // the drafter has no permission on requests at all
    expect((await users.drafter.api.get('/disclosure-requests')).status).toBe(403);
  });
});

describe('finding 5: memberships are edited only by managers, never by the member', () => {
  it('an Editor cannot add organisations to a membership; a manager cannot edit their own', async () => {
    expect((await users.editor.api.get(`${CM}/plugin::site-groups.membership`)).status).toBe(403);
    expect((await users.editor.api.post('/site-groups/memberships', { user: users.editor.id, organizations: [B.documentId] })).status).toBe(403);
    expect((await users.editor.api.post(`${CM}/plugin::site-groups.membership`, { user: users.editor.id, organizations: { connect: [{ documentId: B.documentId }] } })).status).toBe(403);
    expect(await strapi.db.query('plugin::site-groups.membership' as any).count({ where: { user: { id: users.editor.id } } })).toBe(0);
    const own = await users.manager.api.post('/site-groups/memberships', { user: users.manager.id, organizations: [B.documentId] });
    expect(own.status).toBe(403);
    const listed = await users.manager.api.get('/site-groups/memberships');
    const mine = listed.body.data.find((m: any) => m.user?.id === users.manager.id);
    expect((await users.manager.api.put(`/site-groups/memberships/${mine.documentId}`, { organizations: [B.documentId] })).status).toBe(403);
    // a manager edits someone else's membership; a second membership for the same user is refused
    const editorMembership = await users.manager.api.post('/site-groups/memberships', { user: users.editor.id, organizations: [B.documentId] });
    expect(editorMembership.status).toBe(201);
    expect((await users.manager.api.post('/site-groups/memberships', { user: users.editor.id, organizations: [A.documentId] })).status).toBe(400);
    expect((await users.manager.api.del(`/site-groups/memberships/${editorMembership.body.data.documentId}`)).status).toBe(200);
  });
});

describe('finding 6: review routes need their permission and the scope; audit CSV cells are formula-escaped', () => {
  it('audit export, checks, stages and review state of another organisation\'s draft are refused; unknown documents are 404', async () => {
    const theirs = await makeItem(strapi, B.documentId, { title: '乙县内部草稿' });
    const base = `/review-workflow/documents/${ITEM}`;
    expect((await users.reviewer.api.get(`${base}/${theirs.documentId}/audit`)).status).toBe(403);
    expect((await users.reviewer.api.post(`${base}/${theirs.documentId}/checks`, {})).status).toBe(403);
    expect((await users.reviewer.api.get(`${base}/${theirs.documentId}`)).status).toBe(403);
    expect((await users.reviewer.api.post(`${base}/${theirs.documentId}/actions`, { action: 'approve' })).status).toBe(403);
    // 撤稿 of another organisation's published item: refused, the item stays published
    const published = await makeItem(strapi, B.documentId, { title: '乙县已发布' });
    await publishDoc(strapi, ITEM, published.documentId);
    expect((await users.leader.api.post(`${base}/${published.documentId}/unpublish`, { reason: '越权撤稿' })).status).toBe(403);
    expect(await strapi.db.query(ITEM).count({ where: { documentId: published.documentId, publishedAt: { $notNull: true } } })).toBe(1);
    expect((await users.reviewer.api.get(`${base}/nosuchdocument/audit`)).status).toBe(404);
    expect((await superAdmin.get(`${base}/nosuchdocument/audit`)).status).toBe(404);
    const stages = await users.reviewer.api.get(`/review-workflow/stages/${ITEM}?documentIds=${theirs.documentId}`);
    expect(stages.status).toBe(200);
    expect(stages.body).toEqual({});
    // a role without the review-workflow actions
    expect((await users.statsReader.api.get('/review-workflow/inbox')).status).toBe(403);
    expect((await users.statsReader.api.get(`${base}/${theirs.documentId}/audit`)).status).toBe(403);
  });

  it('comments that look like formulas are written as text', async () => {
    const created = await users.drafter.api.post(`${CM}/${ITEM}`, { title: '公式测试', organization: { connect: [{ documentId: A1.documentId }] }, catalogueNodes: { connect: [{ documentId: await defaultNodeOf(strapi, A1.documentId) }] }, publishDate: '2025-04-01', body: '各单位：请做好政务公开工作。' });
    const id = created.body.data.documentId;
    expect((await users.drafter.api.post(`/review-workflow/documents/${ITEM}/${id}/actions`, { action: 'submit' })).status).toBe(200);
    expect((await users.reviewer.api.post(`/review-workflow/documents/${ITEM}/${id}/actions`, { action: 'reject', comment: '=HYPERLINK("http://evil.example","点我")' })).status).toBe(200);
    const csv = await users.reviewer.api.get(`/review-workflow/documents/${ITEM}/${id}/audit?format=csv`);
    expect(csv.status).toBe(200);
    const text = Buffer.isBuffer(csv.body) ? csv.body.toString('utf8') : csv.text;
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe('finding 7: statistics need plugin::statistics.read and follow the scope', () => {
  it('reads only the caller\'s organisations; another organisation is 403; without the permission 403', async () => {
    const a = await makeItem(strapi, A1.documentId, { title: '统计甲' });
    const b = await makeItem(strapi, B.documentId, { title: '统计乙' });
    await publishDoc(strapi, ITEM, a.documentId);
    await publishDoc(strapi, ITEM, b.documentId);
    const range = 'from=2025-01-01&to=2025-12-31';
    const mine = await users.statsReader.api.get(`/statistics/summary?${range}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.byOrganization.map((o: any) => o.documentId)).toEqual([A1.documentId]);
    const all = await superAdmin.get(`/statistics/summary?${range}`);
    expect(all.body.items.byOrganization.map((o: any) => o.documentId).sort()).toEqual([A1.documentId, B.documentId].sort());
    expect((await users.statsReader.api.get(`/statistics/summary?${range}&org=${B.documentId}`)).status).toBe(403);
    expect((await users.statsReader.api.get(`/statistics/annual-report/${B.documentId}/2025`)).status).toBe(403);
    expect((await users.statsReader.api.get(`/statistics/annual-report/${A1.documentId}/2025`)).status).toBe(200);
    expect((await users.statsReader.api.put(`/statistics/annual-report/${A1.documentId}/2025`, { overview: '只读用户写入' })).status).toBe(403);
    expect((await users.statsReader.api.get(`/statistics/deadlines?org=${B.documentId}`)).status).toBe(403);
    expect((await users.statsReader.api.get(`/statistics/inspection?org=${B.documentId}`)).status).toBe(403);
    const insp = await users.statsReader.api.get('/statistics/inspection?today=2025-12-31');
    expect(insp.status).toBe(200);
    for (const rule of insp.body.failing) for (const e of rule.entries) if (e.organization) expect(e.organization.documentId).toBe(A1.documentId);
    // a role without plugin::statistics.read (the 依申请公开 clerk of this test) is refused
    expect((await users.clerk.api.get(`/statistics/summary?${range}`)).status).toBe(403);
    // the seeded review roles read their own organisations' statistics
    const drafterView = await users.drafter.api.get(`/statistics/summary?${range}`);
    expect(drafterView.status).toBe(200);
    expect(drafterView.body.items.byOrganization.map((o: any) => o.documentId)).toEqual([A1.documentId]);
  });
});

describe('finding 9: refused publish attempts are audited outside the refused transaction', () => {
  it('a publish refused by the gate leaves an audit entry with who, when, path and why', async () => {
    const created = await users.drafter.api.post(`${CM}/${ITEM}`, { title: '未经审核直接发布', organization: { connect: [{ documentId: A1.documentId }] }, publishDate: '2025-04-01', body: '正文' });
    const id = created.body.data.documentId;
    const res = await users.leader.api.post(`${CM}/${ITEM}/${id}/actions/publish`, {});
    expect(res.status).toBe(400);
    let entry: any = null;
    for (let i = 0; i < 50 && !entry; i++) {
      entry = await strapi.db.query('plugin::review-workflow.audit-entry' as any).findOne({ where: { targetDocumentId: id, action: 'publish-refused' } });
      if (!entry) await new Promise((r) => setTimeout(r, 50));
    }
    expect(entry).toMatchObject({ actorId: users.leader.id, action: 'publish-refused' });
    expect(entry.via).toBe(`POST ${CM}/${ITEM}/${id}/actions/publish`);
    expect(entry.comment).toContain('未经审核批准的信息不得发布');
    expect(entry.at).toBeTruthy();
    expect(await strapi.db.query(ITEM).count({ where: { documentId: id, publishedAt: { $notNull: true } } })).toBe(0);
  });

  it('a refused publish of another organisation\'s document is refused by the scope first (no entry for a document the user may not touch)', async () => {
    const theirs = await makeItem(strapi, B.documentId, { title: '乙县待发布' });
    await strapi.plugin('review-workflow').service('workflow').approveForImport(ITEM, theirs.documentId);
    const res = await users.leader.api.post(`${CM}/${ITEM}/${theirs.documentId}/actions/publish`, {});
    expect(res.status).toBe(403);
    expect(await strapi.db.query('plugin::review-workflow.audit-entry' as any).count({ where: { targetDocumentId: theirs.documentId, action: { $in: ['publish', 'publish-refused'] } } })).toBe(0);
    void CHECKLIST;
  });
});

describe('finding 10: sync targets need plugin::sync.read and never show query-string secrets', () => {
  it('masks query-string values and passwords in target URLs', async () => {
    const created = await superAdmin.post('/sync/targets', { key: 'masked', name: '省平台', url: 'https://sync.example.gov.cn/in?token=SECRET123&org=1', secret: 'a-long-shared-secret-0123456789' });
    expect([created.status, created.body.error?.message]).toEqual([201, undefined]);
    expect(created.body.data.url).toBe('https://sync.example.gov.cn/in?token=***&org=***');
    expect(maskUrl('https://user:pw@sync.example.gov.cn/in?key=abc')).toBe('https://user:***@sync.example.gov.cn/in?key=***');
    expect(JSON.stringify((await superAdmin.get('/sync/targets')).body)).not.toContain('SECRET123');
    expect((await users.editor.api.get('/sync/targets')).status).toBe(403);
  });
});
