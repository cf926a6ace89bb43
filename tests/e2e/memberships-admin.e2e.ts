/**
 * Browser check of the 机构成员 admin page (plugins/site-groups/admin) and of the organisation picker of a
 * scoped user (plugins/statistics/admin). Not part of Jest: `npm run test:e2e -- memberships-admin`
 * (playwright.config.ts builds, seeds a fresh database, starts a demo server and runs it).
 *
 * Robust to memberships seeded for the demo users: the spec works on an admin user of its own, created
 * through the admin API (POST /admin/users) with a role of its own that may read the statistics, the
 * organisations and (within its organisations) the 依申请公开 requests; no membership yet, so no scope.
 *
 * Steps:
 *  1. super admin: the 机构成员 menu link; 新增机构成员 for the fresh user (the form's user picker lists it;
 *     the county's 政府办 picked in the organisation multi-select, 含下属机构 left on, a note); meanwhile the
 *     same user gets a membership through the API, so 保存 fails with the server's Chinese message as a
 *     toast; that membership is deleted and 保存 succeeds: the row shows the user, the organisation, 是/否;
 *  2. edit: a second department, 含下属机构 off, another note; the row and GET /site-groups/memberships agree;
 *  3. the fresh user logs in: no 机构成员 link (no plugin::site-groups.manage), the 统计与检查 page's
 *     organisation picker offers 全部（我的机构） and exactly the two departments; the annual report defaults
 *     to one of them; the 依申请公开办理 list's organisation filter offers the same; GET /site-groups/me agrees;
 *  4. super admin: delete, with its confirmation (取消 keeps it); the row is gone and the API agrees.
 * Screenshots go to tests/artifacts/memberships-*.png.
 */
import assert from 'assert/strict';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { adminReady, api, BASE, dismissOverlays, failureShot, handleOverlays, PASSWORD, setCurrentPage, shot, USERS } from './support';
import { expect, test } from './fixtures';

const ORG = 'api::organization.organization';
const REQUEST = 'api::disclosure-request.disclosure-request';
const SUFFIX = Date.now().toString(36);
const FRESH = { email: `e2e-member-${SUFFIX}@demo.gov.cn`, firstname: '测试', lastname: '成员' };
const FRESH_NAME = '成员测试'; // lastname + firstname, as /site-groups/users names users
/** two departments of the demo county (scripts/seed-data.ts) */
const DEPT_CODES = ['000014350', '000014351'];

interface Org { documentId: string; name: string; code: string }

