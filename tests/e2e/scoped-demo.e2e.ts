/**
 * The scoped demo (src/foundation/demo.ts): the demo's department users belong to 青山县发展和改革局
 * (000014351) only and see nothing else, everywhere; the super admin sees every organisation. Run with the
 * other specs by `npm run test:e2e` or alone: `npm run test:e2e -- scoped-demo`.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium),
 * DEMO_ADMIN_PASSWORD (default Demo12345). Screenshots: tests/artifacts/scoped-*.png (gitignored).
 *
 * Checked with each user's admin token (and one browser session of the drafter):
 *  - /site-groups/me: the drafter's organisations are 发改局 only; the super admin's are all;
 *  - Content Manager lists (items, laws, catalogue nodes): every row the drafter gets is 发改局's, and
 *    fewer than the super admin's; the drafter cannot create an item for the county (403) nor read one;
 *  - 待我审核: a county item and a 发改局 item are submitted; 部门审核人 finds only the 发改局 one, the
 *    super admin both; the drafter's inbox has nothing of the county;
 *  - statistics: the review roles read their organisations' statistics (查看统计): GET /statistics/summary
 *    lists 发改局 only in byOrganization and ?org=<county> is refused (403);
 *  - 依申请公开: the drafter has no read permission on requests (403); the clerk (依申请公开经办人) lists
 *    only 发改局's requests, is refused the county's list and the letters of a county request (403), and
 *    generates and lists the letters of a 发改局 request;
 *  - Media Library: a file uploaded by the drafter belongs to 发改局 and one uploaded by the super admin to no
 *    organisation: the drafter's GET /upload/files lists the first only;
 *  - the drafter's Content Manager list in the browser (screenshot).
 */
import assert from 'assert/strict';
import { api, BASE, county, department, DEPARTMENT_CODE, DEPARTMENT_NAME, dismissOverlays, failureShot, ITEM, login, shot, token, columnOf } from './support';
import { test } from './fixtures';

const LAW = 'api::law.law';
const NODE = 'api::catalogue-node.catalogue-node';
const REQUEST = 'api::disclosure-request.disclosure-request';
const stamp = new Date().toISOString().slice(11, 19);
const fileStamp = stamp.replace(/:/g, '');
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

type Row = { documentId: string; title?: string; name?: string; organization?: { documentId: string; name: string } | null };

/** Every row of a Content Manager list as `tokenOf` sees it (all pages), with its organisation. */
async function cmList(tokenOf: string, uid: string): Promise<{ status: number; rows: Row[]; total: number }> {
  const rows: Row[] = [];
  let total = 0;
  for (let page = 1; page <= 50; page++) {
    const res = await api<{ results: Row[]; pagination: { total: number; pageCount: number } }>('GET', `/content-manager/collection-types/${uid}?page=${page}&pageSize=100&sort=id:ASC`, tokenOf);
    if (res.status !== 200) return { status: res.status, rows, total };
    rows.push(...res.body.results);
    total = res.body.pagination.total;
    if (page >= res.body.pagination.pageCount) break;
  }
  return { status: 200, rows, total };
}

