/**
 * Helpers shared by the browser specs (tests/e2e/*.e2e.ts): the demo users, the admin API with a
 * Bearer token, one UI login per user, screenshots, the review panel of the Content Manager edit view.
 * Not a spec itself (playwright.config.ts runs only *.e2e.ts).
 *
 * Env: E2E_BASE_URL (default: this worker's server, see server.ts workerPort), DEMO_ADMIN_PASSWORD
 * (default Demo12345). Run from the repository root: screenshots go to tests/artifacts/ (gitignored).
 */
import fs from 'fs';
import path from 'path';
import assert from 'assert/strict';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { workerPortOrNull } from './server';

/** The server of this worker (fixtures.ts starts one per spec on it). */
export const BASE = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${workerPortOrNull() ?? 1340}`;
export const PASSWORD = process.env.DEMO_ADMIN_PASSWORD ?? 'Demo12345';
export const ARTIFACTS = path.resolve(process.cwd(), 'tests/artifacts');
export const ITEM = 'api::disclosure-item.disclosure-item';
export const ORG = 'api::organization.organization';
export const USERS = {
  admin: 'admin@demo.gov.cn',
  drafter: 'drafter@demo.gov.cn',
  dept: 'reviewer@demo.gov.cn',
  secrecy: 'secrecy@demo.gov.cn',
  leader: 'leader@demo.gov.cn',
  clerk: 'clerk@demo.gov.cn',
  office: 'office@demo.gov.cn',
} as const;
/** Organisation codes of the demo county (scripts/seed-data.ts): the role users belong to the department. */
export const COUNTY_CODE = '000014349';
export const DEPARTMENT_CODE = '000014351';
export const DEPARTMENT_NAME = '青山县发展和改革局';
export type Who = keyof typeof USERS;

export async function api<T = any>(method: string, url: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T };
}

/** An admin JWT (counts as one of the 5 logins per user and IP that Strapi allows in 5 minutes). */
export async function token(who: Who): Promise<string> {
  const res = await api<{ data: { token: string } }>('POST', '/admin/login', null, { email: USERS[who], password: PASSWORD });
  assert.equal(res.status, 200, `login ${who}: ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

/**
 * Resolves when the page has settled for a screenshot: web fonts loaded, every running CSS transition and
 * animation finished (the design system's open/close animations), and two frames painted since.
 */
export async function settled(page: Page) {
  await page.evaluate(`(async () => {
    await document.fonts.ready;
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  })()`);
}

/** Resizes the viewport and waits until the page has laid out and painted at the new size. */
export async function resize(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await page.waitForFunction(`window.innerWidth === ${size.width} && window.innerHeight === ${size.height}`);
  await settled(page);
}

/**
 * Strapi's promotional banner and guided tour can appear at any moment after login: dismissed whenever they
 * show before an action or an auto-waiting assertion (Playwright's locator handlers), not after a guessed delay.
 */
export async function handleOverlays(page: Page) {
  // Strapi's own buttons only (untranslated in zh-Hans): the upsell banner's close button, and the guided tour's
  // Skip inside its popover (role dialog) — never the app's own 关闭 / 跳过 buttons (e.g. 跳过 of a sync delivery)
  const overlays = [page.getByRole('button', { name: /^Close the banner/ }), page.getByRole('dialog').getByRole('button', { name: 'Skip', exact: true })];
  for (const overlay of overlays) {
    await page.addLocatorHandler(overlay.first(), async (button) => {
      await button.click().catch(() => undefined);
    }, { noWaitAfter: true });
  }
}