async function loginToken(email: string): Promise<string> {
  const res = await api<{ data: { token: string } }>('POST', '/admin/login', null, { email, password: PASSWORD });
  assert.equal(res.status, 200, `login ${email}: ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

async function uiLogin(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  setCurrentPage(page);
  await handleOverlays(page);
  page.on('pageerror', (e) => problems.push(`pageerror (${email}): ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|MISSING_TRANSLATION|AbortError|canceled/.test(m.text())) problems.push(`console (${email}): ${m.text().slice(0, 400)}`);
  });
  await page.goto(`${BASE}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 30000 });
  await adminReady(page);
  return { context, page };
}

const problems: string[] = [];

/** Waits for a notification (toast) containing `text`. */
async function toast(page: Page, text: string | RegExp) {
  await page.getByText(text).first().waitFor({ timeout: 15000 });
}

test('memberships-admin', async ({ browser }) => {
  const admin = await loginToken(USERS.admin);

  const orgs = await api<{ results: Org[] }>('GET', `/content-manager/collection-types/${ORG}?pageSize=100&sort=id:ASC`, admin);
  assert.equal(orgs.status, 200, JSON.stringify(orgs.body));
  const depts = DEPT_CODES.map((code) => orgs.body.results.find((o) => o.code === code));
  assert.ok(depts.every(Boolean), `demo departments ${DEPT_CODES.join(', ')} seeded`);
  const [deptA, deptB] = depts as Org[];

  console.log(`a role that reads the statistics and the organisations, and a fresh admin user ${FRESH.email}`);
  const role = await api<{ data: { id: number } }>('POST', '/admin/roles', admin, { name: `界面测试统计查看-${SUFFIX}`, description: '机构成员界面测试' });
  assert.equal(role.status, 201, `POST /admin/roles: ${JSON.stringify(role.body)}`);
  const roleId = role.body.data.id;
  const perms = await api('PUT', `/admin/roles/${roleId}/permissions`, admin, {
    permissions: [
      { action: 'plugin::statistics.read', subject: null, properties: {}, conditions: [] },
      { action: 'plugin::content-manager.explorer.read', subject: ORG, properties: { fields: ['name', 'shortName', 'code', 'level', 'parent', 'children', 'sortOrder'] }, conditions: [] },
      { action: 'plugin::content-manager.explorer.read', subject: REQUEST, properties: {}, conditions: ['plugin::site-groups.in-my-organizations'] },
    ],
  });
  assert.equal(perms.status, 200, `PUT /admin/roles/${roleId}/permissions: ${JSON.stringify(perms.body)}`);
  const created = await api<{ data: { id: number } }>('POST', '/admin/users', admin, { ...FRESH, roles: [roleId], preferedLanguage: 'zh-Hans' });
  assert.equal(created.status, 201, `POST /admin/users: ${JSON.stringify(created.body)}`);
  const userId = created.body.data.id;
  const activated = await api('PUT', `/admin/users/${userId}`, admin, { password: PASSWORD, isActive: true });
  assert.equal(activated.status, 200, `PUT /admin/users/${userId}: ${JSON.stringify(activated.body)}`);

  const membershipsOf = async () => (await api<{ data: any[] }>('GET', '/site-groups/memberships', admin)).body.data.filter((m) => m.user?.id === userId);
  assert.deepEqual(await membershipsOf(), [], 'the fresh user has no membership');

  try {
    const { page } = await uiLogin(browser, USERS.admin);

    console.log('menu link → 机构成员');
    await page.getByRole('link', { name: '机构成员' }).first().click();
    await page.waitForURL(/\/admin\/plugins\/site-groups$/);
    await page.getByRole('heading', { name: '机构成员', level: 1 }).waitFor({ timeout: 30000 });
    await dismissOverlays(page);

    console.log('新增机构成员: the fresh user, 政府办, 含下属机构 on, a note');
    await page.locator('[data-testid="membership-add"]').click();
    const form = page.locator('[data-testid="membership-form"]');
    await form.waitFor();
    await form.locator('[data-testid="membership-user"]').getByRole('combobox').click();
    await page.getByRole('option', { name: new RegExp(FRESH.email.replace(/[.]/g, '\\.')) }).click();
    await form.locator('[data-testid="membership-organizations"]').getByRole('combobox').click();
    await page.getByRole('option', { name: new RegExp(`${deptA.name}$`) }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toHaveCount(0);
    await expect(form, 'Escape closes the organisation list, not the form').toBeVisible();
    assert.match((await form.locator('[data-testid="membership-organizations"]').textContent()) ?? '', new RegExp(deptA.name));
    assert.equal(await form.getByRole('checkbox', { name: '含下属机构' }).getAttribute('aria-checked'), 'true', '含下属机构 on by default');
    assert.equal(await form.getByRole('checkbox', { name: '全部机构' }).getAttribute('aria-checked'), 'false');
    await form.locator('[data-testid="membership-note"] textarea').fill('界面测试：县政府办');
    await shot(page, 'memberships-form-new');

    console.log('meanwhile the user gets a membership through the API: 保存 shows the server’s message');
    const racing = await api<{ data: { documentId: string } }>('POST', '/site-groups/memberships', admin, { user: userId, organizations: [deptB.documentId], note: '并发创建' });
    assert.equal(racing.status, 201, JSON.stringify(racing.body));
    await form.locator('[data-testid="membership-save"]').click();
    await toast(page, '该用户已有机构成员记录，请修改原记录');
    assert.ok(await form.isVisible(), 'the form stays open after an error');
    await shot(page, 'memberships-error-toast');
    assert.equal((await api('DELETE', `/site-groups/memberships/${racing.body.data.documentId}`, admin)).status, 200);

    console.log('保存 again: the row lists the user and 政府办');
    await form.locator('[data-testid="membership-save"]').click();
    await toast(page, new RegExp(`已保存 .*${FRESH.email.replace(/[.]/g, '\\.')}.* 的机构成员记录`));
    await form.waitFor({ state: 'hidden' });
    const row = page.locator(`[data-testid="membership-row"][data-user-email="${FRESH.email}"]`);
    await row.waitFor({ timeout: 15000 });
    const rowText = async () => (await row.textContent()) ?? '';
    assert.match(await rowText(), new RegExp(FRESH_NAME));
    assert.equal((await row.locator('[data-testid="membership-organizations-cell"]').textContent())?.trim(), deptA.name);
    assert.equal((await row.locator('[data-testid="membership-descendants-cell"]').textContent())?.trim(), '是');
    assert.equal((await row.locator('[data-testid="membership-all-cell"]').textContent())?.trim(), '否');
    assert.equal((await row.locator('[data-testid="membership-note-cell"]').textContent())?.trim(), '界面测试：县政府办');
    let saved = await membershipsOf();
    assert.equal(saved.length, 1);
    assert.deepEqual(saved[0].organizations.map((o: any) => o.documentId), [deptA.documentId]);
    assert.equal(saved[0].includeDescendants, true);
    await shot(page, 'memberships-list');

    console.log('edit: add 发改局, 含下属机构 off, another note');
    await row.locator('[data-testid="membership-edit"]').click();
    await form.waitFor();
    assert.ok(await form.locator('[data-testid="membership-user"]').getByRole('combobox').isDisabled(), 'the user of a membership is fixed');
    await form.locator('[data-testid="membership-organizations"]').getByRole('combobox').click();
    await page.getByRole('option', { name: new RegExp(`${deptB.name}$`) }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toHaveCount(0);
    await form.getByRole('checkbox', { name: '含下属机构' }).click();
    await form.locator('[data-testid="membership-note"] textarea').fill('界面测试：两个部门，不含下属机构');
    await shot(page, 'memberships-form-edit');
    await form.locator('[data-testid="membership-save"]').click();
    await form.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      (email) => document.querySelector(`[data-user-email="${email}"] [data-testid="membership-descendants-cell"]`)?.textContent?.trim() === '否',
      FRESH.email,
      { timeout: 15000 }
    );
    assert.equal((await row.locator('[data-testid="membership-organizations-cell"]').textContent())?.trim(), `${deptA.name}、${deptB.name}`);
    assert.equal((await row.locator('[data-testid="membership-note-cell"]').textContent())?.trim(), '界面测试：两个部门，不含下属机构');
    saved = await membershipsOf();
    assert.deepEqual(saved[0].organizations.map((o: any) => o.documentId).sort(), [deptA.documentId, deptB.documentId].sort());
    assert.equal(saved[0].includeDescendants, false);
    assert.equal(saved[0].allOrganizations, false);
    await shot(page, 'memberships-list-edited');

    console.log('the fresh user: no 机构成员 link; 统计与检查 offers only their two departments');
    const userToken = await loginToken(FRESH.email);
    const me = await api<{ data: { all: boolean; organizations: Org[] } }>('GET', '/site-groups/me', userToken);
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.data.all, false);
    assert.deepEqual(me.body.data.organizations.map((o) => o.documentId).sort(), [deptA.documentId, deptB.documentId].sort());
    const forbidden = await api('GET', '/site-groups/memberships', userToken);
    assert.equal(forbidden.status, 403, 'the memberships need plugin::site-groups.manage');
    const scoped = await uiLogin(browser, FRESH.email);
    const sp = scoped.page;
    await sp.getByRole('link', { name: '统计与检查' }).first().waitFor({ timeout: 30000 });
    assert.equal(await sp.getByRole('link', { name: '机构成员' }).count(), 0, 'no 机构成员 link without plugin::site-groups.manage');
    await sp.getByRole('link', { name: '统计与检查' }).first().click();
    await sp.waitForURL(/\/admin\/plugins\/statistics$/);
    await sp.getByRole('heading', { name: '统计与检查', level: 1 }).waitFor({ timeout: 30000 });
    const picker = sp.locator('[data-testid="statistics-org-picker"]');
    await sp.waitForFunction(() => document.querySelector('[data-testid="statistics-org-picker"]')?.textContent?.includes('全部（我的机构）'), undefined, { timeout: 30000 });
    const reportOrg = (await sp.locator('[data-testid="statistics-report-org"]').textContent()) ?? '';
    assert.ok([deptA.name, deptB.name].some((n) => reportOrg.includes(n)), `the annual report defaults to an organisation in scope (${reportOrg})`);
    await dismissOverlays(sp);
    await picker.getByRole('combobox').click();
    await expect(sp.getByRole('option')).toHaveCount(3);
    const options = (await sp.getByRole('option').allTextContents()).map((s) => s.trim());
    assert.deepEqual([...options].sort(), ['全部（我的机构）', deptA.name, deptB.name].sort(), `picker options: ${options.join(' | ')}`);
    await shot(sp, 'memberships-scoped-statistics-picker');
    await sp.keyboard.press('Escape');

    console.log('依申请公开办理: the organisation filter offers the same');
    await sp.getByRole('link', { name: '依申请公开办理' }).first().click();
    await sp.waitForURL(/\/admin\/plugins\/requests-admin$/);
    await sp.getByRole('heading', { name: '依申请公开办理', level: 1 }).waitFor({ timeout: 30000 });
    await sp.locator('[data-testid="filter-org"]').getByRole('combobox').click();
    await expect(sp.getByRole('option')).toHaveCount(3);
    const filterOptions = (await sp.getByRole('option').allTextContents()).map((s) => s.trim());
    assert.deepEqual([...filterOptions].sort(), ['全部（我的机构）', deptA.name, deptB.name].sort(), `filter options: ${filterOptions.join(' | ')}`);
    await shot(sp, 'memberships-scoped-requests-filter');
    await sp.keyboard.press('Escape');
    await scoped.context.close();
    setCurrentPage(page);

    console.log('delete, with its confirmation');
    await row.locator('[data-testid="membership-delete"]').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', new RegExp(`删除 .*${FRESH.email.replace(/[.]/g, '\\.')}.* 的机构成员记录`));
    await shot(page, 'memberships-delete-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await row.count(), 1, '取消 keeps the membership');
    await row.locator('[data-testid="membership-delete"]').click();
    await page.locator('[data-testid="membership-delete-confirm"]').click();
    await toast(page, /已删除 .* 的机构成员记录/);
    await row.waitFor({ state: 'detached', timeout: 15000 });
    assert.deepEqual(await membershipsOf(), [], 'the membership is deleted');
    await shot(page, 'memberships-list-after-delete');

    assert.deepEqual(problems, [], problems.join('\n'));
    console.log('memberships-admin: OK');
  } catch (e) {
    await failureShot('memberships-failure');
    throw e;
  } finally {
    for (const m of await membershipsOf().catch(() => [])) await api('DELETE', `/site-groups/memberships/${m.documentId}`, admin).catch(() => undefined);
    await api('DELETE', `/admin/users/${userId}`, admin).catch(() => undefined);
    await api('DELETE', `/admin/roles/${roleId}`, admin).catch(() => undefined);
  }
});
