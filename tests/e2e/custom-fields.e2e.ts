/**
 * Browser check of the custom fields (issue 16, plugins/gov-fields): the 拟稿人 creates an item in the Content
 * Manager choosing 体裁分类, 公开方式, 公开范围, 密级 and 有效性 from their dropdowns (each offering exactly the list of
 * ENUMS), types `教育，资助，学生` into 主题词 (three tags appear; one is removed and typed again), sees 索引号 saying
 * 保存后自动生成 and not editable, saves, and then sees the generated 索引号 in the same box. The stored document
 * (GET through the Content Manager API) has the chosen values and the keywords as a JSON array.
 * Alone: `npm run test:e2e -- custom-fields`. Screenshots: tests/artifacts/fields-*.png (gitignored).
 */
import assert from 'assert/strict';
import { api, BASE, chooseOption, columnOf, department, dismissOverlays, ITEM, login, shot, token } from './support';
import { expect, test } from './fixtures';
import { ENUMS } from '../../src/foundation/constants';

const TITLE = `关于做好2026年家庭经济困难学生资助工作的通知（字段测试 ${new Date().toISOString().slice(11, 19)}）`;

test('custom-fields', async ({ browser }) => {
  const adminToken = await token('admin');
  const org = await department(adminToken);
  const column = await columnOf(adminToken, org.documentId);
  const { page } = await login(browser, 'drafter');
  await page.goto(`${BASE}/admin/content-manager/collection-types/${ITEM}/create`);
  await page.getByText('保存草稿后即可送审。').waitFor({ timeout: 30000 });
  await dismissOverlays(page);

  // 索引号: read-only, says it is generated on save
  const indexNo = page.locator('[data-gov-field="indexNo"] input');
  await expect(indexNo).toHaveAttribute('placeholder', '保存后自动生成');
  await expect(indexNo).toHaveValue('');
  await expect(indexNo).not.toBeEditable();

  await page.locator('input[name="title"]').fill(TITLE);
  await page.locator('input[name="organization"]').click();
  await page.getByRole('option', { name: org.name, exact: true }).click();
  await page.locator('input[name="catalogueNodes"]').click();
  await page.getByRole('option', { name: column.name }).first().click();

  // the selects offer the lists of ENUMS, nothing else; the defaults of the schema are preselected
  await expect(page.locator('[data-gov-field="disclosureMode"] [role="combobox"]')).toContainText('主动公开');
  await page.locator('[data-gov-field="genre"] [role="combobox"]').click();
  await expect(page.getByRole('option')).toHaveText([...ENUMS.genre]);
  await shot(page, 'fields-01-genre-open');
  await page.getByRole('option', { name: '通知', exact: true }).click();
  await expect(page.locator('[data-gov-field="genre"] [role="combobox"]')).toContainText('通知');
  await chooseOption(page, 'disclosureMode', '依申请公开');
  await chooseOption(page, 'disclosureMode', '主动公开');
  await chooseOption(page, 'scope', '面向社会');
  await chooseOption(page, 'secrecyLevel', '非密');
  await chooseOption(page, 'validity', '有效');

  // 主题词: typing splits on ，,；; and spaces; Enter adds the last word
  const keywords = page.locator('[data-gov-field="keywords"]');
  const tags = keywords.locator('[data-testid="keywords-tags"] [data-keyword]');
  await keywords.locator('input').fill('教育，资助，学生');
  await keywords.locator('input').press('Enter');
  await expect(tags).toHaveText(['教育', '资助', '学生']);
  await expect(keywords.locator('input')).toHaveValue('');
  // a tag is removed by its button and typed again (with a space as separator)
  await keywords.getByRole('button', { name: '删除主题词 资助' }).click();
  await expect(tags).toHaveText(['教育', '学生']);
  await keywords.locator('input').pressSequentially('资助 ');
  await expect(tags).toHaveText(['教育', '学生', '资助']);
  await shot(page, 'fields-02-form');

  await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await page.waitForURL((u) => /\/[a-z0-9]{24}$/.test(u.pathname), { timeout: 30000 });
  const documentId = new URL(page.url()).pathname.split('/').pop()!;
  const saved = await api<{ data: Record<string, unknown> }>('GET', `/content-manager/collection-types/${ITEM}/${documentId}`, adminToken);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const stored = saved.body.data;
  assert.deepEqual(
    { genre: stored.genre, disclosureMode: stored.disclosureMode, scope: stored.scope, secrecyLevel: stored.secrecyLevel, validity: stored.validity, keywords: stored.keywords },
    { genre: '通知', disclosureMode: '主动公开', scope: '面向社会', secrecyLevel: '非密', validity: '有效', keywords: ['教育', '学生', '资助'] },
  );
  assert.match(String(stored.indexNo), /^000014351\/\d{4}-\d{5}$/, `generated 索引号: ${stored.indexNo}`);

  // after the save the box shows the generated number, still not editable
  await expect(indexNo).toHaveValue(String(stored.indexNo));
  await expect(indexNo).not.toBeEditable();
  await expect(tags).toHaveText(['教育', '学生', '资助']);
  await shot(page, 'fields-03-saved');
});
