/**
 * 上传 Word 正文 (issue 16): `POST /disclosure-items/:documentId/word-import` (admin JWT, multipart field `file`)
 * replaces the body of an item's draft with a .docx converted by src/word-import/docx.ts.
 *
 * - Guarded like every admin route (plugins/site-groups authz.ts): the Content Manager's update permission on
 *   政府信息 and the item's organisation; the update permission must cover the fields body and attachments.
 * - Refusals (not a .docx, larger than `disclosure.wordImportMaxBytes`, tracked changes, comments) are 400s
 *   naming the field `file`, decided before anything is written.
 * - The images go to the Media Library (the upload plugin's service, so their sha256 is recorded) and the
 *   original .docx is added to the item's attachments; all of them belong to the item's organisation.
 * - The body is written through the Document Service (draft), so prepareItem renders bodyHtml and the review
 *   workflow sees a changed draft (a document in review goes back to 拟稿). If that write is refused, the files
 *   just uploaded are removed again: nothing is left behind.
 */
import { createReadStream } from 'fs';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { guard } from '../../plugins/site-groups/server/src/authz';
import { registerAppAdminRoutes } from '../../plugins/site-groups/server/src/route-table';
import { isSuperAdmin } from '../../plugins/site-groups/server/src/scope';
import { fieldError } from '../foundation/errors';
import { UID } from '../foundation/constants';
import { IMAGE_TYPES, WordRefusal, convertDocx, imagePlaceholder, inspectDocx } from './docx';

const UPDATE = 'plugin::content-manager.explorer.update';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DEFAULT_WORD_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const maxBytesOf = (strapi: Core.Strapi) => Number(strapi.config.get('disclosure.wordImportMaxBytes', DEFAULT_WORD_IMPORT_MAX_BYTES)) || DEFAULT_WORD_IMPORT_MAX_BYTES;
const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** The one uploaded file of the multipart field `file` (formidable's shape), or a 400. */
function uploadedFile(ctx: any): { filepath: string; originalFilename?: string; size: number } {
  const files = ctx.request?.files ?? {};
  const extra = Object.keys(files).filter((k) => k !== 'file');
  if (extra.length) throw fieldError(extra[0], `未知的上传字段：${extra.join('、')}（Word 文档请放在字段 file 中）`);
  const f = files.file;
  if (!f) throw fieldError('file', '请选择要上传的 Word 文档（.docx）');
  if (Array.isArray(f)) throw fieldError('file', '一次只能上传一个 Word 文档');
  return f;
}

/** The Content Manager's own field permissions: replacing the body needs update on body and attachments. */
async function assertMayWriteBody(strapi: Core.Strapi, ctx: any, documentId: string) {
  const user = ctx.state.user;
  if (isSuperAdmin(user)) return;
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: UID.item });
  const entity = await strapi.db.query(UID.item as any).findOne({ where: { documentId }, populate: { organization: true, createdBy: true } });
  for (const field of ['body', 'attachments']) {
    if (checker.cannot.update(entity, field)) {
      throw new errors.ForbiddenError(`您没有修改该政府信息“${field === 'body' ? '正文' : '附件'}”的权限`);
    }
  }
}

const baseName = (name: string | undefined) => {
  const base = path.basename(String(name ?? ''), path.extname(String(name ?? ''))).replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_').trim();
  return base || 'Word正文';
};

async function uploadFiles(strapi: Core.Strapi, files: Array<{ filepath: string; name: string; mime: string; size: number; alt?: string }>, orgId: number | null, user: any, uploaded: any[]) {
  const upload = strapi.plugin('upload').service('upload');
  for (const f of files) {
    const [file] = await upload.upload(
      { data: { fileInfo: { name: f.name, alternativeText: f.alt ?? null } }, files: { filepath: f.filepath, originalFilename: f.name, mimetype: f.mime, size: f.size } },
      { user },
    );
    uploaded.push(file);
    // the item's organisation, not the uploader's first one: the files are the item's
    if (orgId) await strapi.db.query('plugin::upload.file' as any).update({ where: { id: file.id }, data: { organization: orgId } });
  }
}

