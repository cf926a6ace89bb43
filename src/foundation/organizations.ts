/**
 * Write rules of 机构 (organisation): name required; 机构代码 normalised, well-formed and unique;
 * 层级 from the list; the parent never the organisation itself or one of its descendants.
 */
import type { Core } from '@strapi/strapi';
import { UID, ENUMS } from './constants';
import { FieldErrors } from './errors';
import { checkEnum, checkRequiredText } from './validators';
import { parentChangeCreatesCycle } from './relations';
import { loadExisting, type Prepared } from './prepare';
import { checkOrgCode } from '../domain/org-code';

export async function prepareOrganization(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' ? await loadExisting(strapi, UID.organization, params, { parent: true }) : null;
  if (action === 'update' && !existing) return null;
  if (action === 'create') checkRequiredText(errs, data, 'name', '机构名称');
  if (action === 'create' || 'code' in data) {
    if (typeof data.code === 'string') data.code = data.code.trim().toUpperCase();
    const e = checkOrgCode(data.code);
    if (e) errs.add('code', e, data.code);
    else {
      const dup = await strapi.db.query(UID.organization as any).findOne({ where: { code: data.code }, select: ['documentId'] });
      if (dup && dup.documentId !== existing?.documentId) errs.add('code', `机构代码 ${data.code} 已被其他机构使用`, data.code);
    }
  }
  checkEnum(errs, data, 'level', '层级', ENUMS.orgLevel);
  if (await parentChangeCreatesCycle(strapi, UID.organization, existing, data.parent)) errs.add('parent', '上级机构不能是本机构或其下级机构');
  errs.throwIfAny();
  return null;
}
