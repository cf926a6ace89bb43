import crypto from 'crypto';
import request from 'supertest';
import JSZip from 'jszip';
import * as docx from 'docx';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeItem, makeOrg } from '../helpers/fixtures';

/**
 * Issue 16, “Word in”: POST /disclosure-items/:documentId/word-import (src/word-import). Every .docx is built here
 * with the `docx` package, as Word would save it.
 */
const ITEM = 'api::disclosure-item.disclosure-item';
const FILE = 'plugin::upload.file';
const RW = '/review-workflow';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// a 4×4 red PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4IScHRwzEcQCxYxBB16puEAAAAABJRU5ErkJggg==', 'base64');

let strapi: Core.Strapi;
let A: any; let B: any;
let drafter: { token: string; api: ReturnType<typeof adminApi> };
let dept: { token: string; api: ReturnType<typeof adminApi> };

const url = (documentId: string) => `/disclosure-items/${documentId}/word-import`;
const upload = (token: string, documentId: string, file: Buffer, filename = '通知.docx', contentType = DOCX_MIME) =>
  request(strapi.server.httpServer).post(url(documentId)).set('Authorization', `Bearer ${token}`).attach('file', file, { filename, contentType });

const draftOf = (documentId: string) => strapi.documents(ITEM as any).findOne({ documentId, populate: { attachments: true } as any }) as Promise<any>;
const fileCount = () => strapi.db.query(FILE as any).count({});

/** The notice every happy-path test uploads: heading, indented paragraphs with bold, lists, a table, an image. */
async function noticeDocx(): Promise<Buffer> {
  const cell = (text: string) => new docx.TableCell({ children: [new docx.Paragraph(text)] });
  const doc = new docx.Document({
    styles: {
      paragraphStyles: [
        // WPS and Chinese Word name the heading styles in Chinese
        { id: 'cn2', name: '标题 2', run: { bold: true } },
        { id: 'body-indent', name: '正文首行缩进', paragraph: { indent: { firstLineChars: 200 } } },
      ],
    },
    numbering: { config: [{ reference: 'steps', levels: [{ level: 0, format: docx.LevelFormat.DECIMAL, text: '%1.', alignment: docx.AlignmentType.START }] }] },
    sections: [
      {
        children: [
          new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_1, children: [new docx.TextRun('关于做好2026年政务公开工作的通知')] }),
          new docx.Paragraph({ style: 'cn2', children: [new docx.TextRun('一、总体要求')] }),
          new docx.Paragraph({
            indent: { firstLineChars: 200 },
            children: [new docx.TextRun('各乡镇人民政府，'), new docx.TextRun({ text: '县直各单位', bold: true }), new docx.TextRun('：现将有关事项通知如下。')],
          }),
          new docx.Paragraph({ indent: { firstLine: 640 }, children: [new docx.TextRun('以磅值设置首行缩进的段落。')] }),
          new docx.Paragraph({ style: 'body-indent', children: [new docx.TextRun('由段落样式缩进的段落。')] }),
          new docx.Paragraph({ children: [new docx.TextRun('落款段落不缩进。')] }),
          new docx.Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [new docx.TextRun('梳理公开事项')] }),
          new docx.Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [new docx.TextRun('更新公开目录')] }),
          new docx.Paragraph({ bullet: { level: 0 }, children: [new docx.TextRun('主动公开')] }),
          new docx.Table({ rows: [new docx.TableRow({ children: [cell('项目'), cell('数量')] }), new docx.TableRow({ children: [cell('依申请公开'), cell('12')] })] }),
          new docx.Paragraph({ children: [new docx.ImageRun({ type: 'png', data: PNG, transformation: { width: 20, height: 20 }, altText: { name: '示意图', description: '工作流程示意图', title: '示意图' } })] }),
        ],
      },
    ],
  });
  return docx.Packer.toBuffer(doc);
}

