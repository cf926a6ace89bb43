/**
 * Browser check of the whole editorial flow (issue 8): from the drafter's form to the public portal.
 * Run with the other specs by `npm run test:e2e` (playwright.config.ts: build, seed, a fresh server per spec),
 * or alone: `npm run test:e2e -- editorial-flow`.
 * Env: CHROMIUM_PATH (default /usr/bin/chromium),
 * DEMO_ADMIN_PASSWORD (default Demo12345). Screenshots go to tests/artifacts/flow-*.png (gitignored).
 *
 * The demo's role users belong to 青山县发展和改革局 (src/foundation/demo.ts): the items are that department's.
 *
 * Scenario 1 — published: 拟稿人 creates an item in the Content Manager form (发布机构 青山县发展和改革局, 文种, 内容概述,
 * 正文) and uploads two attachments (a PDF and a TXT) through the media dialog, saves, re-runs the checks
 * (none blocking) and submits; 部门审核人 opens it from 待我审核 and approves; 保密审查员 ticks the
 * checklist and approves; 签发领导 approves and publishes. The item is then public:
 * GET /api/gov/v1/items/<documentId> answers with the title and both attachments (downloadable), and the
 * portal page /portal/#/item/<documentId> shows the title in [data-testid="item-title"].
 *
 * Scenario 2 — sent back, then changed after approval: 部门审核人 sends a submitted item back with a
 * comment; the drafter sees the comment in the history, adds the missing 发文字号, saves and submits
 * again; the three approvals follow; the drafter then edits the approved item: the approval lapses
 * (history: 修改后审核失效, stage 拟稿) and the leader's 发布 is refused with the server's reason shown
 * in the admin; the item stays off the public API.
 *
 * Each user logs in once (Strapi allows 5 admin logins per e-mail and IP in 5 minutes); the browser
 * contexts are kept for both scenarios.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import assert from 'assert/strict';
import type { BrowserContext, Page } from '@playwright/test';
import { api, BASE, chooseOption, columnOf, department, DEPARTMENT_NAME, dismissOverlays, failureShot, ITEM, login, openEdit, panel, panelShot, reviewState, setCurrentPage, shot, token, type Who } from './support';
import { test } from './fixtures';

const stamp = new Date().toISOString().slice(11, 19);
const TITLE_1 = `关于印发青山县发展和改革局2026年政务公开工作要点的通知（流程测试 ${stamp}）`;
const TITLE_2 = `关于开展2026年度政府信息公开工作检查的通知（流程测试 ${stamp}）`;
const BODY_1 = '局机关各科室、局属各单位：现将《青山县发展和改革局2026年政务公开工作要点》印发给你们，请认真贯彻落实。';
const DOC_NUMBER = '青发改发〔2026〕12号';
const REJECT_COMMENT = '缺少发文字号，请补充后重新送审。';

/** A small but valid one-page PDF and a UTF-8 text file, written to a temporary directory. */
function attachments(): { pdf: string; txt: string; txtContent: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-flow-'));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 50 Td (Work plan 2026) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const files = { pdf: path.join(dir, '2026年政务公开工作要点.pdf'), txt: path.join(dir, '工作要点起草说明.txt'), txtContent: `工作要点起草说明（流程测试 ${stamp}）\n一、起草背景……\n` };
  fs.writeFileSync(files.pdf, pdf, 'latin1');
  fs.writeFileSync(files.txt, files.txtContent);
  return files;
}

/** A notification (toast) of the admin with this text, once visible. */
const toast = (page: Page, text: string | RegExp) => page.locator('[aria-live] li').filter({ hasText: text, visible: true }).first();

async function approve(page: Page, documentId: string, next: string | RegExp, opts: { comment?: string; checklist?: boolean; fromInbox?: boolean } = {}) {
  setCurrentPage(page);
  if (opts.fromInbox) {
    await page.goto(`${BASE}/admin/plugins/review-workflow`);
    const row = page.locator(`tr[data-document-id="${documentId}"]`);
    await row.waitFor({ timeout: 20000 });
    await row.getByRole('link').first().click();
    await panel(page).waitFor({ timeout: 30000 });
  } else {
    await openEdit(page, documentId);
  }
  if (opts.checklist) {
    const checklist = page.locator('[data-testid="review-checklist"]');
    await checklist.waitFor();
    assert.ok(await page.locator('button[data-action="approve"]').isDisabled(), 'approve waits for the checklist');
    for (const box of await checklist.getByRole('checkbox').all()) await box.click();
  }
  if (opts.comment) await page.locator('textarea[name="review-comment"]').fill(opts.comment);
  await page.locator('button[data-action="approve"]:not([disabled])').click();
  await panel(page).filter({ hasText: next }).waitFor({ timeout: 20000 });
}

