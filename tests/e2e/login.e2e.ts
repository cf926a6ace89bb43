/**
 * The front door in Chinese (issue 16) and the 等保 lock-out (issue 14, plugins/security auth/lockout.ts) in a
 * browser: a browser that never chose a language gets the login page in 简体中文 (src/admin/app.tsx), a wrong
 * password is answered in Chinese, and after 5 failures the page says the account is locked and for how long.
 * The right password is refused while the lock lasts. Uses the demo office account (its own e-mail: the other
 * specs' users are not locked); the server is this spec's own (fixtures.ts).
 */
import assert from 'assert/strict';
import { expect, test } from './fixtures';
import { api, BASE, PASSWORD, shot, USERS } from './support';

test('login', async ({ browser }) => {
  // a browser in English, no stored language: the platform's default is still 简体中文
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${BASE}/admin/auth/login`);
  await expect(page.getByText('欢迎使用政府信息公开平台')).toBeVisible({ timeout: 30000 });
  await shot(page, 'login-01-chinese');

  const email = USERS.office;
  for (let i = 1; i <= 5; i++) {
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(`Wrong-${i}-password`);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/login' && r.request().method() === 'POST'),
      page.locator('button[type="submit"]').click(),
    ]);
    if (i < 5) assert.equal(answer.status(), 400, `attempt ${i}`);
  }
  // locked now: even the right password is refused, with the minutes left, in Chinese
  await page.locator('input[name="password"]').fill(PASSWORD);
  const [locked] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/login' && r.request().method() === 'POST'),
    page.locator('button[type="submit"]').click(),
  ]);
  assert.equal(locked.status(), 429);
  const message = ((await locked.json()) as { error: { message: string } }).error.message;
  assert.match(message, /锁定/, message);
  assert.match(message, /分钟/, message);
  await expect(page.getByText(/锁定/).first()).toBeVisible({ timeout: 10000 });
  await shot(page, 'login-02-locked');
  assert.equal(new URL(page.url()).pathname, '/admin/auth/login', 'still on the login page');

  // the lock is the account's and the address's: the API says the same
  const direct = await api<{ error: { message: string } }>('POST', '/admin/login', null, { email, password: PASSWORD });
  assert.equal(direct.status, 429);
  await context.close();
});
