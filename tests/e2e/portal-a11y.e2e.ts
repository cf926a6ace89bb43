/**
 * Accessibility of the reference portal (public/portal) with axe-core (@axe-core/playwright): every route —
 * home, a catalogue node's list, the full item list, an item page, laws and a law, the annual reports and a
 * report, search with results and filters, the application form with its error summary, the status query,
 * 联系我们 and 网站地图 — on a desktop and a phone viewport, in normal and 大字版 text: no serious or
 * critical violation (moderate and minor ones are printed, not failed). Run: `npm run test:e2e -- portal-a11y`.
 * Env: CHROMIUM_PATH (default /usr/bin/chromium).
 *
 * All of axe's rules run (WCAG 2.0/2.1 A and AA and its best practices), on the whole page (header, footer
 * with the site frame, <main>), after the router has rendered the route.
 */
import assert from 'assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page } from '@playwright/test';
import { test } from './fixtures';
import { BASE } from './support';

const PORTAL = `${BASE}/portal/`;

async function json<T = any>(url: string): Promise<T> {
  const res = await fetch(`${BASE}/api/gov/v1${url}`);
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return (await res.json()) as T;
}

async function settled(page: Page) {
  await page.locator('main:not([aria-busy]) h1').first().waitFor({ timeout: 20000 });
}

const MODES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, large: false },
  { name: 'desktop 大字版', viewport: { width: 1280, height: 800 }, isMobile: false, large: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, large: false },
  { name: 'phone 大字版', viewport: { width: 390, height: 844 }, isMobile: true, large: true },
];

async function contextFor(browser: Browser, mode: (typeof MODES)[number]) {
  const context = await browser.newContext({ viewport: mode.viewport, isMobile: mode.isMobile, hasTouch: mode.isMobile, locale: 'zh-CN' });
  // text-size.js reads the stored choice before the first paint, as on a returning visitor's phone
  await context.addInitScript(`try { localStorage.setItem('gov-portal:large-text', '${mode.large ? 'on' : 'off'}'); } catch (e) {}`);
  return context;
}

test('portal accessibility (axe-core)', async ({ browser }) => {
  test.setTimeout(Math.max(600, Number(process.env.E2E_SPEC_TIMEOUT || 0)) * 1000);
  const { data: trees } = await json('/catalogue');
  const county = trees[0].organization;
  const node = trees[0].nodes.find((n: any) => n.children.length && n.totalItemCount > 0).children.find((c: any) => c.totalItemCount > 0);
  const item = (await json(`/items?org=${county.code}&node=${node.code}&limit=1`)).data[0];
  const law = (await json('/laws?status=废止&limit=1')).data[0];
  const report = (await json(`/annual-reports?org=${county.code}`)).data[0];
  const year = item.publishDate.slice(0, 4);

  /** [name, hash route, what to do once it is rendered]. */
  const routes: Array<[string, string, ((page: Page) => Promise<void>)?]> = [
    ['home', ''],
    ['catalogue node', `#/items?org=${county.code}&node=${node.code}`],
    ['item list', `#/items?org=${county.code}`],
    ['item page', `#/item/${encodeURIComponent(item.id)}`],
    ['laws', '#/laws'],
    ['law page', `#/law/${law.id}`],
    ['annual reports', `#/annual-reports?org=${county.code}`],
    ['annual report', `#/annual-report/${report.id}`],
    ['search with results', `#/search?q=${encodeURIComponent('预算')}`],
    ['search with filters', `#/search?q=${encodeURIComponent('通知')}&org=${county.code}&year=${year}`],
    [
      'request form with its error summary',
      `#/request?org=${county.code}`,
      async (page) => {
        await page.getByRole('button', { name: '提交申请' }).click();
        await page.locator('.error-summary:not([hidden]) li').first().waitFor();
      },
    ],
    ['request status', '#/request/status'],
    ['contact', '#/contact'],
    ['site map', '#/sitemap'],
  ];

  // the check itself: axe does flag what a careless change would bring (an image without text, a nameless field)
  {
    const context = await contextFor(browser, MODES[0]);
    const page = await context.newPage();
    await page.goto(PORTAL);
    await settled(page);
    await page.evaluate(`document.getElementById('main').append(Object.assign(document.createElement('img'), { src: './emblem.svg' }), document.createElement('input'))`);
    const flagged = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    assert.deepEqual(flagged.filter((id) => ['image-alt', 'label'].includes(id)).sort(), ['image-alt', 'label'], `axe flags the planted faults: ${flagged.join(', ')}`);
    await context.close();
  }

  const failures: string[] = [];
  for (const mode of MODES) {
    const context = await contextFor(browser, mode);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      for (const [name, route, then] of routes) {
        await page.goto(`${PORTAL}${route}`);
        await settled(page);
        // the site frame (./site.json) is drawn into the footer once it has arrived
        await page.locator('[data-site="frame"] p').first().waitFor();
        if (then) await then(page);
        assert.equal(await page.evaluate(`document.documentElement.classList.contains('large-text')`), mode.large, `${mode.name}: 大字版 state`);
        // axe checks what is rendered: open the collapsed sections (catalogue tree, filters) so their content counts
        await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
        const { violations, passes } = await new AxeBuilder({ page }).analyze();
        assert.ok(passes.length > 10, `${mode.name} · ${name}: axe ran its rules (${passes.length} passed)`);
        for (const v of violations) {
          const line = `${mode.name} · ${name}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`;
          console.log(`  ${line}`);
          if (v.impact === 'serious' || v.impact === 'critical') failures.push(line);
        }
        console.log(`${mode.name} · ${name}: ${violations.length ? `${violations.length} rule(s) flagged` : 'clean'}`);
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, [], `${mode.name}: no page errors`);
  }
  assert.deepEqual(failures, [], 'no serious or critical accessibility violation');
});
