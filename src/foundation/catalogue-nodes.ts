/**
 * Write rules of 公开目录栏目 (catalogue node): name and 目录编码 required, the code unique within the
 * maintaining organisation; 栏目类别 and 更新频率 from the lists; 核心要素 only names of item fields;
 * a maintaining organisation that exists; the parent never the node itself or one of its descendants.
 */
import type { Core } from '@strapi/strapi';
import { UID, ENUMS } from './constants';
import { FieldErrors } from './errors';
import { checkEnum, checkRequiredText } from './validators';
import { applyRelationChange, loadRefs, parentChangeCreatesCycle, parseRelationInput, refOf } from './relations';
import { loadExisting, type Prepared } from './prepare';

const ITEM_FIELDS = new Set(['title', 'indexNo', 'organization', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'subjectCategory', 'genre', 'disclosureMode', 'exemptionReason', 'scope', 'secrecyLevel', 'keywords', 'summary', 'body', 'attachments', 'validity', 'isNormative', 'expiryDate']);

export async function prepareCatalogueNode(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' ? await loadExisting(strapi, UID.catalogueNode, params, { parent: true, organization: true }) : null;
  if (action === 'update' && !existing) return null;
  if (action === 'create') {
    checkRequiredText(errs, data, 'name', '栏目名称');
    checkRequiredText(errs, data, 'code', '目录编码');
  }
  checkEnum(errs, data, 'kind', '栏目类别', ENUMS.nodeKind);
  checkEnum(errs, data, 'cadence', '更新频率', ENUMS.cadence);
  if ('requiredElements' in data && data.requiredElements != null) {
    const v = data.requiredElements;
    if (!Array.isArray(v) || v.some((f: unknown) => typeof f !== 'string' || !ITEM_FIELDS.has(f))) {
      errs.add('requiredElements', `核心要素应为政府信息字段名列表，可选：${[...ITEM_FIELDS].join('、')}`);
    }
  }
  const orgRefs = applyRelationChange(refOf(existing?.organization), parseRelationInput(data.organization), true);
  const [org] = await loadRefs(strapi, UID.organization, orgRefs);
  if (!org) errs.add('organization', orgRefs.length ? '维护机构不存在' : '必须选择维护机构');
  const code = 'code' in data ? data.code : existing?.code;
  if (org && typeof code === 'string' && code) {
    const dups = await strapi.db.query(UID.catalogueNode as any).findMany({ where: { code, organization: { documentId: org.documentId } }, select: ['documentId'] });
    if (dups.some((d: any) => d.documentId !== existing?.documentId)) errs.add('code', `本机构已有目录编码为 ${code} 的栏目`, code);
  }
  if (await parentChangeCreatesCycle(strapi, UID.catalogueNode, existing, data.parent)) errs.add('parent', '上级栏目不能是本栏目或其下级栏目');
  errs.throwIfAny();
  return null;
}
