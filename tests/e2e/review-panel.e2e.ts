/**
 * Browser check of the review-workflow admin UI (plugins/review-workflow/admin) on a running demo app.
 * Not part of Jest (it needs a built admin and a running server). `npm run test:e2e -- review-panel` builds,
 * seeds a fresh database, starts a server and runs it (playwright.config.ts).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium),
 * DEMO_ADMIN_PASSWORD (default Demo12345). Screenshots go to tests/artifacts/ (gitignored).
 *
 * The story: a drafter writes an item with a 身份证号 in the summary (blocking) and a mobile number in
 * the body (warning); the panel lists both, clicking one focuses the field; the drafter fixes it, saves
 * (the panel refreshes by itself) and submits; 部门审核人 finds it in 待我审核 and approves; 保密审查员
 * ticks the four-item checklist; 签发领导 approves and publishes; then 撤稿 with a reason. The list
 * view shows the 审核阶段 column; the panel is also checked in English.
 *
 * The shared helpers (login, panel, screenshots) are in tests/e2e/support.ts. `npm run test:e2e` runs
 * this spec with the others (playwright.config.ts: build, seed, one fresh server per spec).
 *
 * Notes: each user logs in once per run (Strapi allows 5 admin logins per email and IP in 5 minutes;
 * restart the server to reset). The demo's role users belong to 青山县发展和改革局 only
 * (src/foundation/demo.ts): the items are that department's. The super admin's language is set back to zh-Hans.
 */
import assert from 'assert/strict';
import { api, department, dismissOverlays, failureShot, ITEM, login, openEdit, panel, panelShot, shot, token, BASE, columnOf } from './support';
import { expect, test } from './fixtures';

const ID_NUMBER = '110101199003074573'; // valid GB 11643 checksum → blocking finding
const SUMMARY = `公示名单：张三，身份证号${ID_NUMBER}，住址略。`;
const BODY = '各单位：请于本月底前报送政务公开工作总结。联系人：李四，电话13812345678。';