export async function importWordBody(strapi: Core.Strapi, ctx: any) {
  const documentId = String(ctx.params.documentId);
  const file = uploadedFile(ctx);
  const maxBytes = maxBytesOf(strapi);
  if (Number(file.size) > maxBytes) throw fieldError('file', `Word 文档过大（${megabytes(Number(file.size))}），不能超过 ${megabytes(maxBytes)}`);
  await assertMayWriteBody(strapi, ctx, documentId);

  let converted;
  try {
    converted = await convertDocx(await inspectDocx(await fs.readFile(file.filepath), maxBytes));
  } catch (e) {
    if (e instanceof WordRefusal) throw fieldError('file', e.message);
    throw e;
  }

  const item: any = await strapi.documents(UID.item as any).findOne({ documentId, populate: { attachments: { fields: ['id'] }, organization: { fields: ['id'] } } as any });
  if (!item) throw new errors.NotFoundError('该政府信息没有草稿，无法导入正文');
  const orgId: number | null = item.organization?.id ?? null;
  const docName = baseName(file.originalFilename);

  const warnings = [...converted.warnings];
  const uploaded: any[] = [];
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'word-import-'));
  try {
    // pictures the Media Library's image service cannot read (damaged, or not what their type says) are left out
    const images = strapi.plugin('upload').service('image-manipulation');
    const imageFiles: Array<{ index: number; filepath: string; name: string; mime: string; size: number; alt?: string }> = [];
    let unreadable = 0;
    for (const [i, img] of converted.images.entries()) {
      const ext = IMAGE_TYPES[img.contentType];
      const filepath = path.join(tmp, `${i}-${crypto.randomBytes(4).toString('hex')}.${ext}`);
      await fs.writeFile(filepath, img.buffer);
      const file = { filepath, getStream: () => createReadStream(filepath) };
      if ((await images.isImage(file)) && !(await images.isFaultyImage(file))) {
        imageFiles.push({ index: i, filepath, name: `${docName}-图${imageFiles.length + 1}.${ext}`, mime: img.contentType, size: img.buffer.length, alt: img.altText });
      } else unreadable++;
    }
    if (unreadable) warnings.push(`${unreadable} 张图片已损坏或无法识别，已略过，请在 Word/WPS 中重新插入后再上传`);
    await uploadFiles(strapi, imageFiles, orgId, ctx.state.user, uploaded);
    await uploadFiles(strapi, [{ filepath: file.filepath, name: `${docName}.docx`, mime: DOCX_MIME, size: Number(file.size) }], orgId, ctx.state.user, uploaded);

    const urls = new Map(imageFiles.map((f, k) => [f.index, uploaded[k].url as string]));
    const body = converted.body.replace(/<img [^>]*src="word-image:(\d+)"[^>]*\/?>/g, (tag, i: string) => {
      const url = urls.get(Number(i));
      return url ? tag.replace(`src="${imagePlaceholder(Number(i))}"`, `src="${url}"`) : '';
    })
      // paragraphs that held only a picture left out
      .replace(/\n?<p><\/p>/g, '')
      .trim();
    const original = uploaded[uploaded.length - 1];
    const attachments = [...(item.attachments ?? []).map((a: any) => a.id), original.id];
    const updated: any = await strapi.documents(UID.item as any).update({ documentId, data: { body, attachments } as any });
    ctx.body = {
      data: {
        documentId,
        body: updated?.body ?? body,
        images: uploaded.slice(0, -1).map((f) => ({ id: f.id, name: f.name, url: f.url })),
        attachment: { id: original.id, name: original.name, url: original.url },
        warnings,
      },
    };
  } catch (e) {
    // the write was refused (validation, review, scope): the files uploaded for it go again
    const remove = strapi.plugin('upload').service('upload');
    for (const f of uploaded) {
      try {
        await remove.remove(f);
      } catch (cleanup: any) {
        strapi.log.warn(`[Word 导入] 未能删除上传失败后遗留的文件 ${f.name}：${String(cleanup?.message ?? cleanup)}`);
      }
    }
    throw e;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

export function wordImportRoutes(strapi: Core.Strapi) {
  return [
    {
      method: 'POST',
      path: '/disclosure-items/:documentId/word-import',
      handler: (ctx: any) => importWordBody(strapi, ctx),
      config: guard({ permission: UPDATE, subject: UID.item, scope: { document: { uid: UID.item, idParam: 'documentId' } } }),
    },
  ];
}

export function registerWordImport(strapi: Core.Strapi): void {
  registerAppAdminRoutes(strapi, 'word-import', wordImportRoutes(strapi));
}
