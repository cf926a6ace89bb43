/**
 * Browser check of the 依申请公开办理 admin page (plugins/requests-admin) on a running demo app.
 * Not part of Jest (it needs a built admin and a running server). `npm run test:e2e -- requests-admin` builds,
 * seeds a fresh database, starts a server and runs it (playwright.config.ts).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium),
 * DEMO_ADMIN_PASSWORD (default Demo12345). Screenshots and downloaded letters go to tests/artifacts/
 * (gitignored).
 *
 * The story: a request received ten days ago is created through the Content Manager API; the list
 * shows the seeded (overdue, red) requests and the new one; the filters narrow it (only overdue,
 * organisation, year); on the request's page the clerk records an extension (approver, applicant
 * told) — the due date moves, possibly into a year whose holidays are not published (暂定); a second
 * extension is refused with the server's Chinese reason shown inline; the 登记回执 and 延期答复告知书
 * are generated and downloaded (.docx); the request is closed with a 表三 result and the 答复书
 * generated; “在内容管理中打开” opens the Content Manager; the list is checked once in English.
 *
 * Logged in as the demo super admin (every organisation: the seeded overdue requests are the county's and
 * other departments'). What the scoped 依申请公开经办人 clerk@demo.gov.cn sees (青山县发展和改革局 only,
 * 403 on another organisation's request and letters) is checked in scoped-demo.e2e.ts.
 */
import fs from 'fs';
import path from 'path';
import assert from 'assert/strict';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { adminReady, BASE, handleOverlays, settled } from './support';

const PASSWORD = process.env.DEMO_ADMIN_PASSWORD ?? 'Demo12345';
const EMAIL = 'admin@demo.gov.cn';
/** Run from the repository root. */
const ARTIFACTS = path.resolve(process.cwd(), 'tests/artifacts');
const REQUEST = 'api::disclosure-request.disclosure-request';
const ORG = 'api::organization.organization';
const PAGE_URL = `${BASE}/admin/plugins/requests-admin`;

