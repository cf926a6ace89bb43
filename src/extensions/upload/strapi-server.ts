import crypto from 'crypto';
import type { Readable } from 'stream';
import { assertFilesMayChange } from '../../../plugins/review-workflow/server/src/services/attachments-guard';
import { MEMBERSHIP_UID, isSuperAdmin } from '../../../plugins/site-groups/server/src/scope';
import { UID } from '../../foundation/constants';

/**
 * The Media Library (Strapi's upload plugin) extended for the platform:
 *  - every file records the sha256 of its stored bytes (computed on upload and on replace) — the review
 *    approval's content hash includes it, so an approval covers the bytes the public will download;
 *  - every file belongs to an organisation (the uploader's first organisation), so the RBAC condition
 *    “属于本人所在机构” scopes the Media Library like the content;
 *  - replacing, renaming or deleting a file attached to a document in review, approved or published is
 *    refused before any byte is written (plugins/review-workflow/server/src/services/attachments-guard.ts).
 */
const FILE_UID = 'plugin::upload.file';

async function sha256Of(stream: Readable): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The organisation a new file belongs to: the uploading admin's first organisation (none for super admins). */
async function uploaderOrganization(strapi: any): Promise<number | null> {
  const ctx: any = strapi.requestContext.get();
  const user = ctx?.state?.user;
  const isAdmin = ctx?.state?.auth?.strategy?.name === 'admin' || ctx?.state?.isAuthenticatedAdmin === true;
  if (!user?.id || !isAdmin || isSuperAdmin(user)) return null;
  const m: any = await strapi.db.query(MEMBERSHIP_UID).findOne({ where: { user: { id: user.id } }, populate: { organizations: { select: ['id'], orderBy: { id: 'asc' } } } });
  return m?.organizations?.[0]?.id ?? null;
}

export default (plugin: any) => {
  const attributes = plugin.contentTypes.file.schema.attributes;
  attributes.sha256 = { type: 'string', maxLength: 64, configurable: false };
  attributes.organization = { type: 'relation', relation: 'manyToOne', target: UID.organization, configurable: false };

  const uploadFactory = plugin.services.upload;
  plugin.services.upload = ({ strapi }: { strapi: any }) => {
    const svc = uploadFactory({ strapi });
    const { replace, remove, updateFileInfo } = svc;
    return Object.assign(svc, {
      async replace(id: number, args: any, opts: any) {
        await assertFilesMayChange(strapi, [Number(id)], '替换');
        return replace(id, args, opts);
      },
      async remove(file: any) {
        await assertFilesMayChange(strapi, [Number(file?.id)], '删除');
        return remove(file);
      },
      async updateFileInfo(id: number, info: any, opts: any) {
        if (info?.name !== undefined && info?.name !== null) {
          const current: any = await strapi.db.query(FILE_UID).findOne({ where: { id }, select: ['name'] });
          if (current && current.name !== info.name) await assertFilesMayChange(strapi, [Number(id)], '重命名');
        }
        return updateFileInfo(id, info, opts);
      },
    });
  };
  // bulk and folder deletes: check every file first, so a refusal deletes nothing
  const fileService = plugin.services.file;
  plugin.services.file = {
    ...fileService,
    async deleteByIds(ids: number[] = []) {
      await assertFilesMayChange((globalThis as any).strapi, ids.map(Number), '删除');
      return fileService.deleteByIds(ids);
    },
  };
  const folderService = plugin.services.folder;
  plugin.services.folder = {
    ...folderService,
    async deleteByIds(ids: number[] = []) {
      const strapi = (globalThis as any).strapi;
      const folders: any[] = await strapi.db.query('plugin::upload.folder').findMany({ where: { id: { $in: ids } }, select: ['path'] });
      if (folders.length) {
        const files: any[] = await strapi.db.query(FILE_UID).findMany({
          where: { $or: folders.flatMap((f) => [{ folderPath: { $eq: f.path } }, { folderPath: { $startsWith: `${f.path}/` } }]) },
          select: ['id'],
        });
        await assertFilesMayChange(strapi, files.map((f) => f.id), '删除');
      }
      return folderService.deleteByIds(ids);
    },
  };

  const bootstrap = plugin.bootstrap;
  plugin.bootstrap = async (args: { strapi: any }) => {
    await bootstrap?.(args);
    const { strapi } = args;
    strapi.db.lifecycles.subscribe({
      models: [FILE_UID],
      async beforeCreate(event: any) {
        const data = event.params.data ?? {};
        if (typeof data.getStream === 'function') data.sha256 = await sha256Of(data.getStream());
        else if (data.buffer) data.sha256 = crypto.createHash('sha256').update(data.buffer).digest('hex');
        if (data.organization === undefined) {
          const org = await uploaderOrganization(strapi);
          if (org) data.organization = org;
        }
      },
      async beforeUpdate(event: any) {
        const data = event.params.data ?? {};
        if (typeof data.getStream === 'function') data.sha256 = await sha256Of(data.getStream());
      },
    });
  };
  return plugin;
};