test('review-panel', async ({ browser }) => {
  const adminToken = await token('admin');
  const org = await department(adminToken);
  const column = await columnOf(adminToken, org.documentId);
  // the super admin's screens are checked in Chinese first (a previous interrupted run may have left English)
  assert.equal((await api('PUT', '/admin/users/me', adminToken, { preferedLanguage: 'zh-Hans' })).status, 200);
  const drafterToken = await token('drafter');
  const created = await api<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ITEM}`, drafterToken, {
    title: `关于报送政务公开工作总结的通知（界面测试 ${new Date().toISOString().slice(11, 19)}）`,
    organization: { connect: [{ documentId: org.documentId }] },
    catalogueNodes: { connect: [{ documentId: column.documentId }] },
    publishDate: '2025-06-01',
    writtenDate: '2025-05-28',
    genre: '通知',
    summary: SUMMARY,
    body: BODY,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const documentId = created.body.data.documentId;
  const other = await api<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ITEM}`, drafterToken, {
    title: `关于调整办事大厅工作时间的公告（界面测试 ${new Date().toISOString().slice(11, 19)}）`,
    organization: { connect: [{ documentId: org.documentId }] },
    catalogueNodes: { connect: [{ documentId: column.documentId }] },
    publishDate: '2025-06-02',
    genre: '公告',
    body: '自下月起，办事大厅工作时间调整为工作日 8:30-17:30。',
  });
  assert.equal(other.status, 201, JSON.stringify(other.body));
  const otherId = other.body.data.documentId;
  const submitted = await api('POST', `/review-workflow/documents/${ITEM}/${otherId}/actions`, drafterToken, { action: 'submit', comment: '请审核。' });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  console.log(`items ${documentId} (walked through the UI), ${otherId} (waiting at 部门初审)`);

  try {
    // ---------------------------------------------------------------- drafter: findings, focus, fix, submit
    console.log('drafter');
    {
      const { context, page } = await login(browser, 'drafter');
      await page.goto(`${BASE}/admin/content-manager/collection-types/${ITEM}/create`);
      await page.getByText('保存草稿后即可送审。').waitFor({ timeout: 30000 });
      await openEdit(page, documentId);
      const findings = page.locator('[data-testid="review-findings"] button');
      await findings.first().waitFor();
      assert.ok((await findings.count()) >= 2, 'two findings listed');
      assert.ok(await page.locator('button[data-action="submit"]').isDisabled(), 'submit disabled while a blocking finding exists');
      await shot(page, '01-drafter-findings');

      await page.locator('[data-testid="review-findings"] button[data-check="pii.idCard"]').click();
      await expect(page.locator('textarea[name="summary"]'), 'the summary input is focused').toBeFocused();
      const selected = () => page.evaluate(`(() => { const el = document.activeElement; return el && 'selectionStart' in el ? el.value.slice(el.selectionStart, el.selectionEnd) : '' })()`);
      await expect.poll(selected, { message: 'the ID number is selected' }).toBe(ID_NUMBER);
      await shot(page, '02-drafter-focus-summary');

      await page.locator('[data-testid="review-findings"] button[data-check="pii.mobile"]').click();
      await expect(page.locator('[data-review-focused="true"] .CodeMirror').first(), 'the Markdown editor of 正文 is outlined').toBeAttached();
      await shot(page, '03-drafter-focus-body');

      // fix the summary in the form and save: the panel refreshes on its own
      await page.locator('textarea[name="summary"]').fill('公示名单见附件。');
      await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
      await page.locator('[data-testid="review-findings"] button[data-check="pii.idCard"]').waitFor({ state: 'detached', timeout: 15000 });
      await page.locator('button[data-action="submit"]:not([disabled])').waitFor({ timeout: 15000 });
      await page.locator('textarea[name="review-comment"]').fill('请审核。');
      await page.locator('button[data-action="submit"]').click();
      await page.locator('[data-testid="review-panel"]', { hasText: '部门初审' }).waitFor();
      await page.locator('[data-testid="review-history"] li[data-action="submit"]').waitFor();
      await panelShot(page, '04-drafter-submitted');
      await context.close();
    }

    // ---------------------------------------------------------------- 部门审核人: inbox, approve
    console.log('dept reviewer');
    {
      const { context, page } = await login(browser, 'dept');
      await page.goto(`${BASE}/admin/plugins/review-workflow`);
      const row = page.locator(`tr[data-document-id="${documentId}"]`);
      await row.waitFor({ timeout: 20000 });
      await shot(page, '05-inbox-dept');
      await row.getByRole('link').first().click();
      await panel(page).waitFor();
      await page.locator('button[data-action="approve"]').waitFor();
      await page.locator('button[data-action="reject"]').click(); // 退回 without a comment: refused in the panel
      await page.getByText('退回须填写意见。').waitFor();
      await page.locator('button[data-action="approve"]').click();
      await page.locator('[data-testid="review-panel"]', { hasText: '保密审查' }).waitFor();
      await context.close();
    }

    // ---------------------------------------------------------------- 保密审查员: checklist
    console.log('secrecy reviewer');
    {
      const { context, page } = await login(browser, 'secrecy');
      await openEdit(page, documentId);
      const checklist = page.locator('[data-testid="review-checklist"]');
      await checklist.waitFor();
      assert.equal(await checklist.getByRole('checkbox').count(), 4);
      assert.ok(await page.locator('button[data-action="approve"]').isDisabled(), 'approve needs the checklist');
      await panelShot(page, '06-secrecy-checklist');
      for (const box of await checklist.getByRole('checkbox').all()) await box.click();
      await page.locator('textarea[name="review-comment"]').fill('经审查，不涉密，同意公开。');
      await page.locator('button[data-action="approve"]:not([disabled])').click();
      await page.locator('[data-testid="review-panel"]', { hasText: '领导签发' }).waitFor();
      await context.close();
    }

    // ---------------------------------------------------------------- 签发领导: approve, publish, 撤稿
    console.log('leader');
    {
      const { context, page } = await login(browser, 'leader');
      await openEdit(page, documentId);
      await page.locator('button[data-action="approve"]').click();
      await page.locator('[data-testid="review-panel"]', { hasText: /审核已通过，可以发布/ }).waitFor();
      await panelShot(page, '07-leader-ready-to-publish');
      // at 待发布 the panel itself has the 发布 button
      await page.locator('[data-testid="review-panel"] button[data-action="publish"]').click();
      await page.locator('[data-testid="review-history"] li[data-action="publish"]').waitFor({ timeout: 20000 });
      await page.locator('button[data-action="unpublish"]').waitFor();
      await page.locator('[data-testid="review-panel"]', { hasText: '已按审核通过的稿件发布' }).waitFor();
      // the stage label says what happened: 已发布 with the date, no longer 待发布
      await page.locator('[data-testid="review-panel"]', { hasText: /已发布（\d{4}-\d{2}-\d{2}）/ }).waitFor();
      await panelShot(page, '08-leader-published');

      await page.locator('button[data-action="unpublish"]').click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '确认撤稿' }).click(); // no reason: refused in the dialog
      await dialog.getByText('请填写撤稿理由（至少2个字）。').waitFor();
      assert.equal(await api('GET', `/review-workflow/documents/${ITEM}/${documentId}`, drafterToken).then((r) => r.body.history.at(-1).action), 'publish', 'nothing sent without a reason');
      await dialog.locator('textarea[name="unpublish-reason"]').fill('文件内容有误，撤下更正。');
      await shot(page, '09-unpublish-dialog');
      await dialog.getByRole('button', { name: '确认撤稿' }).click();
      await page.locator('[data-testid="review-history"] li[data-action="unpublish"]').waitFor({ timeout: 20000 });
      // 撤稿 sends the document back to 拟稿: publishing again needs the whole review
      const after = await api<{ stage: string; publishable: boolean; publication: { state: string | null } }>('GET', `/review-workflow/documents/${ITEM}/${documentId}`, drafterToken);
      assert.deepEqual([after.body.stage, after.body.publishable, after.body.publication.state], ['draft', false, null]);
      await page.locator('[data-testid="review-panel"] button[data-action="publish"]').waitFor({ state: 'detached' });
      await expect(page.locator('[data-testid="review-panel"]')).not.toContainText('已发布（');
      await panelShot(page, '10-history-after-unpublish');
      await context.close();
    }

    // ---------------------------------------------------------------- super admin: list column, inbox, English
    console.log('super admin');
    {
      const { context, page } = await login(browser, 'admin');
      await page.goto(`${BASE}/admin/content-manager/collection-types/${ITEM}?page=1&pageSize=10&sort=updatedAt:DESC`);
      await page.locator('thead th', { hasText: '审核阶段' }).waitFor({ timeout: 20000 });
      await page.locator('tbody [data-stage-color]').first().waitFor({ timeout: 20000 });
      await dismissOverlays(page);
      const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim());
      assert.equal(headers[headers.indexOf('标题') + 1], '审核阶段', 'the stage column follows the title');
      await shot(page, '11-list-stage-column');
      await page.goto(`${BASE}/admin/content-manager/collection-types/api::organization.organization`);
      await page.locator('tbody tr').first().waitFor({ timeout: 20000 });
      assert.equal(await page.locator('thead th', { hasText: '审核阶段' }).count(), 0, 'no stage column for types without review');
      await page.goto(`${BASE}/admin/plugins/review-workflow`);
      await page.getByRole('heading', { name: '待我审核' }).waitFor();
      // the item waiting at 部门初审 is listed; the retracted one is back at 拟稿, waiting for nobody
      await page.locator(`tr[data-document-id="${otherId}"]`).waitFor();
      assert.equal(await page.locator(`tr[data-document-id="${documentId}"]`).count(), 0, 'a retracted document is not awaiting review');
      await shot(page, '12-inbox-admin-filtered');

      // English: the admin follows the user's preferred language (restored afterwards)
      const setLanguage = (lang: string) => api('PUT', '/admin/users/me', adminToken, { preferedLanguage: lang });
      assert.equal((await setLanguage('en')).status, 200);
      await page.evaluate(`localStorage.setItem('strapi-admin-language', 'en')`);
      await openEdit(page, otherId);
      await page.locator('[data-testid="review-panel"]', { hasText: 'History' }).waitFor();
      await panelShot(page, '13-panel-english');
      await page.goto(`${BASE}/admin/plugins/review-workflow`);
      await page.getByRole('heading', { name: 'Awaiting my review' }).waitFor();
      await shot(page, '14-inbox-english');
      await setLanguage('zh-Hans');
      await page.evaluate(`localStorage.setItem('strapi-admin-language', 'zh-Hans')`);
      await context.close();
    }
  } catch (e) {
    await failureShot();
    throw e;
  }
  console.log('ok');
});
