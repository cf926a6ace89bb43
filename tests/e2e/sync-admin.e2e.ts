/**
 * Browser check of the 同步推送 admin page (plugins/sync/admin) on a running demo app whose sync worker
 * runs (the default outside NODE_ENV=test; SYNC_WORKER=false would turn it off). Not part of Jest.
 * `npm run test:e2e -- sync-admin` builds, seeds a fresh database, starts a server and runs it
 * (playwright.config.ts).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium),
 * DEMO_ADMIN_PASSWORD (default Demo12345). Screenshots go to tests/artifacts/ (gitignored). The server
 * must reach 127.0.0.1 (the receiver runs inside this script).
 *
 * Steps: a receiver on 127.0.0.1 that answers 503; a push target created through the admin API
 * (POST /sync/targets: the laws of two departments of the demo county, maxAttempts 2, backoff 100 ms),
 * so its deliveries dead-letter within seconds; the 同步推送 menu link lists the target and the page
 * shows its dead letters (it refreshes itself); the target page lists them with the last error; the
 * receiver recovers; 跳过 one dead letter (with its confirmation), 重新投递 one, then 全部重新投递; the
 * dead letter count goes to 0, the backlog to 0, the last success is set, on the target page and in the
 * list, and the figures equal GET /sync/targets/:key. The receiver got every event but the skipped one.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import assert from 'assert/strict';
import type { AddressInfo } from 'net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { adminReady, BASE, handleOverlays, resize, settled } from './support';

const PASSWORD = process.env.DEMO_ADMIN_PASSWORD ?? 'Demo12345';
const EMAIL = 'admin@demo.gov.cn';
const ARTIFACTS = path.resolve(process.cwd(), 'tests/artifacts');
const KEY = `e2e-province-${Date.now().toString(36)}`;
/** two departments of the demo county (scripts/seed-data.ts) with a few laws each */
const ORGS = ['000014350', '000014351'];

async function api<T = any>(method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function shot(page: Page, name: string) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  const viewport = page.viewportSize();
  if (viewport) {
    const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('body, body *')).map((el) => el.scrollHeight)));
    await resize(page, { width: viewport.width, height: Math.min(height + 40, 6000) });
  }
  await settled(page);
  await page.screenshot({ path: file, fullPage: true });
  if (viewport) await resize(page, viewport);
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`);
}

/** Strapi's promotional banner and guided tour (never this page's own buttons, which are not named exactly so). */
async function dismissOverlays(page: Page) {
  for (const name of [/^(Close the banner|关闭横幅)/, /^(Skip|跳过)$/]) {
    const button = page.getByRole('button', { name }).first();
    if (await button.isVisible().catch(() => false)) await button.click().catch(() => undefined);
  }
}

/** The push receiver: 503 until `ok`, then 200; records the Idempotency-Keys it accepted. */
function startReceiver() {
  const state = { ok: false, accepted: [] as string[], refused: 0 };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (!state.ok) {
        state.refused++;
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('平台维护中');
        return;
      }
      state.accepted.push(String(req.headers['idempotency-key']));
      res.writeHead(200).end('ok');
    });
  });
  return new Promise<{ state: typeof state; server: http.Server; url: string }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ state, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/receive` }))
  );
}

const figure = (page: Page, testId: string) => page.locator(`[data-testid="${testId}-value"]`);

async function waitForText(page: Page, selector: string, predicate: (text: string) => boolean, what: string, timeoutMs = 60000) {
  let last = '';
  await expect
    .poll(async () => {
      last = ((await page.locator(selector).first().textContent().catch(() => null)) ?? '').trim();
      return predicate(last);
    }, { message: `waiting for ${what} (last: “${last}”)`, timeout: timeoutMs })
    .toBe(true);
  return last;
}