test('editorial-flow', async ({ browser }) => {
  const files = attachments();
  const adminToken = await token('admin');
  // the demo's role users belong to 青山县发展和改革局 only (src/foundation/demo.ts): the item is the department's
  const org = await department(adminToken);
  const column = await columnOf(adminToken, org.documentId);
  assert.equal(org.name, DEPARTMENT_NAME);
  const drafterToken = await token('drafter');
  assert.equal((await api('GET', `/api/gov/v1/items/does-not-exist`, null)).status, 404, 'the public API answers 404 for an unknown item');

  /** Media library ids of the uploaded attachments: deleted at the end (their files live in public/uploads). */
  const uploaded: number[] = [];
  const users: Partial<Record<Who, { context: BrowserContext; page: Page }>> = {};
  /** The logged-in page of a user (one login per user and run). */
  const as = async (who: Who) => {
    users[who] ??= await login(browser, who);
    setCurrentPage(users[who]!.page);
    return users[who]!.page;
  };
  try {
    // ============================================================ scenario 1: created in the form, published
    console.log('scenario 1 · drafter: the form, two attachments, checks, submit');
    let documentId: string;
    {
      const page = await as('drafter');
      await page.goto(`${BASE}/admin/content-manager/collection-types/${ITEM}/create`);
      await page.getByText('保存草稿后即可送审。').waitFor({ timeout: 30000 });
      await dismissOverlays(page);
      await page.locator('input[name="title"]').fill(TITLE_1);
      await page.locator('input[name="organization"]').click();
      await page.getByRole('option', { name: org.name, exact: true }).click();
      await chooseOption(page, 'genre', '通知');
      // 所属目录: 主动公开 needs a column of the 公开目录 to be 送审
      await page.locator('input[name="catalogueNodes"]').click();
      await page.getByRole('option', { name: column.name }).first().click();
      await page.locator('textarea[name="summary"]').fill('印发本县2026年政务公开工作要点，请结合实际认真贯彻落实。');
      await page.locator('.CodeMirror').first().click();
      // one input event, as an IME commits Chinese text (typing key by key races the editor's re-renders)
      await page.keyboard.insertText(BODY_1);

      // attachments: the media dialog, 添加更多文件 → 从本机 → upload both → 完成
      await page.getByRole('button', { name: /点击添加文件|Click to add an asset/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /^(添加更多文件|添加文件|Add more assets|Add new assets)$/ }).first().click();
      await dialog.locator('input[type="file"]').setInputFiles([files.pdf, files.txt]);
      await dialog.getByRole('button', { name: /将 2 个文件上传到媒体库|Upload 2 assets to the library/ }).click();
      await dialog.getByRole('button', { name: /^(完成|Finish)$/ }).click();
      await dialog.waitFor({ state: 'detached', timeout: 20000 });
      await shot(page, 'flow-01-drafter-form');

      await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
      await page.waitForURL((u) => /\/[a-z0-9]{24}$/.test(u.pathname), { timeout: 30000 });
      documentId = new URL(page.url()).pathname.split('/').pop()!;
      console.log(`  item ${documentId}`);
      const saved = await api<{ data: { title: string; body: string; genre: string; attachments: Array<{ id: number; name: string; ext: string }> } }>('GET', `/content-manager/collection-types/${ITEM}/${documentId}?populate[attachments]=true`, drafterToken);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.data.title, TITLE_1);
      assert.equal(saved.body.data.body, BODY_1, 'the body typed in the Markdown editor is saved');
      assert.equal(saved.body.data.genre, '通知');
      assert.deepEqual(saved.body.data.attachments.map((a) => a.ext).sort(), ['.pdf', '.txt'], 'both attachments saved with the draft');
      uploaded.push(...saved.body.data.attachments.map((a) => a.id));

      // the checks, run again by hand: nothing blocking, the submit button is enabled
      await panel(page).waitFor({ timeout: 30000 });
      const [checked] = await Promise.all([
        page.waitForResponse((r) => decodeURIComponent(r.url()).endsWith(`/review-workflow/documents/${ITEM}/${documentId}/checks`) && r.request().method() === 'POST'),
        page.getByRole('button', { name: /^(重新检查|Re-check)$/ }).click(),
      ]);
      const result = (await checked.json()) as { findings: Array<{ check: string; severity: string; field: string }>; blocking: boolean };
      assert.equal(result.blocking, false, `no blocking finding: ${JSON.stringify(result.findings)}`);
      assert.ok(!result.findings.some((f) => f.field.startsWith('attachments')), `the PDF and TXT attachments pass the type check: ${JSON.stringify(result.findings)}`);
      await page.locator('button[data-action="submit"]:not([disabled])').waitFor();
      await panelShot(page, 'flow-02-drafter-checked');
      await page.locator('textarea[name="review-comment"]').fill('请审核。');
      await page.locator('button[data-action="submit"]').click();
      await panel(page).filter({ hasText: '部门初审' }).waitFor({ timeout: 20000 });
      await page.locator('[data-testid="review-history"] li[data-action="submit"]').waitFor();
    }

    console.log('scenario 1 · 部门审核人 (from 待我审核) → 保密审查员 (checklist) → 签发领导');
    await approve(await as('dept'), documentId, '保密审查', { fromInbox: true, comment: '同意。' });
    await approve(await as('secrecy'), documentId, '领导签发', { checklist: true, comment: '经审查，不涉密，同意公开。' });
    {
      const page = await as('leader');
      await approve(page, documentId, /审核已通过，可以发布/, { comment: '同意发布。' });
      assert.equal((await api('GET', `/api/gov/v1/items/${documentId}`, null)).status, 404, 'not public before it is published');
      await page.locator('[data-testid="review-panel"] button[data-action="publish"]').click(); // the panel's 发布 at 待发布
      await page.locator('[data-testid="review-history"] li[data-action="publish"]').waitFor({ timeout: 20000 });
      await panel(page).filter({ hasText: '已按审核通过的稿件发布' }).waitFor();
      await panelShot(page, 'flow-03-leader-published');
    }

    console.log('scenario 1 · public JSON API');
    const item = await api<{ data: { id: string; title: string; body: string; attachments: Array<{ name: string; url: string; mime: string; ext: string; size: number }> } }>('GET', `/api/gov/v1/items/${documentId}`, null);
    assert.equal(item.status, 200, JSON.stringify(item.body));
    assert.equal(item.body.data.title, TITLE_1);
    assert.equal(item.body.data.body, BODY_1);
    const names = item.body.data.attachments.map((a) => a.name).sort();
    assert.deepEqual(names, [path.basename(files.pdf), path.basename(files.txt)].sort(), `attachments: ${JSON.stringify(item.body.data.attachments)}`);
    const txt = item.body.data.attachments.find((a) => a.name.endsWith('.txt'))!;
    const download = await fetch(new URL(txt.url, BASE));
    assert.equal(download.status, 200, `GET ${txt.url}`);
    assert.equal(await download.text(), files.txtContent, 'the attachment is served as uploaded');

    // ============================================================ scenario 2: sent back, fixed, approved, edited
    console.log('scenario 2 · submitted, sent back with a comment by 部门审核人');
    const created = await api<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ITEM}`, drafterToken, {
      title: TITLE_2,
      organization: { connect: [{ documentId: org.documentId }] },
      catalogueNodes: { connect: [{ documentId: column.documentId }] },
      genre: '通知',
      summary: '部署开展本年度政府信息公开工作检查。',
      body: '各乡镇人民政府，县政府各部门：根据《中华人民共和国政府信息公开条例》，决定开展本年度政府信息公开工作检查。',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const second = created.body.data.documentId;
    const submitted = await api('POST', `/review-workflow/documents/${ITEM}/${second}/actions`, drafterToken, { action: 'submit', comment: '请审核。' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    {
      const page = await as('dept');
      await openEdit(page, second);
      await page.locator('textarea[name="review-comment"]').fill(REJECT_COMMENT);
      await page.locator('button[data-action="reject"]').click();
      await panel(page).filter({ hasText: '拟稿' }).locator('[data-testid="review-history"] li[data-action="reject"]').waitFor({ timeout: 20000 });
      assert.equal((await reviewState(drafterToken, second)).stage, 'draft', 'back at 拟稿');
    }

    console.log('scenario 2 · drafter reads the comment, fixes, submits again');
    {
      const page = await as('drafter');
      await openEdit(page, second);
      const rejected = page.locator('[data-testid="review-history"] li[data-action="reject"]');
      await rejected.waitFor();
      assert.match(await rejected.innerText(), new RegExp(REJECT_COMMENT), 'the reviewer’s comment is shown to the drafter');
      await panelShot(page, 'flow-04-drafter-sent-back');
      await page.locator('input[name="documentNumber"]').fill(DOC_NUMBER);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes(`/content-manager/collection-types/${ITEM}/${second}`) && r.request().method() === 'PUT' && r.ok()),
        page.getByRole('button', { name: /^(保存|Save)$/ }).click(),
      ]);
      await page.locator('textarea[name="review-comment"]').fill('已补充发文字号。');
      await page.locator('button[data-action="submit"]:not([disabled])').click();
      await panel(page).filter({ hasText: '部门初审' }).waitFor({ timeout: 20000 });
    }

    console.log('scenario 2 · approved again at every stage');
    await approve(await as('dept'), second, '保密审查');
    await approve(await as('secrecy'), second, '领导签发', { checklist: true });
    await approve(await as('leader'), second, /审核已通过，可以发布/);
    const approved = await reviewState(drafterToken, second);
    assert.equal(approved.publishable, true, 'publishable once approved');

    console.log('scenario 2 · an edit after approval: the approval lapses, publishing is refused');
    {
      const page = await as('drafter');
      await openEdit(page, second);
      await page.locator('textarea[name="summary"]').fill('部署开展本年度政府信息公开工作检查（审核通过后修改）。');
      await Promise.all([
        page.waitForResponse((r) => r.url().includes(`/content-manager/collection-types/${ITEM}/${second}`) && r.request().method() === 'PUT' && r.ok()),
        page.getByRole('button', { name: /^(保存|Save)$/ }).click(),
      ]);
      await page.locator('[data-testid="review-history"] li[data-action="invalidate"]').waitFor({ timeout: 20000 });
      await panelShot(page, 'flow-05-drafter-edited-after-approval');
      const lapsed = await reviewState(drafterToken, second);
      assert.equal(lapsed.stage, 'draft', 'the edit sends the item back to 拟稿');
      assert.equal(lapsed.publishable, false);
    }
    {
      const page = await as('leader');
      await openEdit(page, second);
      // the leader sees why: the approval lapsed with the drafter's edit
      await page.locator('[data-testid="review-history"] li[data-action="invalidate"]').waitFor();
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().includes(`/content-manager/collection-types/${ITEM}/${second}/actions/publish`)),
        page.getByRole('button', { name: /^(发布|Publish)$/ }).click(),
      ]);
      assert.equal(refused.status(), 400, 'the publish request is refused');
      const message = ((await refused.json()) as { error: { message: string } }).error.message;
      assert.match(message, /未经审核批准的信息不得发布/, message);
      await toast(page, /未经审核批准的信息不得发布/).waitFor({ timeout: 10000 });
      console.log(`  refused: ${message}`);
      await shot(page, 'flow-06-leader-publish-refused');
    }
    assert.equal((await api('GET', `/api/gov/v1/items/${second}`, null)).status, 404, 'the refused item is not public');
    const cm = await api<{ data: { status?: string; publishedAt: string | null } }>('GET', `/content-manager/collection-types/${ITEM}/${second}?status=published`, drafterToken);
    assert.ok(cm.status === 404 || cm.body.data?.publishedAt == null, `no published version: ${JSON.stringify(cm.body).slice(0, 300)}`);

    // ============================================================ the portal (public/portal) shows scenario 1's item
    console.log('portal: /portal/#/item/<documentId>');
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      setCurrentPage(page);
      await page.goto(`${BASE}/portal/#/item/${documentId}`);
      const title = page.locator('[data-testid="item-title"]');
      await title.filter({ hasText: TITLE_1 }).waitFor({ timeout: 30000 });
      assert.equal((await title.innerText()).trim(), TITLE_1);
      await shot(page, 'flow-07-portal-item', { fullPage: true });
      await context.close();
    }
  } catch (e) {
    await failureShot('flow-failure');
    throw e;
  } finally {
    fs.rmSync(path.dirname(files.pdf), { recursive: true, force: true });
    for (const id of uploaded) await api('DELETE', `/upload/files/${id}`, adminToken).catch(() => undefined);
  }
  console.log('ok');
});
