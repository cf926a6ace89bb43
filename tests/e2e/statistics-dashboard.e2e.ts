/**
 * Browser check of the statistics dashboard (plugins/statistics/admin) on a running demo app.
 * Not part of Jest (it needs a built admin and a running server). `npm run test:e2e -- statistics-dashboard` builds,
 * seeds a fresh database, starts a server and runs it (playwright.config.ts).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium),
 * DEMO_ADMIN_PASSWORD (default Demo12345). Screenshots go to tests/artifacts/ (gitignored).
 *
 * Checks: the 统计与检查 menu link opens the page; the headline figures equal GET /statistics/summary;
 * the month chart has one bar per month of the range; the 单项否决 banner and the failing rules match
 * GET /statistics/inspection and their links open the Content Manager edit view; a bar of the
 * organisation chart switches the organisation; XLSX / CSV / .docx / .xlsx download and the HTML
 * preview opens in a new tab; the page is also checked in English.
 */
import fs from 'fs';
import path from 'path';
import assert from 'assert/strict';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { adminReady, BASE, handleOverlays, resize, settled } from './support';

const PASSWORD = process.env.DEMO_ADMIN_PASSWORD ?? 'Demo12345';
const EMAIL = 'admin@demo.gov.cn';
const ARTIFACTS = path.resolve(process.cwd(), 'tests/artifacts');
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

async function api<T = any>(url: string, token: string): Promise<T> {
  const res = await fetch(`${BASE}${url}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The admin scrolls inside its own container, so `fullPage` alone stops at the window: for a whole-page
 * shot the viewport is grown to the tallest scrolling element first, then restored.
 */
async function setLanguage(token: string, lang: string) {
  const res = await fetch(`${BASE}/admin/users/me`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ preferedLanguage: lang }) });
  assert.equal(res.status, 200, `preferedLanguage ${lang}`);
}

async function shot(page: Page, name: string, fullPage = true) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('body, body *')).map((el) => el.scrollHeight)));
    await resize(page, { width: viewport.width, height: Math.min(height + 40, 8000) });
  }
  await settled(page);
  await page.screenshot({ path: file, fullPage });
  if (fullPage && viewport) await resize(page, viewport);
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`);
}

async function dismissOverlays(page: Page) {
  for (const name of [/^(Close the banner|关闭横幅)/, /^(Skip|跳过)$/]) {
    const button = page.getByRole('button', { name }).first();
    if (await button.isVisible().catch(() => false)) await button.click().catch(() => undefined);
  }
}

