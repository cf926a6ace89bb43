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

export async function makeItem(strapi: Core.Strapi, orgDocumentId: string, data: Record<string, unknown> = {}) {
  return strapi.documents(UID.item).create({
    data: { title: '关于做好2025年政务公开工作的通知', organization: orgDocumentId, publishDate: '2025-03-01', writtenDate: '2025-02-27', genre: '通知', ...data } as any,
  });
}