/** Uploads one small text file to the Media Library as `tokenOf`. */
async function upload(tokenOf: string, name: string, content: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('files', new Blob([content], { type: 'text/plain' }), name);
  const res = await fetch(`${BASE}/upload`, { method: 'POST', headers: { authorization: `Bearer ${tokenOf}` }, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

test('scoped-demo', async ({ browser }) => {
  const adminToken = await token('admin');
  const drafterToken = await token('drafter');
  const deptToken = await token('dept');
  const clerkToken = await token('clerk');
  const countyOrg = await county(adminToken);
  const dept = await department(adminToken);
  assert.equal(dept.name, DEPARTMENT_NAME);

  // ------------------------------------------------------------------ memberships
  console.log('memberships: the drafter belongs to 发改局, the super admin to no organisation (all)');
  const mine = await api<{ data: { all: boolean; organizations: Array<{ documentId: string; code: string }> } }>('GET', '/site-groups/me', drafterToken);
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.deepEqual({ all: mine.body.data.all, orgs: mine.body.data.organizations.map((o) => o.code) }, { all: false, orgs: ['000014351'] });
  const adminScope = await api<{ data: { all: boolean } }>('GET', '/site-groups/me', adminToken);
  assert.equal(adminScope.body.data.all, true, 'the super admin is not scoped');
  const memberships = await api<{ data: Array<{ user: { email: string } | null }> }>('GET', '/site-groups/memberships', adminToken);
  assert.equal(memberships.status, 200, JSON.stringify(memberships.body));
  assert.ok(!memberships.body.data.some((m) => m.user?.email === 'admin@demo.gov.cn'), 'no membership for the super admin');
  assert.equal((await api('GET', '/site-groups/memberships', drafterToken)).status, 403, 'the drafter does not manage memberships');

  // ------------------------------------------------------------------ Content Manager lists
  console.log('Content Manager: items, laws and catalogue nodes of 发改局 only');
  for (const uid of [ITEM, LAW, NODE]) {
    const mineList = await cmList(drafterToken, uid);
    const all = await cmList(adminToken, uid);
    assert.equal(mineList.status, 200, `${uid}: the drafter may list`);
    assert.ok(mineList.rows.length > 0, `${uid}: the drafter sees 发改局's documents`);
    const foreign = mineList.rows.filter((r) => r.organization?.documentId !== dept.documentId);
    assert.deepEqual(foreign.map((r) => `${r.title ?? r.name} (${r.organization?.name ?? '无机构'})`), [], `${uid}: every row is 发改局's`);
    assert.equal(mineList.total, mineList.rows.length);
    assert.ok(all.total > mineList.total, `${uid}: the super admin sees more (${all.total} > ${mineList.total})`);
    assert.equal(all.rows.filter((r) => r.organization?.documentId === dept.documentId).length, mineList.total, `${uid}: exactly 发改局's documents`);
    console.log(`  ${uid}: drafter ${mineList.total}, super admin ${all.total}`);
  }
  const countyItem = (await cmList(adminToken, ITEM)).rows.find((r) => r.organization?.documentId === countyOrg.documentId)!;
  assert.equal((await api('GET', `/content-manager/collection-types/${ITEM}/${countyItem.documentId}`, drafterToken)).status, 403, 'a county item is not readable by the drafter');
  const forCounty = await api('POST', `/content-manager/collection-types/${ITEM}`, drafterToken, { title: `县政府的稿件（范围测试 ${stamp}）`, organization: { connect: [{ documentId: countyOrg.documentId }] }, genre: '通知', body: '正文。' });
  assert.equal(forCounty.status, 403, `the drafter cannot create for the county: ${JSON.stringify(forCounty.body)}`);

  // ------------------------------------------------------------------ 待我审核
  console.log('待我审核: 部门审核人 gets the 发改局 item only, the super admin both');
  // 主动公开 items need a 所属目录 to be 送审: a column of the item's own organisation
  const columns = { [dept.documentId]: await columnOf(adminToken, dept.documentId), [countyOrg.documentId]: await columnOf(adminToken, countyOrg.documentId) };
  const item = (org: string, title: string) => ({ title, organization: { connect: [{ documentId: org }] }, catalogueNodes: { connect: [{ documentId: columns[org].documentId }] }, publishDate: '2026-11-30', genre: '通知', summary: '范围测试。', body: '各科室：请按时报送材料。' });
  const own = await api<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ITEM}`, drafterToken, item(dept.documentId, `关于报送2026年项目材料的通知（范围测试 ${stamp}）`));
  assert.equal(own.status, 201, JSON.stringify(own.body));
  const other = await api<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ITEM}`, adminToken, item(countyOrg.documentId, `关于报送2026年工作总结的通知（范围测试 ${stamp}）`));
  assert.equal(other.status, 201, JSON.stringify(other.body));
  const ownId = own.body.data.documentId;
  const otherId = other.body.data.documentId;
  for (const [tok, id] of [[drafterToken, ownId], [adminToken, otherId]] as const) {
    const submitted = await api('POST', `/review-workflow/documents/${ITEM}/${id}/actions`, tok, { action: 'submit', comment: '请审核。' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  }
  const inbox = async (tok: string) => {
    const res = await api<{ data: Array<{ documentId: string }> }>('GET', '/review-workflow/inbox', tok);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.data.map((r) => r.documentId);
  };
  const deptInbox = await inbox(deptToken);
  assert.ok(deptInbox.includes(ownId), '部门审核人 finds the 发改局 item');
  assert.ok(!deptInbox.includes(otherId), '部门审核人 does not see the county item');
  const adminInbox = await inbox(adminToken);
  assert.ok(adminInbox.includes(ownId) && adminInbox.includes(otherId), 'the super admin sees both');
  assert.ok(!(await inbox(drafterToken)).includes(otherId), 'nothing of the county in the drafter’s inbox');
  for (const id of deptInbox) {
    const doc = await api<{ data: { organization: { documentId: string } | null } }>('GET', `/content-manager/collection-types/${ITEM}/${id}?populate[organization]=true`, adminToken);
    if (doc.status === 200 && doc.body.data.organization) assert.equal(doc.body.data.organization.documentId, dept.documentId, `inbox row ${id} is 发改局's`);
  }
  assert.equal((await api('GET', `/review-workflow/documents/${ITEM}/${otherId}`, deptToken)).status, 403, 'the county item’s review state is refused');
  assert.equal((await api('POST', `/review-workflow/documents/${ITEM}/${otherId}/actions`, deptToken, { action: 'approve', comment: '同意。' })).status, 403, '部门审核人 cannot approve the county item');

  // ------------------------------------------------------------------ statistics
  console.log('statistics: the drafter sees 发改局 only');
  const range = `from=${today.slice(0, 4)}-01-01&to=${today}`;
  type Summary = { items: { byOrganization: Array<{ documentId: string; name: string; count: number }> } };
  const drafterSummary = await api<Summary>('GET', `/statistics/summary?${range}`, drafterToken);
  assert.equal(drafterSummary.status, 200, JSON.stringify(drafterSummary.body));
  const byOrg = drafterSummary.body.items.byOrganization;
  assert.ok(byOrg.length > 0, 'the drafter’s summary has 发改局');
  assert.deepEqual([...new Set(byOrg.map((o) => o.documentId))], [dept.documentId], `byOrganization: ${byOrg.map((o) => o.name).join('、')}`);
  const adminSummary = await api<Summary>('GET', `/statistics/summary?${range}`, adminToken);
  assert.ok(adminSummary.body.items.byOrganization.length > 1, 'the super admin’s summary has every organisation');
  assert.equal((await api('GET', `/statistics/summary?org=${countyOrg.documentId}&${range}`, drafterToken)).status, 403, 'the county is outside the drafter’s scope');
  assert.equal((await api('GET', `/statistics/summary?org=${dept.documentId}&${range}`, drafterToken)).status, 200, '发改局 by name');

  // ------------------------------------------------------------------ 依申请公开
  console.log('依申请公开: the drafter has no access; the clerk lists 发改局 only, county letters are refused');
  assert.equal((await api('GET', '/disclosure-requests', drafterToken)).status, 403, 'the drafter has no read permission on requests');
  type Requests = { data: Array<{ documentId: string; trackingNo: string; organization: { documentId: string; name: string } | null; closedDate: string | null }>; meta: { pagination: { total: number } } };
  const clerkList = await api<Requests>('GET', '/disclosure-requests?pageSize=100', clerkToken);
  assert.equal(clerkList.status, 200, JSON.stringify(clerkList.body));
  assert.ok(clerkList.body.data.length > 0, 'the clerk has 发改局 requests');
  assert.deepEqual(clerkList.body.data.filter((r) => r.organization?.documentId !== dept.documentId).map((r) => r.trackingNo), [], 'only 发改局 requests');
  const adminList = await api<Requests>('GET', '/disclosure-requests?pageSize=100', adminToken);
  assert.ok(adminList.body.meta.pagination.total > clerkList.body.meta.pagination.total, `the super admin sees more (${adminList.body.meta.pagination.total} > ${clerkList.body.meta.pagination.total})`);
  assert.equal(adminList.body.data.filter((r) => r.organization?.documentId === dept.documentId).length, clerkList.body.data.length, 'exactly 发改局 requests');
  console.log(`  requests: clerk ${clerkList.body.meta.pagination.total}, super admin ${adminList.body.meta.pagination.total}`);
  assert.equal((await api('GET', `/disclosure-requests?org=${countyOrg.documentId}`, clerkToken)).status, 403, 'the county’s list is refused');
  const countyRequest = adminList.body.data.find((r) => r.organization?.documentId === countyOrg.documentId)!;
  assert.ok(countyRequest, 'a county request');
  assert.equal((await api('GET', `/disclosure-requests/${countyRequest.documentId}/letters`, clerkToken)).status, 403, 'letters of a county request: refused');
  assert.equal((await api('POST', `/disclosure-requests/${countyRequest.documentId}/letters/receipt`, clerkToken, {})).status, 403, 'no letter for a county request');
  assert.equal((await api('GET', `/content-manager/collection-types/${REQUEST}/${countyRequest.documentId}`, clerkToken)).status, 403, 'the county request in the Content Manager: refused');
  const ownRequest = clerkList.body.data.find((r) => !r.closedDate) ?? clerkList.body.data[0];
  const letter = await api('POST', `/disclosure-requests/${ownRequest.documentId}/letters/receipt`, clerkToken, {});
  assert.equal(letter.status, 201, `a 登记回执 for the department's request: ${JSON.stringify(letter.body)}`);
  const letters = await api<{ data: unknown[] }>('GET', `/disclosure-requests/${ownRequest.documentId}/letters`, clerkToken);
  assert.equal(letters.status, 200);
  assert.ok(letters.body.data.length >= 1, 'the letter is listed');
  const cmRequests = await cmList(clerkToken, REQUEST);
  assert.equal(cmRequests.status, 200);
  assert.deepEqual(cmRequests.rows.filter((r) => r.organization?.documentId !== dept.documentId).map((r) => r.documentId), [], 'the clerk’s Content Manager list: 发改局 only');

  // ------------------------------------------------------------------ Media Library
  console.log('Media Library: the drafter lists 发改局’s files only');
  const mineFile = await upload(drafterToken, `发改局材料-${fileStamp}.txt`, '发改局的附件');
  assert.equal(mineFile.status, 201, JSON.stringify(mineFile.body));
  const adminFile = await upload(adminToken, `管理员材料-${fileStamp}.txt`, '管理员的附件');
  assert.equal(adminFile.status, 201, JSON.stringify(adminFile.body));
  const mineId = mineFile.body[0].id as number;
  const adminId = adminFile.body[0].id as number;
  type Files = { results: Array<{ id: number; name: string; organization?: { documentId: string } | null }> };
  const drafterFiles = await api<Files>('GET', '/upload/files?page=1&pageSize=100&populate[organization]=true', drafterToken);
  assert.equal(drafterFiles.status, 200, JSON.stringify(drafterFiles.body));
  const ids = drafterFiles.body.results.map((f) => f.id);
  assert.ok(ids.includes(mineId), 'the drafter’s own upload is listed');
  assert.ok(!ids.includes(adminId), 'the super admin’s upload (no organisation) is not');
  const adminFiles = await api<Files>('GET', '/upload/files?page=1&pageSize=100&populate[organization]=true', adminToken);
  assert.ok(adminFiles.body.results.some((f) => f.id === adminId) && adminFiles.body.results.some((f) => f.id === mineId), 'the super admin lists both');
  const withOrg = drafterFiles.body.results.filter((f) => f.organization !== undefined);
  console.log(`  drafter lists ${ids.length} file(s)${withOrg.length ? ', each with its organisation' : ''}`);
  if (withOrg.length) assert.deepEqual([...new Set(withOrg.map((f) => f.organization?.documentId ?? null))], [dept.documentId], 'every file the drafter lists is 发改局’s');
  else {
    // the organisation is not part of the answer: each listed file is the drafter's department's, as the super admin reads it
    for (const id of ids) {
      const f = await api<{ organization?: { documentId: string } | null }>('GET', `/upload/files/${id}?populate[organization]=true`, adminToken);
      if (f.body && 'organization' in f.body) assert.equal(f.body.organization?.documentId, dept.documentId, `file ${id} is 发改局’s`);
    }
  }
  const foreignFile = await api('GET', `/upload/files/${adminId}`, drafterToken);
  assert.ok([403, 404].includes(foreignFile.status), `the super admin’s file is not readable by the drafter (${foreignFile.status})`);

  // ------------------------------------------------------------------ the drafter's Content Manager list, in the browser
  console.log('browser: the drafter’s Content Manager list');
  try {
    const { page } = await login(browser, 'drafter');
    await page.goto(`${BASE}/admin/content-manager/collection-types/${ITEM}?page=1&pageSize=50&sort=updatedAt:DESC`);
    await page.locator('tbody tr').first().waitFor({ timeout: 30000 });
    await dismissOverlays(page);
    await page.locator('tbody tr', { hasText: '范围测试' }).first().waitFor({ timeout: 20000 });
    const text = await page.locator('tbody').innerText();
    assert.ok(!text.includes('关于报送2026年工作总结的通知（范围测试'), 'the county item is not listed');
    // as many rows as the API gives the drafter (发改局's), and each row's 索引号 starts with 发改局's code
    const total = (await cmList(drafterToken, ITEM)).total;
    await page.getByText(`共找到 ${total} 个条目`).waitFor({ timeout: 10000 });
    const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim());
    for (const [label, ok] of [['发布机构', (c: string) => c === DEPARTMENT_NAME], ['索引号', (c: string) => c.startsWith(`${DEPARTMENT_CODE}/`)]] as const) {
      const col = headers.indexOf(label);
      if (col < 0) continue;
      const cells = await page.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => (r.querySelectorAll('td')[i]?.textContent ?? '').trim()), col);
      assert.ok(cells.length > 0 && cells.every(ok), `${label} column: ${[...new Set(cells)].join('、')}`);
      console.log(`  ${label}: ${cells.length} rows, all 发改局`);
    }
    assert.ok(headers.includes('索引号') || headers.includes('发布机构'), `a column tells the organisation: ${headers.join(' | ')}`);
    await shot(page, 'scoped-drafter-items', { fullPage: true });
    // the relation picker of 发布机构 offers organisations (read), but saving for another is refused (checked above)
  } catch (e) {
    await failureShot('scoped-failure');
    throw e;
  } finally {
    for (const id of [mineId, adminId]) await api('DELETE', `/upload/files/${id}`, adminToken).catch(() => undefined);
  }
  console.log('ok');
});
