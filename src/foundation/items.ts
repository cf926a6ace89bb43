import type { Core } from '@strapi/strapi';
import { UID, ENUMS } from './constants';
import { FieldErrors } from './errors';
import { checkDate, checkEnum, dateOnly, normaliseKeywords } from './validators';
import { applyRelationChange, loadRefs, parseRelationInput, refOf } from './relations';
import type { Prepared } from './prepare';
import { checkDocumentNumber } from '../domain/document-number';
import { checkImportedIndexNo, DEFAULT_INDEX_NO_TEMPLATE, formatIndexNo, parseIndexNo } from '../domain/index-no';
import { todayInChina } from '../domain/dates';
import { nextSequence, bumpSequence } from './sequences';
import { assignSlug } from './slugs';
import { renderItemRichText } from './rich-text-fields';

type Data = Record<string, any>;

const indexNoTemplate = (strapi: Core.Strapi) =>
  String(strapi.config.get('disclosure.indexNoTemplate', DEFAULT_INDEX_NO_TEMPLATE));

/** Organisations allowed to put items under a catalogue node: its owner and the organisations it delegates to. */
export function nodeAcceptsOrganization(node: any, orgDocumentId: string): boolean {
  if (node.organization?.documentId === orgDocumentId) return true;
  return Array.isArray(node.delegates) && node.delegates.some((d: any) => d.documentId === orgDocumentId);
}

/**
 * Validates and completes a disclosure item on create / update / clone (Document Service middleware,
 * so the Content Manager, REST, imports and code all pass here). Returns a function to run inside
 * the write transaction (索引号 generation), or null.
 */
export async function prepareItem(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data: Data = (params.data ??= {});
  const errs = new FieldErrors();
  let existing: any = null;
  if (action === 'update' || action === 'clone') {
    existing = await strapi.db.query(UID.item).findOne({
      where: { documentId: params.documentId, publishedAt: null },
      populate: { organization: true, catalogueNodes: true, interprets: true },
    });
    if (!existing) return null; // Strapi answers 404 itself
  }

  // Enumerations, dates, free-text fields
  checkEnum(errs, data, 'genre', '体裁分类', ENUMS.genre);
  checkEnum(errs, data, 'disclosureMode', '公开方式', ENUMS.disclosureMode);
  checkEnum(errs, data, 'scope', '公开范围', ENUMS.scope);
  checkEnum(errs, data, 'secrecyLevel', '密级', ENUMS.secrecyLevel);
  checkEnum(errs, data, 'validity', '有效性', ENUMS.validity);
  checkDate(errs, data, 'writtenDate', '成文日期');
  checkDate(errs, data, 'publishDate', '发布日期');
  checkDate(errs, data, 'expiryDate', '失效日期');
  for (const f of ['writtenDate', 'publishDate', 'expiryDate']) if (f in data) data[f] = dateOnly(data[f]);

  const merged: Data = { ...(existing ?? {}), ...data };
  if (action === 'create' && (typeof merged.title !== 'string' || !merged.title.trim())) errs.add('title', '标题不能为空');
  if (merged.writtenDate && merged.publishDate && merged.writtenDate > merged.publishDate) {
    errs.add('writtenDate', `成文日期（${merged.writtenDate}）不能晚于发布日期（${merged.publishDate}）`);
  }
  const mode = merged.disclosureMode ?? '主动公开';
  if (mode !== '主动公开' && !(typeof merged.exemptionReason === 'string' && merged.exemptionReason.trim())) {
    errs.add('exemptionReason', `公开方式为“${mode}”时必须填写免予公开理由`);
  }
  if ('documentNumber' in data) {
    const { value, error } = checkDocumentNumber(data.documentNumber);
    if (error) errs.add('documentNumber', error, data.documentNumber);
    else data.documentNumber = value;
  }
  if ('keywords' in data) {
    const { value, error } = normaliseKeywords(data.keywords);
    if (error) errs.add('keywords', error);
    else data.keywords = value;
  }

  // bodyHtml / summaryHtml: rendered and sanitized from body / summary whenever those are written (issue 17)
  renderItemRichText(data);

  // 发布机构 (required) and 所属目录 (nodes of that organisation, or delegated to it)
  const orgChange = parseRelationInput(data.organization);
  const orgRefs = applyRelationChange(refOf(existing?.organization), orgChange, true);
  const [org] = await loadRefs(strapi, UID.organization, orgRefs);
  if (!org) errs.add('organization', orgRefs.length ? '发布机构不存在' : '必须选择发布机构');

  const nodeChange = parseRelationInput(data.catalogueNodes);
  if (nodeChange || orgChange) {
    const nodeRefs = applyRelationChange((existing?.catalogueNodes ?? []).map((n: any) => ({ id: n.id, documentId: n.documentId })), nodeChange, false);
    const nodes = await loadRefs(strapi, UID.catalogueNode, nodeRefs, { organization: true, delegates: true });
    if (nodes.length < nodeRefs.length) errs.add('catalogueNodes', '所选目录栏目不存在');
    if (org) {
      for (const node of nodes) {
        if (!nodeAcceptsOrganization(node, org.documentId)) {
          errs.add('catalogueNodes', `目录栏目“${node.name}”（${node.code}）属于其他机构，不能发布本机构（${org.name}）的信息`);
        }
      }
    }
  }

  const interpretsChange = parseRelationInput(data.interprets);
  if (interpretsChange && existing) {
    const target = applyRelationChange(refOf(existing.interprets), interpretsChange, true)[0];
    if (target && (target.documentId === existing.documentId || target.id === existing.id)) {
      errs.add('interprets', '政策解读不能解读其自身');
    }
  }

  // 索引号: generated once, immutable
  const template = indexNoTemplate(strapi);
  let importedIndexNo: string | null = null;
  if (action === 'update') {
    if ('indexNo' in data && data.indexNo !== existing.indexNo && !(data.indexNo == null && existing.indexNo == null)) {
      errs.add('indexNo', `索引号生成后不可修改（当前为 ${existing.indexNo}）`, data.indexNo);
    }
    delete data.indexNo;
  } else if (action === 'create' && data.indexNo) {
    const e = checkImportedIndexNo(data.indexNo);
    if (e) errs.add('indexNo', e, data.indexNo);
    else {
      const dup = await strapi.db.query(UID.item).findOne({ where: { indexNo: data.indexNo }, select: ['id'] });
      if (dup) errs.add('indexNo', `索引号 ${data.indexNo} 已被使用`, data.indexNo);
      importedIndexNo = data.indexNo;
    }
  } else {
    delete data.indexNo;
  }

  errs.throwIfAny();

  if (action === 'create' || action === 'clone') {
    await assignSlug(strapi, UID.item, data, merged.title, action === 'clone' ? undefined : data.slug);
  } else if (data.slug === '' || data.slug === null) {
    await assignSlug(strapi, UID.item, data, merged.title, undefined, existing.documentId);
  }

  if (action === 'update') return null;
  const year = Number(String(merged.publishDate ?? todayInChina()).slice(0, 4));
  return async (trx: any) => {
    if (importedIndexNo) {
      const parts = parseIndexNo(template, importedIndexNo);
      if (parts && parts.orgCode === org.code) await bumpSequence(strapi, trx, `item:${org.code}`, parts.year, parts.seq);
      return;
    }
    const seq = await nextSequence(strapi, trx, `item:${org.code}`, year);
    data.indexNo = formatIndexNo(template, { orgCode: org.code, year, seq });
  };
}