test('sync-admin', async ({ browser }) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const receiver = await startReceiver();
  const login = await fetch(`${BASE}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
  assert.equal(login.status, 200, 'admin login');
  const token = ((await login.json()) as any).data.token as string;

  console.log(`create the target ${KEY} → ${receiver.url} (answers 503)`);
  const created = await api('POST', '/sync/targets', token, {
    key: KEY, name: '省政务公开平台（测试）', url: receiver.url, secret: 'e2e-shared-secret-0123456789', organizations: ORGS, types: ['law'],
    maxAttempts: 2, backoffMs: 100, timeoutMs: 3000,
  });
  assert.equal(created.status, 201, `POST /sync/targets: ${JSON.stringify(created.body)}`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await handleOverlays(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|MISSING_TRANSLATION|AbortError|canceled/.test(m.text())) problems.push(`console: ${m.text().slice(0, 400)}`);
  });
  try {
    await page.goto(`${BASE}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(EMAIL);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 30000 });
    await adminReady(page);

    console.log('menu link → 同步推送: the target is listed');
    await page.getByRole('link', { name: '同步推送' }).first().click();
    await page.waitForURL(/\/admin\/plugins\/sync$/);
    await page.getByRole('heading', { name: '同步推送', level: 1 }).waitFor();
    const row = page.locator(`[data-testid="sync-targets-table"] tr[data-target-key="${KEY}"]`);
    await row.waitFor({ timeout: 30000 });
    assert.match((await row.textContent()) ?? '', /省政务公开平台（测试）/);
    assert.match((await row.textContent()) ?? '', new RegExp(ORGS.join('、')));
    assert.match((await row.locator('[data-testid="sync-enabled"]').textContent()) ?? '', /已启用/);

    console.log('the worker dead-letters the deliveries: the list shows them (it refreshes itself)');
    await expect.poll(() => receiver.state.refused, { message: 'no push reached the receiver within 30 s: does the server run the sync worker (SYNC_WORKER)?', timeout: 30000 }).toBeGreaterThan(0);
    const deadInList = await waitForText(page, `tr[data-target-key="${KEY}"] [data-testid="sync-dead-value"]`, (s) => Number(s) >= 3, 'three dead letters in the list', 90000);
    console.log(`  ${deadInList} dead letters; receiver refused ${receiver.state.refused} requests`);
    assert.match((await row.locator('[data-testid="sync-last-success"]').textContent()) ?? '', /从未/);
    assert.ok(Number(await row.locator('[data-testid="sync-lag-value"]').textContent()) >= Number(deadInList), 'the backlog counts the dead letters');
    assert.match((await row.locator('[data-testid="sync-failures"]').textContent()) ?? '', /失败尝试 \d+ 次/);
    await dismissOverlays(page);
    await shot(page, 'sync-admin-list-dead');

    console.log('the target page: figures and dead letters with the last error');
    await row.locator('[data-testid="sync-target-link"]').click();
    await page.waitForURL(new RegExp(`/admin/plugins/sync/${KEY}$`));
    await page.getByRole('heading', { name: `省政务公开平台（测试）（${KEY}）`, level: 1 }).waitFor({ timeout: 30000 });
    // wait for the fan-out and the attempts to settle: every law of the two departments dead or blocked behind one
    // (nothing in flight or retrying, and the same count twice in a row: the rest waits behind a dead letter of its document)
    let stats: any = null;
    let previous = -1;
    await expect
      .poll(async () => {
        stats = (await api('GET', `/sync/targets/${KEY}`, token)).body.data.stats;
        const settledNow = stats.notFannedOut === 0 && stats.inFlight === 0 && stats.retrying === 0 && stats.dead >= 3 && stats.dead === previous;
        previous = stats.dead;
        return settledNow;
      }, { message: 'the deliveries settle (nothing in flight, retrying or to fan out; the dead count unchanged)', intervals: [1000], timeout: 90000 })
      .toBe(true);
    console.log(`  settled: ${JSON.stringify(stats)}`);
    await waitForText(page, '[data-testid="sync-stat-dead-value"]', (s) => s === String(stats.dead), `${stats.dead} dead letters on the target page`);
    assert.equal(await page.locator('[data-testid="sync-dead-row"]').count(), stats.dead);
    assert.match((await page.locator('[data-testid="sync-dead-row"]').first().textContent()) ?? '', /HTTP 503/);
    assert.match((await page.locator('[data-testid="sync-last-error"]').textContent()) ?? '', /HTTP 503：平台维护中/);
    assert.equal((await figure(page, 'sync-stat-last-success').textContent())?.trim(), '从未');
    assert.ok(await page.locator('[data-testid="sync-recent"] tr[data-status="dead"]').count() > 0, 'recent deliveries list the dead ones');
    await shot(page, 'sync-admin-target-dead');

    console.log('the platform recovers');
    receiver.state.ok = true;
    const deadBefore = stats.dead as number;

    console.log('跳过 one dead letter, with its confirmation');
    const first = page.locator('[data-testid="sync-dead-row"]').first();
    const skippedId = Number(await first.getAttribute('data-delivery-id'));
    await first.locator('[data-testid="sync-skip-one"]').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /确定永久放弃事件/);
    await shot(page, 'sync-admin-skip-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('[data-testid="sync-dead-row"]').count(), deadBefore, 'cancel keeps the dead letter');
    await first.locator('[data-testid="sync-skip-one"]').click();
    await page.locator('[data-testid="sync-skip-confirm"]').click();
    await waitForText(page, '[data-testid="sync-stat-dead-value"]', (s) => s === String(deadBefore - 1), 'one dead letter fewer after 跳过');
    assert.equal(await page.locator(`[data-testid="sync-dead-row"][data-delivery-id="${skippedId}"]`).count(), 0);

    console.log('重新投递 one dead letter');
    const second = page.locator('[data-testid="sync-dead-row"]').first();
    const replayedId = Number(await second.getAttribute('data-delivery-id'));
    await second.locator('[data-testid="sync-replay-one"]').click();
    await waitForText(page, '[data-testid="sync-stat-last-success-value"]', (s) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(s), 'a last success time');
    await waitForText(page, '[data-testid="sync-stat-dead-value"]', (s) => s === String(deadBefore - 2), 'one dead letter fewer after 重新投递');
    const replayed = (await api('GET', `/sync/targets/${KEY}/deliveries?status=delivered`, token)).body.data.map((d: any) => d.id);
    assert.ok(replayed.includes(replayedId), 'the replayed dead letter was delivered');

    console.log('全部重新投递');
    await page.locator('[data-testid="sync-replay-all"]').click();
    await waitForText(page, '[data-testid="sync-stat-dead-value"]', (s) => s === '0', 'no dead letter left');
    await waitForText(page, '[data-testid="sync-stat-lag-value"]', (s) => s === '0', 'no backlog left');
    await page.locator('[data-testid="sync-no-dead"]').waitFor();
    assert.equal(await page.locator('[data-testid="sync-replay-all"]').count(), 0);

    const final = (await api('GET', `/sync/targets/${KEY}`, token)).body.data.stats;
    assert.equal(final.dead, 0);
    assert.equal(final.lag, 0);
    assert.equal(final.skipped, 1);
    assert.ok(final.lastSuccessAt, 'last success set');
    assert.equal(final.delivered, receiver.state.accepted.length);
    const skippedKey = (await api('GET', `/sync/targets/${KEY}/deliveries?status=skipped`, token)).body.data[0].idempotencyKey;
    assert.ok(!receiver.state.accepted.includes(skippedKey), 'the skipped event was never sent again');
    assert.equal(new Set(receiver.state.accepted).size, receiver.state.accepted.length, 'each event accepted once');
    const shownTime = (await figure(page, 'sync-stat-last-success').textContent())?.trim();
    assert.equal(shownTime, new Date(Date.parse(final.lastSuccessAt) + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' '), 'last success as on the server (China time)');
    assert.equal((await figure(page, 'sync-stat-failures').textContent())?.trim(), String(final.failures));
    await shot(page, 'sync-admin-target-recovered');

    console.log('back to the list: 0 dead letters, last success set');
    await page.getByRole('link', { name: '返回推送目标列表' }).click();
    await page.waitForURL(/\/admin\/plugins\/sync$/);
    await waitForText(page, `tr[data-target-key="${KEY}"] [data-testid="sync-dead-value"]`, (s) => s === '0', '0 dead letters in the list');
    await waitForText(page, `tr[data-target-key="${KEY}"] [data-testid="sync-last-success"]`, (s) => s === shownTime, 'the last success time in the list');
    assert.equal((await page.locator(`tr[data-target-key="${KEY}"] [data-testid="sync-lag-value"]`).textContent())?.trim(), '0');
    await shot(page, 'sync-admin-list-recovered');

    assert.deepEqual(problems, [], problems.join('\n'));
    console.log(`ok: ${receiver.state.accepted.length} deliveries accepted, 1 skipped`);
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'sync-admin-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    // the target goes with the spec's database (a fresh copy per spec); remove it all the same
    await api('DELETE', `/sync/targets/${KEY}`, token).catch(() => undefined);
    await new Promise((r) => receiver.server.close(r));
  }
});