beforeAll(async () => {
  strapi = await setupStrapi();
  await createAdminAndLogin(strapi);
  A = await makeOrg(strapi, { name: '甲县人民政府' });
  B = await makeOrg(strapi, { name: '乙县人民政府' });
  const d = await createAdminAndLogin(strapi, { roles: ['gov-drafter'], membership: { orgs: [A.documentId] } });
  drafter = { token: d.token, api: adminApi(strapi, d.token) };
  const r = await createAdminAndLogin(strapi, { roles: ['gov-dept-reviewer'], membership: { orgs: [A.documentId] } });
  dept = { token: r.token, api: adminApi(strapi, r.token) };
});
afterAll(teardownStrapi);

describe('POST /disclosure-items/:documentId/word-import', () => {
  it('converts headings, indented paragraphs, bold, lists, a table and an image; the image goes to the Media Library, the .docx is kept as attachment', async () => {
    const item: any = await makeItem(strapi, A.documentId, { title: 'Word 导入', body: '旧的正文' });
    const bytes = await noticeDocx();
    const res = await upload(drafter.token, item.documentId, bytes);
    expect(res.status).toBe(200);
    const { body, images, attachment, warnings } = res.body.data;
    expect(warnings).toEqual([]);

    expect(body).toContain('<h1>关于做好2026年政务公开工作的通知</h1>');
    expect(body).toContain('<h2>一、总体要求</h2>');
    expect(body).toContain('<p class="first-line-indent">各乡镇人民政府，<strong>县直各单位</strong>：现将有关事项通知如下。</p>');
    expect(body).toContain('<p class="first-line-indent">以磅值设置首行缩进的段落。</p>');
    expect(body).toContain('<p class="first-line-indent">由段落样式缩进的段落。</p>');
    expect(body).toContain('<p>落款段落不缩进。</p>');
    expect(body).toMatch(/<ol><li>梳理公开事项<\/li>\s*<li>更新公开目录<\/li><\/ol>/);
    expect(body).toContain('<ul><li>主动公开</li></ul>');
    expect(body).toMatch(/<table><tr><td><p>项目<\/p><\/td><td><p>数量<\/p><\/td><\/tr>\s*<tr><td><p>依申请公开<\/p><\/td><td><p>12<\/p><\/td><\/tr><\/table>/);
    expect(body).not.toContain('旧的正文');

    // the image: one file of the Media Library, of the item's organisation, referenced by the body
    expect(images).toHaveLength(1);
    const image: any = await strapi.db.query(FILE as any).findOne({ where: { id: images[0].id }, populate: { organization: true } });
    expect(image.mime).toBe('image/png');
    expect(image.url).toMatch(/^\/uploads\/.+\.png$/);
    expect(image.alternativeText).toBe('工作流程示意图');
    expect(image.organization.documentId).toBe(A.documentId);
    expect(body).toContain(`<img alt="工作流程示意图" src="${image.url}" />`);

    // the draft as stored: body, rendered bodyHtml (sanitizer kept the indent class, the table and the image), the original .docx attached
    const draft = await draftOf(item.documentId);
    expect(draft.body).toBe(body);
    expect(draft.bodyHtml).toContain('<h1>关于做好2026年政务公开工作的通知</h1>');
    expect(draft.bodyHtml).toContain('<p class="first-line-indent">各乡镇人民政府，<strong>县直各单位</strong>：现将有关事项通知如下。</p>');
    expect(draft.bodyHtml).toContain('<td><p>依申请公开</p></td>');
    expect(draft.bodyHtml).toContain(`<img src="${image.url}" alt="工作流程示意图" />`);
    expect(draft.attachments.map((f: any) => f.id)).toEqual([attachment.id]);
    const original: any = await strapi.db.query(FILE as any).findOne({ where: { id: attachment.id }, populate: { organization: true } });
    expect(original.name).toBe('通知.docx');
    expect(original.mime).toBe(DOCX_MIME);
    expect(original.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(original.organization.documentId).toBe(A.documentId);

    // a second import replaces the body again and keeps both originals
    const again = await upload(drafter.token, item.documentId, bytes, '通知（修改稿）.docx');
    expect(again.status).toBe(200);
    expect((await draftOf(item.documentId)).attachments.map((f: any) => f.name).sort()).toEqual(['通知.docx', '通知（修改稿）.docx'].sort());
  });

  it('goes through the Document Service: an item in review whose body is replaced goes back to 拟稿', async () => {
    const item: any = await makeItem(strapi, A.documentId, { title: '送审后导入', body: '送审时的正文' });
    expect((await drafter.api.post(`${RW}/documents/${ITEM}/${item.documentId}/actions`, { action: 'submit' })).status).toBe(200);
    expect((await drafter.api.get(`${RW}/documents/${ITEM}/${item.documentId}`)).body.stage).toBe('deptReview');
    expect((await upload(drafter.token, item.documentId, await noticeDocx())).status).toBe(200);
    expect((await drafter.api.get(`${RW}/documents/${ITEM}/${item.documentId}`)).body.stage).toBe('draft');
  });

  it('when the Document Service refuses the write, the files uploaded for it are removed again', async () => {
    // a row written behind the platform's back (a legacy import) with 成文日期 after 发布日期: any update of it is refused
    const legacy: any = await makeItem(strapi, A.documentId, { title: '历史数据', body: '历史正文' });
    await strapi.db.query(ITEM as any).update({ where: { documentId: legacy.documentId, publishedAt: null }, data: { writtenDate: '2025-12-31', publishDate: '2025-01-01' } });
    const before = await fileCount();
    const res = await upload(drafter.token, legacy.documentId, await noticeDocx());
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['writtenDate']);
    expect(await fileCount()).toBe(before);
    const draft = await draftOf(legacy.documentId);
    expect(draft.body).toBe('历史正文');
    expect(draft.attachments ?? []).toEqual([]);
  });

  describe('refusals: a Chinese 400 naming the field file, nothing written', () => {
    let item: any;
    beforeAll(async () => {
      item = await makeItem(strapi, A.documentId, { title: '拒绝导入', body: '不变的正文' });
    });

    async function expectRefused(res: request.Response, message: RegExp) {
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.details.errors[0].path).toEqual(['file']);
      const draft = await draftOf(item.documentId);
      expect(draft.body).toBe('不变的正文');
      expect(draft.attachments ?? []).toEqual([]);
    }

    it('tracked changes (修订)', async () => {
      const before = await fileCount();
      const doc = new docx.Document({
        features: { trackRevisions: true },
        sections: [{ children: [new docx.Paragraph({ children: [
          new docx.TextRun('经研究，'),
          new docx.InsertedTextRun({ text: '同意', id: 1, author: '办公室', date: '2026-03-01T09:00:00Z' }),
          new docx.DeletedTextRun({ text: '暂缓', id: 2, author: '办公室', date: '2026-03-01T09:00:00Z' }),
        ] })] }],
      });
      await expectRefused(await upload(drafter.token, item.documentId, await docx.Packer.toBuffer(doc)), /修订/);
      expect(await fileCount()).toBe(before);
    });

    it('a formatting change tracked alone (w:rPrChange) is a tracked change too', async () => {
      const buf = await docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [new docx.Paragraph('正文')] }] }));
      const zip = await JSZip.loadAsync(buf);
      const xml = await zip.file('word/document.xml')!.async('string');
      zip.file('word/document.xml', xml.replace('<w:r>', '<w:r><w:rPr><w:b/><w:rPrChange w:id="9" w:author="办公室"><w:rPr/></w:rPrChange></w:rPr>'));
      await expectRefused(await upload(drafter.token, item.documentId, await zip.generateAsync({ type: 'nodebuffer' })), /修订/);
    });

    it('comments (批注)', async () => {
      const doc = new docx.Document({
        comments: { children: [{ id: 0, author: '分管领导', date: new Date('2026-03-01T09:00:00Z'), children: [new docx.Paragraph('此段暂不公开')] }] },
        sections: [{ children: [new docx.Paragraph({ children: [
          new docx.CommentRangeStart(0), new docx.TextRun('有关数据'), new docx.CommentRangeEnd(0), new docx.TextRun({ children: [new docx.CommentReference(0)] }),
        ] })] }],
      });
      await expectRefused(await upload(drafter.token, item.documentId, await docx.Packer.toBuffer(doc)), /批注/);
    });

    it('files that are not .docx, whatever their name: text, an old .doc, a spreadsheet package', async () => {
      const before = await fileCount();
      await expectRefused(await upload(drafter.token, item.documentId, Buffer.from('这不是 Word 文档')), /不是 Word 文档/);
      const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
      await expectRefused(await upload(drafter.token, item.documentId, ole, '旧版.docx'), /旧版 Word 文档（\.doc）/);
      const xlsx = new JSZip();
      xlsx.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>');
      xlsx.file('xl/workbook.xml', '<workbook/>');
      await expectRefused(await upload(drafter.token, item.documentId, await xlsx.generateAsync({ type: 'nodebuffer' }), '报表.docx'), /不是 Word 文档/);
      expect(await fileCount()).toBe(before);
    });

    it('a file larger than the configured limit (disclosure.wordImportMaxBytes)', async () => {
      const bytes = await noticeDocx();
      const previous = strapi.config.get('disclosure.wordImportMaxBytes');
      strapi.config.set('disclosure.wordImportMaxBytes', bytes.length - 1);
      try {
        await expectRefused(await upload(drafter.token, item.documentId, bytes), /Word 文档过大.*不能超过/);
      } finally {
        strapi.config.set('disclosure.wordImportMaxBytes', previous);
      }
    });

    it('pictures that are no image or are damaged are left out with a warning, nothing uploaded for them', async () => {
      const withPictures = (...data: Buffer[]) =>
        docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [
          new docx.Paragraph('附图如下。'),
          ...data.map((d) => new docx.Paragraph({ children: [new docx.ImageRun({ type: 'png', data: d, transformation: { width: 20, height: 20 } })] })),
        ] }] }));
      const other: any = await makeItem(strapi, A.documentId, { title: '图片不是图片', body: '原文' });
      const before = await fileCount();
      const res = await upload(drafter.token, other.documentId, await withPictures(PNG, Buffer.from('<html><script>alert(1)</script></html>'), Buffer.concat([PNG.subarray(0, 16), crypto.randomBytes(64)])));
      expect(res.status).toBe(200);
      expect(res.body.data.images).toHaveLength(1);
      expect(res.body.data.warnings).toEqual([expect.stringMatching(/^1 张图片的格式.*已略过/), expect.stringMatching(/^1 张图片已损坏或无法识别，已略过/)]);
      expect(res.body.data.body).toBe(`<p>附图如下。</p>\n<p><img src="${res.body.data.images[0].url}" /></p>`);
      expect(await fileCount()).toBe(before + 2); // the good picture and the original
    });

    it('no file', async () => {
      const res = await drafter.api.post(url(item.documentId), {});
      await expectRefused(res, /请选择要上传的 Word 文档/);
    });
  });

  describe('authorization', () => {
    it('another organisation\'s item is refused (403) and nothing changes', async () => {
      const other: any = await makeItem(strapi, B.documentId, { title: '乙县的通知', body: '乙县的正文' });
      const before = await fileCount();
      const res = await upload(drafter.token, other.documentId, await noticeDocx());
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('该文档属于其他机构，您无权访问');
      const draft = await draftOf(other.documentId);
      expect(draft.body).toBe('乙县的正文');
      expect(draft.attachments ?? []).toEqual([]);
      expect(await fileCount()).toBe(before);
    });

    it('a reviewer without the update permission is refused (403); an unknown item is 404; no login is 401', async () => {
      const item: any = await makeItem(strapi, A.documentId, { title: '审核人不能改正文', body: '原文' });
      const bytes = await noticeDocx();
      const res = await upload(dept.token, item.documentId, bytes);
      expect(res.status).toBe(403);
      expect((await draftOf(item.documentId)).body).toBe('原文');
      expect((await upload(drafter.token, 'nosuchdocument000000000', bytes)).status).toBe(404);
      expect((await request(strapi.server.httpServer).post(url(item.documentId)).attach('file', bytes, { filename: 'a.docx', contentType: DOCX_MIME })).status).toBe(401);
    });
  });
});