export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`);
}

/** Strapi's own promotional banner and guided tour cover the page; dismiss them when they show. */
export async function dismissOverlays(page: Page) {
  for (const name of [/^(Close the banner|关闭)/, /^(Skip|跳过)$/]) {
    const button = page.getByRole('button', { name }).first();
    if (await button.isVisible().catch(() => false)) await button.click().catch(() => undefined);
  }
}

/** After login: the admin panel has rendered its main navigation; overlays shown by then are dismissed. */
export async function adminReady(page: Page) {
  await page.getByRole('navigation').first().waitFor({ timeout: 30000 });
  await settled(page);
  await dismissOverlays(page);
}

/** The page last opened by `login` (for a screenshot when a spec fails). */
let current: Page | null = null;
export const currentPage = () => current;
export function setCurrentPage(page: Page | null) {
  current = page;
}

/** A screenshot of the page in use as tests/artifacts/<name>.png, if there is one. */
export async function failureShot(name = 'failure') {
  if (current && !current.isClosed()) await current.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) }).catch(() => undefined);
}

/**
 * One UI login per user and run: Strapi rate-limits POST /admin/login (5 per email and IP in 5 minutes),
 * so a spec logs in once per user and reuses the browser context.
 */
export async function login(browser: Browser, who: Who): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  current = page;
  await handleOverlays(page);
  page.on('pageerror', (e) => console.log(`  [pageerror ${who}] ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|MISSING_TRANSLATION|^AbortError/.test(m.text())) console.log(`  [console ${who}] ${m.text()}`);
  });
  await page.goto(`${BASE}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(USERS[who]);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 30000 });
  await adminReady(page);
  return { context, page };
}

export const editUrl = (documentId: string, uid: string = ITEM) => `${BASE}/admin/content-manager/collection-types/${uid}/${documentId}`;
export const panel = (page: Page) => page.locator('[data-testid="review-panel"]');

export async function openEdit(page: Page, documentId: string) {
  current = page;
  await page.goto(editUrl(documentId));
  await panel(page).waitFor({ timeout: 30000 });
  await settled(page);
  await dismissOverlays(page);
}

/**
 * Chooses a value of a closed-list field (plugins/gov-fields select: 体裁分类, 公开方式 …) in the Content Manager
 * edit view: opens the field's dropdown and clicks the option.
 */
export async function chooseOption(page: Page, field: string, value: string) {
  await page.locator(`[data-gov-field="${field}"] [role="combobox"]`).click();
  await page.getByRole('option', { name: value, exact: true }).click();
}

/** Scroll so that the element's top is in view (the edit view scrolls as a whole). */
export async function reveal(page: Page, selector: string) {
  await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).scrollIntoView({ block: 'start' })`);
  await settled(page);
}

/** The whole 审核发布 side panel (card title included), however tall: shot on a tall viewport, clipped. */
export async function panelShot(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1440, height: 1000 };
  await resize(page, { width: viewport.width, height: 3000 });
  await reveal(page, '[data-testid="review-panel"]');
  const box = await page.locator('[data-testid="review-panel"]').boundingBox();
  assert.ok(box, 'panel on screen');
  const file = path.join(ARTIFACTS, `${name}.png`);
  const top = Math.max(0, box.y - 52);
  await page.screenshot({ path: file, clip: { x: Math.max(0, box.x - 20), y: top, width: box.width + 40, height: box.y - top + box.height + 20 } });
  await resize(page, viewport);
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`);
}

/** An organisation by its code, as `tokenOf` sees it in the Content Manager. */
export async function orgByCode(tokenOf: string, code: string): Promise<{ id: number; documentId: string; name: string; code: string }> {
  const orgs = await api<{ results: Array<{ id: number; documentId: string; name: string; code: string }> }>('GET', `/content-manager/collection-types/${ORG}?filters[code][$eq]=${code}&pageSize=1`, tokenOf);
  assert.equal(orgs.status, 200, JSON.stringify(orgs.body));
  assert.equal(orgs.body.results.length, 1, `organisation ${code}`);
  return orgs.body.results[0];
}

/** The county government (000014349), as the admin sees it. */
export const county = (adminToken: string) => orgByCode(adminToken, COUNTY_CODE);

/**
 * 青山县发展和改革局 (000014351): the demo's role users (拟稿人, 部门审核人, 保密审查员, 签发领导,
 * 依申请公开经办人) belong to it and only to it (src/foundation/demo.ts).
 */
export const department = (adminToken: string) => orgByCode(adminToken, DEPARTMENT_CODE);

/**
 * A 公开目录 column of an organisation (a catalogue node without children), as `tokenOf` sees it: 主动公开 items
 * need a 所属目录 to be 送审 (check metadata.catalogue).
 */
export async function columnOf(tokenOf: string, orgDocumentId: string): Promise<{ documentId: string; name: string }> {
  const nodes = await api<{ results: Array<{ documentId: string; name: string; children?: { count: number } }> }>(
    'GET',
    `/content-manager/collection-types/api::catalogue-node.catalogue-node?filters[organization][documentId][$eq]=${orgDocumentId}&pageSize=100&sort=id:ASC`,
    tokenOf,
  );
  assert.equal(nodes.status, 200, JSON.stringify(nodes.body));
  const leaf = nodes.body.results.find((n) => n.name === '工作动态') ?? nodes.body.results[nodes.body.results.length - 1];
  assert.ok(leaf, 'the organisation has a catalogue');
  return leaf;
}

/** Review state of a document as `who` sees it (GET /review-workflow/documents/…). */
export async function reviewState(tokenOf: string, documentId: string, uid: string = ITEM) {
  const res = await api<{ stage: string; stageName: string; publishable: boolean; history: Array<{ action: string; comment?: string | null }> }>('GET', `/review-workflow/documents/${uid}/${documentId}`, tokenOf);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}
