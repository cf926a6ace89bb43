import type { Core } from '@strapi/strapi';

const UID = {
  organization: 'api::organization.organization',
  catalogueNode: 'api::catalogue-node.catalogue-node',
  item: 'api::disclosure-item.disclosure-item',
} as const;

let n = 0;
/** A random-ish but valid 9-character organisation code (unique within a run). */
export function orgCode(): string {
  n++;
  return `T${String(process.pid % 10000).padStart(4, '0')}${String(n).padStart(4, '0')}`;
}

export async function makeOrg(strapi: Core.Strapi, data: Record<string, unknown> = {}) {
  return strapi.documents(UID.organization).create({ data: { name: `测试县人民政府${n}`, code: orgCode(), level: '县', ...data } as any });
}

export async function makeNode(strapi: Core.Strapi, orgDocumentId: string, data: Record<string, unknown> = {}) {
  n++;
  return strapi.documents(UID.catalogueNode).create({
    data: { name: `工作动态${n}`, code: `N${n}`, kind: '动态要闻类', cadence: '每周', organization: orgDocumentId, ...data } as any,
  });
}

/** One catalogue node per organisation (its documentId) for items made without `catalogueNodes` (主动公开 needs a 所属目录 to be 送审). */
const defaultNodes = new WeakMap<object, Map<string, Promise<string>>>();
export function defaultNodeOf(strapi: Core.Strapi, orgDocumentId: string): Promise<string> {
  let byOrg = defaultNodes.get(strapi);
  if (!byOrg) defaultNodes.set(strapi, (byOrg = new Map()));
  let node = byOrg.get(orgDocumentId);
  if (!node) {
    node = makeNode(strapi, orgDocumentId, { name: '政务公开工作（测试栏目）', cadence: '不定期' }).then((d: any) => d.documentId);
    byOrg.set(orgDocumentId, node);
  }
  return node;
}

/**
 * A draft item of `orgDocumentId`. Without `catalogueNodes` in `data` it is filed under one test column of the
 * organisation (the 所属目录 check gates 送审 of 主动公开 items); pass `catalogueNodes: []` for none.
 */
export async function makeItem(strapi: Core.Strapi, orgDocumentId: string, data: Record<string, unknown> = {}) {
  const catalogueNodes = 'catalogueNodes' in data ? data.catalogueNodes : [await defaultNodeOf(strapi, orgDocumentId)];
  return strapi.documents(UID.item).create({
    data: { title: '关于做好2025年政务公开工作的通知', organization: orgDocumentId, publishDate: '2025-03-01', writtenDate: '2025-02-27', genre: '通知', ...data, catalogueNodes } as any,
  });
}
