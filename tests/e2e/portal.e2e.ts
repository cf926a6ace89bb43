/**
 * Browser check of the reference portal (public/portal, served at /portal/) on the demo app, on a
 * phone-sized viewport. Not part of Jest: `npm run test:e2e -- portal` (playwright.config.ts compiles the
 * portal's client, seeds a fresh database and starts a demo server for the spec).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium).
 * Screenshots go to tests/artifacts/portal-*.png (gitignored).
 *
 * The story: /portal redirects to /portal/; the organisation picker switches the catalogue tree; a
 * node of the tree opens its list (pagination, the year filter); an item page shows the metadata
 * block; a policy opened by its 索引号 links its 政策解读 and back; search highlights the words; laws
 * carry their 效力状态 badge and a repealed one says so; the annual report shows the three official
 * tables; an application is refused with field errors, then accepted, and the status query finds it
 * with its query code (a wrong code is refused); 大字版 enlarges the text and survives a reload;
 * the keyboard reaches the skip link, the catalogue and a page heading. Every JSON request of the
 * page goes to /api/gov/v1 (and the site frame to ./site.json), and no page error occurs.
 * Issue 17: the government site frame (name, 主办单位, 网站标识码, ICP and 公安备案号 linked to their
 * registries, 联系我们, 网站地图 with the catalogue); the 年度报告 node counts and leads to the reports; item
 * pages carry 体裁分类, 公开方式 and a breadcrumb; the search filters narrow the results; the error summary
 * has no stray “null”; in 大字版 a 索引号 and a 发文字号 stay on one line while a long title wraps; a table
 * wider than the phone says that it scrolls.
 *
 * Note: the public submission is rate-limited (5 per IP per hour, config/requests.ts); this spec
 * submits twice, which a fresh server per spec allows.
 */
import fs from 'fs';
import path from 'path';
import assert from 'assert/strict';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE } from './support';

const PORTAL = `${BASE}/portal/`;
/** Run from the repository root. */
const ARTIFACTS = path.resolve(process.cwd(), 'tests/artifacts');

async function json<T = any>(url: string): Promise<T> {
  const res = await fetch(`${BASE}/api/gov/v1${url}`);
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return (await res.json()) as T;
}

async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const file = path.join(ARTIFACTS, `portal-${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`);
}

/** Go to a hash route and wait until the router has rendered it (the heading is there, main not busy). */
async function open(page: Page, route: string) {
  await page.goto(`${PORTAL}${route}`);
  await settled(page);
}

async function settled(page: Page) {
  await page.locator('main:not([aria-busy]) h1').first().waitFor({ timeout: 20000 });
}

const h1 = (page: Page) => page.locator('main h1').first();
const active = (page: Page) =>
  page.evaluate(`(() => { const el = document.activeElement; return { tag: el.tagName, id: el.id, text: (el.textContent || '').trim(), outline: getComputedStyle(el).outlineStyle }; })()`) as Promise<{
    tag: string;
    id: string;
    text: string;
    outline: string;
  }>;

