import path from 'path';
import type { Core } from '@strapi/strapi';
import { createCheckPipeline, loadWordListFile, loadPairListFile, type CheckPipeline, type CheckResult, type AttachmentInfo } from '../checks';
import type { ReviewWorkflowConfig } from '../config';

const TEXT_FIELDS = ['title', 'summary', 'body', 'documentNumber', 'issuingAuthority', 'overview', 'problems', 'otherMatters', 'exemptionReason'];

/** Markdown / HTML to plain text with the same characters the reader sees (offsets refer to this text). */
function plain(text: string): string {
  return text.replace(/<[^>]+>/g, ' ');
}

/** The check pipeline, built once from the plugin config and the dictionary files in config/review/. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let pipeline: CheckPipeline | null = null;

  function get(): CheckPipeline {
    if (pipeline) return pipeline;
    const config = strapi.config.get('plugin::review-workflow') as ReviewWorkflowConfig;
    const root = strapi.dirs.app.root;
    const checks = config.checks ?? {};
    const sensitiveWords = loadWordListFile(path.resolve(root, checks.sensitiveWordsFile ?? 'config/review/sensitive-words.txt'));
    const typos = loadPairListFile(path.resolve(root, checks.typosFile ?? 'config/review/typos.txt'));
    pipeline = createCheckPipeline({
      severity: checks.severity as any,
      sensitiveWords,
      typos,
      attachments: checks.allowedExtensions ? { allowedExtensions: checks.allowedExtensions } as any : undefined,
    });
    return pipeline;
  }

  /** Runs every check on the current draft of a document. */
  async function runOnDraft(uid: string, documentId: string): Promise<CheckResult | null> {
    const ct: any = strapi.contentType(uid as any);
    const populate: Record<string, unknown> = {};
    if (ct.attributes.attachments) populate.attachments = true;
    if (ct.attributes.catalogueNodes) populate.catalogueNodes = { select: ['requiredElements', 'name'] };
    const where: Record<string, unknown> = { documentId };
    if (ct.options?.draftAndPublish) where.publishedAt = null;
    const row: any = await strapi.db.query(uid as any).findOne({ where, populate });
    if (!row) return null;
    const fields: Record<string, string> = {};
    for (const f of TEXT_FIELDS) if (typeof row[f] === 'string' && row[f]) fields[f] = plain(row[f]);
    const attachments: AttachmentInfo[] = (row.attachments ?? []).map((a: any) => ({ name: a.name, mime: a.mime, ext: a.ext }));
    const requiredFields = new Set<string>();
    for (const node of row.catalogueNodes ?? []) {
      const req = typeof node.requiredElements === 'string' ? JSON.parse(node.requiredElements) : node.requiredElements;
      if (Array.isArray(req)) req.forEach((f: string) => requiredFields.add(f));
    }
    const meta: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (v === null || typeof v !== 'object') meta[k] = v;
    // Only disclosure items carry 密级/公开范围/公开方式; other types are checked on their text.
    const isItem = 'secrecyLevel' in ct.attributes;
    return get().run({
      fields,
      attachments,
      meta: isItem ? (meta as any) : undefined,
      requiredFields: [...requiredFields],
      catalogueNodes: isItem && ct.attributes.catalogueNodes ? (row.catalogueNodes ?? []).length : undefined,
    });
  }

  return { get, runOnDraft, reset: () => (pipeline = null) };
};