test('statistics-dashboard', async ({ browser }) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const login = await fetch(`${BASE}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
  const token = ((await login.json()) as any).data.token as string;
  const orgs = await api<{ results: Array<{ documentId: string; name: string; parent: unknown }> }>('/content-manager/collection-types/api::organization.organization?pageSize=100', token);
  const root = orgs.results.find((o) => !o.parent)!;
  const from = `${today.slice(0, 4)}-01-01`;
  const summary = await api<any>(`/statistics/summary?org=${root.documentId}&from=${from}&to=${today}`, token);
  const inspection = await api<any>(`/statistics/inspection?org=${root.documentId}`, token);

  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await handleOverlays(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|MISSING_TRANSLATION/.test(m.text())) problems.push(`console: ${m.text().slice(0, 400)}`);
  });
  try {
    await page.goto(`${BASE}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(EMAIL);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 30000 });
    await adminReady(page);

    console.log('menu link → 统计与检查');
    await page.getByRole('link', { name: '统计与检查' }).first().click();
    await page.waitForURL(/\/admin\/plugins\/statistics/);
    await page.getByRole('heading', { name: '统计与检查', level: 1 }).waitFor();
    await page.locator('[data-testid="statistics-inspection"] [data-testid^="statistics-rule-"]').first().waitFor({ timeout: 30000 });
    await page.locator('[data-testid="statistics-chart-by-period"] svg').waitFor();
    await settled(page);
    await dismissOverlays(page);

    console.log('headline figures equal the summary route');
    assert.equal((await page.locator('[data-testid="statistics-published"] p').textContent())?.replace(/,/g, ''), String(summary.items.published));
    assert.equal(await page.locator('[data-testid="statistics-fulltext-rate"] p').textContent(), summary.items.fullTextRate === null ? '-' : `${summary.items.fullTextRate}%`);
    assert.equal(await page.locator('[data-testid="statistics-requests-received"] p').textContent(), String(summary.requests.received));
    const months = Number(today.slice(5, 7));
    assert.equal(await page.locator('[data-testid="statistics-chart-by-period"] g[data-period]').count(), months, 'one bar per month');
    assert.equal(await page.locator('[data-testid="statistics-chart-by-org"] g[data-key]').count(), Math.min(15, summary.items.byOrganization.length));

    console.log('inspection: 单项否决 banner and failing rules');
    assert.equal(await page.locator('[data-testid="statistics-single-veto"]').isVisible(), inspection.singleVeto);
    for (const rule of inspection.failing) {
      const block = page.locator(`[data-testid="statistics-rule-${rule.rule}"]`);
      assert.ok(await block.isVisible(), `rule ${rule.rule} shown`);
      assert.equal(await block.locator('tbody tr').count(), Math.min(8, rule.entries.length));
    }
    await dismissOverlays(page);
    await shot(page, 'statistics-dashboard');
    await shot(page, 'statistics-dashboard-top', false);

    console.log('downloads: summary XLSX / CSV, annual report .docx / .xlsx');
    for (const [testId, ext] of [['statistics-export-xlsx', 'xlsx'], ['statistics-export-csv', 'csv'], ['statistics-report-docx', 'docx'], ['statistics-report-xlsx', 'xlsx']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.locator(`[data-testid="${testId}"]`).click()]);
      const file = path.join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(file);
      const head = fs.readFileSync(file).subarray(0, 4);
      if (ext === 'csv') assert.ok(fs.readFileSync(file, 'utf8').includes('主动公开条数'), 'CSV has the headline figures');
      else assert.equal(head.toString('latin1', 0, 2), 'PK', `${testId}: a zip (OOXML) file`);
      console.log(`  ${testId} → ${download.suggestedFilename()} (${fs.statSync(file).size} bytes)`);
    }

    console.log('annual report HTML preview in a new tab');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('[data-testid="statistics-report-html"]').click()]);
    await popup.waitForURL(/^blob:/, { timeout: 30000 });
    await popup.waitForLoadState();
    assert.match(await popup.title(), /年度报告/);
    await popup.setViewportSize({ width: 1100, height: 1000 });
    await shot(popup, 'statistics-annual-report-preview', false);
    await popup.close();

    console.log('a link of a failing rule opens the Content Manager edit view');
    const firstLink = page.locator('[data-testid^="statistics-rule-"] tbody a').first();
    const href = await firstLink.getAttribute('href');
    assert.match(href ?? '', /\/admin\/content-manager\/collection-types\/api::[a-z-]+\.[a-z-]+\/[a-z0-9]+$/);
    await firstLink.click();
    await page.waitForURL(/\/content-manager\/collection-types\//);
    await page.goBack();
    await page.locator('[data-testid="statistics-chart-by-org"] g[data-key]').first().waitFor({ timeout: 30000 });

    console.log('a bar of the organisation chart switches the organisation');
    const target = summary.items.byOrganization.find((o: any) => o.documentId !== root.documentId);
    await page.locator(`[data-testid="statistics-chart-by-org"] g[data-key="${target.documentId}"]`).click();
    await page.waitForFunction((name) => document.querySelector('[data-testid="statistics-org-picker"]')?.textContent?.includes(name), target.name);
    // the department's figures have loaded: the headline equals its summary
    const targetSummary = await api<any>(`/statistics/summary?org=${target.documentId}&from=${from}&to=${today}`, token);
    await expect.poll(async () => (await page.locator('[data-testid="statistics-published"] p').textContent())?.replace(/,/g, '')).toBe(String(targetSummary.items.published));
    await shot(page, 'statistics-dashboard-department', false);
    await resize(page, { width: 1024, height: 900 });
    await shot(page, 'statistics-dashboard-narrow');
    await resize(page, { width: 1440, height: 1000 });

    console.log('English');
    // the admin follows the user's preferred language (restored in finally)
    await setLanguage(token, 'en');
    await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'Statistics & inspection', level: 1 }).waitFor({ timeout: 30000 });
    await page.locator('[data-testid="statistics-chart-by-period"] svg').waitFor();
    await page.locator('[data-testid="statistics-inspection"] [data-testid^="statistics-rule-"]').first().waitFor({ timeout: 30000 });
    await shot(page, 'statistics-dashboard-en', false);

    assert.deepEqual(problems, [], problems.join('\n'));
    console.log('ok');
  } finally {
    await setLanguage(token, 'zh-Hans').catch(() => undefined);
  }
});