test('portal', async ({ browser }) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const client = await fetch(`${PORTAL}vendor/gov-client/index.js`);
  assert.equal(client.status, 200, 'the portal\'s client is not built: run `node scripts/build-portal.js` (part of `npm run build`)');

  // ---------------------------------------------------------------- test data, from the public API
  const { data: trees } = await json('/catalogue');
  const county = trees[0].organization;
  const other = trees[1].organization;
  const topWithChildren = trees[0].nodes.find((n: any) => n.children.length && n.totalItemCount > 20);
  const busiest = [...topWithChildren.children].sort((a: any, b: any) => b.totalItemCount - a.totalItemCount)[0];
  assert.ok(busiest.totalItemCount > 20, 'a node with more than one page of items');
  let interpretation: any = null;
  for (const candidate of (await json(`/items?q=${encodeURIComponent('解读')}&org=${county.code}&limit=50`)).data) {
    if ((interpretation = (await json(`/items/${candidate.id}`)).data).interprets?.indexNo) break;
    interpretation = null;
  }
  assert.ok(interpretation, 'an interpretation of a policy that has a 索引号');
  const policy = interpretation.interprets;
  const repealed = (await json('/laws?status=废止&limit=1')).data[0];
  const report = (await json(`/annual-reports?org=${county.code}`)).data[0];
  console.log(`county ${county.code}, node ${busiest.code} (${busiest.totalItemCount}), policy ${policy.indexNo}, report ${report.id}`);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // the refused application (400) and the wrong query code (404) are expected answers
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  const apiCalls: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch') apiCalls.push(new URL(r.url()).pathname);
  });

  try {
    // ---------------------------------------------------------------- home: organisation picker, catalogue tree
    console.log('home');
    await page.goto(`${BASE}/portal`);
    assert.equal(page.url(), PORTAL, '/portal redirects to /portal/');
    await settled(page);
    const tree = page.locator('[data-testid="catalogue-tree"]');
    await tree.waitFor();
    await page.getByLabel('选择机构').selectOption(other.code);
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`**/portal/#/org/${other.code}`);
    await page.locator('main h2', { hasText: other.name }).waitFor();
    await page.getByLabel('选择机构').selectOption(county.code);
    await page.getByRole('button', { name: '查看' }).click();
    await page.locator('main h2', { hasText: county.name }).waitFor();
    await shot(page, '01-home');

    // ---------------------------------------------------------------- the government site frame (config/portal.ts, demo values)
    console.log('site frame');
    const frame = (await (await fetch(`${PORTAL}site.json`)).json()).data;
    assert.equal(frame.name, '青山县人民政府', 'the demo sets the frame');
    await page.locator('.site-header [data-site="name"]', { hasText: frame.name }).waitFor();
    assert.ok((await page.title()).endsWith(` - ${frame.name}`), `page titles name the site: ${await page.title()}`);
    const footer = page.locator('[data-testid="site-footer"]');
    await footer.locator('p', { hasText: `主办单位：${frame.sponsor}` }).waitFor();
    await footer.locator('p', { hasText: `网站标识码：${frame.siteCode}` }).waitFor();
    assert.equal(await footer.getByRole('link', { name: frame.icp.number }).getAttribute('href'), 'https://beian.miit.gov.cn/');
    assert.match((await footer.getByRole('link', { name: frame.psb.number }).getAttribute('href'))!, /^https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=\d{14}$/);
    assert.equal(await page.locator('.site-emblem').evaluate((img: any) => img.complete && img.naturalWidth > 0), true, 'the emblem is shown');

    // ---------------------------------------------------------------- the 年度报告 node: counts the reports and leads to them
    const reportNode = trees[0].nodes.find((n: any) => n.kind === '年度报告');
    const reportCount = (await json(`/annual-reports?org=${county.code}&limit=1`)).meta.pagination.total;
    assert.ok(reportNode && reportCount > 0, 'the demo county has a 年度报告 node and a report');
    const reportLink = tree.getByRole('link', { name: new RegExp(`^${reportNode.name}（`) });
    assert.equal(await reportLink.textContent(), `${reportNode.name}（${reportCount + reportNode.totalItemCount}）`, 'the node counts the reports');
    await reportLink.click();
    await page.waitForURL(`**/portal/#/annual-reports?org=${county.code}`);
    await settled(page);
    await page.locator('.results a', { hasText: '年度报告' }).first().waitFor();
    await page.goBack();
    await tree.waitFor();

    // ---------------------------------------------------------------- catalogue → list: pagination, filter
    console.log('list');
    await tree.locator('summary', { hasText: topWithChildren.name }).click();
    await tree.getByRole('link', { name: new RegExp(`^${busiest.name}（`) }).click();
    await page.waitForURL(`**/portal/#/items?org=${county.code}&node=${busiest.code}`);
    await settled(page);
    assert.equal(await h1(page).textContent(), busiest.name);
    const results = page.locator('.results > li');
    assert.equal(await results.count(), 20, 'a first page of 20');
    const pages = Math.ceil(busiest.totalItemCount / 20);
    await page.getByRole('link', { name: '下一页' }).click();
    await page.locator('.pager', { hasText: `第 2 / ${pages} 页` }).waitFor();
    await shot(page, '02-list');
    const year = (await json(`/items?node=${busiest.code}&org=${county.code}&limit=1&sort=publishDate:asc`)).data[0].publishDate.slice(0, 4);
    await page.locator('summary', { hasText: '筛选条件' }).click();
    await page.getByLabel('年份').fill(year);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(`**&year=${year}`);
    await settled(page);
    const dates = await page.locator('.results .result__meta').allTextContents();
    assert.ok(dates.length > 0 && dates.every((d) => d.startsWith(`${year}-`)), `only ${year}: ${dates.join(' / ')}`);

    // ---------------------------------------------------------------- item page: metadata block
    console.log('item page');
    const firstTitle = (await results.first().locator('a').textContent())!.trim();
    await results.first().getByRole('link').click();
    await page.waitForURL('**/portal/#/item/*');
    await settled(page);
    assert.equal(await page.locator('[data-testid="item-title"]').textContent(), firstTitle);
    const labels = await page.locator('[data-testid="item-meta"] dt').allTextContents();
    for (const label of ['索引号', '主题分类', '体裁分类', '发布机构', '成文日期', '发文字号', '发布日期', '公开方式', '有效性']) assert.ok(labels.includes(label), `metadata block has ${label}`);
    const shownItem = (await json(`/items/${page.url().split('#/item/')[1]}`)).data;
    const metaValue = (label: string) => page.locator('[data-testid="item-meta"] div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
    assert.equal(await metaValue('公开方式').textContent(), shownItem.disclosureMode);
    assert.equal(await metaValue('体裁分类').textContent(), shownItem.genre ?? '—');
    // the breadcrumb: 首页 › organisation › the node's path › 正文
    const crumbs = await page.locator('[data-testid="breadcrumb"] li').allTextContents();
    assert.deepEqual(crumbs, ['首页', shownItem.organization.name, ...shownItem.cataloguePaths[0].map((n: any) => n.name), '正文']);
    // the body is the server's rendered HTML (bodyHtml, issue 17): the demo bodies' paragraphs
    assert.ok((await page.locator('[data-testid="item-body"] p').count()) >= 2, 'the body shows the paragraphs of bodyHtml');
    await shot(page, '03-item', { fullPage: true });

    // a policy by its 索引号 (URL-encoded), its interpretation, and back
    await open(page, `#/item/${encodeURIComponent(policy.indexNo)}`);
    assert.equal(await page.locator('[data-testid="item-title"]').textContent(), policy.title);
    assert.equal(await page.locator('[data-testid="item-meta"] dd').first().textContent(), policy.indexNo);
    const related = page.locator('section.related', { hasText: '政策解读' });
    await related.getByRole('link', { name: interpretation.title }).click();
    await page.locator('[data-testid="item-title"]', { hasText: interpretation.title }).waitFor();
    await page.locator('section.related').getByRole('link', { name: policy.title }).waitFor();
    await shot(page, '04-interpretation', { fullPage: true });

    // ---------------------------------------------------------------- search with highlights
    console.log('search');
    await open(page, `#/search?q=${encodeURIComponent('预算')}`);
    const hits = page.locator('[data-testid="search-hit"]');
    await hits.first().waitFor();
    assert.ok((await hits.count()) > 1, 'several hits');
    const marks = await hits.first().locator('mark').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => m === '预算'), `highlighted: ${marks.join(',')}`);
    await shot(page, '05-search');
    // the filters (机构, 年份, 日期, 主题分类, 体裁) narrow the hits, as GET /search does
    const searchYear = (await json(`/search?q=${encodeURIComponent('预算')}&org=${county.code}&limit=1`)).data[0].publishDate.slice(0, 4);
    await page.locator('summary', { hasText: '高级筛选' }).click();
    await page.getByLabel('机构').selectOption(county.code);
    await page.getByLabel('年份').fill(searchYear);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(`**/#/search?*org=${county.code}*`);
    const filtered = (await json(`/search?q=${encodeURIComponent('预算')}&org=${county.code}&year=${searchYear}&limit=1`)).meta.pagination.total;
    assert.ok(filtered > 0);
    await page.locator('.result-count', { hasText: `共找到 ${filtered} 条结果` }).waitFor();
    const hitDates = await hits.locator('.result__meta').allTextContents();
    assert.ok(hitDates.length > 0 && hitDates.every((m) => m.startsWith(`${searchYear}-`) && m.includes(county.name)), `only ${county.name} in ${searchYear}: ${hitDates.join(' / ')}`);
    await page.getByLabel('体裁分类').selectOption('通知');
    await page.getByLabel('发布日期起').fill(`${searchYear}-12-31`);
    await page.getByLabel('发布日期止').fill(`${searchYear}-01-01`);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByRole('alert').filter({ hasText: '发布日期' }).waitFor(); // the API's refusal (止 before 起), in its words
    await shot(page, '05b-search-filters');

    // ---------------------------------------------------------------- laws with validity badges
    console.log('laws');
    await open(page, '#/laws');
    assert.ok((await page.locator('.results .badge').count()) >= 10, 'each law has its badge');
    await page.getByLabel('效力状态').selectOption('废止');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL('**/#/laws?status=*');
    // the old list stays on screen until the filtered one is rendered: wait for the new one, not for any heading
    const onlyRepealed = async () => {
      const badges = await page.locator('.results .badge').allTextContents();
      return badges.length > 0 && badges.every((b) => b === '废止') ? 'only 废止' : badges.join(',');
    };
    await expect.poll(onlyRepealed, { timeout: 20000 }).toBe('only 废止');
    await shot(page, '06-laws-repealed');
    await open(page, `#/law/${repealed.id}`);
    await page.locator('.notice', { hasText: '本文件已废止' }).waitFor();
    assert.ok(((await page.locator('[data-testid="law-body"]').textContent()) ?? '').trim().length > 0, 'the law has its body');

    // ---------------------------------------------------------------- annual report, official tables
    console.log('annual report');
    await open(page, `#/annual-report/${report.id}`);
    const tables = page.locator('[data-testid="annual-report-tables"]');
    await tables.waitFor();
    assert.equal(await tables.locator('table').count(), 3, '表二, 表三, 表四');
    assert.equal(await tables.locator('.table-scroll[tabindex="0"][role="region"]').count(), 3, 'each table scrolls by keyboard');
    assert.equal(await tables.locator('th[colspan="7"]', { hasText: '申请人情况' }).count(), 1, '表三 header in the official layout');
    await page.locator('main h2', { hasText: '五、存在的主要问题及改进情况' }).waitFor();
    // 表三 and 表四 are wider than the phone: their hint says so (表二 fits and has none)
    const visibleHints = await tables.locator('.table-scroll__hint:visible').allTextContents();
    assert.ok(visibleHints.length >= 2 && visibleHints.every((t) => t.includes('左右滑动')), `scroll hints: ${visibleHints.join(' / ')}`);
    await shot(page, '07-annual-report', { fullPage: true });

    // ---------------------------------------------------------------- 依申请公开: errors, receipt, status query
    console.log('request');
    await open(page, `#/request?org=${county.code}`);
    await page.getByRole('button', { name: '提交申请' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal((await active(page)).tag, 'DIV', 'the error summary takes the focus');
    assert.ok(!(await summary.textContent())!.includes('null'), `no stray “null” in the summary: ${await summary.textContent()}`);
    assert.equal(await page.locator('#r-applicantName').getAttribute('aria-invalid'), 'true');
    await summary.getByRole('link').first().click();
    assert.ok(['r-applicantName', 'r-requestedContent', 'r-applicantPhone'].includes((await active(page)).id), 'a summary link focuses its field');
    await page.getByLabel('申请人姓名或名称').fill('张三');
    await page.getByLabel('电子邮箱').fill('zhangsan@example.com');
    await page.getByLabel(/所需政府信息的名称/).fill('青山县2025年度一般公共预算执行情况');
    await page.getByLabel('获取信息的方式').selectOption('电子邮件');
    await page.getByRole('button', { name: '提交申请' }).click();
    const receipt = page.locator('[data-testid="request-receipt"]');
    await receipt.waitFor();
    const trackingNo = (await receipt.locator('[data-testid="tracking-no"]').textContent())!;
    const queryCode = (await receipt.locator('[data-testid="query-code"]').textContent())!;
    assert.match(trackingNo, /^YSQ\d{10}$/);
    assert.match(queryCode, /^[A-HJKMNP-Z2-9]{10}$/);
    await shot(page, '08-request-receipt');

    await receipt.getByRole('link', { name: '查询办理进度' }).click();
    await settled(page);
    assert.equal(await page.getByLabel('受理编号').inputValue(), trackingNo, 'the tracking number is carried over');
    await page.getByLabel('查询码').fill('AAAAAAAAAA');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('alert').filter({ hasText: '受理编号或查询码不正确' }).waitFor();
    await page.getByLabel('查询码').fill(queryCode.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    const status = page.locator('[data-testid="request-status"]');
    await status.waitFor();
    assert.ok((await status.textContent())!.includes(trackingNo));
    await status.locator('dd', { hasText: '已登记' }).waitFor();
    assert.ok(!page.url().includes(queryCode) && !page.url().toLowerCase().includes(queryCode.toLowerCase()), 'the query code stays out of the URL');
    await shot(page, '09-request-status', { fullPage: true });

    // ---------------------------------------------------------------- 大字版, persisted
    console.log('larger text');
    const rootSize = () => page.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)') as Promise<number>;
    await open(page, '#/');
    const toggle = page.getByRole('button', { name: '大字版' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const normal = await rootSize();
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.ok((await rootSize()) >= normal * 1.2, 'text is larger');
    await page.reload();
    await settled(page);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'kept after a reload');
    assert.ok((await rootSize()) >= normal * 1.2);
    await shot(page, '10-large-text');
    // 大字版 keeps a 索引号 and a 发文字号 on one line, while a long title still wraps and nothing overflows the phone
    const numbered = (await json(`/items?org=${county.code}&limit=100`)).data.filter((i: any) => i.documentNumber && i.indexNo).sort((a: any, b: any) => b.title.length - a.title.length)[0];
    await open(page, `#/item/${numbered.id}`);
    const codes = page.locator('[data-testid="item-meta"] dd .nowrap');
    const lineCount = (i: number) => codes.nth(i).evaluate((el) => new Set(Array.from(el.getClientRects()).map((r) => Math.round(r.top))).size);
    const heightLines = (selector: string) => page.locator(selector).first().evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
    assert.equal(await codes.count(), 2, '索引号 and 发文字号');
    assert.equal(await lineCount(0), 1, '索引号 on one line');
    assert.equal(await lineCount(1), 1, '发文字号 on one line');
    assert.ok((await heightLines('[data-testid="item-title"]')) >= 2, `the title “${numbered.title}” wraps`);
    assert.ok(((await page.evaluate('document.documentElement.scrollWidth')) as number) <= 390, 'nothing wider than the phone');
    await shot(page, '10b-large-text-item', { fullPage: true });
    await toggle.click();
    assert.equal(await rootSize(), normal);
    assert.equal(await page.evaluate(`localStorage.getItem('gov-portal:large-text')`), 'off');

    // ---------------------------------------------------------------- 联系我们, 网站地图 (footer links)
    console.log('contact, site map');
    await open(page, '');
    await page.locator('[data-testid="site-footer"]').getByRole('link', { name: '联系我们' }).click();
    await page.waitForURL('**/portal/#/contact');
    await settled(page);
    await page.locator('[data-testid="contact"] dd', { hasText: frame.contact.phone }).waitFor();
    assert.equal(await page.locator('[data-testid="contact"]').getByRole('link', { name: frame.contact.email }).getAttribute('href'), `mailto:${frame.contact.email}`);
    await page.locator('[data-testid="site-footer"]').getByRole('link', { name: '网站地图' }).click();
    await page.waitForURL('**/portal/#/sitemap');
    await settled(page);
    const map = page.locator('[data-testid="sitemap-catalogue"]');
    // every organisation with a catalogue (waited for: `settled` can still see the 联系我们 page's h1 right after the hash changes)
    await expect(map.locator('h3')).toHaveCount(trees.length, { timeout: 20000 });
    await map.getByRole('link', { name: new RegExp(`^${busiest.name}（${busiest.totalItemCount}）$`) }).first().waitFor();
    await shot(page, '12-sitemap', { fullPage: true });

    // ---------------------------------------------------------------- keyboard
    console.log('keyboard');
    await page.goto('about:blank');
    await open(page, '');
    await page.keyboard.press('Tab');
    let focused = await active(page);
    assert.equal(focused.text, '跳到主要内容', 'the first Tab reaches the skip link');
    assert.notEqual(focused.outline, 'none', 'with a visible focus style');
    await shot(page, '11-skip-link');
    await page.keyboard.press('Enter');
    assert.equal((await active(page)).id, 'main', 'the skip link moves the focus to <main>');
    const target = trees[0].nodes.find((n: any) => !n.children.length).name;
    for (let i = 0; i < 40 && !(focused.tag === 'A' && focused.text.startsWith(target)); i++) {
      await page.keyboard.press('Tab');
      focused = await active(page);
    }
    assert.ok(focused.text.startsWith(target), `Tab reaches the catalogue link ${target}`);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/portal/#/items?*');
    // after a navigation the new page's heading takes the focus (once it is rendered)
    await expect.poll(async () => { const f = await active(page); return `${f.tag} ${f.text}`; }, { timeout: 20000 }).toBe(`H1 ${target}`);

    const elsewhere = apiCalls.filter((p) => !p.startsWith('/api/gov/v1/') && p !== '/portal/site.json');
    assert.deepEqual(elsewhere, [], 'the portal only calls the public API');
    assert.deepEqual(problems, [], 'no page errors');
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-failure.png') }).catch(() => undefined);
    throw e;
  }
  console.log('ok');
});