async function api<T = any>(method: string, url: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const file = path.join(ARTIFACTS, `requests-${name}.png`);
  await settled(page);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`);
}

/** Strapi's own promotional banner and guided tour cover the page; dismiss them when they show. */
async function dismissOverlays(page: Page) {
  for (const name of [/^(Close the banner|关闭横幅)/, /^(Skip|跳过)$/]) {
    const button = page.getByRole('button', { name }).first();
    if (await button.isVisible().catch(() => false)) await button.click().catch(() => undefined);
  }
}

/** China calendar day, `offset` days from today. */
const chinaDay = (offset = 0) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

/** Opens a design-system SingleSelect inside `scope` (by its label) and picks an option. */
async function pick(page: Page, scope: string, label: string | RegExp, option: string | RegExp) {
  await page.locator(scope).getByRole('combobox', { name: label }).first().click();
  await page.getByRole('option', { name: option }).first().click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

/**
 * Runs `action` (a change of the list's filters) and resolves once the table shows exactly the rows of the list
 * request it caused (`matches` picks that request by its query; the page's overdue counter asks with pageSize=1).
 */
async function listAfter(page: Page, action: () => Promise<unknown>, matches: (query: URLSearchParams) => boolean) {
  const response = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return r.request().method() === 'GET' && url.pathname.endsWith('/disclosure-requests') && url.searchParams.get('pageSize') !== '1' && matches(url.searchParams);
  });
  await action();
  const list = (await (await response).json()) as { data: Array<{ documentId: string }> };
  const shown = () => page.locator('[data-testid="requests-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-document-id')));
  await expect.poll(shown).toEqual(list.data.map((r) => r.documentId));
}

test('requests-admin', async ({ browser }) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const login = await api<{ data: { token: string } }>('POST', '/admin/login', null, { email: EMAIL, password: PASSWORD });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const token = login.body.data.token;
  assert.equal((await api('PUT', '/admin/users/me', token, { preferedLanguage: 'zh-Hans' })).status, 200);

  const orgs = await api<{ results: Array<{ documentId: string; name: string }> }>('GET', `/content-manager/collection-types/${ORG}?pageSize=100&sort=id:ASC`, token);
  assert.equal(orgs.status, 200);
  const county = orgs.body.results[0];
  const received = chinaDay(-10);
  const created = await api<{ data: { documentId: string; trackingNo: string; dueDate: string } }>('POST', `/content-manager/collection-types/${REQUEST}`, token, {
    organization: { connect: [{ documentId: county.documentId }] },
    receivedDate: received,
    submittedDate: received,
    channel: '网络',
    applicantCategory: '自然人',
    applicantName: '王小明',
    applicantPhone: '13900001111',
    applicantEmail: 'wangxm@example.com',
    requestedContent: '青山县城区道路改造工程的立项批复、资金来源及招标文件（界面测试）',
    purpose: '了解本人居住小区周边道路施工安排',
    deliveryMethod: '电子邮件',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { documentId, trackingNo } = created.body.data;
  console.log(`request ${trackingNo} (${documentId}) received ${received}, due ${created.body.data.dueDate}`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await handleOverlays(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|MISSING_TRANSLATION/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  try {
    await page.goto(`${BASE}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(EMAIL);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 30000 });
    await adminReady(page);

    // ------------------------------------------------------------------------------- the list
    console.log('list');
    const menu = page.getByRole('link', { name: '依申请公开办理' });
    await menu.first().waitFor({ timeout: 30000 });
    await menu.first().click();
    await page.waitForURL(/plugins\/requests-admin/);
    const table = page.locator('[data-testid="requests-table"]');
    await table.waitFor({ timeout: 30000 });
    await page.getByRole('heading', { name: '依申请公开办理' }).first().waitFor();
    await dismissOverlays(page);
    const overdueRows = table.locator('tbody tr[data-overdue="true"]');
    assert.ok((await overdueRows.count()) > 0, 'the seeded open requests are overdue and shown in red');
    const firstRed = await overdueRows.first().evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(firstRed, 'rgba(0, 0, 0, 0)', 'overdue rows have a background');
    await shot(page, '01-list');
    assert.ok(await table.getByText(trackingNo).isVisible(), 'the new request is listed (open requests by default)');

    // due dates ascending (rows without one last)
    const dues = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r.querySelectorAll('td')[5]?.textContent ?? '').slice(0, 10)));
    const dated = dues.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    assert.deepEqual(dated, [...dated].sort(), 'sorted by due date');

    await listAfter(page, () => page.locator('[data-testid="filter-overdue"] button[role="checkbox"]').click(), (q) => q.get('overdue') === 'true');
    await page.waitForURL(/overdue=true/);
    const rowsOverdue = await table.locator('tbody tr').count();
    assert.equal(await table.locator('tbody tr[data-overdue="false"]').count(), 0, 'only overdue rows');
    console.log(`  only overdue: ${rowsOverdue} rows`);
    await shot(page, '02-list-overdue');
    await listAfter(page, () => page.locator('[data-testid="filter-overdue"] button[role="checkbox"]').click(), (q) => q.get('overdue') !== 'true');

    // the demo's open requests are recent (dated relative to the seed day): filter by the year of the first one
    const year = ((await table.locator('tbody tr').first().locator('td').nth(3).textContent()) ?? '').slice(0, 4);
    assert.match(year, /^\d{4}$/, 'a received date in the list');
    await listAfter(page, () => pick(page, '[data-testid="filter-year"]', '收到申请年度', `${year}年`), (q) => q.get('year') === year);
    await page.waitForURL(new RegExp(`year=${year}`));
    const years = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r.querySelectorAll('td')[3]?.textContent ?? '').slice(0, 4)));
    assert.ok(years.length > 0 && years.every((y) => y === year), `year filter: ${years.join(',')}`);
    await listAfter(page, () => pick(page, '[data-testid="filter-org"]', '受理机关', county.name), (q) => q.has('org'));
    await page.waitForURL(/org=/);
    await shot(page, '03-list-filtered');
    // back to the unfiltered list, then open the new request
    await page.goto(PAGE_URL);
    await table.waitFor();
    await table.getByText(trackingNo).click();

    // ------------------------------------------------------------------------------- the request
    console.log('detail');
    await page.waitForURL(new RegExp(`plugins/requests-admin/${documentId}`));
    await page.locator('[data-testid="clock-summary"]').waitFor({ timeout: 30000 });
    await page.getByRole('heading', { name: trackingNo }).waitFor();
    await shot(page, '04-detail', { fullPage: true });

    // record an extension
    const form = '[data-testid="event-form"]';
    await pick(page, form, '事项', '延长答复期限');
    await page.locator(`${form} input[name="approvedBy"]`).fill('县政府办公室 李主任');
    await page.locator(`${form} button[role="checkbox"]`).click();
    await page.locator(`${form} textarea[name="note"]`).fill('涉及多个部门，需调取2019年以来的档案。');
    await shot(page, '05-event-form');
    await page.locator('[data-testid="event-submit"]').click();
    await page.locator('[data-testid="timeline"] [data-type="extended"]').waitFor({ timeout: 15000 });
    await page.locator('[data-testid="clock-extension"]').waitFor();
    const due = (await page.locator('[data-testid="clock-due"]').innerText()).trim();
    const provisional = await page.locator('[data-testid="clock-due"] [data-testid="provisional-badge"]').count();
    console.log(`  extended: ${due.replace(/\s+/g, ' ')}${provisional ? ' (暂定)' : ''}`);
    await shot(page, '06-extended', { fullPage: true });

    // a second extension: refused, the reason shown inline
    await pick(page, form, '事项', '延长答复期限');
    await page.locator('[data-testid="event-submit"]').click();
    const error = page.locator('[data-testid="event-error"]');
    await error.waitFor({ timeout: 15000 });
    const message = await error.innerText();
    assert.match(message, /只能延长一次/, message);
    console.log(`  second extension refused: ${message}`);
    await error.scrollIntoViewIfNeeded();
    await shot(page, '07-event-error');
    await page.getByRole('button', { name: '取消' }).first().click();

    // letters: receipt and extension notice, downloaded
    for (const kind of ['receipt', 'extension'] as const) {
      await page.locator(`[data-testid="letter-${kind}"]`).click();
      await page.locator(`[data-testid="letters-list"] li[data-kind="${kind}"]`).first().waitFor({ timeout: 15000 });
    }
    assert.ok(await page.locator('[data-testid="letter-reply"]').isDisabled(), 'no reply letter before a result is recorded');
    const downloadPromise = page.waitForEvent('download');
    await page.locator('[data-testid="letters-list"] li[data-kind="extension"] [data-testid="letter-download"]').first().click();
    const download = await downloadPromise;
    const saved = path.join(ARTIFACTS, `requests-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    const head = fs.readFileSync(saved).subarray(0, 2).toString('latin1');
    assert.equal(head, 'PK', 'a .docx (zip) was downloaded');
    assert.match(download.suggestedFilename(), /延期答复告知书\.docx$/);
    console.log(`  downloaded ${path.relative(process.cwd(), saved)}`);
    await page.locator('[data-testid="letters"]').scrollIntoViewIfNeeded();
    await shot(page, '08-letters');

    // the 文书日期 input is fully visible (nothing covers any part of it) and usable: a day picked in its
    // calendar becomes the date of the next letter; generating the receipt again replaces the first (已作废)
    const dateInput = page.locator('[data-testid="letter-date-field"] input').first();
    await dateInput.scrollIntoViewIfNeeded();
    const covered = await dateInput.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const points = [
        [r.left + 2, r.top + 2],
        [r.right - 2, r.top + 2],
        [r.left + 2, r.bottom - 2],
        [r.right - 2, r.bottom - 2],
        [r.left + r.width / 2, r.top + r.height / 2],
      ];
      const field = el.closest('[data-testid="letter-date-field"]')!;
      return points.filter(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return !hit || !field.contains(hit);
      }).length;
    });
    assert.equal(covered, 0, 'no point of the date input is covered by another element');
    const box = await dateInput.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0 && box.y >= 0 && box.y + box.height <= 1000, `date input on screen: ${JSON.stringify(box)}`);
    await dateInput.click();
    const firstDay = page.getByRole('gridcell', { name: /年\d+月1日/ }).first(); // e.g. “2026年12月1日星期二”
    await firstDay.waitFor({ timeout: 10000 });
    await firstDay.click();
    const chosen = await dateInput.inputValue();
    assert.ok(chosen.length > 0, 'a date is shown after picking a day');
    // the whole date is readable: the text is not clipped by the input
    assert.ok(await dateInput.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1), `the date “${chosen}” fits its input`);
    const regenerated = page.waitForResponse((r) => r.request().method() === 'POST' && /\/letters\/receipt$/.test(new URL(r.url()).pathname));
    await page.locator('[data-testid="letter-receipt"]').click();
    const letter = (await (await regenerated).json()) as { data: { letterDate: string; version: number } };
    assert.match(letter.data.letterDate, /^\d{4}-\d{2}-01$/, `the picked day is the letter date: ${letter.data.letterDate}`);
    assert.equal(letter.data.version, 2);
    await expect(page.locator('[data-testid="letters-list"] li[data-kind="receipt"][data-status="voided"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="letters-list"] li[data-kind="receipt"][data-status="valid"]')).toHaveCount(1);
    await shot(page, '08b-letter-date');

    // close with a 表三 result, then the 答复书
    await pick(page, form, '事项', '办结');
    await pick(page, form, '办理结果（表三）', '（一）予以公开');
    await page.locator('[data-testid="event-submit"]').click();
    await page.locator('[data-testid="timeline"] [data-type="closed"]').waitFor({ timeout: 15000 });
    await page.locator('[data-testid="letter-reply"]:not([disabled])').waitFor();
    await page.locator('[data-testid="letter-reply"]').click();
    await page.locator('[data-testid="letters-list"] li[data-kind="reply"]').first().waitFor({ timeout: 15000 });
    assert.match(await page.locator('[data-testid="clock-summary"]').innerText(), /已办结/);
    await shot(page, '09-closed', { fullPage: true });

    // open in the Content Manager
    await page.locator('[data-testid="open-in-cm"]').click();
    await page.waitForURL(new RegExp(`content-manager/collection-types/${REQUEST.replace(/[.]/g, '\\.')}/${documentId}`));
    // a text field since the applicant fields are stored encrypted (a textarea in the edit view)
    await expect(page.locator('[name="applicantName"]')).toHaveValue('王小明', { timeout: 30000 });
    await shot(page, '10-content-manager');

    // ------------------------------------------------------------------------------- English
    console.log('english');
    assert.equal((await api('PUT', '/admin/users/me', token, { preferedLanguage: 'en' })).status, 200);
    await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'en'));
    await page.goto(PAGE_URL);
    await table.waitFor({ timeout: 30000 });
    await page.getByRole('heading', { name: 'Requests on the clock' }).first().waitFor({ timeout: 15000 });
    // the default list shows the open requests only: the closed one is gone, the overdue ones remain
    assert.ok((await table.locator('tbody tr[data-overdue="true"]').count()) > 0, 'the overdue requests are still listed');
    assert.equal(await table.locator(`tbody tr[data-document-id="${documentId}"]`).count(), 0, 'a closed request leaves the open list');
    await shot(page, '11-list-en');
  } finally {
    await api('PUT', '/admin/users/me', token, { preferedLanguage: 'zh-Hans' }).catch(() => undefined);
    await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'zh-Hans')).catch(() => undefined);
  }
  assert.deepEqual(problems, [], `browser errors:\n  ${problems.join('\n  ')}`);
  console.log('ok');
});
