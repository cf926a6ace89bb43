import type { Core } from '@strapi/strapi';

/**
 * Publish a document in tests that are not about the review workflow. Publishing is guarded by the
 * review-workflow plugin (approval bound to the draft's content); this helper records the approval
 * through the plugin's audited import path when the plugin provides it, then publishes.
 * ALWAYS use this (never documents().publish directly) in tests of other features.
 */
export async function publishDoc(strapi: Core.Strapi, uid: string, documentId: string): Promise<any> {
  const workflow = strapi.plugin('review-workflow')?.service?.('workflow') as any;
  if (workflow?.approveForImport) {
    await workflow.approveForImport(uid, documentId, { comment: '测试数据' });
  }
  return (strapi.documents(uid as any) as any).publish({ documentId });
}
