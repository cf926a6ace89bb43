/**
 * 上传 Word 正文 in a browser (issue 16; src/word-import, plugins/review-workflow/admin WordImportPanel): the demo
 * drafter opens an item of their department whose body is not empty, chooses a .docx built here with the `docx`
 * package (a heading, an indented paragraph with bold text, a list and a table), confirms the replacement, gets a
 * Chinese success toast, and the edit view's Markdown editor shows the converted body (heading and table) without
 * reloading the page. Then a .docx with a tracked change is refused with a Chinese toast and the body stays.
 */
import assert from 'assert/strict';
import * as docx from 'docx';
import { expect, test } from './fixtures';
import { api, columnOf, department, ITEM, login, openEdit, shot, token } from './support';

async function notice(): Promise<Buffer> {
  const cell = (text: string) => new docx.TableCell({ children: [new docx.Paragraph(text)] });
  return docx.Packer.toBuffer(
    new docx.Document({
      sections: [
        {
          children: [
            new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_1, children: [new docx.TextRun('关于公布政务服务事项清单的通知')] }),
            new docx.Paragraph({ indent: { firstLineChars: 200 }, children: [new docx.TextRun('各乡镇人民政府，'), new docx.TextRun({ text: '县直各单位', bold: true }), new docx.TextRun('：现将清单公布如下。')] }),
            new docx.Paragraph({ bullet: { level: 0 }, children: [new docx.TextRun('行政许可事项')] }),
            new docx.Table({ rows: [new docx.TableRow({ children: [cell('事项名称'), cell('办理时限')] }), new docx.TableRow({ children: [cell('企业投资项目备案'), cell('1个工作日')] })] }),
          ],
        },
      ],
    }),
  );
}

async function tracked(): Promise<Buffer> {
  return docx.Packer.toBuffer(
    new docx.Document({
      features: { trackRevisions: true },
      sections: [{ children: [new docx.Paragraph({ children: [new docx.TextRun('经研究，'), new docx.InsertedTextRun({ text: '同意公开', id: 1, author: '办公室', date: '2026-03-01T09:00:00Z' })] })] }],
    }),
  );
}

test('word-import', async ({ browser }) => {
  const adminToken = await token('admin');
  const org = await department(adminToken);
  const column = await columnOf(adminToken, org.documentId);
  const drafterToken = await token('drafter');
  const created = await api<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ITEM}`, drafterToken, {
    title: `关于公布政务服务事项清单的通知（Word 导入测试 ${new Date().toISOString().slice(11, 19)}）`,
    organization: { connect: [{ documentId: org.documentId }] },
    catalogueNodes: { connect: [{ documentId: column.documentId }] },
    publishDate: '2025-06-01',
    genre: '通知',
    body: '待替换的旧正文。',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const documentId = created.body.data.documentId;

  const { context, page } = await login(browser, 'drafter');
  try {
    await openEdit(page, documentId);
    const panel = page.locator('[data-testid="word-import-panel"]');
    await panel.waitFor({ timeout: 30000 });
    const editor = page.locator('.CodeMirror').first();
    await expect(editor).toContainText('待替换的旧正文。');

    // choose the .docx: the body is not empty, so the replacement is confirmed first
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), panel.getByRole('button', { name: '上传 Word 正文' }).click()]);
    await chooser.setFiles({ name: '事项清单.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await notice() });
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('当前正文将被《事项清单.docx》的内容替换。');
    await shot(page, 'word-import-01-confirm');
    await dialog.getByRole('button', { name: '替换正文' }).click();

    await expect(page.getByText('已用《事项清单.docx》替换正文（图片 0 张），原 Word 文件已作为附件保存。')).toBeVisible();
    // the edit view shows the new body: heading and table in the Markdown editor, the old text gone
    await expect(editor).toContainText('<h1>关于公布政务服务事项清单的通知</h1>');
    await expect(editor).toContainText('<td><p>企业投资项目备案</p></td>');
    await expect(editor).toContainText('<p class="first-line-indent">各乡镇人民政府，<strong>县直各单位</strong>：现将清单公布如下。</p>');
    await expect(editor).not.toContainText('待替换的旧正文。');
    await shot(page, 'word-import-02-body');

    // stored: the rendered HTML has the table and the heading, the original is an attachment
    const stored = await api<{ data: { body: string; attachments: Array<{ name: string }> } }>('GET', `/content-manager/collection-types/${ITEM}/${documentId}`, drafterToken);
    assert.equal(stored.status, 200);
    assert.match(stored.body.data.body, /<table>/);
    assert.deepEqual(stored.body.data.attachments.map((a) => a.name), ['事项清单.docx']);

    // a tracked change is refused with a Chinese toast; the body stays
    const [again] = await Promise.all([page.waitForEvent('filechooser'), panel.getByRole('button', { name: '上传 Word 正文' }).click()]);
    await again.setFiles({ name: '修订稿.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await tracked() });
    await page.getByRole('alertdialog').getByRole('button', { name: '替换正文' }).click();
    await expect(page.getByText(/Word 文档含有修订记录/)).toBeVisible();
    await expect(editor).toContainText('<h1>关于公布政务服务事项清单的通知</h1>');
    await shot(page, 'word-import-03-refused');
  } finally {
    await context.close();
  }
});
